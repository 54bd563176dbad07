#pragma once
// `mdvault query 'DQL'` / `mdvault query --file q.dql`: Dataview queries from the terminal.

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the query command.
Command add_query(CLI::App& app, Context& context);

}  // namespace mdvault::cli
