#pragma once
// A note as Dataview sees it: its frontmatter typed as Dataview types it (date-like strings
// become dates, "[[Note]]" becomes a link), its inline fields, each key also under its
// normalized name, and the `file` object (name, path, folder, link, outlinks, inlinks, tags...).

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/query/dql_value.hpp"
#include "core/vault.hpp"

namespace mdvault::core::query {

/// Dataview's canonicalizeVarName: lower case, white space to '-', other punctuation dropped.
std::string canonical_field_name(std::string_view name);

/// Dataview's parseFrontmatter: a YAML value as a Dataview value.
DqlValue frontmatter_value(const Value& value);

/// Builds and caches the page objects of a vault's notes; follows links for the evaluator.
class PageIndex {
public:
  PageIndex(const Vault& vault, const LinkResolver& resolver);

  /// The page object of a note (built on first use).
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

  const Vault& m_vault;
  const LinkResolver& m_resolver;
  std::unordered_map<const Note*, DqlValue> m_pages;
  std::unordered_map<std::string, const Note*> m_find_cache;
  bool m_links_built = false;
  std::unordered_map<const Note*, std::vector<std::string>> m_outlinks;
  std::unordered_map<std::string, std::vector<const Note*>> m_inlinks;
};

}  // namespace mdvault::core::query
