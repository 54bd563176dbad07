#pragma once
// A set of field names as the privacy settings and --omit-field name them: frontmatter keys,
// inline field keys and frontmatter field paths ("related[0]"), matched as written or by
// Dataview's normalized name, '_' and '-' alike ("Client Phone", client-phone, client_phone).

#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core::privacy {

/// Field names, matched as written or Dataview-normalized.
class FieldSet {
public:
  FieldSet() = default;
  explicit FieldSet(std::vector<std::string> names);

  [[nodiscard]] bool empty() const { return m_names.empty(); }
  [[nodiscard]] const std::vector<std::string>& names() const { return m_names; }
  /// True when `key` (or the top-level key of a field path) is in the set.
  [[nodiscard]] bool contains(std::string_view key) const;
  /// The name of the set that `key` matches (as given), or nullptr.
  [[nodiscard]] const std::string* match(std::string_view key) const;

private:
  std::vector<std::string> m_names;
  std::vector<std::string> m_canonical;  ///< m_names, Dataview-normalized
};

/// True when one of `keys` (field keys of the vault) is the field `name` names, as FieldSet
/// matches it: the check that catches a misspelt field before it silently matches nothing.
bool names_a_field(std::string_view name, const std::vector<std::string>& keys);

}  // namespace mdvault::core::privacy
