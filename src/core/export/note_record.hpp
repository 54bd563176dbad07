#pragma once
// The record every export format writes for one note (SPEC §7): path, name, classes,
// typed frontmatter, tags, aliases, headings, links (resolved), backlinks, tasks, inline
// fields and body, after the privacy options (--omit-field, --no-body) are applied.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/link_graph.hpp"
#include "core/link_resolver.hpp"
#include "core/privacy/field_set.hpp"
#include "core/note.hpp"
#include "core/value.hpp"
#include "core/vault.hpp"

namespace mdvault::core::exports {

/// The version written into every export (JSON "version", SQLite user_version).
inline constexpr int k_export_version = 1;

/// What goes into the records.
struct ExportOptions {
  bool body = true;                      ///< keep the body text (--no-body clears it)
  std::vector<std::string> omit_fields;  ///< frontmatter and inline field names left out everywhere
  std::vector<std::string> csv_fields;   ///< CSV columns after path and name; empty: every frontmatter key
  bool csv_bom = true;                   ///< start the CSV with a UTF-8 byte order mark (for Excel)
  unsigned jobs = 0;                     ///< threads that turn notes into text; 0: all cores
};

/// The fields --omit-field leaves out (and the privacy policy's `omit`).
using FieldFilter = privacy::FieldSet;

/// A note's frontmatter as exported: the map without omitted keys, `{}` for a note without
/// a frontmatter block, nullptr when the block could not be read (a YAML error, an unclosed
/// or misplaced `---`).
struct ExportedFrontmatter {
  const Value* value = nullptr;
  std::shared_ptr<const Value> filtered;  ///< holds the map `value` points to when keys were omitted
};

/// The frontmatter of `note` as exported under `filter`.
ExportedFrontmatter exported_frontmatter(const Note& note, const FieldFilter& filter);

/// One outgoing link and where it leads.
struct LinkRecord {
  const Link* link = nullptr;
  std::string_view resolved;     ///< vault path of the note or attachment it opens; empty when broken
  std::ptrdiff_t resolved_note = -1;  ///< index of the note it opens in the exported list, or -1
};

/// One link of another note that opens this note.
struct BacklinkRecord {
  const Note* source = nullptr;
  const Link* link = nullptr;
};

class NoteStash;

/// Everything exported about one note. Pointers refer into the loaded vault.
struct NoteRecord {
  const Note* note = nullptr;  ///< its path, name, classes, headings and tasks are exported as they are
  /// The frontmatter as exported (see ExportedFrontmatter); unset when the stash holds it
  /// as JSON text already (frontmatter_json).
  ExportedFrontmatter frontmatter;
  std::string_view frontmatter_json;  ///< the frontmatter written by the stash, or empty
  std::vector<std::string_view> tags;  ///< frontmatter then body, as written, without '#', duplicates dropped
  std::span<const std::string> aliases;  ///< the note's aliases, or none when omitted
  std::vector<LinkRecord> links;     ///< in file order, without links from omitted fields
  std::vector<BacklinkRecord> backlinks;  ///< by source path, then position
  std::vector<const InlineField*> fields;  ///< inline fields, without omitted keys
  bool has_body = false;             ///< the body is exported (not --no-body)
  std::optional<std::string> read_body;  ///< the body read again from disk (see NoteStash)
  std::string error;  ///< why this note cannot be exported (its file changed meanwhile); empty when fine

  /// The exported body text (empty without has_body).
  [[nodiscard]] std::string_view body() const;
};

/// Builds records for a chosen list of notes; resolves every link of the vault once.
class RecordBuilder {
public:
  /// `notes` are the notes to export, sorted by path, pointing into resolver.vault(); links
  /// resolve against the whole vault, backlinks come from the exported notes only. With a
  /// `stash`, frontmatter and bodies the reading threads set aside are taken from it.
  RecordBuilder(const LinkResolver& resolver, std::vector<const Note*> notes, ExportOptions options,
                const NoteStash* stash = nullptr);

  [[nodiscard]] const std::vector<const Note*>& notes() const { return m_notes; }
  [[nodiscard]] const ExportOptions& options() const { return m_options; }
  /// The record of notes()[index]; its `error` says when it cannot be written.
  [[nodiscard]] NoteRecord build(std::size_t index) const;
  /// True when `key` (a frontmatter key, inline field key or field path) is left out by --omit-field.
  [[nodiscard]] bool is_omitted(std::string_view key) const { return m_filter.contains(key); }
  /// Frontmatter keys of the exported notes (omitted ones left out), in order of first
  /// appearance, notes taken in path order.
  [[nodiscard]] std::vector<std::string> frontmatter_keys() const;
  /// Number of exported notes whose body still holds an omitted inline field.
  [[nodiscard]] std::size_t omitted_fields_in_bodies() const;

private:
  ExportOptions m_options;
  FieldFilter m_filter;
  std::vector<const Note*> m_notes;
  const NoteStash* m_stash = nullptr;
  const Vault& m_vault;
  LinkGraph m_graph;                      ///< every link of the vault, resolved once
  std::vector<std::ptrdiff_t> m_exported;  ///< by vault index: index in m_notes, or -1
  std::vector<std::size_t> m_vault_index;  ///< by index in m_notes: index in the vault
};

/// Called after each note is written: notes written so far and the total (may be empty).
using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// The Value of a frontmatter key's scalar or list item as plain text: strings as they
/// are, numbers and booleans as YAML writes them, null empty, lists and maps as JSON.
std::string scalar_text(const Value& value);

}  // namespace mdvault::core::exports
