#pragma once
// `mdvault mcp`: the vault served to an AI assistant over the Model Context Protocol on
// stdio (docs/mcp.md): read-only, the privacy policy applied unless --include-private.

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the mcp command.
Command add_mcp(CLI::App& app, Context& context);

}  // namespace mdvault::cli
