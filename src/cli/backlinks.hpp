#pragma once
// Backlinks of one note, found by resolving every link of every note. Lives in the CLI
// until the core grows a link graph.

#include <vector>

#include "core/link_resolver.hpp"
#include "core/note.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

/// One link from another note that opens the target.
struct Backlink {
  const core::Note* source = nullptr;
  const core::Link* link = nullptr;
};

/// Links of other notes that resolve to `target`, by source path then position.
std::vector<Backlink> find_backlinks(const core::Vault& vault, const core::LinkResolver& resolver,
                                     const core::Note& target);

}  // namespace mdvault::cli
