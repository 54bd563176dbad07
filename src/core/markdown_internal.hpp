#pragma once
// What the markdown*.cpp files share: the body reader, the records it keeps of the cmark-gfm
// tree and the small character tests. Only the markdown*.cpp files include this header (it
// includes cmark-gfm). How the body is read: markdown.cpp.

#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/markdown_cost.hpp"
#include "core/note.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::markdown_detail {

inline constexpr std::size_t k_npos = std::string::npos;
// Stands for every byte of code and HTML in the scan copy: no rule starts or goes on there.
inline constexpr char k_code_fill = '\x01';
// Stands for a byte cmark-gfm must not read as markup, in the text given to it when the note
// is too costly (markdown_cost.hpp): text to cmark, and never a space (no indentation).
inline constexpr char k_neutral_fill = '\x02';

// How cmark-gfm reads a body, after the cost model (markdown_guard.cpp).
enum class Guard {
  none,         ///< as it is
  neutralised,  ///< from `neutralise_markdown`'s copy: over the time budget
  raw,          ///< not at all: over the node cap; code fences and spans found line by line
};

struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* it) const { cmark_iter_free(it); }
};
using DocumentPtr = std::unique_ptr<cmark_node, NodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

// The cmark-gfm tree of `text` (markdown_tree.cpp).
DocumentPtr parse_markdown(const std::string& text);

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_ascii_punct(char c) { return c >= '!' && c <= '~' && !is_digit(c) && !is_ascii_alpha(c); }

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// Columns of one line, counted forward from the last answer (linear for a left-to-right
// pass over the line; starts over when asked about an earlier byte).
class ColumnCounter {
public:
  explicit ColumnCounter(std::string_view line) : m_line(line) {}
  int at(std::size_t offset) {
    offset = std::min(offset, m_line.size());
    if (offset < m_offset) {
      m_offset = 0;
      m_column = 1;
    }
    m_column += column_at(m_line.substr(m_offset), offset - m_offset) - 1;
    m_offset = offset;
    return m_column;
  }

private:
  std::string_view m_line;
  std::size_t m_offset = 0;
  int m_column = 1;
};

enum class LeafKind { paragraph, heading, cell };

// One inline node of the leaf being read, with the position cmark reported.
struct InlineRecord {
  cmark_node* node = nullptr;
  cmark_node_type type = CMARK_NODE_NONE;
  long start_line = 0;
  long start_column = 0;
  long end_line = 0;
  long end_column = 0;
  bool exit = false;   ///< the end of a link or image (newlines in its syntax)
  long line = 0;       ///< the source line where the node starts (see place_lines)
  long last_line = 0;  ///< the source line where it ends
};

// A block whose inline content is being read: paragraph, heading or table cell.
struct Leaf {
  LeafKind kind = LeafKind::paragraph;
  cmark_node* node = nullptr;
  long first = 1;  ///< text lines (1-based) of the block; first > last when unknown
  long last = 0;
  long start_column = 0;       ///< cmark's column of the block on line `first`, when trusted
  bool trusted = false;        ///< cmark's positions are right on line `first`
  long item_line = 0;          ///< the line of the list item marker when this starts an item
  std::size_t cell_begin = 0;  ///< byte range of a table cell
  std::size_t cell_end = 0;
  bool has_cell = false;
  std::vector<InlineRecord> inlines;
};

// A list item, for tasks.
struct ItemRecord {
  long line = 0;
  long column = 0;
};

// What a located inline node must start with in the source.
enum class Expect { bracket, image, html };

// Reads one body into the facts of a note. Its members are defined by concern:
// markdown.cpp (the run, lines, wikilinks, results), markdown_masking.cpp (comments,
// code, math, HTML), markdown_tree.cpp (the cmark tree, tables), markdown_inline_positions.cpp
// (placing inline nodes), markdown_leaf_facts.cpp (Markdown links, headings, block ids),
// markdown_tasks.cpp, markdown_tags.cpp and markdown_inline_fields.cpp.
class BodyReader {
public:
  BodyReader(std::string_view body, int first_line) : m_body(body), m_first_line(first_line) {}

  void read(Note& note);

private:
  // ---- lines (markdown.cpp) ---------------------------------------------------------------

  void index_lines();
  [[nodiscard]] bool has_line(long line) const {
    return line >= 1 && static_cast<std::size_t>(line) <= m_line_starts.size();
  }
  [[nodiscard]] std::size_t line_begin(long line) const { return m_line_starts[static_cast<std::size_t>(line - 1)]; }
  [[nodiscard]] std::size_t line_end(long line) const {
    const auto next = static_cast<std::size_t>(line);
    return next < m_line_starts.size() ? m_line_starts[next] - 1 : m_plain.size();
  }
  [[nodiscard]] int file_line(long line) const { return m_first_line + static_cast<int>(line) - 1; }
  [[nodiscard]] std::string_view body_line(long line) const {
    const std::size_t b = line_begin(line);
    return std::string_view(m_body).substr(b, line_end(line) - b);
  }
  int column_of(long line, std::size_t pos);
  [[nodiscard]] std::size_t skip_prefix(std::size_t p, std::size_t e) const {
    while (p < e && (is_space(m_plain[p]) || m_plain[p] == '>')) {
      ++p;
    }
    return p;
  }
  [[nodiscard]] std::size_t skip_marker(std::size_t p, std::size_t e) const;

