#pragma once
// `mdvault links NOTE`, `links --broken | --ambiguous | --orphans`: link analysis (SPEC §4).

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the links command.
Command add_links(CLI::App& app, Context& context);

}  // namespace mdvault::cli
