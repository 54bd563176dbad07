#pragma once
// Scanning a vault folder and reading every note on all cores.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/cache/note_cache.hpp"
#include "core/config.hpp"
#include "core/diagnostic.hpp"
#include "core/file_system.hpp"
#include "core/note.hpp"

namespace mdvault::core {

/// Files above this size get file.too-large and are skipped.
inline constexpr std::uintmax_t k_max_note_bytes = 16u * 1024u * 1024u;

struct VaultOptions {
  std::string root;
  unsigned jobs = 0;                ///< 0: hardware threads
  std::vector<std::string> ignore;  ///< globs over vault-relative paths (a plain folder name works too)
  std::vector<ClassRule> class_rules;  ///< .mdvault.yaml `classes:`, for notes without fileClass
  bool keep_body = false;  ///< keep each note's body text (search); lint does not need it
  /// Fill Note::body_size and Note::body_hash (export reads the body again when it writes it).
  bool fingerprint_body = false;
  /// Read the body's facts (links, tags, tasks, inline fields, headings, block ids: the
  /// Markdown parse, most of a note's reading time). A command that needs only the text and
  /// the frontmatter (search) turns it off; such notes are not stored in the cache.
  bool body_facts = true;
  /// Called in the reading thread right after each note is read: a command may check the
  /// note there and drop what it will not need later (lint drops the frontmatter).
  std::function<void(Note&)> after_read;
  /// Notes read in an earlier run (docs/cache.md): a note whose file stamp has not changed is
  /// taken from here instead of being parsed again; what is read anew is stored back.
  cache::NoteCache* cache = nullptr;
};

/// Every note, sorted by path, and every other file (attachments).
struct Vault {
  std::string root;
  std::vector<Note> notes;
  std::vector<std::string> attachments;  ///< vault-relative paths, sorted
  std::vector<Diagnostic> diagnostics;   ///< scan-level findings (unreadable folders, loops)
  double parse_seconds = 0;

  /// The note at a vault-relative path ("Styles/Secure.md"), or nullptr.
  [[nodiscard]] const Note* find(std::string_view path) const;
};

/// The text read_note parses, made from a file's bytes: the UTF-8 byte order mark removed,
/// CRLF and lone CR turned into LF. Note::body is a suffix of it.
void normalize_note_text(std::string& bytes);

/// What read_note keeps of a note besides its frontmatter and file facts.
struct ReadNeeds {
  bool keep_body = true;          ///< the body text in Note::body
  bool fingerprint_body = false;  ///< Note::body_size and Note::body_hash
  bool body_facts = true;         ///< links, tags, tasks, inline fields, headings, block ids
};

/// Reads one note from its bytes: BOM, CRLF, encoding, frontmatter, body, frontmatter links,
/// and what `needs` asks for.
Note read_note(const std::string& path, std::string bytes, ReadNeeds needs = {});

/// A note made again from text edited in memory (the privacy policy's shared vault): the
/// file facts of `original` (size, time, classes, frontmatter findings), the given path,
/// frontmatter and body, and every other fact read from those.
Note rebuild_note(const Note& original, std::string path, std::optional<Value> frontmatter, std::string_view body,
                  bool keep_body);

/// Gives `note` another frontmatter and the facts read from it (frontmatter tags, aliases,
/// frontmatter links), keeping what its body said.
void replace_frontmatter(Note& note, std::optional<Value> frontmatter);

/// Moves `note` to another vault path (its name follows).
void rename_note(Note& note, std::string path);

/// The hash Note::body_hash holds for a body.
std::size_t body_hash(std::string_view body);

/// Classes of a note: its fileClass values (string or list), else the first matching rule.
std::vector<std::string> classes_for(const Note& note, const std::vector<ClassRule>& rules);

/// True when a note carries `tag` or one of its children (case-insensitive, '#' optional).
bool has_tag(const Note& note, std::string_view tag);

/// True when a vault-relative path matches an ignore pattern.
bool is_ignored(std::string_view path, const std::vector<std::string>& ignore);

/// Scans and reads the vault. Output never depends on `jobs`.
Vault load_vault(const VaultOptions& options, const FileSystem& fs);

}  // namespace mdvault::core
