#pragma once
// `mdvault stats`: counts of notes, classes, fields, tags and links, and the parse time.

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the stats command.
Command add_stats(CLI::App& app, Context& context);

}  // namespace mdvault::cli
