#include "core/privacy/field_set.hpp"

#include <algorithm>
#include <utility>

#include "core/query/page_data.hpp"

namespace mdvault::core::privacy {
namespace {

/// The top-level key of a frontmatter field path: "related" for "related[0]" or "related.x".
std::string_view root_key(std::string_view path) {
  const std::size_t cut = path.find_first_of("[.");
  return cut == std::string_view::npos ? path : path.substr(0, cut);
}

/// Dataview's normalized name with '_' read as '-': "Client Phone", "client-phone" and
/// "client_phone" are one field to the privacy settings (better one too many left out).
std::string loose_name(std::string_view name) {
  std::string out = query::canonical_field_name(name);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

}  // namespace

FieldSet::FieldSet(std::vector<std::string> names) : m_names(std::move(names)) {
  for (const auto& name : m_names) m_canonical.push_back(loose_name(name));
}

const std::string* FieldSet::match(std::string_view key) const {
  if (m_names.empty()) return nullptr;
  const std::string_view root = root_key(key);
  const std::string canonical_root = loose_name(root);
  const std::string canonical_key = loose_name(key);
  for (std::size_t i = 0; i < m_names.size(); ++i) {
    const auto& name = m_names[i];
    if (key == name || root == name || canonical_root == m_canonical[i] || canonical_key == m_canonical[i]) {
      return &name;
    }
  }
  return nullptr;
}

bool FieldSet::contains(std::string_view key) const { return match(key) != nullptr; }

bool names_a_field(std::string_view name, const std::vector<std::string>& keys) {
  const FieldSet wanted({std::string(name)});
  return std::any_of(keys.begin(), keys.end(), [&wanted](const std::string& key) { return wanted.contains(key); });
}

}  // namespace mdvault::core::privacy
