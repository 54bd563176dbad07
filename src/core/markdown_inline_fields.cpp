// Dataview's inline fields: `key:: value` alone on a paragraph or heading line, and
// `[key:: value]`, `(key:: value)` anywhere; what counts is in docs/reading.md.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/markdown_internal.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::markdown_detail {

namespace {

// Key of an inline field: wrapping `**`/`_`/`~` and spaces dropped; empty when it is
// no Dataview key (letters of any script, digits, emoji, spaces, `-`, `_`, `/`). A
// full-line key (`key:: value` alone on a line) also drops what leads up to its first
// letter or digit, as Dataview does (`📅 Date:: x` is `Date`); a bracketed key starts with
// a letter, digit or emoji (`[🎅:: x]` is `🎅`) and may also hold `!` and `?` (`[key! :: x]`,
// a case of Dataview's own tests).
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
    const bool mark = !full_line && (c == '!' || c == '?');
    if (!alnum && (first || (c != ' ' && c != '-' && c != '_' && c != '/' && !mark))) {
      return {0, 0};
    }
    first = false;
    i += std::max<std::size_t>(len, 1);
  }
  return {b, e};
}

}  // namespace

// Marks where content starts on each line of a paragraph or heading, for `key:: value`
// lines (Dataview reads them in both).
void BodyReader::mark_field_lines() {
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

// `key:: value` filling a paragraph line (content starts at `start`).
void BodyReader::read_line_field(long line, std::string_view scan, std::string_view text, std::size_t start) {
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
bool BodyReader::read_bracket_fields(long line, std::string_view scan) {
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
      if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '/' || c == '*' || c == '~' || c == '!' || c == '?' ||
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

}  // namespace mdvault::core::markdown_detail
