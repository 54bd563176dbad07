#pragma once
// The `privacy:` section of .mdvault.yaml: which notes are private, which fields are left
// out, and which fields hold names to replace with pseudonyms (docs/privacy.md).

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core::privacy {

/// One setting of the policy as written, with its place in the settings file.
struct PolicyItem {
  std::string text;
  Position position;
};

/// What the owner withholds when the vault is shared.
struct PrivacyPolicy {
  std::string file;                          ///< the settings file, for messages
  std::optional<PolicyItem> private_expr;    ///< a Dataview expression: true means private
  std::vector<PolicyItem> private_folders;   ///< globs over vault paths: every note there is private
  std::vector<PolicyItem> omit;              ///< fields left out everywhere
  std::vector<PolicyItem> pseudonymize;      ///< fields whose values are names
};

/// Reads the value of `privacy:`. Unknown keys, wrong shapes and expressions that do not
/// parse go to `diagnostics` (rule "config", with file positions).
PrivacyPolicy parse_privacy_policy(const Value& value, const std::string& file, std::vector<Diagnostic>& diagnostics);

}  // namespace mdvault::core::privacy
