#include "core/markdown.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/markdown_internal.hpp"
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

namespace mdvault::core::markdown_detail {

void BodyReader::read(Note& note) {
  m_plain.assign(m_body);
  std::replace(m_plain.begin(), m_plain.end(), '\0', ' ');
  index_lines();
  choose_guard();
  std::string input = strip_comments();
  m_scan = m_plain;
  m_field_start.assign(m_line_starts.size(), k_npos);
  if (m_guard == Guard::raw) {
    mask_without_tree();
  } else {
    const DocumentPtr doc = parse_guarded(input.empty() ? m_plain : input);
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
  report_guard(note);
}

void BodyReader::index_lines() {
  m_line_starts.clear();
  m_line_starts.push_back(0);
  for (std::size_t i = 0; i < m_plain.size(); ++i) {
    if (m_plain[i] == '\n') {
      m_line_starts.push_back(i + 1);
    }
  }
}

// Code-point column in the file of byte `pos` (an offset of the whole text) on `line`.
int BodyReader::column_of(long line, std::size_t pos) {
  if (line != m_column_line || !m_columns) {
    m_column_line = line;
    m_columns.emplace(body_line(line));
  }
  return m_columns->at(pos - line_begin(line));
}

// After a list marker (`-`, `*`, `+`, `1.`, `1)`) and its spaces at p, or npos.
std::size_t BodyReader::skip_marker(std::size_t p, std::size_t e) const {
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

// ---- line by line: wikilinks, then tags and inline fields ---------------------------------

void BodyReader::read_line(std::size_t index) {
  const long line = static_cast<long>(index) + 1;
  const std::size_t b = line_begin(line);
  const std::size_t e = line_end(line);
  const std::string_view scan = std::string_view(m_scan).substr(b, e - b);
  const std::string_view text = std::string_view(m_plain).substr(b, e - b);
  if (scan.find_first_of("[#:(") == std::string_view::npos) {
    return;
  }
  // Bracketed fields are matched on the text before links are filled in, as Dataview matches
  // brackets on the raw line: `[[[[k:: v]]` holds field `k` (and link `k:: v`).
  const std::string field_scan = scan.find("::") == std::string_view::npos ? std::string() : std::string(scan);
  for (const WikilinkSpan& span : find_wikilinks(scan)) {
    const std::string_view inner = span.inner(scan);
    if (inner.find(k_code_fill) != std::string_view::npos) {
      continue;  // runs into code
    }
    LinkParts parts = split_link_text(inner);
    const int column = column_of(line, b + span.begin);
    // A link's text is no place for tags or full-line fields (bracketed ones use `field_scan`).
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
  if (!read_bracket_fields(line, field_scan) && m_field_start[index] != k_npos) {
    read_line_field(line, scan, text, m_field_start[index]);
  }
}

// ---- results ----------------------------------------------------------------------------

void BodyReader::store(Note& note) {
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

}  // namespace mdvault::core::markdown_detail

namespace mdvault::core {

void parse_body(std::string_view body, int first_line, Note& note) {
  markdown_detail::BodyReader reader(body, first_line);
  reader.read(note);
}

}  // namespace mdvault::core