  // ---- the guard in front of cmark-gfm (markdown_guard.cpp) -----------------------------

  void choose_guard();
  [[nodiscard]] DocumentPtr parse_guarded(const std::string& text) const;
  void mask_without_tree();
  void report_guard(Note& note) const;

  // ---- comments, code, math, HTML (markdown_masking.cpp) ----------------------------------

  void fill_scan(std::size_t b, std::size_t e);
  void fill_lines(long first, long last);
  std::string strip_comments();
  [[nodiscard]] std::string visible(std::size_t b, std::size_t e) const;
  void fill_code_spans(std::size_t b, std::size_t e);
  void fill_math(std::size_t b, std::size_t e);
  void fill_code_block(cmark_node* node);
  [[nodiscard]] bool is_closing_fence(long line, char fence, int length) const;
  void fill_html_block(cmark_node* node);
  void fill_html_inline(const InlineRecord& rec);

  // ---- the cmark tree (markdown_tree.cpp) -------------------------------------------------

  [[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>> split_row(long line) const;
  void begin_leaf(LeafKind kind, cmark_node* node);
  void begin_row(cmark_node* row);
  void walk(cmark_node* root, bool facts);
  [[nodiscard]] long setext_underline(long start, long end) const;

  // ---- placing inline nodes (markdown_inline_positions.cpp) -------------------------------

  [[nodiscard]] std::size_t content_start(long line) const;
  [[nodiscard]] bool starts_with_expected(std::size_t pos, std::size_t end, Expect expect,
                                          std::string_view html) const;
  std::size_t locate(const InlineRecord& rec, Expect expect, std::string_view html);
  [[nodiscard]] std::optional<long> delta_of(long line) const;
  void place_lines();
  void finish_leaf();

  // ---- Markdown links, headings, block ids (markdown_leaf_facts.cpp) ----------------------

  void read_markdown_link(const InlineRecord& rec);
  void read_block_id(long line);
  void read_heading();

  // ---- tasks (markdown_tasks.cpp) ---------------------------------------------------------

  void read_tasks();
  [[nodiscard]] std::size_t skip_task_box(std::size_t p, std::size_t e) const;

  // ---- line by line: wikilinks (markdown.cpp), tags, inline fields ------------------------

  void read_line(std::size_t index);
  void read_tags(long line, std::string_view scan, std::string_view text);  // markdown_tags.cpp
  // markdown_inline_fields.cpp
  void mark_field_lines();
  void read_line_field(long line, std::string_view scan, std::string_view text, std::size_t start);
  bool read_bracket_fields(long line, std::string_view scan);

  // ---- results (markdown.cpp) -------------------------------------------------------------

  void store(Note& note);

  std::string_view m_body;
  int m_first_line;
  Guard m_guard = Guard::none;
  MarkdownCost m_cost;
  std::string m_plain;  ///< the body, comments as spaces
  std::string m_scan;   ///< m_plain with code and HTML filled
  std::vector<std::size_t> m_line_starts;
  std::vector<std::size_t> m_field_start;                       ///< per line: content start of a paragraph line
  std::vector<std::pair<std::size_t, std::size_t>> m_comments;  ///< byte ranges of comments, in order
  std::vector<ItemRecord> m_items;

  Leaf m_leaf;
  long m_content_first = 0;                     ///< the source line of the current leaf's first inline
  std::vector<std::pair<long, long>> m_deltas;  ///< column correction per line of the leaf, by line
  // Where the fallback search goes on, per line: for links and images, and for HTML.
  struct Search {
    long line = 0;
    std::size_t from = 0;
  };
  std::array<Search, 2> m_searches{};
  long m_header_line = 0;
  long m_row_line = 0;
  std::unordered_set<long> m_table_lines;           ///< lines of table rows (header and body)
  std::unordered_map<long, long> m_item_text_last;  ///< list item line -> last line of its first paragraph
  std::vector<std::pair<std::size_t, std::size_t>> m_cells;
  std::size_t m_cell_index = 0;

  long m_column_line = 0;
  std::optional<ColumnCounter> m_columns;

  std::vector<Heading> m_headings;
  std::vector<BlockId> m_block_ids;
  std::vector<Link> m_links;
  std::vector<Tag> m_tags;
  std::vector<Task> m_tasks;
  std::vector<InlineField> m_fields;
};

}  // namespace mdvault::core::markdown_detail
