// Tasks: `- [c] text` on a list item's line; what counts is in docs/reading.md.

#include <cstddef>
#include <string>
#include <utility>

#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

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

}  // namespace

// `- [c] text`: the status is any one character; cmark's tasklist knows only ` ` and `x`.
void BodyReader::read_tasks() {
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

// After a task box `[c] ` at p, or p.
std::size_t BodyReader::skip_task_box(std::size_t p, std::size_t e) const {
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

}  // namespace mdvault::core::markdown_detail
