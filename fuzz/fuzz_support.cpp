// Helpers shared by the fuzz targets.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/unicode.hpp"
#include "core/vault.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {

std::optional<std::string> note_text(const std::uint8_t* data, std::size_t size) {
  std::string text(as_text(data, size));
  core::normalize_note_text(text);
  if (!core::is_valid_utf8(text)) {
    return std::nullopt;
  }
  return text;
}

void fuzz_fail(std::string_view what) {
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

TextLines::TextLines(std::string_view text, int first_line) : m_first_line(first_line) {
  std::size_t begin = 0;
  while (true) {
    const std::size_t end = text.find('\n', begin);
    const std::string_view line =
        text.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
    m_columns.push_back(static_cast<int>(core::count_code_points(line)));
    if (end == std::string_view::npos) {
      break;
    }
    begin = end + 1;
  }
}

bool TextLines::contains(core::Position pos) const {
  const int index = pos.line - m_first_line;
  return index >= 0 && static_cast<std::size_t>(index) < m_columns.size() && pos.column >= 1 &&
         pos.column <= m_columns[static_cast<std::size_t>(index)] + 1;
}

int TextLines::last_line() const { return m_first_line + static_cast<int>(m_columns.size()) - 1; }

namespace {

std::string describe(core::Position pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.column); }

}  // namespace

void check_value_positions(const TextLines& lines, const core::Value& value) {
  if (!lines.contains(value.position)) {
    fuzz_fail("a value's position lies outside the text: " + describe(value.position));
  }
  if (value.is_list()) {
    for (const core::Value& item : value.as_list()) {
      check_value_positions(lines, item);
    }
  } else if (value.is_map()) {
    for (const core::MapEntry& entry : value.as_map()) {
      if (!lines.contains(entry.key_position)) {
        fuzz_fail("the key " + entry.key + " has a position outside the text: " + describe(entry.key_position));
      }
      check_value_positions(lines, entry.value);
    }
  }
}

void check_diagnostics(const TextLines& lines, const std::string& path,
                       const std::vector<core::Diagnostic>& diagnostics) {
  for (const core::Diagnostic& d : diagnostics) {
    const core::Position pos{d.location.line, d.location.column};
    if (d.location.path != path) {
      fuzz_fail("a diagnostic names another file: " + d.location.path);
    }
    fuzz_check(!d.rule.empty() && !d.message.empty(), "a diagnostic without rule or message");
    if (!(pos.line == 0 && pos.column == 0) && !lines.contains(pos)) {
      fuzz_fail("the diagnostic [" + d.rule + "] " + d.message + " is at " + describe(pos) + ", outside the text");
    }
  }
}

}  // namespace mdvault::fuzz
