#pragma once
// `mdvault show NOTE`: one note as the tool sees it (SPEC §1).

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the show command.
Command add_show(CLI::App& app, Context& context);

}  // namespace mdvault::cli
