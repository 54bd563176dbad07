// The cmark-gfm tree: parsing, the walk over its blocks, leaves (paragraphs, headings,
// table cells) and table rows measured on the source.

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

bool type_is(cmark_node* node, const char* name) {
  const char* type = cmark_node_get_type_string(node);
  return type != nullptr && std::strcmp(type, name) == 0;
}

bool is_table(cmark_node* node) { return node != nullptr && type_is(node, "table"); }

// Line of a table's header row (cmark-gfm misplaces it when a paragraph precedes).
long table_header_line(cmark_node* table) {
  cmark_node* header = cmark_node_first_child(table);
  cmark_node* row = header != nullptr ? cmark_node_next(header) : nullptr;
  if (row != nullptr && cmark_node_get_start_line(row) > 0) {
    return cmark_node_get_start_line(row) - 2;
  }
  return cmark_node_get_end_line(table) - 1;
}

}  // namespace

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

// Byte ranges of the cells of a table row: split at each `|` that is not escaped.
std::vector<std::pair<std::size_t, std::size_t>> BodyReader::split_row(long line) const {
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

void BodyReader::begin_leaf(LeafKind kind, cmark_node* node) {
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

void BodyReader::begin_row(cmark_node* row) {
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
void BodyReader::walk(cmark_node* root, bool facts) {
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

// The underline of a setext heading that starts on `start`, or 0 for an ATX heading
// (cmark reports a setext heading as ending on the line after its underline).
long BodyReader::setext_underline(long start, long end) const {
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

}  // namespace mdvault::core::markdown_detail
