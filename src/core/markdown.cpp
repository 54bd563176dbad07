#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/unicode.hpp"
#include "core/wikilink.hpp"

// How the body is read:
//
// 1. `%% comments %%` are found first, outside code (a first cmark pass tells where code
//    is), and blanked with newlines kept, so every byte keeps its place. An unclosed
//    `%%` comments out the rest of the body, as in Obsidian.
// 2. cmark-gfm parses the result. From its tree come the block structure, headings,
//    Markdown links and images, list items, and where code blocks, HTML blocks and
//    inline HTML are. Code spans are found on the source text of each paragraph, heading
//    and table cell with CommonMark's backtick rule.
// 3. A scan copy of the text has every byte of code, math and HTML replaced by a filler
//    byte. Wikilinks, tags, inline fields and block ids are read from that copy line by
//    line, so nothing inside code, math or HTML counts and every column is exact. What
//    counts as a tag, task or field, and where Obsidian and Dataview differ, is in
//    docs/reading.md.
//
// cmark-gfm 0.29's inline positions are unreliable: columns are off on lazy
// continuation lines and after tabs, lines are off after link reference definitions and
// backslash line breaks, a link that closes on a later line gets that line, a paragraph
// right before a table loses its positions, a setext heading or an unclosed fence ends a
// line late. So blocks are measured on the source where needed, an inline node's line is
// counted from the line breaks between nodes, its column is corrected per line with an
// anchor (the first node after a break starts the line's content), checked against the
// source character it must start with, and searched for on its line when that fails.
// Known limit: a newline inside a link's destination or title, which cmark does not
// report at all, can misplace the Markdown links after it in the same paragraph.

namespace mdvault::core {
namespace {

constexpr std::size_t k_npos = std::string::npos;
// Stands for every byte of code and HTML in the scan copy: no rule starts or goes on there.
constexpr char k_code_fill = '\x01';
// Stands for a comment that text follows on the same line, in the text given to cmark:
// spaces there would indent that text into a code block.
constexpr char k_comment_fill = '\x02';

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
  void operator()(cmark_iter* it) const { cmark_iter_free(it); }
};
using DocumentPtr = std::unique_ptr<cmark_node, NodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

// A parser per call keeps this thread-safe; only the extension registry is shared.
DocumentPtr parse_markdown(const std::string& text) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  const std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES));
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  return DocumentPtr(cmark_parser_finish(parser.get()));
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_punct(char c) { return c >= '!' && c <= '~' && !is_digit(c) && !is_ascii_alpha(c); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_space(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

// Byte length of the UTF-8 sequence that starts with `c` (1 for a stray byte).
std::size_t utf8_length(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0xF0U) {
    return 4;
  }
  if (u >= 0xE0U) {
    return 3;
  }
  if (u >= 0xC0U) {
    return 2;
  }
  return 1;
}

bool type_is(cmark_node* node, const char* name) {
  const char* type = cmark_node_get_type_string(node);
  return type != nullptr && std::strcmp(type, name) == 0;
}

bool is_table(cmark_node* node) { return node != nullptr && type_is(node, "table"); }

// True for a URL with a scheme (`https:`, `mailto:`, `obsidian:`): not a link to a note.
bool has_scheme(std::string_view url) {
  if (url.empty() || !is_ascii_alpha(url[0])) {
    return url.substr(0, 2) == "//";
  }
  for (std::size_t i = 1; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') {
      return true;
    }
    if (!is_ascii_alpha(c) && !is_digit(c) && c != '+' && c != '.' && c != '-') {
      return false;
    }
  }
  return false;
}

// Plain text of an inline subtree: text and code kept, breaks as spaces, markup dropped.
std::string plain_text(cmark_node* node) {
  std::string out;
  const IterPtr it(cmark_iter_new(node));
  cmark_event_type ev = CMARK_EVENT_NONE;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) {
      continue;
    }
    cmark_node* n = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* lit = cmark_node_get_literal(n)) {
        out += lit;
      }
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  return out;
}

// Control characters dropped (comment fill), white space collapsed, ends trimmed.
std::string tidy_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    const bool nbsp = u == 0xC2U && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0U;
    if (u <= 0x20U || nbsp) {
      if (nbsp) {
        ++i;
      }
      if (u == 0x20U || u == '\t' || u == '\n' || nbsp) {
        space = !out.empty();
      }
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    }
    out += s[i];
  }
  return out;
}

// Heading text as Obsidian displays it: a wikilink shows its display, else its target
// (and " > " subpath).
std::string render_heading(std::string_view raw) {
  std::string out;
  std::size_t at = 0;
  for (const WikilinkSpan& span : find_wikilinks(raw)) {
    out.append(raw.substr(at, span.begin - at));
    const LinkParts parts = split_link_text(span.inner(raw));
    if (parts.has_display && !parts.display.empty()) {
      out += parts.display;
    } else {
      out += parts.target;
      if (!parts.subpath.empty()) {
        out += (parts.target.empty() ? "" : " > ") + parts.subpath;
      }
    }
    at = span.end;
  }
  out.append(raw.substr(at));
  return tidy_text(out);
}

