#include "core/export/note_stash.hpp"

#include <string_view>
#include <utility>

#include "core/export/json_export.hpp"
#include "core/vault.hpp"

namespace mdvault::core::exports {

NoteStash::NoteStash(FieldFilter filter, bool frontmatter, bool body, std::string root, const FileSystem& fs)
    : m_filter(std::move(filter)), m_frontmatter(frontmatter), m_body(body), m_root(std::move(root)), m_fs(fs) {}

void NoteStash::take(Note& note) {
  if (!note.readable) return;  // left out of every export: nothing to keep
  StashedNote stashed;
  std::vector<std::string> keys;
  if (m_frontmatter && note.frontmatter && note.frontmatter->is_map()) {
    for (const auto& entry : note.frontmatter->as_map()) keys.push_back(entry.key);
  }
  if (m_frontmatter) {
    stashed.frontmatter_json = frontmatter_json_text(exported_frontmatter(note, m_filter).value);
    note.frontmatter.reset();
  }
  if (m_body) {
    stashed.body_taken = true;
    stashed.body_size = note.body_size;
    stashed.body_hash = note.body_hash;
  }
  const std::lock_guard lock(m_mutex);
  m_notes.insert_or_assign(note.path, std::move(stashed));
  m_keys.insert(std::make_move_iterator(keys.begin()), std::make_move_iterator(keys.end()));
}

std::vector<std::string> NoteStash::frontmatter_keys() const {
  const std::lock_guard lock(m_mutex);
  return {m_keys.begin(), m_keys.end()};
}

const StashedNote* NoteStash::find(const std::string& path) const {
  const std::lock_guard lock(m_mutex);
  const auto it = m_notes.find(path);
  return it == m_notes.end() ? nullptr : &it->second;
}

std::variant<std::string, StashError> NoteStash::body(const Note& note, const StashedNote& stashed) const {
  const std::string changed = "'" + note.path + "' changed while it was being exported; run the export again";
  ReadResult read = m_fs.read(m_root, note.path, k_max_note_bytes);
  if (!read.ok) return StashError{"cannot read '" + note.path + "' again to export its text: " + read.error};
  normalize_note_text(read.bytes);
  if (read.bytes.size() < stashed.body_size) return StashError{changed};
  read.bytes.erase(0, read.bytes.size() - stashed.body_size);
  if (body_hash(read.bytes) != stashed.body_hash) return StashError{changed};
  return std::move(read.bytes);
}

}  // namespace mdvault::core::exports
