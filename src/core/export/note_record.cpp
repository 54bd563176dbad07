#include "core/export/note_record.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>
#include <variant>

#include "core/export/note_stash.hpp"
#include "core/json_value.hpp"
#include "core/link_graph.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/query/page_data.hpp"
#include "core/vault.hpp"

namespace mdvault::core::exports {

namespace {

}  // namespace

std::string scalar_text(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return {};
    case Value::Kind::string: return value.as_string();
    case Value::Kind::boolean: return value.as_bool() ? "true" : "false";
    default: return to_json_text(value);
  }
}

ExportedFrontmatter exported_frontmatter(const Note& note, const FieldFilter& filter) {
  static const Value k_empty = Value::make_map({});
  ExportedFrontmatter out;
  if (note.frontmatter && note.frontmatter->is_map()) {
    const auto& map = note.frontmatter->as_map();
    if (std::any_of(map.begin(), map.end(), [&filter](const MapEntry& e) { return filter.contains(e.key); })) {
      ValueMap kept;
      for (const auto& entry : map) {
        if (!filter.contains(entry.key)) kept.push_back(entry);
      }
      out.filtered = std::make_shared<const Value>(Value::make_map(std::move(kept), note.frontmatter->position));
      out.value = out.filtered.get();
    } else {
      out.value = &*note.frontmatter;
    }
  } else if (!note.has_frontmatter_block && !privacy::has_unreadable_frontmatter(note)) {
    out.value = &k_empty;  // no frontmatter at all; an unclosed or misplaced one stays null
  }
  return out;
}

std::string_view NoteRecord::body() const {
  if (!has_body) return {};
  return read_body ? std::string_view(*read_body) : std::string_view(note->body);
}

RecordBuilder::RecordBuilder(const LinkResolver& resolver, std::vector<const Note*> notes, ExportOptions options,
                             const NoteStash* stash)
    : m_options(std::move(options)),
      m_filter(m_options.omit_fields),
      m_notes(std::move(notes)),
      m_stash(stash),
      m_vault(resolver.vault()),
      m_graph(build_link_graph(m_vault, resolver, m_options.jobs)),
      m_exported(m_vault.notes.size(), -1) {
  m_vault_index.reserve(m_notes.size());
  for (std::size_t i = 0; i < m_notes.size(); ++i) {
    m_vault_index.push_back(note_index(m_vault, *m_notes[i]));
    m_exported[m_vault_index.back()] = static_cast<std::ptrdiff_t>(i);
  }
}

NoteRecord RecordBuilder::build(std::size_t index) const {
  const Note& note = *m_notes[index];
  NoteRecord record;
  record.note = &note;
  const StashedNote* stashed = m_stash != nullptr ? m_stash->find(note.path) : nullptr;
  if (stashed != nullptr && stashed->frontmatter_json) {
    record.frontmatter_json = *stashed->frontmatter_json;
  } else {
    record.frontmatter = exported_frontmatter(note, m_filter);
  }
  const bool drop_fm_tags = is_omitted("tags") || is_omitted("tag");
  // Repeats are dropped, the first of each kept; a set only for notes with many tags.
  const bool many = note.tags.size() > 16;
  std::unordered_set<std::string_view> seen;
  for (const bool from_frontmatter : {true, false}) {
    for (const Tag& tag : note.tags) {
      if (tag.from_frontmatter != from_frontmatter || (from_frontmatter && drop_fm_tags)) continue;
      const std::string_view name = tag.name;
      if (many ? !seen.insert(name).second
               : std::find(record.tags.begin(), record.tags.end(), name) != record.tags.end()) {
        continue;
      }
      record.tags.push_back(name);
    }
  }
  if (!is_omitted("aliases") && !is_omitted("alias")) record.aliases = note.aliases;
  // Links resolve against the whole vault; backlinks come from exported notes only (a note
  // left out must not show up as a source), listed by source path and position.
  const std::size_t at = m_vault_index[index];
  const auto& resolutions = m_graph.resolutions[at];
  for (std::size_t i = 0; i < note.links.size(); ++i) {
    const Link& link = note.links[i];
    if (!link.field.empty() && is_omitted(link.field)) continue;
    const Resolution& r = resolutions[i];
    const std::ptrdiff_t target = r.note != nullptr ? m_exported[note_index(m_vault, *r.note)] : -1;
    record.links.push_back({&link, r.note != nullptr ? std::string_view(r.note->path) : r.attachment, target});
  }
  for (const LinkRef& ref : m_graph.incoming[at]) {
    if (m_exported[ref.note] < 0) continue;
    const Note& source = m_vault.notes[ref.note];
    const Link& link = source.links[ref.link];
    if (!link.field.empty() && is_omitted(link.field)) continue;
    record.backlinks.push_back({&source, &link});
  }
  for (const InlineField& field : note.fields) {
    if (!is_omitted(field.key)) record.fields.push_back(&field);
  }
  record.has_body = m_options.body;
  if (record.has_body && stashed != nullptr && stashed->body_taken) {
    auto body = m_stash->body(note, *stashed);
    if (auto* error = std::get_if<StashError>(&body)) {
      record.error = std::move(error->message);
    } else {
      record.read_body = std::move(std::get<std::string>(body));
    }
  }
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
