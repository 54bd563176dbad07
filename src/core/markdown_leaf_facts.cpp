// What a paragraph, heading or table cell yields once its inline nodes are placed:
// Markdown links and images, headings, block ids.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "core/markdown_internal.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::markdown_detail {

namespace {

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

}  // namespace

void BodyReader::read_markdown_link(const InlineRecord& rec) {
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
void BodyReader::read_block_id(long line) {
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

void BodyReader::read_heading() {
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
  // An ATX heading is its own line; a setext heading starts where its text does, which is
  // never outside the heading's own lines (an indented "-" line that continues the text
  // once put it before the note's first line).
  const long line = m_leaf.last == m_leaf.first || m_leaf.inlines.empty() || m_content_first < m_leaf.first ||
                            m_content_first > m_leaf.last
                        ? m_leaf.first
                        : m_content_first;
  m_headings.push_back({cmark_node_get_heading_level(m_leaf.node), render_heading(raw), file_line(line)});
}

}  // namespace mdvault::core::markdown_detail
