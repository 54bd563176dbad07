#include "core/markdown_cost.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The cost model. cmark-gfm 0.29.0.gfm.6 is linear on most input, but not on these shapes
// (timed on the bare library, CPU time, this project's parser options; sizes N and 4N):
//
// - inline nodes inside deep containers: every node appended walks up its ancestors, so a
//   paragraph under d block quotes or list items with n nodes costs d * n (`> ` x 14,848 then
//   `a*` x 14,848: 58 KiB, 2.6 s; `- ` x 10,000 then 40,000 blank lines: 60 KiB, 9.8 s, as
//   every blank line matches every open list item). About 4 ns per node and level, 25 ns per
//   blank line and level.
// - table cells: each row is padded to the header's columns, so c columns and r rows make
//   c * r cells (2,000 x 2,000 empty cells: 10 KiB, 4 million nodes, 1.4 s, 940 MiB). About
//   350 ns per cell.
// - raw HTML openers that nothing closes (`<?`, `<!A `, `<![CDATA[`): each is scanned to the
//   end of its paragraph, so n of them cost n * length (`a <![CDATA[` x 40,000: 430 KiB,
//   5.5 s). About 1 ns per byte scanned.
// - memory: about 210 bytes per node (`[[a]] ` over 14 MiB: 12 million nodes, 2.5 GiB).
//
// The pass below follows cmark's container rules closely enough for these shapes: a stack of
// block quotes and list items (with their content indent), matched line by line, lazy
// continuation lines keeping the stack, fenced code left out of the node count.

