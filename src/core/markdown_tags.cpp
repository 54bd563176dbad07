// Tags in the body, as Obsidian's metadata cache reads them; what counts is in
// docs/reading.md.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

// True when a `#` at i may start a tag, as Obsidian's metadata cache reads them: at the
// start of the line's content (after a quote's `>`), after white space (also no-break and
// ideographic space), after an emphasis or strikethrough delimiter (`**#tag**`,
// `_#tag_`), or at the start of a table cell. Any other character before it, `(`, `[`,
// `"`, `.`, a letter, blocks it: `(#tag)` and `a#b` are no tags.
bool may_start_tag(std::string_view s, std::size_t i, std::size_t content, bool table_row) {
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

}  // namespace

void BodyReader::read_tags(long line, std::string_view scan, std::string_view text) {
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

}  // namespace mdvault::core::markdown_detail
