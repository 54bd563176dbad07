#pragma once
// The `cache` command: `cache status` tells where the vault's note cache is and what it
// holds, `cache clear` removes it (docs/cache.md).

#include "cli/command_line.hpp"

namespace mdvault::cli {

/// Registers the cache command and its status and clear subcommands.
Command add_cache(CLI::App& app, Context& context);

}  // namespace mdvault::cli
