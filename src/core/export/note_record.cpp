#include "core/export/note_record.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/json_value.hpp"
#include "core/query/page_data.hpp"
#include "core/vault.hpp"

namespace mdvault::core::exports {

namespace {

/// The top-level key of a frontmatter field path: "related" for "related[0]" or "related.x".
std::string_view root_key(std::string_view path) {
  const std::size_t cut = path.find_first_of("[.");
  return cut == std::string_view::npos ? path : path.substr(0, cut);
}

}  // namespace

std::string scalar_text(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return {};
    case Value::Kind::string: return value.as_string();
    case Value::Kind::boolean: return value.as_bool() ? "true" : "false";
    default: return to_json_text(value);
  }
}

RecordBuilder::RecordBuilder(const LinkResolver& resolver, std::vector<const Note*> notes,
                             ExportOptions options)
    : m_options(std::move(options)), m_notes(std::move(notes)) {
  for (const auto& name : m_options.omit_fields) m_omit_canonical.push_back(query::canonical_field_name(name));

  std::unordered_map<const Note*, std::ptrdiff_t> index;
  for (std::size_t i = 0; i < m_notes.size(); ++i) index.emplace(m_notes[i], static_cast<std::ptrdiff_t>(i));
  m_resolved.resize(m_notes.size());
  m_backlinks.resize(m_notes.size());
  // Links resolve against the whole vault; backlinks come from exported notes only (a note
  // left out must not show up as a source). Sources in path order keep each backlink list
  // sorted by source path and position.
  for (std::size_t i = 0; i < m_notes.size(); ++i) {
    const Note& source = *m_notes[i];
    auto* resolved = &m_resolved[i];
    for (const Link& link : source.links) {
      const Resolution r = resolver.resolve(source, link);
      std::ptrdiff_t target = -1;
      if (r.note != nullptr) {
        if (const auto it = index.find(r.note); it != index.end()) target = it->second;
      }
      resolved->emplace_back(r.note != nullptr ? r.note->path : r.attachment, target);
      if (target >= 0 && r.note != &source) {
        m_backlinks[static_cast<std::size_t>(target)].push_back({&source, &link});
      }
    }
  }
}

bool RecordBuilder::is_omitted(std::string_view key) const {
  if (m_options.omit_fields.empty()) return false;
  const std::string_view root = root_key(key);
  for (std::size_t i = 0; i < m_options.omit_fields.size(); ++i) {
    const auto& name = m_options.omit_fields[i];
    if (key == name || root == name) return true;
    if (query::canonical_field_name(root) == m_omit_canonical[i] || query::canonical_field_name(key) == m_omit_canonical[i]) {
      return true;
    }
  }
  return false;
}

NoteRecord RecordBuilder::build(std::size_t index) const {
  const Note& note = *m_notes[index];
  NoteRecord record;
  record.note = &note;
  record.classes = note.classes;
  static const Value k_empty = Value::make_map({});
  if (note.frontmatter && note.frontmatter->is_map()) {
    const auto& map = note.frontmatter->as_map();
    if (std::any_of(map.begin(), map.end(), [this](const MapEntry& e) { return is_omitted(e.key); })) {
      ValueMap kept;
      for (const auto& entry : map) {
        if (!is_omitted(entry.key)) kept.push_back(entry);
      }
      record.filtered = std::make_shared<const Value>(Value::make_map(std::move(kept), note.frontmatter->position));
      record.frontmatter = record.filtered.get();
    } else {
      record.frontmatter = &*note.frontmatter;
    }
  } else if (!note.has_frontmatter_block) {
    record.frontmatter = &k_empty;
  }
  const bool drop_fm_tags = is_omitted("tags") || is_omitted("tag");
  std::unordered_set<std::string> seen;
  for (const bool from_frontmatter : {true, false}) {
    for (const Tag& tag : note.tags) {
      if (tag.from_frontmatter != from_frontmatter || (from_frontmatter && drop_fm_tags)) continue;
      if (seen.insert(tag.name).second) record.tags.push_back(tag.name);
    }
  }
  if (!is_omitted("aliases") && !is_omitted("alias")) record.aliases = note.aliases;
  const auto& resolved = m_resolved[index];
  for (std::size_t i = 0; i < note.links.size(); ++i) {
    const Link& link = note.links[i];
    if (!link.field.empty() && is_omitted(link.field)) continue;
    record.links.push_back({&link, resolved[i].first, resolved[i].second});
  }
  for (const auto& backlink : m_backlinks[index]) {
    if (!backlink.link->field.empty() && is_omitted(backlink.link->field)) continue;
    record.backlinks.push_back(backlink);
  }
  for (const InlineField& field : note.fields) {
    if (!is_omitted(field.key)) record.fields.push_back(&field);
  }
  record.has_body = m_options.body;
  return record;
}

std::vector<std::string> RecordBuilder::frontmatter_keys() const {
  std::vector<std::string> keys;
  std::unordered_set<std::string> seen;
  for (const Note* note : m_notes) {
    if (!note->frontmatter || !note->frontmatter->is_map()) continue;
    for (const auto& entry : note->frontmatter->as_map()) {
      if (!is_omitted(entry.key) && seen.insert(entry.key).second) keys.push_back(entry.key);
    }
  }
  return keys;
}

std::size_t RecordBuilder::omitted_fields_in_bodies() const {
  if (!m_options.body || m_options.omit_fields.empty()) return 0;
  return static_cast<std::size_t>(std::count_if(m_notes.begin(), m_notes.end(), [this](const Note* note) {
    return std::any_of(note->fields.begin(), note->fields.end(),
                       [this](const InlineField& field) { return is_omitted(field.key); });
  }));
}

}  // namespace mdvault::core::exports
