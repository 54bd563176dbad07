#pragma once
// What an export keeps of each note while the vault is read, so that it need not hold every
// note's frontmatter values and text in memory until writing (the memory target of SPEC §7):
// the frontmatter already written as JSON, and the body's size and hash, to read the body
// again from disk when the note's turn comes and to notice a file changed meanwhile.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <set>
#include <unordered_map>
#include <vector>
#include <variant>

#include "core/export/note_record.hpp"
#include "core/file_system.hpp"
#include "core/note.hpp"

namespace mdvault::core::exports {

/// What the stash set aside for one note.
struct StashedNote {
  std::optional<std::string> frontmatter_json;  ///< the exported frontmatter as JSON (null, {} or a map)
  bool body_taken = false;      ///< the body was dropped: read it again with NoteStash::body
  std::size_t body_size = 0;    ///< bytes of the body when read
  std::size_t body_hash = 0;    ///< core::body_hash of the body when read
};

/// Why a stashed body cannot be given back.
struct StashError {
  std::string message;
};

/// Thread-safe: take() runs in the reading threads (VaultOptions::after_read).
class NoteStash {
public:
  /// `frontmatter`: write each note's frontmatter as JSON (under `filter`) and drop its values;
  /// `body`: keep each body's fingerprint (the vault is read with fingerprint_body, without
/// keep_body). `root` and `fs` are where the vault was read.
  NoteStash(FieldFilter filter, bool frontmatter, bool body, std::string root, const FileSystem& fs);

  /// Sets aside what was asked for (dropping the frontmatter values from `note`).
  void take(Note& note);
  /// The frontmatter keys of the notes whose frontmatter was set aside, sorted.
  [[nodiscard]] std::vector<std::string> frontmatter_keys() const;
  /// What was set aside for the note at `path`, or nullptr.
  [[nodiscard]] const StashedNote* find(const std::string& path) const;
  /// The body of `note`, read again from disk; an error when the file cannot be read or no
  /// longer holds the body that was read before.
  [[nodiscard]] std::variant<std::string, StashError> body(const Note& note, const StashedNote& stashed) const;

private:
  FieldFilter m_filter;
  bool m_frontmatter;
  bool m_body;
  std::string m_root;
  const FileSystem& m_fs;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, StashedNote> m_notes;  ///< by vault path
  std::set<std::string> m_keys;  ///< frontmatter keys of the notes taken (frontmatter mode)
};

}  // namespace mdvault::core::exports
