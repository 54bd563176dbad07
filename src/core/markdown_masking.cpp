// What no rule reads: `%% comments %%` blanked in the text (kept out of what is shown),
// code spans, math, code blocks and HTML filled in the scan copy.

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

// Stands for a comment that text follows on the same line, in the text given to cmark:
// spaces there would indent that text into a code block.
constexpr char k_comment_fill = '\x02';

}  // namespace

void BodyReader::fill_scan(std::size_t b, std::size_t e) {
  e = std::min(e, m_scan.size());
  for (std::size_t i = b; i < e; ++i) {
    if (m_scan[i] != '\n') {
      m_scan[i] = k_code_fill;
    }
  }
}

void BodyReader::fill_lines(long first, long last) {
  if (!has_line(first)) {
    return;
  }
  last = std::min(last, static_cast<long>(m_line_starts.size()));
  if (last >= first) {
    fill_scan(line_begin(first), line_end(last));
  }
}

// ---- comments ---------------------------------------------------------------------------

// Replaces `%% comments %%` by spaces in m_plain; returns the text for cmark (empty
// when it is m_plain itself).
std::string BodyReader::strip_comments() {
  if (m_plain.find("%%") == k_npos) {
    return {};
  }
  {
    // Where is code? A `%%` there opens nothing.
    m_scan = m_plain;
    if (m_guard == Guard::raw) {
      mask_without_tree();
    } else {
      const DocumentPtr doc = parse_guarded(m_plain);
      walk(doc.get(), false);
    }
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
std::string BodyReader::visible(std::size_t b, std::size_t e) const {
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

// ---- code spans and math -----------------------------------------------------------------

// Fills the code spans of the inline text in [b, e) (CommonMark: a run of n backticks
// up to the next run of exactly n; backslash escapes outside code). Linear: the runs of
// each length are listed once and consumed in order.
void BodyReader::fill_code_spans(std::size_t b, std::size_t e) {
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
void BodyReader::fill_math(std::size_t b, std::size_t e) {
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

// ---- code and HTML blocks, inline HTML ----------------------------------------------------

// A code block's lines. An unclosed fence ends where its container ends, and cmark
// then reports the next line as its last: count the lines of its text instead.
void BodyReader::fill_code_block(cmark_node* node) {
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
bool BodyReader::is_closing_fence(long line, char fence, int length) const {
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

// An HTML block's lines: counted from its text (cmark's end line is one short when
// the block closes on its own last line).
void BodyReader::fill_html_block(cmark_node* node) {
  const long start = cmark_node_get_start_line(node);
  const char* lit = cmark_node_get_literal(node);
  const std::string_view text = lit != nullptr ? lit : "";
  long lines = static_cast<long>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') {
    ++lines;
  }
  fill_lines(start, start + std::max(lines, 1L) - 1);
}

void BodyReader::fill_html_inline(const InlineRecord& rec) {
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

}  // namespace mdvault::core::markdown_detail
