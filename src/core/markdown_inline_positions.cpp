// Placing inline nodes: every node's source line counted from the line breaks, its column
// corrected per line with an anchor, checked against the source and searched for when that
// fails (cmark-gfm's own inline positions are unreliable; see markdown.cpp).

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

bool is_break(const InlineRecord& rec) {
  return rec.type == CMARK_NODE_SOFTBREAK || rec.type == CMARK_NODE_LINEBREAK;
}

}  // namespace

// First byte of content on `line` of the current leaf: after quote markers and
// indentation, and on a list item's own line after its marker.
std::size_t BodyReader::content_start(long line) const {
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

bool BodyReader::starts_with_expected(std::size_t pos, std::size_t end, Expect expect, std::string_view html) const {
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
std::size_t BodyReader::locate(const InlineRecord& rec, Expect expect, std::string_view html) {
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
std::optional<long> BodyReader::delta_of(long line) const {
  const auto it = std::lower_bound(m_deltas.begin(), m_deltas.end(), line,
                                   [](const std::pair<long, long>& d, long l) { return d.first < l; });
  if (it != m_deltas.end() && it->first == line) {
    return it->second;
  }
  return std::nullopt;
}

// Gives every inline node its source line. cmark-gfm's inline lines are off after link
// reference definitions, after a backslash line break, in a paragraph before a table,
// and for links that close on a later line; the newlines between the nodes are not:
// count them back from the block's last line.
void BodyReader::place_lines() {
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

void BodyReader::finish_leaf() {
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

}  // namespace mdvault::core::markdown_detail
