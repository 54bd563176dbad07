#pragma once
// `mdvault schema validate` and `mdvault schema list` (SPEC §3).

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the schema command and its two subcommands.
Command add_schema(CLI::App& app, Context& context);

}  // namespace mdvault::cli
