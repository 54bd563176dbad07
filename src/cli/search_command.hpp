#pragma once
// `mdvault search TEXT...`: full-text search of note bodies and frontmatter values.

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the search command.
Command add_search(CLI::App& app, Context& context);

}  // namespace mdvault::cli
