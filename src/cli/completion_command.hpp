#pragma once
// `mdvault completion bash|zsh|fish`: a shell completion script made from the command table,
// so it always lists the commands and options mdvault has.

#include <CLI/CLI.hpp>

#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the completion command; `app` is the top-level app whose commands it describes.
Command add_completion(CLI::App& app);

}  // namespace mdvault::cli
