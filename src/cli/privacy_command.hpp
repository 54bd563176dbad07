#pragma once
// The `privacy` command: `privacy check PATH...` looks through files for what the privacy
// policy withholds (docs/privacy.md).

#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the privacy command and its check subcommand.
Command add_privacy(CLI::App& app, Context& context);

}  // namespace mdvault::cli
