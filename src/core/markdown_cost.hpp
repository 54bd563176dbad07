#pragma once
// What cmark-gfm 0.29.0.gfm.6 (Debian 12) would cost on a body, told in one linear pass over
// its bytes before parsing, and a copy of the body it parses in bounded time (docs/reading.md,
// "Hostile Markdown"). The shapes and their constants were measured on the bare library.

#include <cstddef>
#include <string>
#include <string_view>

namespace mdvault::core {

/// Predicted work of cmark-gfm on one body, by the shape that causes it.
struct MarkdownCost {
  double nest_seconds = 0;   ///< container depth times inline nodes, blank and lazy lines
  double table_seconds = 0;  ///< table cells: rows times header columns
  double html_seconds = 0;   ///< unclosed `<?`, `<!X`, `<![CDATA[` rescanned to the paragraph end
  std::size_t nodes = 0;     ///< tree nodes cmark-gfm would build (memory: about 210 bytes each)
  long depth = 0;            ///< the deepest container nesting (block quotes, list items)
  long depth_line = 0;       ///< 1-based line of the body where that depth is first reached
  long table_line = 0;       ///< line of the costliest table's header, 0 when none
  long html_line = 0;        ///< line of the first unclosed raw HTML opener, 0 when none
  long nodes_line = 0;       ///< line where the node count passes the cap, 0 when it never does

  [[nodiscard]] double seconds() const { return nest_seconds + table_seconds + html_seconds; }
};

/// Above this predicted time a body is parsed from its neutralised copy.
inline constexpr double k_markdown_budget_seconds = 1.0;
/// Deeper containers are made text in the neutralised copy.
inline constexpr long k_markdown_max_depth = 32;
/// Above this many predicted nodes (about 200 MiB of tree) cmark-gfm is not run at all.
inline constexpr std::size_t k_markdown_max_nodes = 1'000'000;

/// One pass over `body` (lines split at '\n'); never allocates more than a small stack.
MarkdownCost estimate_markdown_cost(std::string_view body);

/// True when `cost` is over the time budget (then parse `neutralise_markdown`'s copy).
bool is_over_budget(const MarkdownCost& cost);

/// A copy of `body` with the same length and line breaks in which the costly constructs are
/// text: a container marker past depth k_markdown_max_depth, the delimiter row of a table
/// whose cells cost too much, and every raw HTML opener that nothing closes before its
/// paragraph ends (cmark-gfm would not read those as HTML either). Each neutralised byte
/// becomes `fill`.
std::string neutralise_markdown(std::string_view body, char fill);

}  // namespace mdvault::core
