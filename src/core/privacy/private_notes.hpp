#pragma once
// Deciding which notes a privacy policy makes private, failing closed: a note is private
// when the `private` expression is true for it, when it lies under a private folder, when
// the expression cannot be evaluated for it, or when its frontmatter cannot be read.

#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/link_resolver.hpp"
#include "core/privacy/privacy_policy.hpp"
#include "core/vault.hpp"

namespace mdvault::core::privacy {

/// The policy's verdict on every note of a vault.
struct PrivateNotes {
  std::vector<bool> is_private;          ///< by index in Vault::notes
  std::vector<std::string> unreadable;   ///< private because the frontmatter could not be read
  std::vector<Diagnostic> problems;      ///< errors in the policy (it cannot be applied) and warnings
};

/// True when the note's frontmatter was meant but could not be read (a YAML error, an
/// unclosed or misplaced `---`, a duplicate key, a file that is not a note).
bool has_unreadable_frontmatter(const Note& note);

/// Applies the policy's private rules to every note. Field names the policy uses that no note
/// has are errors at their place in the settings file ("did you mean" when one is close); a
/// private folder glob that matches nothing is a warning.
PrivateNotes find_private_notes(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy);

/// Field keys of the vault (frontmatter and inline), each once, in vault order.
std::vector<std::string> vault_field_keys(const Vault& vault);

}  // namespace mdvault::core::privacy
