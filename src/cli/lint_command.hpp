#pragma once
// `mdvault lint [PATH...]`: checks notes against schemas and links (SPEC §5).

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the lint command.
Command add_lint(CLI::App& app, Context& context);

/// The note a NOTE argument names (a name, a path without ".md", or an alias); says on stderr
/// when it was an alias, or which of several notes of that name was chosen and why.
const core::Note* find_named_note(const Context& context, const std::string& command,
                                  const std::string& argument);

/// Turns a PATH or NOTE argument into a vault-relative note or folder path ("" for the
/// whole vault): a path from the working directory, a vault path, or a note name.
/// Prints a "did you mean" and returns nothing when it names nothing in the vault.
std::optional<std::string> find_lint_target(const Context& context, const std::string& command,
                                            const std::string& argument);

}  // namespace mdvault::cli
