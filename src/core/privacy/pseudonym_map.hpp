#pragma once
// The owner's key from names to pseudonyms (`--pseudonym-map FILE`): read before an export,
// extended with the names seen for the first time, written back, so a name keeps its
// pseudonym from one export to the next. The file is JSON (docs/privacy.md).

#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mdvault::core::privacy {

/// One person: the pseudonym and every name (or alias) that stands for them.
struct PseudonymEntry {
  std::string pseudonym;
  std::vector<std::string> names;
};

/// Names to pseudonyms; names equal after NFC and case folding are one name.
class PseudonymMap {
public:
  /// Reads the map from JSON text; the reason when it is not a pseudonym map.
  static std::variant<PseudonymMap, std::string> parse(std::string_view text);

  /// The map as JSON text, one person per line.
  [[nodiscard]] std::string to_json() const;

  /// The pseudonym of the person known by `names`: the one an earlier name already has,
  /// else the next free "<label> N". Every name joins that person.
  const std::string& assign(const std::vector<std::string>& names, std::string_view label);

  [[nodiscard]] const std::vector<PseudonymEntry>& entries() const { return m_entries; }
  /// True when assign() added a person or a name since parse().
  [[nodiscard]] bool changed() const { return m_changed; }

private:
  /// Adds `name` to entry `index` unless it is known already.
  void add_name(std::size_t index, const std::string& name);

  std::vector<PseudonymEntry> m_entries;
  std::map<std::string, std::size_t, std::less<>> m_by_name;  ///< folded name: entry
  std::map<std::string, std::size_t, std::less<>> m_next;     ///< label: highest number given
  bool m_changed = false;
};

}  // namespace mdvault::core::privacy