// Key of an inline field: wrapping `**`/`_`/`~` and spaces dropped; empty when it is
// no Dataview key (letters of any script, digits, emoji, spaces, `-`, `_`, `/`). A
// full-line key (`key:: value` alone on a line) also drops what leads up to its first
// letter or digit, as Dataview does (`📅 Date:: x` is `Date`); a bracketed key starts with
// a letter, digit or emoji (`[🎅:: x]` is `🎅`).
std::pair<std::size_t, std::size_t> field_key(std::string_view line, std::size_t b, std::size_t e, bool full_line) {
  const auto strip = [&](std::string_view chars) {
    while (b < e && chars.find(line[b]) != std::string_view::npos) {
      ++b;
    }
    while (e > b && chars.find(line[e - 1]) != std::string_view::npos) {
      --e;
    }
  };
  strip(" \t");
  strip("*_~");
  strip(" \t");
  if (full_line) {
    std::size_t len = 1;
    while (b < e && !is_letter_or_digit_at(line, b, &len)) {
      b += std::max<std::size_t>(len, 1);
    }
    strip("*_~ \t");
  }
  if (b >= e) {
    return {0, 0};
  }
  bool first = true;
  for (std::size_t i = b; i < e;) {
    const char c = line[i];
    std::size_t len = 1;
    const bool alnum = is_alnum_at(line, i, &len);
    if (!alnum && (first || (c != ' ' && c != '-' && c != '_' && c != '/'))) {
      return {0, 0};
    }
    first = false;
    i += std::max<std::size_t>(len, 1);
  }
  return {b, e};
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

class BodyReader {
public:
  BodyReader(std::string_view body, int first_line) : m_body(body), m_first_line(first_line) {}

  void read(Note& note) {
    m_plain.assign(m_body);
    std::replace(m_plain.begin(), m_plain.end(), '\0', ' ');
    index_lines();
    std::string input = strip_comments();
    m_scan = m_plain;
    m_field_start.assign(m_line_starts.size(), k_npos);
    {
      const DocumentPtr doc = parse_markdown(input.empty() ? m_plain : input);
      input.clear();
      input.shrink_to_fit();
      walk(doc.get(), true);
      m_leaf.inlines.clear();
    }  // the tree is the largest thing here: gone before the line pass
    read_tasks();
    for (std::size_t i = 0; i < m_line_starts.size(); ++i) {
      read_line(i);
    }
    store(note);
  }

private:
  // ---- lines ---------------------------------------------------------------------------

  void index_lines() {
    m_line_starts.clear();
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < m_plain.size(); ++i) {
      if (m_plain[i] == '\n') {
        m_line_starts.push_back(i + 1);
      }
    }
  }
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
  // Code-point column in the file of byte `pos` (an offset of the whole text) on `line`.
  int column_of(long line, std::size_t pos) {
    if (line != m_column_line || !m_columns) {
      m_column_line = line;
      m_columns.emplace(body_line(line));
    }
    return m_columns->at(pos - line_begin(line));
  }

  void fill_scan(std::size_t b, std::size_t e) {
    e = std::min(e, m_scan.size());
    for (std::size_t i = b; i < e; ++i) {
      if (m_scan[i] != '\n') {
        m_scan[i] = k_code_fill;
      }
    }
  }
  void fill_lines(long first, long last) {
    if (!has_line(first)) {
      return;
    }
    last = std::min(last, static_cast<long>(m_line_starts.size()));
    if (last >= first) {
      fill_scan(line_begin(first), line_end(last));
    }
  }

  // ---- comments -------------------------------------------------------------------------

  // Replaces `%% comments %%` by spaces in m_plain; returns the text for cmark (empty
  // when it is m_plain itself).
  std::string strip_comments() {
    if (m_plain.find("%%") == k_npos) {
      return {};
    }
    {
      // Where is code? A `%%` there opens nothing.
      m_scan = m_plain;
      const DocumentPtr doc = parse_markdown(m_plain);
      walk(doc.get(), false);
    }
    std::vector<std::pair<std::size_t, std::size_t>> regions;
    std::size_t pos = 0;
    while ((pos = m_plain.find("%%", pos)) != k_npos) {
      if (m_scan[pos] == k_code_fill) {
        ++pos;
        continue;
      }
      const std::size_t close = m_plain.find("%%", pos + 2);
      const std::size_t end = close == k_npos ? m_plain.size() : close + 2;
      regions.emplace_back(pos, end);
      pos = end;
    }
    m_scan.clear();
    if (regions.empty()) {
      return {};
    }
    m_comments = regions;
    for (const auto& [b, e] : regions) {
      for (std::size_t i = b; i < e; ++i) {
        if (m_plain[i] != '\n') {
          m_plain[i] = ' ';
        }
      }
    }
    std::string input = m_plain;
    // The part of a comment on each of its lines: when text follows it there, a fill that
    // is no space keeps that text from turning into indented code.
    long line = 1;
    std::size_t text_end = 0;  // one past the last non-blank byte of `line`
    const auto measure = [&](long l) {
      const std::size_t lb = line_begin(l);
      std::size_t p = line_end(l);
      while (p > lb && is_space(m_plain[p - 1])) {
        --p;
      }
      text_end = p;
    };
    measure(line);
    for (const auto& [b, e] : regions) {
      std::size_t seg = b;
      while (seg < e) {
        while (line_end(line) < seg) {
          measure(++line);
        }
        const std::size_t seg_end = std::min(e, line_end(line));
        if (text_end > seg_end) {
          std::fill(input.begin() + static_cast<std::ptrdiff_t>(seg),
                    input.begin() + static_cast<std::ptrdiff_t>(seg_end), k_comment_fill);
        }
        seg = line_end(line) + 1;
      }
    }
    return input;
  }

  // The text of [b, e) as Obsidian shows it: comments left out.
  [[nodiscard]] std::string visible(std::size_t b, std::size_t e) const {
    e = std::min(e, m_plain.size());
    if (b >= e) {
      return {};
    }
    auto it =
        std::lower_bound(m_comments.begin(), m_comments.end(), b,
                         [](const std::pair<std::size_t, std::size_t>& r, std::size_t at) { return r.second <= at; });
    if (it == m_comments.end() || it->first >= e) {
      return m_plain.substr(b, e - b);
    }
    std::string out;
    std::size_t p = b;
    for (; p < e && it != m_comments.end() && it->first < e; ++it) {
      if (it->first > p) {
        out.append(m_plain, p, it->first - p);
      }
      p = std::max(p, it->second);
    }
    if (p < e) {
      out.append(m_plain, p, e - p);
    }
    return out;
  }

  // ---- code spans -----------------------------------------------------------------------

  // Fills the code spans of the inline text in [b, e) (CommonMark: a run of n backticks
  // up to the next run of exactly n; backslash escapes outside code). Linear: the runs of
  // each length are listed once and consumed in order.
  void fill_code_spans(std::size_t b, std::size_t e) {
    e = std::min(e, m_plain.size());
    if (b >= e || std::memchr(m_plain.data() + b, '`', e - b) == nullptr) {
      return;
    }
    std::unordered_map<std::size_t, std::pair<std::vector<std::size_t>, std::size_t>> runs;
    for (std::size_t i = b; i < e;) {
      if (m_plain[i] != '`') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < e && m_plain[j] == '`') {
        ++j;
      }
      runs[j - i].first.push_back(i);
      i = j;
    }
    std::size_t i = b;
    while (i < e) {
      const char c = m_plain[i];
      if (c == '\\' && i + 1 < e && is_ascii_punct(m_plain[i + 1])) {
        i += 2;
        continue;
      }
      if (c != '`') {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < e && m_plain[j] == '`') {
        ++j;
      }
      const std::size_t n = j - i;
      auto found = runs.find(n);
      std::size_t close = k_npos;
      if (found != runs.end()) {
        auto& [positions, cursor] = found->second;
        while (cursor < positions.size() && positions[cursor] < j) {
          ++cursor;
        }
        if (cursor < positions.size()) {
          close = positions[cursor];
        }
      }
      if (close == k_npos) {
        i = j;  // no closing run: the backticks are text
        continue;
      }
      fill_scan(i, close + n);
      i = close + n;
    }
  }

  // Fills the math of the inline text in [b, e), code spans already filled: `$$...$$`
  // (over lines too) and `$...$` on one line, whose opening `$` is followed and whose
  // closing `$` is preceded by a non-space, the closing one not followed by a digit (so
  // `$5 and $10` is no math). A backslash escapes a `$`. Linear: closing candidates are
  // listed once and consumed in order.
  void fill_math(std::size_t b, std::size_t e) {
    e = std::min(e, m_scan.size());
    if (b >= e || std::memchr(m_scan.data() + b, '$', e - b) == nullptr) {
      return;
    }
    const auto escaped = [&](std::size_t i) {
      std::size_t n = 0;
      while (i > b + n && m_scan[i - 1 - n] == '\\') {
        ++n;
      }
      return n % 2 == 1;
    };
    std::vector<std::size_t> doubles;  // unescaped `$$`
    std::vector<std::size_t> closers;  // a `$` that may close inline math
    for (std::size_t i = b; i < e; ++i) {
      if (m_scan[i] != '$' || escaped(i)) {
        continue;
      }
      if (i + 1 < e && m_scan[i + 1] == '$') {
        doubles.push_back(i);
        ++i;
        continue;
      }
      if (i > b && !is_space(m_scan[i - 1]) && m_scan[i - 1] != '\n' && !(i + 1 < e && is_digit(m_scan[i + 1]))) {
        closers.push_back(i);
      }
    }
    std::size_t next_double = 0;
    std::size_t next_closer = 0;
    std::size_t line_stop = b;
    std::size_t i = b;
    while (i < e) {
      if (m_scan[i] != '$' || escaped(i)) {
        ++i;
        continue;
      }
      if (i + 1 < e && m_scan[i + 1] == '$') {
        while (next_double < doubles.size() && doubles[next_double] < i + 2) {
          ++next_double;
        }
        if (next_double == doubles.size()) {
          i += 2;  // no closing `$$`: text
          continue;
        }
        const std::size_t close = doubles[next_double];
        fill_scan(i, close + 2);
        i = close + 2;
        continue;
      }
      if (i >= line_stop) {  // the end of the line `i` is on, found once per line
        const void* nl = std::memchr(m_scan.data() + i, '\n', e - i);
        line_stop = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - m_scan.data()) : e;
      }
      while (next_closer < closers.size() && closers[next_closer] <= i + 1) {
        ++next_closer;
      }
      const bool opens = i + 1 < e && !is_space(m_scan[i + 1]) && m_scan[i + 1] != '\n';
      if (!opens || next_closer == closers.size() || closers[next_closer] >= line_stop) {
        ++i;
        continue;
      }
      const std::size_t close = closers[next_closer];
      fill_scan(i, close + 1);
      i = close + 1;
    }
  }

  // Byte ranges of the cells of a table row: split at each `|` that is not escaped.
  std::vector<std::pair<std::size_t, std::size_t>> split_row(long line) const {
    std::vector<std::pair<std::size_t, std::size_t>> cells;
    if (!has_line(line)) {
      return cells;
    }
    const std::size_t b = line_begin(line);
    const std::size_t e = line_end(line);
    std::size_t p = b;
    while (p < e && (is_space(m_plain[p]) || m_plain[p] == '>')) {
      ++p;
    }
    if (p < e && m_plain[p] == '|') {
      ++p;
    }
    std::size_t start = p;
    for (std::size_t i = p; i < e; ++i) {
      if (m_plain[i] == '\\') {
        ++i;
      } else if (m_plain[i] == '|') {
        cells.emplace_back(start, i);
        start = i + 1;
      }
    }
    if (!trim(std::string_view(m_plain).substr(start, e - start)).empty()) {
      cells.emplace_back(start, e);
    }
    return cells;
  }

  // ---- the cmark tree -------------------------------------------------------------------

  // Line of a table's header row (cmark-gfm misplaces it when a paragraph precedes).
  static long table_header_line(cmark_node* table) {
    cmark_node* header = cmark_node_first_child(table);
    cmark_node* row = header != nullptr ? cmark_node_next(header) : nullptr;
    if (row != nullptr && cmark_node_get_start_line(row) > 0) {
      return cmark_node_get_start_line(row) - 2;
    }
    return cmark_node_get_end_line(table) - 1;
  }

  void begin_leaf(LeafKind kind, cmark_node* node) {
    m_leaf.kind = kind;
    m_leaf.node = node;
    m_leaf.inlines.clear();
    m_leaf.trusted = false;
    m_leaf.item_line = 0;
    m_leaf.has_cell = false;
    m_leaf.start_column = cmark_node_get_start_column(node);
    const long start = cmark_node_get_start_line(node);
    if (kind == LeafKind::cell) {
      m_leaf.first = m_leaf.last = m_row_line;
      if (m_cell_index < m_cells.size()) {
        m_leaf.has_cell = true;
        std::tie(m_leaf.cell_begin, m_leaf.cell_end) = m_cells[m_cell_index];
      }
      ++m_cell_index;
      return;
    }
    if (start > 0) {
      m_leaf.first = start;
      m_leaf.last = cmark_node_get_end_line(node);
      m_leaf.trusted = true;
      if (kind == LeafKind::heading) {
        const long underline = setext_underline(start, m_leaf.last);
        m_leaf.last = underline > 0 ? underline - 1 : start;
      }
    } else {
      // A paragraph right before a table: cmark-gfm loses its positions. It starts
      // where the table says it starts and ends before the header row.
      cmark_node* next = cmark_node_next(node);
      if (is_table(next)) {
        m_leaf.first = cmark_node_get_start_line(next);
        m_leaf.last = table_header_line(next) - 1;
      } else {
        m_leaf.first = 1;
        m_leaf.last = 0;
      }
    }
    cmark_node* parent = cmark_node_parent(node);
    if (parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM && cmark_node_first_child(parent) == node) {
      m_leaf.item_line = cmark_node_get_start_line(parent);
    }
    if (has_line(m_leaf.first) && m_leaf.last >= m_leaf.first) {
      const long last = std::min(m_leaf.last, static_cast<long>(m_line_starts.size()));
      fill_code_spans(line_begin(m_leaf.first), line_end(last));
      fill_math(line_begin(m_leaf.first), line_end(last));
    }
  }

  void begin_row(cmark_node* row) {
    m_row_line =
        cmark_gfm_extensions_get_table_row_is_header(row) != 0 ? m_header_line : cmark_node_get_start_line(row);
    m_table_lines.insert(m_row_line);
    m_cells = split_row(m_row_line);
    m_cell_index = 0;
    for (const auto& [b, e] : m_cells) {
      fill_code_spans(b, e);
      fill_math(b, e);
    }
  }

  // Walks the tree without recursion. With `facts` false only code is marked (the first
  // pass, which looks for comments).
  void walk(cmark_node* root, bool facts) {
    const IterPtr it(cmark_iter_new(root));
    bool in_leaf = false;
    cmark_event_type ev = CMARK_EVENT_NONE;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(it.get());
      if (in_leaf) {
        if (node == m_leaf.node && ev == CMARK_EVENT_EXIT) {
          in_leaf = false;
          if (facts) {
            finish_leaf();
          }
        } else {
          const cmark_node_type type = cmark_node_get_type(node);
          const bool exit = ev == CMARK_EVENT_EXIT;
          if (!exit || type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
            m_leaf.inlines.push_back({node, type, cmark_node_get_start_line(node), cmark_node_get_start_column(node),
                                      cmark_node_get_end_line(node), cmark_node_get_end_column(node), exit});
          }
        }
        continue;
      }
      const cmark_node_type type = cmark_node_get_type(node);
      if (ev == CMARK_EVENT_EXIT) {
        if (facts && is_table(node)) {
          read_block_id(cmark_node_get_end_line(node));
        }
        continue;
      }
      switch (type) {
      case CMARK_NODE_CODE_BLOCK:
        fill_code_block(node);
        break;
      case CMARK_NODE_HTML_BLOCK:
        if (facts) {
          fill_html_block(node);
        }
        break;
      case CMARK_NODE_PARAGRAPH:
        begin_leaf(LeafKind::paragraph, node);
        in_leaf = true;
        break;
      case CMARK_NODE_HEADING:
        begin_leaf(LeafKind::heading, node);
        in_leaf = true;
        break;
      case CMARK_NODE_ITEM:
        if (facts) {
          m_items.push_back({cmark_node_get_start_line(node), cmark_node_get_start_column(node)});
        }
        break;
      default:
        if (is_table(node)) {
          m_header_line = table_header_line(node);
        } else if (type_is(node, "table_row") || type_is(node, "table_header")) {
          begin_row(node);
        } else if (type_is(node, "table_cell")) {
          begin_leaf(LeafKind::cell, node);
          in_leaf = true;
        }
        break;
      }
    }
  }

  // A code block's lines. An unclosed fence ends where its container ends, and cmark
  // then reports the next line as its last: count the lines of its text instead.
  void fill_code_block(cmark_node* node) {
    const long start = cmark_node_get_start_line(node);
    long last = cmark_node_get_end_line(node);
    int length = 0;
    int offset = 0;
    char fence = 0;
    if (cmark_node_get_fenced(node, &length, &offset, &fence) != 0) {
      const char* lit = cmark_node_get_literal(node);
      const std::string_view text = lit != nullptr ? lit : "";
      const long content_end = start + static_cast<long>(std::count(text.begin(), text.end(), '\n'));
      last = std::min(last, is_closing_fence(content_end + 1, fence, length) ? content_end + 1 : content_end);
    }
    fill_lines(start, last);
  }

  // True when `line` closes a fence of at least `length` characters `fence`.
  [[nodiscard]] bool is_closing_fence(long line, char fence, int length) const {
    if (!has_line(line) || fence == 0) {
      return false;
    }
    const std::size_t e = line_end(line);
    std::size_t p = skip_prefix(line_begin(line), e);
    const std::size_t run = p;
    while (p < e && m_plain[p] == fence) {
      ++p;
    }
    if (p - run < static_cast<std::size_t>(std::max(length, 1))) {
      return false;
    }
    while (p < e && is_space(m_plain[p])) {
      ++p;
    }
    return p == e;
  }

  // The underline of a setext heading that starts on `start`, or 0 for an ATX heading
  // (cmark reports a setext heading as ending on the line after its underline).
  [[nodiscard]] long setext_underline(long start, long end) const {
    for (long line = start + 1; line <= end && has_line(line); ++line) {
      const std::size_t e = line_end(line);
      std::size_t p = skip_prefix(line_begin(line), e);
      if (p >= e || (m_plain[p] != '=' && m_plain[p] != '-')) {
        continue;
      }
      const char c = m_plain[p];
      while (p < e && m_plain[p] == c) {
        ++p;
      }
      while (p < e && is_space(m_plain[p])) {
        ++p;
      }
      if (p == e) {
        return line;
      }
    }
    return 0;
  }

  // An HTML block's lines: counted from its text (cmark's end line is one short when
  // the block closes on its own last line).
  void fill_html_block(cmark_node* node) {
    const long start = cmark_node_get_start_line(node);
    const char* lit = cmark_node_get_literal(node);
    const std::string_view text = lit != nullptr ? lit : "";
    long lines = static_cast<long>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n') {
      ++lines;
    }
    fill_lines(start, start + std::max(lines, 1L) - 1);
  }

  // ---- placing inline nodes -------------------------------------------------------------

  // First byte of content on `line` of the current leaf: after quote markers and
  // indentation, and on a list item's own line after its marker.
  [[nodiscard]] std::size_t content_start(long line) const {
    if (m_leaf.kind == LeafKind::cell) {
      std::size_t p = m_leaf.has_cell ? m_leaf.cell_begin : line_begin(line);
      const std::size_t e = m_leaf.has_cell ? m_leaf.cell_end : line_end(line);
      while (p < e && is_space(m_plain[p])) {
        ++p;
      }
      return p;
    }
    const std::size_t e = line_end(line);
    std::size_t p = skip_prefix(line_begin(line), e);
    if (line == m_leaf.item_line) {
      for (std::size_t q = skip_marker(p, e); q != k_npos; q = skip_marker(p, e)) {
        p = skip_prefix(q, e);
      }
    }
    return p;
  }
  [[nodiscard]] std::size_t skip_prefix(std::size_t p, std::size_t e) const {
    while (p < e && (is_space(m_plain[p]) || m_plain[p] == '>')) {
      ++p;
    }
    return p;
  }
  // After a list marker (`-`, `*`, `+`, `1.`, `1)`) and its spaces at p, or npos.
  [[nodiscard]] std::size_t skip_marker(std::size_t p, std::size_t e) const {
    std::size_t q = p;
    if (q < e && (m_plain[q] == '-' || m_plain[q] == '*' || m_plain[q] == '+')) {
      ++q;
    } else {
      while (q < e && q - p < 9 && is_digit(m_plain[q])) {
        ++q;
      }
      if (q == p || q >= e || (m_plain[q] != '.' && m_plain[q] != ')')) {
        return k_npos;
      }
      ++q;
    }
    if (q < e && !is_space(m_plain[q])) {
      return k_npos;
    }
    while (q < e && is_space(m_plain[q])) {
      ++q;
    }
    return q;
  }

  [[nodiscard]] bool starts_with_expected(std::size_t pos, std::size_t end, Expect expect,
                                          std::string_view html) const {
    if (pos >= end || m_scan[pos] == k_code_fill) {
      return false;
    }
    switch (expect) {
    case Expect::bracket:
      return m_plain[pos] == '[';
    case Expect::image:
      return m_plain[pos] == '!' && pos + 1 < end && m_plain[pos + 1] == '[';
    case Expect::html:
      return !html.empty() && m_plain.compare(pos, html.size(), html) == 0;
    }
    return false;
  }

  // Byte where an inline node starts, or npos: cmark's column corrected for the line,
  // checked against the source, else the next fitting place on the line.
  std::size_t locate(const InlineRecord& rec, Expect expect, std::string_view html) {
    const long line = rec.line;
    if (!has_line(line)) {
      return k_npos;
    }
    const std::size_t b = line_begin(line);
    const std::size_t e = line_end(line);
    const auto try_column = [&](long column) -> std::size_t {
      if (column < 1) {
        return k_npos;
      }
      const std::size_t pos = b + static_cast<std::size_t>(column - 1);
      return starts_with_expected(pos, e, expect, html) ? pos : k_npos;
    };
    if (const std::optional<long> delta = delta_of(line)) {
      if (const std::size_t pos = try_column(rec.start_column + *delta); pos != k_npos) {
        return pos;
      }
    }
    if (const std::size_t pos = try_column(rec.start_column); pos != k_npos) {
      return pos;
    }
    Search& search = m_searches[static_cast<std::size_t>(expect == Expect::html)];
    if (search.line != line) {
      search.line = line;
      search.from = b;
    }
    const std::size_t from = std::max(search.from, m_leaf.has_cell ? m_leaf.cell_begin : b);
    const std::size_t stop = m_leaf.has_cell ? std::min(e, m_leaf.cell_end) : e;
    for (std::size_t p = from; p < stop; ++p) {
      const bool wiki = m_plain[p] == '[' && ((p + 1 < e && m_plain[p + 1] == '[') || (p > b && m_plain[p - 1] == '['));
      if (!wiki && starts_with_expected(p, stop, expect, html)) {
        search.from = p + 1;
        return p;
      }
    }
    search.from = stop;  // nothing further on this line: later searches end at once
    return k_npos;
  }

  // The column correction measured for `line` of the current leaf.
  [[nodiscard]] std::optional<long> delta_of(long line) const {
    const auto it = std::lower_bound(m_deltas.begin(), m_deltas.end(), line,
                                     [](const std::pair<long, long>& d, long l) { return d.first < l; });
    if (it != m_deltas.end() && it->first == line) {
      return it->second;
    }
    return std::nullopt;
  }

  static bool is_break(const InlineRecord& rec) {
    return rec.type == CMARK_NODE_SOFTBREAK || rec.type == CMARK_NODE_LINEBREAK;
  }

  // Gives every inline node its source line. cmark-gfm's inline lines are off after link
  // reference definitions, after a backslash line break, in a paragraph before a table,
  // and for links that close on a later line; the newlines between the nodes are not:
  // count them back from the block's last line.
  void place_lines() {
    std::vector<InlineRecord>& inlines = m_leaf.inlines;
    long newlines = 0;
    long reported = 0;  // cmark's line where the previous node ended, 0 when unknown
    std::vector<std::size_t> open_links;
    for (std::size_t k = 0; k < inlines.size(); ++k) {
      InlineRecord& rec = inlines[k];
      if (rec.exit) {
        // Newlines in a link's syntax after its text: `[a](\nb.md)`, a title on the
        // next line. At most three in CommonMark.
        if (reported > 0) {
          newlines += std::clamp(rec.end_line - reported, 0L, 3L);
        }
        reported = rec.end_line;
        if (!open_links.empty()) {
          inlines[open_links.back()].last_line = newlines;
          open_links.pop_back();
        }
        continue;
      }
      rec.line = newlines;
      if (is_break(rec)) {
        ++newlines;
        reported = reported > 0 ? reported + 1 : 0;
      } else if (rec.type == CMARK_NODE_LINK || rec.type == CMARK_NODE_IMAGE) {
        open_links.push_back(k);  // its own start line is where it closes: not used
      } else {
        if (rec.type == CMARK_NODE_CODE) {
          newlines += std::max(0L, rec.end_line - rec.start_line);
        } else if (rec.type == CMARK_NODE_HTML_INLINE) {
          const char* lit = cmark_node_get_literal(rec.node);
          newlines += lit != nullptr ? static_cast<long>(std::count(lit, lit + std::strlen(lit), '\n')) : 0;
        }
        reported = rec.end_line;
      }
      rec.last_line = newlines;
    }
    m_content_first = m_leaf.last - newlines;
    for (InlineRecord& rec : inlines) {
      rec.line += m_content_first;
      rec.last_line += m_content_first;
    }
  }

  void finish_leaf() {
    const Leaf& leaf = m_leaf;
    if (leaf.last < leaf.first && leaf.kind != LeafKind::cell) {
      return;  // positions unknown (cmark-gfm lost them): nothing can be placed
    }
    place_lines();

    // Per line, how far cmark's columns are off: the first node after a line break
    // starts at the line's first character of content.
    m_deltas.clear();
    bool expect_anchor = true;
    for (const InlineRecord& rec : leaf.inlines) {
      if (is_break(rec)) {
        expect_anchor = true;
        continue;
      }
      if (!expect_anchor) {
        continue;
      }
      expect_anchor = false;
      if (rec.exit) {
        continue;  // the line starts inside a link's syntax: no anchor
      }
      const long line = rec.line;
      if (!has_line(line) || (!m_deltas.empty() && m_deltas.back().first >= line)) {
        continue;
      }
      if (leaf.trusted && m_content_first == leaf.first && line == leaf.first && leaf.kind != LeafKind::cell) {
        m_deltas.emplace_back(line, 0);  // cmark is right on the block's own first line
        continue;
      }
      const std::size_t start = content_start(line);
      m_deltas.emplace_back(line, static_cast<long>(start - line_begin(line)) + 1 - rec.start_column);
    }
    m_searches.fill({0, 0});

    for (const InlineRecord& rec : leaf.inlines) {
      if (!rec.exit && rec.type == CMARK_NODE_HTML_INLINE) {
        fill_html_inline(rec);
      }
    }
    for (const InlineRecord& rec : leaf.inlines) {
      if (!rec.exit && (rec.type == CMARK_NODE_LINK || rec.type == CMARK_NODE_IMAGE)) {
        read_markdown_link(rec);
      }
    }
    if (leaf.kind == LeafKind::paragraph) {
      read_block_id(leaf.last);
      mark_field_lines();
      if (leaf.item_line > 0) {
        m_item_text_last[leaf.item_line] = leaf.last;
      }
    } else if (leaf.kind == LeafKind::heading) {
      read_heading();
      mark_field_lines();
    }
  }

  void fill_html_inline(const InlineRecord& rec) {
    const char* lit = cmark_node_get_literal(rec.node);
    const std::string_view html = lit != nullptr ? lit : "";
    const std::size_t nl = html.find('\n');
    const long line = rec.line;
    const std::size_t pos = locate(rec, Expect::html, html.substr(0, nl));
    if (pos == k_npos) {
      return;
    }
    if (nl == std::string_view::npos) {
      fill_scan(pos, std::min(pos + html.size(), line_end(line)));
      return;
    }
    // HTML over several lines: to the end of this line, whole lines, and on the last
    // line up to where its last piece ends.
    fill_scan(pos, line_end(line));
    const long last = rec.last_line;
    if (last <= line || !has_line(last)) {
      return;
    }
    fill_lines(line + 1, last - 1);
    const std::string_view tail = html.substr(html.rfind('\n') + 1);
    const std::size_t b = line_begin(last);
    const std::size_t found = std::string_view(m_plain).substr(b, line_end(last) - b).find(tail);
    if (!tail.empty() && found != std::string_view::npos) {
      fill_scan(b, b + found + tail.size());
    }
  }

  void read_markdown_link(const InlineRecord& rec) {
    const char* url_c = cmark_node_get_url(rec.node);
    const std::string_view url = url_c != nullptr ? url_c : "";
    if (url.empty() || has_scheme(url)) {
      return;  // URLs, mailto: and autolinks are not links to notes
    }
    Link link;
    link.kind = rec.type == CMARK_NODE_IMAGE ? LinkKind::embed : LinkKind::markdown;
    const std::size_t hash = url.find('#');
    link.target = url_decode(url.substr(0, hash));
    if (hash != std::string_view::npos) {
      link.subpath = url_decode(url.substr(hash + 1));
    }
    if (link.target.empty() && link.subpath.empty()) {
      return;
    }
    link.display = tidy_text(plain_text(rec.node));
    link.has_display = !link.display.empty();
    const long line = rec.line;
    const bool image = rec.type == CMARK_NODE_IMAGE;
    const std::size_t pos = locate(rec, image ? Expect::image : Expect::bracket, {});
    if (!has_line(line)) {
      return;
    }
    std::size_t start = pos;
    if (start == k_npos) {
      // Not found in the source (should not happen): best guess, kept on the line.
      const std::size_t b = line_begin(line);
      start = std::min(b + static_cast<std::size_t>(std::max(rec.start_column - 1, 0L)), line_end(line));
    }
    link.line = file_line(line);
    link.column = column_of(line, start);
    // The link as written, when it ends on the line where it starts.
    const long end_line = rec.last_line;
    const long shift =
        pos != k_npos ? static_cast<long>(pos - line_begin(line)) + 1 - rec.start_column : delta_of(line).value_or(0);
    const long end_column = rec.end_column + shift;
    const std::size_t b = line_begin(line);
    const std::size_t e = line_end(line);
    const std::size_t end = end_column >= 1 ? b + static_cast<std::size_t>(end_column - 1) : k_npos;
    if (pos != k_npos && end_line == line && end != k_npos && end > pos && end < e &&
        (m_plain[end] == ')' || m_plain[end] == ']')) {
      link.raw = visible(pos, end + 1);
    } else {
      link.raw = std::string(image ? "![" : "[") + link.display + "](" + std::string(url) + ")";
    }
    m_links.push_back(std::move(link));
  }

  // `^id` ending `line`: after a space (or alone), letters, digits and `-`.
  void read_block_id(long line) {
    if (!has_line(line)) {
      return;
    }
    const std::size_t b = line_begin(line);
    std::size_t e = line_end(line);
    while (e > b && is_space(m_scan[e - 1])) {
      --e;
    }
    std::size_t p = e;
    while (p > b && (is_ascii_alpha(m_scan[p - 1]) || is_digit(m_scan[p - 1]) || m_scan[p - 1] == '-')) {
      --p;
    }
    if (p == e || p == b || m_scan[p - 1] != '^') {
      return;
    }
    const std::size_t caret = p - 1;
    if (caret > b && !is_space(m_scan[caret - 1]) && m_scan[caret - 1] != '>') {
      return;
    }
    m_block_ids.push_back({m_plain.substr(p, e - p), file_line(line)});
  }

  // Marks where content starts on each line of a paragraph or heading, for `key:: value`
  // lines (Dataview reads them in both).
  void mark_field_lines() {
    const Leaf& leaf = m_leaf;
    const long last = std::min(leaf.last, static_cast<long>(m_line_starts.size()));
    for (long line = std::max(leaf.first, 1L); line <= last; ++line) {
      const std::size_t b = line_begin(line);
      const std::size_t e = line_end(line);
      std::size_t p = 0;
      if (leaf.trusted && line == leaf.first && leaf.start_column >= 1) {
        p = std::min(b + static_cast<std::size_t>(leaf.start_column - 1), e);
      } else {
        p = content_start(line);
      }
      if (line == leaf.item_line) {
        // cmark's tasklist may start the paragraph after the box: look from the marker.
        const std::size_t text = content_start(line);
        if (skip_task_box(text, e) != text) {
          return;  // a task's text holds no full-line field (Dataview): only bracketed ones
        }
      }
      m_field_start[static_cast<std::size_t>(line - 1)] = p - b;
    }
  }

  // After a task box `[c] ` at p, or p.
  [[nodiscard]] std::size_t skip_task_box(std::size_t p, std::size_t e) const {
    if (p >= e || m_plain[p] != '[' || p + 1 >= e) {
      return p;
    }
    const std::size_t close = p + 1 + utf8_length(m_plain[p + 1]);
    if (close >= e || m_plain[close] != ']' || m_plain[p + 1] == ']') {
      return p;
    }
    std::size_t q = close + 1;
    if (q < e && !is_space(m_plain[q])) {
      return p;
    }
    while (q < e && is_space(m_plain[q])) {
      ++q;
    }
    return q;
  }

  void read_heading() {
    std::string raw;
    for (const InlineRecord& rec : m_leaf.inlines) {
      if (rec.type == CMARK_NODE_TEXT || rec.type == CMARK_NODE_CODE) {
        if (const char* lit = cmark_node_get_literal(rec.node)) {
          raw += lit;
        }
      } else if (rec.type == CMARK_NODE_SOFTBREAK || rec.type == CMARK_NODE_LINEBREAK) {
        raw += ' ';
      }
    }
    // An ATX heading is its own line; a setext heading starts where its text does.
    const long line = m_leaf.last == m_leaf.first || m_leaf.inlines.empty() ? m_leaf.first : m_content_first;
    m_headings.push_back({cmark_node_get_heading_level(m_leaf.node), render_heading(raw), file_line(line)});
  }

  // ---- tasks ----------------------------------------------------------------------------

  // `- [c] text`: the status is any one character; cmark's tasklist knows only ` ` and `x`.
  void read_tasks() {
    for (const ItemRecord& item : m_items) {
      if (!has_line(item.line)) {
        continue;
      }
      const std::size_t b = line_begin(item.line);
      const std::size_t e = line_end(item.line);
      std::size_t p = item.column >= 1 ? b + static_cast<std::size_t>(item.column - 1) : e;
      if (p >= e || skip_marker(p, e) == k_npos) {
        p = skip_prefix(b, e);
      }
      const std::size_t q = skip_marker(p, e);
      if (q == k_npos || q >= e || m_scan[q] != '[' || q + 1 >= e) {
        continue;
      }
      const std::size_t len = utf8_length(m_plain[q + 1]);
      const std::size_t close = q + 1 + len;
      if (close >= e || m_plain[close] != ']' || m_plain[q + 1] == ']' || m_scan[q + 1] == k_code_fill ||
          m_scan[close] == k_code_fill || (close + 1 < e && !is_space(m_plain[close + 1]))) {
        continue;
      }
      Task task;
      task.status = m_plain.substr(q + 1, len);
      task.text = std::string(trim(visible(close + 1, e)));
      // A task's text runs on over the lines of its paragraph, shown as one line.
      const auto last = m_item_text_last.find(item.line);
      for (long line = item.line + 1; last != m_item_text_last.end() && line <= last->second && has_line(line); ++line) {
        const std::size_t lb = line_begin(line);
        const std::size_t le = line_end(line);
        const std::string more(trim(visible(skip_prefix(lb, le), le)));
        if (!more.empty()) {
          task.text += (task.text.empty() ? "" : " ") + more;
        }
      }
      task.line = file_line(item.line);
      m_tasks.push_back(std::move(task));
    }
  }

  // ---- line by line: wikilinks, tags, inline fields ---------------------------------------

  void read_line(std::size_t index) {
    const long line = static_cast<long>(index) + 1;
    const std::size_t b = line_begin(line);
    const std::size_t e = line_end(line);
    const std::string_view scan = std::string_view(m_scan).substr(b, e - b);
    const std::string_view text = std::string_view(m_plain).substr(b, e - b);
    if (scan.find_first_of("[#:(") == std::string_view::npos) {
      return;
    }
    for (const WikilinkSpan& span : find_wikilinks(scan)) {
      const std::string_view inner = span.inner(scan);
      if (inner.find(k_code_fill) != std::string_view::npos) {
        continue;  // runs into code
      }
      LinkParts parts = split_link_text(inner);
      const int column = column_of(line, b + span.begin);
      // A link's text is no place for tags or fields.
      fill_scan(b + span.begin, b + span.end);
      if (!has_destination(parts)) {
        continue;  // `[[]]`, `[[|x]]`: not a link (Obsidian shows them as text)
      }
      Link link;
      link.kind = span.is_embed ? LinkKind::embed : LinkKind::wikilink;
      link.target = std::move(parts.target);
      link.subpath = std::move(parts.subpath);
      link.display = std::move(parts.display);
      link.has_display = parts.has_display;
      link.raw = visible(b + span.begin, b + span.end);
      link.line = file_line(line);
      link.column = column;
      m_links.push_back(std::move(link));
    }
    read_tags(line, scan, text);
    // As Dataview: a line with bracketed fields holds no full-line field.
    if (!read_bracket_fields(line, scan) && m_field_start[index] != k_npos) {
      read_line_field(line, scan, text, m_field_start[index]);
    }
  }

  // True when a `#` at i may start a tag, as Obsidian's metadata cache reads them: at the
  // start of the line's content (after a quote's `>`), after white space (also no-break and
  // ideographic space), after an emphasis or strikethrough delimiter (`**#tag**`,
  // `_#tag_`), or at the start of a table cell. Any other character before it, `(`, `[`,
  // `"`, `.`, a letter, blocks it: `(#tag)` and `a#b` are no tags.
  static bool may_start_tag(std::string_view s, std::size_t i, std::size_t content, bool table_row) {
    if (i == 0 || content >= i) {
      return true;
    }
    const char prev = s[i - 1];
    if (is_space(prev) || prev == '*' || prev == '_' || prev == '~') {
      return true;
    }
    if (prev == '|') {
      return table_row && (i < 2 || s[i - 2] != '\\');
    }
    // No-break space and ideographic space.
    return (i >= 2 && s.substr(i - 2, 2) == "\xC2\xA0") || (i >= 3 && s.substr(i - 3, 3) == "\xE3\x80\x80");
  }

  void read_tags(long line, std::string_view scan, std::string_view text) {
    std::size_t i = scan.find('#');
    if (i == std::string_view::npos) {
      return;
    }
    const std::size_t content = std::min(scan.find_first_not_of(" \t>"), scan.size());
    const bool table_row = m_table_lines.count(line) != 0;
    std::size_t tag_end = std::string_view::npos;  // where the last tag ended: `#a#b` is two tags
    while (i != std::string_view::npos && i < scan.size()) {
      if (i != tag_end && !may_start_tag(scan, i, content, table_row)) {
        i = scan.find('#', i + 1);
        continue;
      }
      std::size_t j = i + 1;
      bool non_digit = false;
      while (j < scan.size()) {
        const char c = scan[j];
        if (static_cast<unsigned char>(c) < 0x80U) {
          if (is_digit(c)) {
            ++j;
          } else if (is_ascii_alpha(c) || c == '_' || c == '-' || c == '/') {
            non_digit = true;
            ++j;
          } else {
            break;
          }
        } else {
          std::size_t len = 1;
          if (!is_alnum_at(scan, j, &len)) {
            break;
          }
          non_digit = true;
          j += std::max<std::size_t>(len, 1);
        }
      }
      // `_#tag_` is an emphasised tag: the closing `_` is no part of it.
      std::size_t end = j;
      for (std::size_t k = i; k > 0 && scan[k - 1] == '_' && end > i + 1 && scan[end - 1] == '_'; --k) {
        --end;
      }
      non_digit = non_digit && scan.substr(i + 1, end - i - 1).find_first_not_of("0123456789") != std::string_view::npos;
      if (end > i + 1 && non_digit) {
        m_tags.push_back({std::string(text.substr(i + 1, end - i - 1)), file_line(line),
                          column_of(line, line_begin(line) + i), false});
        tag_end = j;
      }
      i = scan.find('#', j);
    }
  }

  // `key:: value` filling a paragraph line (content starts at `start`).
  void read_line_field(long line, std::string_view scan, std::string_view text, std::size_t start) {
    const std::size_t sep = scan.find("::", start);
    if (sep == std::string_view::npos) {
      return;
    }
    const auto [kb, ke] = field_key(scan, start, sep, true);
    if (kb == ke) {
      return;
    }
    const std::size_t b = line_begin(line);
    m_fields.push_back({std::string(trim(visible(b + kb, b + ke))),
                        std::string(trim(visible(b + sep + 2, b + text.size()))), file_line(line),
                        column_of(line, b + kb)});
  }

  // `[key:: value]` and `(key:: value)` anywhere: brackets of the same kind balanced;
  // a field inside another one's value is part of that value. True when one was found.
  bool read_bracket_fields(long line, std::string_view scan) {
    if (scan.find("::") == std::string_view::npos) {
      return false;
    }
    struct Open {
      std::size_t pos;
      std::size_t sep;  // the `::` after a valid key, else npos
    };
    struct Found {
      std::size_t open;
      std::size_t close;
      std::size_t sep;
    };
    std::vector<Open> square;
    std::vector<Open> round;
    std::vector<Found> found;
    const auto key_end = [&](std::size_t from) {
      std::size_t j = from;
      while (j < scan.size()) {
        const char c = scan[j];
        std::size_t len = 1;
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '/' || c == '*' || c == '~' ||
            is_alnum_at(scan, j, &len)) {
          j += std::max<std::size_t>(len, 1);
        } else {
          break;
        }
      }
      return scan.substr(j, 2) == "::" ? j : k_npos;
    };
    for (std::size_t i = 0; i < scan.size(); ++i) {
      const char c = scan[i];
      if (c == '\\') {
        ++i;
      } else if (c == '[' || c == '(') {
        (c == '[' ? square : round).push_back({i, key_end(i + 1)});
      } else if (c == ']' || c == ')') {
        auto& stack = c == ']' ? square : round;
        if (!stack.empty()) {
          const Open open = stack.back();
          stack.pop_back();
          if (open.sep != k_npos) {
            found.push_back({open.pos, i, open.sep});
          }
        }
      }
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.open < b.open; });
    std::size_t covered = 0;
    bool any = false;
    for (const Found& f : found) {
      if (f.open < covered) {
        continue;
      }
      const auto [kb, ke] = field_key(scan, f.open + 1, f.sep, false);
      if (kb == ke) {
        continue;
      }
      covered = f.close;
      any = true;
      const std::size_t b = line_begin(line);
      m_fields.push_back({std::string(trim(visible(b + kb, b + ke))),
                          std::string(trim(visible(b + f.sep + 2, b + f.close))), file_line(line),
                          column_of(line, b + kb)});
    }
    return any;
  }

  // ---- results --------------------------------------------------------------------------

  void store(Note& note) {
    const auto by_line = [](const auto& a, const auto& b) { return a.line < b.line; };
    const auto by_position = [](const auto& a, const auto& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    };
    std::stable_sort(m_headings.begin(), m_headings.end(), by_line);
    std::stable_sort(m_block_ids.begin(), m_block_ids.end(), by_line);
    std::stable_sort(m_tasks.begin(), m_tasks.end(), by_line);
    std::stable_sort(m_links.begin(), m_links.end(), by_position);
    std::stable_sort(m_tags.begin(), m_tags.end(), by_position);
    std::stable_sort(m_fields.begin(), m_fields.end(), by_position);
    note.headings = std::move(m_headings);
    note.block_ids = std::move(m_block_ids);
    note.tasks = std::move(m_tasks);
    note.fields = std::move(m_fields);
    // Frontmatter links and tags were read already (or will be): keep them.
    auto& links = note.links;
    links.erase(
        std::remove_if(links.begin(), links.end(), [](const Link& l) { return l.kind != LinkKind::frontmatter; }),
        links.end());
    links.insert(links.end(), std::make_move_iterator(m_links.begin()), std::make_move_iterator(m_links.end()));
    auto& tags = note.tags;
    tags.erase(std::remove_if(tags.begin(), tags.end(), [](const Tag& t) { return !t.from_frontmatter; }), tags.end());
    tags.insert(tags.end(), std::make_move_iterator(m_tags.begin()), std::make_move_iterator(m_tags.end()));
  }

  std::string_view m_body;
  int m_first_line;
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
  std::unordered_set<long> m_table_lines;  ///< lines of table rows (header and body)
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

}  // namespace

void parse_body(std::string_view body, int first_line, Note& note) {
  BodyReader reader(body, first_line);
  reader.read(note);
}

}  // namespace mdvault::core
