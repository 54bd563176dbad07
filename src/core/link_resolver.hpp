#pragma once
// Resolving links the way Obsidian does (SPEC §4): by path suffix, then by name with
// case folding and NFC, tie-breaks, attachments, headings and block ids.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/note.hpp"
#include "core/vault.hpp"

namespace mdvault::core {

struct Resolution {
  const Note* note = nullptr;           ///< the note the link opens, or nullptr
  std::string attachment;               ///< vault path of a non-note target, when that matched
  std::vector<std::string> candidates;  ///< every candidate path when more than one matched
  std::string alias_of;                 ///< path of a note whose alias equals the target (link broken)
  bool subpath_missing = false;         ///< the #heading or #^block was not found in the note
  [[nodiscard]] bool is_resolved() const { return note != nullptr || !attachment.empty(); }
  [[nodiscard]] bool is_ambiguous() const { return candidates.size() > 1; }
};

/// What a NOTE argument of the command line names, with what a person needs to be told.
struct NoteMatch {
  const Note* note = nullptr;
  std::vector<std::string> candidates;  ///< every note of that name when several share it
  bool by_alias = false;                ///< no note has the name; it is an alias of `note`
};

/// Index over a loaded vault; cheap to query from many threads.
class LinkResolver {
public:
  explicit LinkResolver(const Vault& vault);

  [[nodiscard]] Resolution resolve(const Note& source, const Link& link) const;

  /// The vault this index was built over.
  [[nodiscard]] const Vault& vault() const { return m_vault; }

  /// Resolves a NOTE argument of the command line: a vault path, a path without ".md",
  /// or a bare name resolved like a wikilink from the vault root.
  [[nodiscard]] const Note* find_note(std::string_view argument) const;

  /// As find_note, and else the note whose alias the argument is; lists the candidates when
  /// several notes share the name (the one chosen is Obsidian's, from the vault's top folder).
  [[nodiscard]] NoteMatch match_note(std::string_view argument) const;

  /// True when a heading of `note` matches `subpath` by Obsidian's loose rule.
  [[nodiscard]] static bool has_heading(const Note& note, std::string_view heading);

private:
  /// The note at a vault path (".md" optional), case-insensitive, exact case preferred.
  [[nodiscard]] const Note* note_at(std::string_view path) const;
  /// The attachment at a vault path, case-insensitive, exact case preferred; "" when none.
  [[nodiscard]] std::string attachment_at(std::string_view path) const;
  /// Resolution by name or path suffix, with Obsidian's tie-break.
  void resolve_by_name(const Note& source, std::string_view target, Resolution& r) const;

  const Vault& m_vault;
  std::unordered_map<std::string, std::vector<const Note*>> m_by_name;     ///< fold_key(name)
  std::unordered_map<std::string, std::vector<const Note*>> m_by_alias;    ///< fold_key(alias)
  std::unordered_map<std::string, std::vector<std::string>> m_attachments;  ///< fold_key(file name)
  std::unordered_map<std::string, std::vector<const Note*>> m_by_path;      ///< fold_key(path without .md)
  std::vector<std::string> m_folded_paths;    ///< fold_key(path without .md), by note index
  std::vector<std::string> m_folded_folders;  ///< fold_key(folder), by note index

  /// The position of `note` in the vault's notes.
  [[nodiscard]] std::size_t note_index(const Note& note) const {
    return static_cast<std::size_t>(&note - m_vault.notes.data());
  }
};

}  // namespace mdvault::core
