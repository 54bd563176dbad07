#pragma once
// A note as Dataview sees it: its frontmatter typed as Dataview types it (date-like strings
// become dates, "[[Note]]" becomes a link), its inline fields, each key also under its
// normalized name, and the `file` object (name, path, folder, link, outlinks, inlinks, tags...).

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/query/dql_value.hpp"
#include "core/query/page_shape.hpp"
#include "core/vault.hpp"

namespace mdvault::core::query {

/// Dataview's canonicalizeVarName: lower case, white space to '-', other punctuation dropped.
std::string canonical_field_name(std::string_view name);

/// Dataview's parseFrontmatter: a YAML value as a Dataview value.
DqlValue frontmatter_value(const Value& value);

/// Drops, right after each note is read, what pages of `shape` never show: the frontmatter
/// entries and inline field values the query does not name, and the read diagnostics. It
/// remembers every field key it saw, for unknown_field_warnings. One per query run; the call
/// operator is safe to run in the reading threads (VaultOptions::after_read).
class NoteTrimmer {
public:
  explicit NoteTrimmer(PageShape shape) : m_shape(std::move(shape)) {}

  void operator()(Note& note);
  /// Every frontmatter and inline field key of the notes seen, each once, in vault order (by
  /// path, then as written in the note).
  [[nodiscard]] std::vector<std::string> field_keys() const;

private:
  struct FirstSeen {
    std::string path;
    std::size_t index = 0;  ///< position among the note's keys
  };

  PageShape m_shape;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, FirstSeen> m_keys;
};

/// Builds and caches the page objects of a vault's notes; follows links for the evaluator.
/// Pages hold only the parts `shape` asks for; every link of the vault is resolved only when
/// file.outlinks/file.inlinks or a link source needs it.
class PageIndex {
public:
  PageIndex(const Vault& vault, const LinkResolver& resolver, PageShape shape = PageShape::full());

  /// The page object of a note (built on first use), with the parts the shape asks for.
  DqlValue page(const Note& note);
  /// The vault path a link path opens ("Note" -> "Folder/Note.md"), or the path unchanged.
  std::string normalize(const std::string& link_path);
  /// The note a link path opens, or nullptr.
  const Note* find(const std::string& link_path);
  /// The vault paths each note's links open (resolved once); unresolved links keep their text.
  const std::vector<std::string>& outlink_paths(const Note& note);
  /// Notes that link to `path`, in path order.
  const std::vector<const Note*>& inlinks(const std::string& path);
  [[nodiscard]] const Vault& vault() const { return m_vault; }

private:
  void build_link_index();
  DqlValue build_page(const Note& note);
  /// The field stored under `key` is needed (cached per key: keys repeat across notes).
  bool needs_field(const std::string& key);

  const Vault& m_vault;
  const LinkResolver& m_resolver;
  PageShape m_shape;
  std::vector<DqlValue> m_pages;  ///< by note index; null until built
  std::vector<bool> m_built;
  std::unordered_map<std::string, bool> m_needed_keys;
  std::unordered_map<std::string, const Note*> m_find_cache;
  bool m_links_built = false;
  std::unordered_map<const Note*, std::vector<std::string>> m_outlinks;
  std::unordered_map<std::string, std::vector<const Note*>> m_inlinks;
};

}  // namespace mdvault::core::query
