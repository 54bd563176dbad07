#pragma once
// Test helper: VaultOptions for an in-memory test vault.

#include <string>
#include <utility>
#include <vector>

#include "core/vault.hpp"

namespace mdvault::core::testing {

/// Options for a test vault: root, jobs, ignore globs and class rules.
inline VaultOptions vault_options(std::string root, unsigned jobs, std::vector<std::string> ignore = {},
                                  std::vector<ClassRule> rules = {}) {
  VaultOptions o;
  o.root = std::move(root);
  o.jobs = jobs;
  o.ignore = std::move(ignore);
  o.class_rules = std::move(rules);
  return o;
}

}  // namespace mdvault::core::testing
