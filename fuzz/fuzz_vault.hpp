#pragma once
// A small in-memory vault, read once, that the query and note targets run against.

#include "core/link_resolver.hpp"
#include "core/vault.hpp"

namespace mdvault::fuzz {

/// Four notes with frontmatter of every kind, inline fields, tasks, tags and links, and one
/// attachment; read on first use.
const core::Vault& fuzz_vault();

/// The link resolver over fuzz_vault().
const core::LinkResolver& fuzz_resolver();

}  // namespace mdvault::fuzz
