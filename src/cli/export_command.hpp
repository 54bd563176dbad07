#pragma once
// `mdvault export --format json|jsonl|csv|sqlite --out PATH`: the vault, or the notes a DQL
// --where / --from chooses, for other programs (SPEC §7, docs/export-format.md).

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the export command.
Command add_export(CLI::App& app, Context& context);

}  // namespace mdvault::cli
