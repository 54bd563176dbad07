#pragma once
// The names a privacy policy replaces: every value of a `pseudonymize` field, and, when the
// value links to a note, that note's file name, title and aliases (docs/privacy.md).

#include <string>
#include <string_view>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/privacy/privacy_policy.hpp"
#include "core/vault.hpp"

namespace mdvault::core::privacy {

/// The names of one person, and the word their pseudonym is made of ("Client").
struct NameGroup {
  std::vector<std::string> names;
  std::string label;
};

/// The note name a link target names: its last segment without ".md" ("Clients/Jane Doe.md"
/// gives "Jane Doe").
std::string_view target_name(std::string_view target);

/// The label of a field's pseudonyms: "client" gives "Client", "care_giver" "Care giver".
std::string pseudonym_label(std::string_view field);

/// Every person the policy's `pseudonymize` fields name, in the order the vault first names
/// them; names shared by two values (or a value and a linked note's alias) make one person.
std::vector<NameGroup> collect_names(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy);

}  // namespace mdvault::core::privacy
