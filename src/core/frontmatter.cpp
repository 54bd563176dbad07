// Frontmatter splitting (Obsidian's rule) and the public entry points. The YAML itself is
// read by frontmatter_yaml.cpp (yaml-cpp's event API, or frontmatter_fast_reader.cpp for
// simple documents) into Value through frontmatter_value_builder.cpp. yaml-cpp marks are
// 0-based, relative to the YAML text, and count bytes: every position is converted to a
// 1-based file line and a code-point column.

#include "core/frontmatter.hpp"

#include <algorithm>
#include <utility>

#include "core/frontmatter_internal.hpp"

namespace mdvault::core {

namespace frontmatter_detail {

Diagnostic make_diagnostic(const std::string& path, Position pos, std::string_view rule,
                           std::string field, std::string message) {
  Diagnostic d;
  d.location = SourceLocation{path, pos.line, pos.column};
  d.severity = Severity::error;
  d.rule = std::string(rule);
  d.field = std::move(field);
  d.message = std::move(message);
  return d;
}

}  // namespace frontmatter_detail

namespace {

using frontmatter_detail::is_space_or_tab;
using frontmatter_detail::make_diagnostic;
using frontmatter_detail::read_yaml;
using frontmatter_detail::Reader;

// ---------------------------------------------------------------------------------------
// Lines

bool is_blank_line(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// `---` followed only by spaces or tabs.
bool is_fence(std::string_view line) {
  if (line.substr(0, 3) != "---") {
    return false;
  }
  return std::all_of(line.begin() + 3, line.end(), is_space_or_tab);
}

// `^[A-Za-z_][^:]*:( |$)`: what the first line of a YAML mapping looks like.
bool looks_like_yaml_key(std::string_view line) {
  if (line.empty()) {
    return false;
  }
  const char c = line.front();
  const bool starts_ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
  if (!starts_ok) {
    return false;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  return colon + 1 == line.size() || line[colon + 1] == ' ';
}

// Walks the lines of a text: line numbers are 1-based.
class LineCursor {
public:
  explicit LineCursor(std::string_view text) : m_text(text) {}

  [[nodiscard]] bool at_end() const { return m_begin > m_text.size(); }
  [[nodiscard]] std::string_view line() const {
    const std::size_t end = line_end();
    return m_text.substr(m_begin, end - m_begin);
  }
  [[nodiscard]] std::size_t begin() const { return m_begin; }
  /// Offset just past this line's '\n' (the text's size for the last line).
  [[nodiscard]] std::size_t next_begin() const {
    const std::size_t end = line_end();
    return end == m_text.size() ? end : end + 1;
  }
  [[nodiscard]] int number() const { return m_number; }
  void advance() {
    const std::size_t end = line_end();
    m_begin = end == m_text.size() ? m_text.size() + 1 : end + 1;
    ++m_number;
  }

private:
  [[nodiscard]] std::size_t line_end() const {
    const std::size_t end = m_text.find('\n', m_begin);
    return end == std::string_view::npos ? m_text.size() : end;
  }

  std::string_view m_text;
  std::size_t m_begin = 0;
  int m_number = 1;
};

// What the frontmatter holds, for the not-a-mapping message.
std::string_view describe_kind(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::list:
      return "a list";
    case Value::Kind::string:
      return "a text";
    case Value::Kind::integer:
    case Value::Kind::floating:
      return "a number";
    case Value::Kind::boolean:
      return "true or false";
    default:
      return "not a mapping";
  }
}

// `---` as the first non-blank line after line 1, closed later, with a key after it.
std::optional<int> find_misplaced_block(std::string_view text) {
  LineCursor cursor(text);
  while (!cursor.at_end() && is_blank_line(cursor.line())) {
    cursor.advance();
  }
  if (cursor.at_end() || cursor.number() == 1 || !is_fence(cursor.line())) {
    return std::nullopt;
  }
  const int opening = cursor.number();
  cursor.advance();
  if (cursor.at_end() || !looks_like_yaml_key(cursor.line())) {
    return std::nullopt;
  }
  for (; !cursor.at_end(); cursor.advance()) {
    if (is_fence(cursor.line())) {
      return opening;
    }
  }
  return std::nullopt;
}

}  // namespace

FrontmatterResult parse_frontmatter(std::string_view text, const std::string& path) {
  FrontmatterResult result;
  LineCursor cursor(text);
  if (!is_fence(cursor.line())) {
    if (const auto line = find_misplaced_block(text)) {
      result.diagnostics.push_back(make_diagnostic(
          path, Position{*line, 1}, "frontmatter.misplaced", {},
          "this looks like frontmatter, but frontmatter must start on line 1, so it is read as "
          "body text: remove what stands before the '---' so it is on line 1"));
    }
    return result;
  }
  cursor.advance();
  const std::size_t yaml_begin = cursor.begin();
  for (; !cursor.at_end(); cursor.advance()) {
    if (is_fence(cursor.line())) {
      break;
    }
  }
  if (cursor.at_end()) {
    result.diagnostics.push_back(make_diagnostic(
        path, Position{1, 1}, "frontmatter.unclosed", {},
        "the frontmatter opened with '---' on line 1 is never closed: add a line with only "
        "'---' after the last property (the file is read as body text)"));
    return result;
  }
  result.has_block = true;
  result.body_offset = cursor.next_begin();
  result.body_first_line = cursor.number() + 1;
  const std::string_view yaml = text.substr(yaml_begin, cursor.begin() - yaml_begin);
  constexpr int k_yaml_first_line = 2;
  if (yaml.empty()) {
    result.value = Value::make_map({}, Position{k_yaml_first_line, 1});
    return result;
  }
  YamlResult parsed = *read_yaml(yaml, path, k_yaml_first_line, Reader::any);
  result.diagnostics = std::move(parsed.diagnostics);
  if (!parsed.value) {
    return result;
  }
  if (parsed.value->is_null()) {
    result.value = Value::make_map({}, Position{k_yaml_first_line, 1});
  } else if (parsed.value->is_map()) {
    result.value = std::move(parsed.value);
  } else {
    result.diagnostics.push_back(make_diagnostic(
        path, Position{k_yaml_first_line, 1}, "frontmatter.not-a-mapping", {},
        "the frontmatter is " + std::string(describe_kind(*parsed.value)) +
            ", not a set of properties: write one 'key: value' per line"));
  }
  return result;
}

YamlResult parse_yaml(std::string_view text, const std::string& path, int first_line) {
  // A BOM is not part of the document (and not a column).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3);
  }
  return *read_yaml(text, path, first_line, Reader::any);
}

namespace detail {

YamlResult parse_yaml_with_yaml_cpp(std::string_view text, const std::string& path,
                                    int first_line) {
  return *read_yaml(text, path, first_line, Reader::yaml_cpp_only);
}

std::optional<YamlResult> parse_simple_yaml(std::string_view text, const std::string& path,
                                            int first_line) {
  return read_yaml(text, path, first_line, Reader::simple_only);
}

}  // namespace detail

}  // namespace mdvault::core
