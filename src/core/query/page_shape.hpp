#pragma once
// Which parts of a page object a query can observe. A query names the fields it reads
// (`status`, `file.name`, `row["x"]`); unless it also looks at a page or its `file` object as a
// whole (`row[expr]`, `extract(file, ...)`, GROUP BY's `rows`), pages need only those names,
// and building the rest (links resolved, tags, tasks...) for every note is wasted work.

#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "core/query/ast.hpp"

namespace mdvault::core::query {

/// The parts of the page objects a query needs; `full()` is everything Dataview builds.
struct PageShape {
  bool all_fields = true;                   ///< every frontmatter and inline field
  bool whole_file = true;                   ///< every member of the `file` object
  std::set<std::string, std::less<>> names; ///< field names and `file` members the query reads

  /// Every field and every `file` member.
  static PageShape full() { return PageShape{}; }
  /// The field stored under `key` (raw or normalized) is needed.
  [[nodiscard]] bool needs_name(std::string_view key) const { return all_fields || names.count(key) > 0; }
  /// The `file` member `member` is needed.
  [[nodiscard]] bool needs_file(std::string_view member) const { return whole_file || names.count(member) > 0; }
  /// file.outlinks or file.inlinks is needed (every link of the vault must be resolved).
  [[nodiscard]] bool needs_links() const { return needs_file("outlinks") || needs_file("inlinks"); }
};

/// The page parts `query` can observe: the names it reads, or everything when it looks at a
/// page or `file` as a whole. Always includes `file.day` (date(link) reads it from linked pages).
PageShape page_shape(const Query& query);

} // namespace mdvault::core::query
