#include "core/privacy/names.hpp"

#include <numeric>
#include <unordered_map>

#include "core/link_graph.hpp"
#include "core/privacy/field_set.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::privacy {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Collects people, joining those that share a name (union-find over folded names).
class PeopleBuilder {
public:
  /// One person known by `names` (empty names are skipped).
  void add(std::vector<std::string> names, const std::string& label) {
    std::vector<std::string> kept;
    for (auto& name : names) {
      if (!trim(name).empty()) kept.emplace_back(trim(name));
    }
    if (kept.empty()) return;
    const std::size_t group = m_groups.size();
    m_groups.push_back({{}, label});
    m_parent.push_back(group);
    for (auto& name : kept) {
      const auto [it, inserted] = m_by_name.emplace(fold_key(name), group);
      if (inserted) {
        m_groups[group].names.push_back(std::move(name));
      } else {
        join(it->second, group);
      }
    }
  }

  /// The people, each group's names in the order first seen, earlier groups first.
  std::vector<NameGroup> take() {
    std::vector<NameGroup> out;
    std::unordered_map<std::size_t, std::size_t> slot;  // root group: index in out
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
      const std::size_t root = find(g);
      auto [it, inserted] = slot.emplace(root, out.size());
      if (inserted) out.push_back({{}, m_groups[root].label});
      auto& names = out[it->second].names;
      for (auto& name : m_groups[g].names) names.push_back(std::move(name));
    }
    return out;
  }

private:
  std::size_t find(std::size_t g) {
    while (m_parent[g] != g) g = m_parent[g] = m_parent[m_parent[g]];
    return g;
  }
  void join(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) m_parent[std::max(a, b)] = std::min(a, b);
  }

  std::vector<NameGroup> m_groups;
  std::vector<std::size_t> m_parent;
  std::unordered_map<std::string, std::size_t> m_by_name;
};

/// The names one value stands for: the text itself, or a linked note's names.
std::vector<std::string> names_of_text(std::string_view text, const Note& note, const LinkResolver& resolver) {
  std::vector<std::string> names;
  const auto spans = find_wikilinks(text);
  if (spans.empty()) {
    names.emplace_back(trim(text));
    return names;
  }
  for (const auto& span : spans) {
    const LinkParts parts = split_link_text(span.inner(text));
    if (!has_destination(parts)) continue;
    names.emplace_back(target_name(parts.target));
    if (parts.has_display) names.emplace_back(trim(parts.display));
    Link link;
    link.kind = LinkKind::wikilink;
    link.target = parts.target;
    const Resolution r = resolver.resolve(note, link);
    if (r.note != nullptr) {
      names.push_back(r.note->name);
      names.push_back(note_title(*r.note));
      names.insert(names.end(), r.note->aliases.begin(), r.note->aliases.end());
    }
  }
  return names;
}

/// Walks a frontmatter value: every string (in lists and maps too) is one person.
void add_value(const Value& value, const Note& note, const LinkResolver& resolver, const std::string& label,
               PeopleBuilder& people) {
  if (value.is_string()) {
    people.add(names_of_text(value.as_string(), note, resolver), label);
  } else if (value.is_list()) {
    for (const auto& item : value.as_list()) add_value(item, note, resolver, label, people);
  } else if (value.is_map()) {
    for (const auto& entry : value.as_map()) add_value(entry.value, note, resolver, label, people);
  }
}

}  // namespace

std::string_view target_name(std::string_view target) {
  if (const std::size_t slash = target.rfind('/'); slash != std::string_view::npos) target.remove_prefix(slash + 1);
  if (target.size() > 3 && target.ends_with(".md")) target.remove_suffix(3);
  return trim(target);
}

std::string pseudonym_label(std::string_view field) {
  std::string label;
  for (const char c : field) label += (c == '_' || c == '-') ? ' ' : c;
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

std::vector<NameGroup> collect_names(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy) {
  std::vector<std::string> fields;
  for (const auto& item : policy.pseudonymize) fields.push_back(item.text);
  const FieldSet wanted(fields);
  PeopleBuilder people;
  if (wanted.empty()) return people.take();
  for (const auto& note : vault.notes) {
    if (note.frontmatter && note.frontmatter->is_map()) {
      for (const auto& entry : note.frontmatter->as_map()) {
        if (const std::string* field = wanted.match(entry.key)) {
          add_value(entry.value, note, resolver, pseudonym_label(*field), people);
        }
      }
    }
    for (const auto& inline_field : note.fields) {
      if (const std::string* field = wanted.match(inline_field.key)) {
        people.add(names_of_text(inline_field.value, note, resolver), pseudonym_label(*field));
      }
    }
  }
  return people.take();
}

}  // namespace mdvault::core::privacy