namespace mdvault::core {

namespace {

constexpr double k_ns_node_level = 4.0;
constexpr double k_ns_blank_level = 25.0;
constexpr double k_ns_cell = 350.0;
constexpr double k_ns_html_byte = 1.0;
constexpr double k_ns = 1e-9;
// A table over this many cells is not read as a table in the neutralised copy.
constexpr std::size_t k_max_cells = 200'000;

bool is_blank_char(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Bytes that start or end an inline node of their own in cmark-gfm.
bool is_inline_special(char c) {
  switch (c) {
  case '*': case '_': case '[': case ']': case '!': case '`': case '<': case '&': case '\\': case '~':
    return true;
  default:
    return false;
  }
}

struct Container {
  bool quote = false;
  std::size_t width = 0;  ///< a list item's content indent
};

// Raw HTML openers whose closer has not come yet, per kind (`<?`, `<!X`, `<![CDATA[`).
struct PendingHtml {
  std::array<std::size_t, 3> count{};
  std::array<std::size_t, 3> sum{};    ///< sum of their positions
  std::array<std::size_t, 3> first{};  ///< position of the first
  std::array<long, 3> first_line{};    ///< and its line
  std::array<std::vector<std::size_t>, 3> positions;  ///< kept only when neutralising
};

class CostScanner {
public:
  CostScanner(std::string_view text, std::string* out, char fill) : m_text(text), m_out(out), m_fill(fill) {}

  MarkdownCost run();

private:
  void read_line(std::size_t b, std::size_t e);
  std::size_t match_containers(std::size_t p, std::size_t e, bool blank, std::size_t& matched) const;
  bool parse_container(std::size_t& p, std::size_t e, std::size_t depth, Container& out);
  void read_inline(std::size_t p, std::size_t e);
  void end_region(std::size_t end);
  void start_table(std::size_t delimiter_begin, std::size_t delimiter_end, std::size_t next_line);
  void truncate(std::size_t size) {
    m_stack.resize(std::min(size, m_stack.size()));
    if (m_first_quote >= m_stack.size()) {
      m_first_quote = static_cast<std::size_t>(-1);
    }
  }
  void push(const Container& c) {
    if (c.quote && m_first_quote == static_cast<std::size_t>(-1)) {
      m_first_quote = m_stack.size();
    }
    m_stack.push_back(c);
  }
  void neutralise(std::size_t pos) {
    if (m_out != nullptr) {
      (*m_out)[pos] = m_fill;
    }
  }

  std::string_view m_text;
  std::string* m_out;
  char m_fill;
  MarkdownCost m_cost;
  std::vector<Container> m_stack;
  std::size_t m_first_quote = static_cast<std::size_t>(-1);  ///< index of the lowest block quote
  long m_line = 0;
  bool m_paragraph = false;     ///< the last line was paragraph text (a lazy line may follow)
  std::size_t m_prev_begin = 0;  ///< content of the last line, for a table's header
  std::size_t m_prev_end = 0;
  char m_fence = 0;  ///< the open code fence's character, 0 when none
  std::size_t m_fence_length = 0;
  std::size_t m_columns = 0;  ///< columns of the open table, 0 when none
  std::size_t m_table_cells = 0;
  PendingHtml m_html;
};

MarkdownCost CostScanner::run() {
  std::size_t b = 0;
  while (b <= m_text.size()) {
    const std::size_t nl = m_text.find('\n', b);
    const std::size_t e = nl == std::string_view::npos ? m_text.size() : nl;
    ++m_line;
    read_line(b, e);
    if (nl == std::string_view::npos) {
      break;
    }
    b = nl + 1;
  }
  end_region(m_text.size());
  return m_cost;
}

// Walks the open containers the line continues; returns where its content starts.
std::size_t CostScanner::match_containers(std::size_t p, std::size_t e, bool blank, std::size_t& matched) const {
  matched = 0;
  if (blank) {
    // A blank line matches every list item up to the first block quote: counted, not walked
    // (a walk would make 10,000 items and 40,000 blank lines a quadratic pass itself).
    matched = std::min(m_first_quote, m_stack.size());
    return p;
  }
  for (const Container& c : m_stack) {
    if (c.quote) {
      std::size_t q = p;
      while (q < e && q - p < 3 && m_text[q] == ' ') {
        ++q;
      }
      if (q >= e || m_text[q] != '>') {
        break;
      }
      p = q + 1;
      if (p < e && is_blank_char(m_text[p])) {
        ++p;
      }
    } else {
      std::size_t q = p;
      while (q < e && q - p < c.width && m_text[q] == ' ') {
        ++q;
      }
      if (q - p < c.width) {
        break;
      }
      p = q;
    }
    ++matched;
  }
  return p;
}

// A block quote or list item that opens at p (up to 3 spaces first) as container number
// `depth` + 1; p moves to its content. False when none opens (or it is neutralised).
bool CostScanner::parse_container(std::size_t& p, std::size_t e, std::size_t depth, Container& out) {
  std::size_t q = p;
  while (q < e && q - p < 3 && m_text[q] == ' ') {
    ++q;
  }
  if (q >= e) {
    return false;
  }
  const std::size_t marker = q;
  const char c = m_text[q];
  std::size_t after = 0;
  bool quote = false;
  if (c == '>') {
    quote = true;
    after = q + 1;
  } else if (c == '-' || c == '+' || c == '*') {
    after = q + 1;
  } else {
    std::size_t d = q;
    while (d < e && d - q < 9 && m_text[d] >= '0' && m_text[d] <= '9') {
      ++d;
    }
    if (d == q || d >= e || (m_text[d] != '.' && m_text[d] != ')')) {
      return false;
    }
    after = d + 1;
  }
  if (!quote && after < e && !is_blank_char(m_text[after])) {
    return false;
  }
  if (static_cast<long>(depth) >= k_markdown_max_depth && m_out != nullptr) {
    neutralise(marker);
    return false;
  }
  const std::size_t start = p;
  std::size_t content = after;
  while (content < e && content - after < 4 && is_blank_char(m_text[content])) {
    ++content;
  }
  if (quote) {
    p = after < e && is_blank_char(m_text[after]) ? after + 1 : after;
  } else {
    // Five spaces or more after the marker: the content starts after one (indented code).
    p = content - after >= 5 || content >= e ? after + 1 : content;
    p = std::min(p, e);
  }
  out = {quote, quote ? 0 : p - start};
  return true;
}

void CostScanner::read_line(std::size_t b, std::size_t e) {
  std::size_t first = b;
  while (first < e && is_blank_char(m_text[first])) {
    ++first;
  }
  const bool blank = first == e;
  std::size_t matched = 0;
  std::size_t p = match_containers(b, e, blank, matched);
  if (blank) {
    m_cost.nest_seconds += static_cast<double>(matched) * k_ns_blank_level * k_ns;
    truncate(matched);
    m_paragraph = false;
    m_columns = 0;
    end_region(b);
    return;
  }
  if (m_fence != 0) {
    // Code: containers still matched, no inline node; a closing fence ends it.
    std::size_t q = p;
    while (q < e && m_text[q] == ' ') {
      ++q;
    }
    std::size_t run = 0;
    while (q + run < e && m_text[q + run] == m_fence) {
      ++run;
    }
    if (run >= m_fence_length) {
      m_fence = 0;
    }
    if (matched < m_stack.size()) {
      truncate(matched);
      m_fence = 0;
    }
    return;
  }
  // New containers; a line that opens none and matches fewer than are open continues the
  // paragraph lazily, keeping them all.
  std::size_t opened = 0;
  for (;;) {
    std::size_t q = p;
    Container c;
    if (!parse_container(q, e, matched + opened, c)) {
      break;
    }
    if (opened == 0) {
      truncate(matched);  // the unmatched ones close when a new container opens
    }
    push(c);
    ++opened;
    p = q;
    const auto depth = static_cast<long>(m_stack.size());
    if (depth > m_cost.depth) {
      m_cost.depth = depth;
      m_cost.depth_line = m_line;
    }
  }
  if (opened == 0 && !(m_paragraph && matched < m_stack.size())) {
    truncate(matched);
  }
  // Fences, tables, then inline content.
  std::size_t q = p;
  while (q < e && m_text[q] == ' ') {
    ++q;
  }
  if (q < e && (m_text[q] == '`' || m_text[q] == '~')) {
    std::size_t run = 0;
    while (q + run < e && m_text[q + run] == m_text[q]) {
      ++run;
    }
    if (run >= 3) {
      m_fence = m_text[q];
      m_fence_length = run;
      m_paragraph = false;
      m_columns = 0;
      return;
    }
  }
  if (m_columns > 0) {
    m_table_cells += m_columns;
    m_cost.table_seconds += static_cast<double>(m_columns) * k_ns_cell * k_ns;
    m_cost.nodes += m_columns;
  } else if (m_paragraph && m_prev_end > m_prev_begin &&
             m_text.substr(m_prev_begin, m_prev_end - m_prev_begin).find('|') != std::string_view::npos) {
    start_table(q, e, e + 1);
  }
  read_inline(p, e);
  m_paragraph = true;
  m_prev_begin = p;
  m_prev_end = e;
}

// A delimiter row (`|-|:-:|`) under a line with a pipe opens a table of its cells' count.
void CostScanner::start_table(std::size_t b, std::size_t e, std::size_t next_line) {
  std::size_t columns = 0;
  bool dash = false;
  bool pipe = false;
  bool in_cell = false;
  for (std::size_t i = b; i < e; ++i) {
    const char c = m_text[i];
    if (c == '|') {
      pipe = true;
      in_cell = false;
    } else if (c == '-' || c == ':') {
      dash = dash || c == '-';
      if (!in_cell) {
        ++columns;
        in_cell = true;
      }
    } else if (!is_blank_char(c)) {
      return;
    }
  }
  if (!dash || !pipe || columns == 0) {
    return;
  }
  m_columns = columns;
  m_table_cells = columns;
  if (m_cost.table_line == 0) {
    m_cost.table_line = m_line - 1;
  }
  if (m_out == nullptr) {
    return;
  }
  // Neutralising: count the rows up to the next blank line; too many cells, no table.
  std::size_t rows = 1;
  std::size_t p = next_line;
  while (p < m_text.size()) {
    const std::size_t nl = m_text.find('\n', p);
    const std::size_t end = nl == std::string_view::npos ? m_text.size() : nl;
    std::size_t f = p;
    while (f < end && is_blank_char(m_text[f])) {
      ++f;
    }
    if (f == end || rows * columns > k_max_cells) {
      break;
    }
    ++rows;
    p = end + 1;
  }
  if (rows * columns > k_max_cells) {
    for (std::size_t i = b; i < e; ++i) {
      if (m_text[i] == '-') {
        neutralise(i);
        break;
      }
    }
    m_columns = 0;
  }
}

void CostScanner::read_inline(std::size_t p, std::size_t e) {
  std::size_t tokens = 0;
  for (std::size_t i = p; i < e; ++i) {
    const char c = m_text[i];
    if (!is_inline_special(c) && c != '>') {
      continue;
    }
    if (c != '>') {
      ++tokens;
    }
    if (c == '<' && i + 1 < e) {
      int kind = -1;
      if (m_text[i + 1] == '?') {
        kind = 0;
      } else if (m_text.substr(i, 9) == "<![CDATA[") {
        kind = 2;
      } else if (m_text[i + 1] == '!' && i + 2 < e && ((m_text[i + 2] >= 'A' && m_text[i + 2] <= 'Z') ||
                                                        (m_text[i + 2] >= 'a' && m_text[i + 2] <= 'z'))) {
        kind = 1;
      }
      if (kind >= 0) {
        const auto k = static_cast<std::size_t>(kind);
        if (m_html.count[k] == 0) {
          m_html.first[k] = i;
          m_html.first_line[k] = m_line;
        }
        ++m_html.count[k];
        m_html.sum[k] += i;
        if (m_out != nullptr) {
          m_html.positions[k].push_back(i);
        }
      }
    } else if (c == '>') {
      // The closer consumes everything from the first opener of its kind: scanned once.
      const auto close = [&](std::size_t k) {
        if (m_html.count[k] > 0) {
          m_cost.html_seconds += static_cast<double>(i - m_html.first[k]) * k_ns_html_byte * k_ns;
          m_html.count[k] = 0;
          m_html.sum[k] = 0;
          m_html.positions[k].clear();
        }
      };
      if (i > p && m_text[i - 1] == '?') {
        close(0);
      }
      close(1);
      if (i >= p + 2 && m_text[i - 1] == ']' && m_text[i - 2] == ']') {
        close(2);
      }
    }
  }
  // Each special byte is a node and splits the text around it: two nodes; a line adds its
  // text and its line break.
  const std::size_t nodes = 2 * tokens + 2;
  m_cost.nodes += nodes;
  m_cost.nest_seconds += static_cast<double>(m_stack.size()) * static_cast<double>(nodes) * k_ns_node_level * k_ns;
  if (m_cost.nodes_line == 0 && m_cost.nodes > k_markdown_max_nodes) {
    m_cost.nodes_line = m_line;
  }
}

// The paragraph ends at `end`: every opener still pending was scanned up to here.
void CostScanner::end_region(std::size_t end) {
  for (std::size_t k = 0; k < 3; ++k) {
    if (m_html.count[k] == 0) {
      continue;
    }
    const double scanned = static_cast<double>(m_html.count[k]) * static_cast<double>(end) -
                           static_cast<double>(m_html.sum[k]);
    m_cost.html_seconds += scanned * k_ns_html_byte * k_ns;
    if (m_cost.html_line == 0) {
      m_cost.html_line = m_html.first_line[k];
    }
    for (const std::size_t pos : m_html.positions[k]) {
      neutralise(pos);
    }
    m_html.count[k] = 0;
    m_html.sum[k] = 0;
    m_html.positions[k].clear();
  }
}

}  // namespace

MarkdownCost estimate_markdown_cost(std::string_view body) { return CostScanner(body, nullptr, ' ').run(); }

bool is_over_budget(const MarkdownCost& cost) { return cost.seconds() > k_markdown_budget_seconds; }

std::string neutralise_markdown(std::string_view body, char fill) {
  std::string out(body);
  CostScanner(body, &out, fill).run();
  return out;
}

}  // namespace mdvault::core
