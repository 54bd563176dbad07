#pragma once
// `mdvault graph`: the link graph as dot, mermaid, json or graphml (SPEC §4).

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the graph command.
Command add_graph(CLI::App& app, Context& context);

}  // namespace mdvault::cli
