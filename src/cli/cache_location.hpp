#pragma once
// Where the note cache lives and which build wrote it (docs/cache.md).

#include <optional>
#include <string>

#include "cli/cli_context.hpp"

namespace mdvault::cli {

/// The cache folder: --cache-dir, else $MDVAULT_CACHE_DIR, else $XDG_CACHE_HOME/mdvault, else
/// ~/.cache/mdvault; nothing when none of them can be found (no HOME).
std::optional<std::string> cache_folder(const GlobalOptions& options);

/// What tells one build of mdvault from another: the version, the cache's format and the
/// program file's size and modification time (a rebuilt binary starts a new cache).
std::string cache_identity();

}  // namespace mdvault::cli
