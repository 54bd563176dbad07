// The fast path: the YAML most frontmatter is written in, read without yaml-cpp's scanner
// but reported through yaml-cpp's event interface.

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <string>

#include "core/frontmatter_internal.hpp"

namespace mdvault::core::frontmatter_detail {

namespace {

// yaml-cpp's scanner matches regular expressions character by character (about 4 MB/s): a
// 10,000-note vault would take seconds. This line-based reader handles the common subset
// (a top-level map of plain keys whose values are one-line plain or quoted scalars, one-line
// flow lists of such scalars, block lists of them and literal `|` blocks) and sends yaml-cpp's
// exact events, marks included, to the same ValueBuilder. At anything else (and at the first
// doubt) it gives up, and yaml-cpp reads the whole text; unit tests compare both readers.
class SimpleYamlReader {
public:
  explicit SimpleYamlReader(std::string_view text) : m_text(text) {}

  /// Sends the document's events to `out`; false when the text is outside the subset (the
  /// events sent so far must then be discarded).
  bool read(YAML::EventHandler& out) {
    if (m_text.empty()) {
      return true;
    }
    if (m_text.back() != '\n' || !has_plain_bytes()) {
      return false;
    }
    m_end = m_text.find('\n');
    bool started = false;
    while (m_begin < m_text.size()) {
      const std::string_view line = current_line();
      if (is_all_spaces(line) || line.front() == '#') {
        next_line();
        continue;
      }
      if (!started) {
        out.OnDocumentStart(mark_at(m_begin));
        out.OnMapStart(mark_at(m_begin), "?", YAML::NullAnchor, YAML::EmitterStyle::Block);
        started = true;
      }
      if (!read_entry(out, line)) {
        return false;
      }
    }
    if (started) {
      out.OnMapEnd();
      out.OnDocumentEnd();
    }
    return true;
  }

private:
  static constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@`";
  // Longer keys go to yaml-cpp, which refuses implicit keys past 1,024 characters.
  static constexpr std::size_t k_max_simple_key = 1000;

  // No tabs, carriage returns or other control bytes, no BOM, NEL, LS or PS: yaml-cpp gives
  // those meanings this reader does not copy.
  [[nodiscard]] bool has_plain_bytes() const {
    for (std::size_t i = 0; i < m_text.size(); ++i) {
      const auto c = static_cast<unsigned char>(m_text[i]);
      if ((c < 0x20 && c != '\n') || c == 0x7F) {
        return false;
      }
      if (c == 0xC2 && i + 1 < m_text.size() && static_cast<unsigned char>(m_text[i + 1]) == 0x85) {
        return false;
      }
      if ((c == 0xE2 || c == 0xEF) && i + 2 < m_text.size()) {
        const std::string_view three = m_text.substr(i, 3);
        if (three == "\xE2\x80\xA8" || three == "\xE2\x80\xA9" || three == "\xEF\xBB\xBF") {
          return false;
        }
      }
    }
    return true;
  }

  static bool is_all_spaces(std::string_view s) {
    return s.find_first_not_of(' ') == std::string_view::npos;
  }

  static bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  [[nodiscard]] std::string_view current_line() const {
    return m_text.substr(m_begin, m_end - m_begin);
  }
  [[nodiscard]] std::size_t line_end() const { return m_end; }
  void next_line() {
    m_begin = m_end + 1;
    m_end = m_begin < m_text.size() ? m_text.find('\n', m_begin) : m_text.size();
    ++m_line;
  }

  [[nodiscard]] YAML::Mark mark_at(std::size_t offset) const {
    // Only marks on the current line or the text's end are asked for.
    YAML::Mark mark;
    mark.pos = static_cast<int>(offset);
    mark.line = m_line;
    mark.column = static_cast<int>(offset - m_begin);
    return mark;
  }

  // `key: value`, `key:` + a block list or nothing, `key: |` + a literal block.
  bool read_entry(YAML::EventHandler& out, std::string_view line) {
    const char first = line.front();
    if (!is_ascii_alnum(first) && first != '_') {
      return false;
    }
    std::size_t colon = 1;
    while (colon < line.size() && line[colon] != ':') {
      const char c = line[colon];
      const bool ok = is_ascii_alnum(c) || c == '_' || c == '-' || c == '.' || c == ' ' ||
                      c == '/' || static_cast<unsigned char>(c) >= 0x80;
      if (!ok) {
        return false;
      }
      ++colon;
    }
    // YAML limits an implicit key to 1,024 characters, and yaml-cpp counts them its own way.
    if (colon == line.size() || line[colon - 1] == ' ' || colon > k_max_simple_key) {
      return false;
    }
    const bool at_end = colon + 1 == line.size();
    if (!at_end && line[colon + 1] != ' ') {
      return false;
    }
    const std::string_view key = line.substr(0, colon);
    if (is_null_literal(key)) {
      out.OnNull(mark_at(m_begin), YAML::NullAnchor);
    } else {
      out.OnScalar(mark_at(m_begin), "?", YAML::NullAnchor, std::string(key));
    }
    std::size_t v = colon + 1;
    while (v < line.size() && line[v] == ' ') {
      ++v;
    }
    if (v == line.size()) {
      return read_empty_value(out);
    }
    const std::size_t offset = m_begin + v;
    std::size_t end = std::string_view::npos;
    switch (line[v]) {
      case '"':
      case '\'':
        end = read_quoted(out, offset);
        break;
      case '[':
        end = read_flow_list(out, offset);
        break;
      case '|':
        return read_literal(out, offset);
      default:
        end = read_plain(out, offset, false);
        break;
    }
    if (end == std::string_view::npos || !is_line_rest_empty(end)) {
      return false;
    }
    next_line();
    return true;
  }

  // Only spaces, or spaces and a comment, from `offset` to the end of the line.
  [[nodiscard]] bool is_line_rest_empty(std::size_t offset) const {
    const std::size_t end = line_end();
    std::size_t i = offset;
    while (i < end && m_text[i] == ' ') {
      ++i;
    }
    return i == end || (m_text[i] == '#' && i > offset);
  }

  // A plain scalar from `offset`; in a flow list it stops at ',' or ']'. Returns the end.
  std::size_t read_plain(YAML::EventHandler& out, std::size_t offset, bool in_flow) {
    const std::size_t end = line_end();
    const char first = m_text[offset];
    if (k_indicators.find(first) != std::string_view::npos) {
      const bool number_sign = first == '-' && offset + 1 < end &&
                               (is_digit(m_text[offset + 1]) || m_text[offset + 1] == '.');
      if (!number_sign) {
        return std::string_view::npos;
      }
    }
    std::size_t i = offset;
    std::size_t content_end = offset;
    for (; i < end; ++i) {
      const char c = m_text[i];
      if (c == ':' && (i + 1 == end || m_text[i + 1] == ' ' || in_flow)) {
        return std::string_view::npos;
      }
      if (c == '#' && m_text[i - 1] == ' ') {
        break;  // a comment
      }
      if (in_flow) {
        if (c == ',' || c == ']') {
          break;
        }
        // yaml-cpp ends a plain scalar in a flow collection at '?' too (`[what?]`): its answer.
        if (c == '[' || c == '{' || c == '}' || c == '#' || c == '?') {
          return std::string_view::npos;
        }
      }
      if (c != ' ') {
        content_end = i + 1;
      }
    }
    const std::string_view value = m_text.substr(offset, content_end - offset);
    if (is_null_literal(value)) {
      out.OnNull(mark_at(offset), YAML::NullAnchor);
    } else {
      out.OnScalar(mark_at(offset), "?", YAML::NullAnchor, std::string(value));
    }
    return content_end;
  }

  // A one-line quoted scalar: '...' with '' for a quote, or "..." without escapes.
  std::size_t read_quoted(YAML::EventHandler& out, std::size_t offset) {
    const std::size_t end = line_end();
    const char quote = m_text[offset];
    std::string value;
    for (std::size_t i = offset + 1; i < end; ++i) {
      const char c = m_text[i];
      if (quote == '"' && c == '\\') {
        return std::string_view::npos;
      }
      if (c == quote) {
        if (quote == '\'' && i + 1 < end && m_text[i + 1] == '\'') {
          value += '\'';
          ++i;
          continue;
        }
        out.OnScalar(mark_at(offset), "!", YAML::NullAnchor, value);
        return i + 1;
      }
      value += c;
    }
    return std::string_view::npos;
  }

  // `[a, "b", 'c']` on one line.
  std::size_t read_flow_list(YAML::EventHandler& out, std::size_t offset) {
    const std::size_t end = line_end();
    out.OnSequenceStart(mark_at(offset), "?", YAML::NullAnchor, YAML::EmitterStyle::Flow);
    auto skip_spaces = [&](std::size_t i) {
      while (i < end && m_text[i] == ' ') {
        ++i;
      }
      return i;
    };
    std::size_t i = skip_spaces(offset + 1);
    if (i < end && m_text[i] == ']') {
      out.OnSequenceEnd();
      return i + 1;
    }
    while (i < end) {
      const char c = m_text[i];
      if (c == ',' || c == ']') {
        return std::string_view::npos;  // an empty item
      }
      i = c == '"' || c == '\'' ? read_quoted(out, i) : read_plain(out, i, true);
      if (i == std::string_view::npos) {
        return i;
      }
      i = skip_spaces(i);
      if (i < end && m_text[i] == ']') {
        out.OnSequenceEnd();
        return i + 1;
      }
      if (i == end || m_text[i] != ',') {
        return std::string_view::npos;
      }
      i = skip_spaces(i + 1);
    }
    return std::string_view::npos;
  }

  // `key:` then either a block list (`- item` lines) or nothing (null).
  bool read_empty_value(YAML::EventHandler& out) {
    next_line();
    // The next line that is not blank.
    while (m_begin < m_text.size() && is_all_spaces(current_line())) {
      next_line();
    }
    const std::string_view line = m_begin < m_text.size() ? current_line() : std::string_view();
    const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
    const std::string_view rest = line.substr(indent);
    if (rest.substr(0, 2) != "- ") {
      // A null; yaml-cpp marks it at the next token (the next key, or the end of the text).
      std::size_t begin = m_begin;
      int number = m_line;
      while (begin < m_text.size()) {
        const std::size_t eol = m_text.find('\n', begin);
        const std::string_view l = m_text.substr(begin, eol - begin);
        const std::size_t first = l.find_first_not_of(' ');
        if (first != std::string_view::npos && l[first] != '#') {
          break;
        }
        begin = eol + 1;
        ++number;
      }
      YAML::Mark mark;
      mark.pos = static_cast<int>(begin);
      mark.line = number;
      mark.column = 0;
      if (begin < m_text.size()) {
        const std::string_view l = m_text.substr(begin);
        mark.column = static_cast<int>(l.find_first_not_of(' '));
        mark.pos += mark.column;
      }
      out.OnNull(mark, YAML::NullAnchor);
      return true;
    }
    out.OnSequenceStart(mark_at(m_begin + indent), "?", YAML::NullAnchor,
                        YAML::EmitterStyle::Block);
    while (true) {
      const std::size_t item = m_begin + indent + 2;
      std::size_t v = item;
      while (v < line_end() && m_text[v] == ' ') {
        ++v;
      }
      if (v == line_end()) {
        return false;  // an empty item
      }
      const char c = m_text[v];
      if (c == '[' || c == '|') {
        return false;
      }
      const std::size_t end =
          c == '"' || c == '\'' ? read_quoted(out, v) : read_plain(out, v, false);
      if (end == std::string_view::npos || !is_line_rest_empty(end)) {
        return false;
      }
      next_line();
      while (m_begin < m_text.size() && is_all_spaces(current_line())) {
        next_line();
      }
      if (m_begin >= m_text.size()) {
        break;
      }
      const std::string_view next = current_line();
      if (next.substr(0, indent + 2) != std::string(indent, ' ') + "- ") {
        break;
      }
    }
    out.OnSequenceEnd();
    return true;
  }

  // `|`, `|-` or `|+` and the indented lines under it.
  bool read_literal(YAML::EventHandler& out, std::size_t offset) {
    const std::size_t end = line_end();
    std::size_t i = offset + 1;
    const char chomp = i < end && (m_text[i] == '-' || m_text[i] == '+') ? m_text[i++] : ' ';
    while (i < end && m_text[i] == ' ') {
      ++i;
    }
    if (i != end) {
      return false;
    }
    const YAML::Mark mark = mark_at(offset);
    next_line();
    if (m_begin >= m_text.size() || is_all_spaces(current_line())) {
      return false;  // empty, or starting with blank lines
    }
    const std::size_t indent = current_line().find_first_not_of(' ');
    if (indent == 0) {
      return false;
    }
    std::string body;
    std::size_t pending_breaks = 0;  // blank lines not yet known to be inside the text
    while (m_begin < m_text.size()) {
      const std::string_view line = current_line();
      const std::size_t spaces = std::min(line.find_first_not_of(' '), line.size());
      if (spaces == line.size()) {
        if (spaces > indent) {
          return false;
        }
        ++pending_breaks;
      } else if (spaces >= indent) {
        body.append(pending_breaks, '\n');
        pending_breaks = 0;
        body.append(line.substr(indent));
        body += '\n';
      } else if (spaces == 0 && line.front() != '#') {
        break;
      } else {
        return false;
      }
      next_line();
    }
    if (chomp == '-') {
      body.pop_back();
    } else if (chomp == '+') {
      body.append(pending_breaks, '\n');
    }
    out.OnScalar(mark, "!", YAML::NullAnchor, body);
    return true;
  }

  std::string_view m_text;
  std::size_t m_begin = 0;  // start of the current line
  std::size_t m_end = 0;    // its '\n'
  int m_line = 0;           // its 0-based number
};

}  // namespace

bool read_simple_yaml(std::string_view text, YAML::EventHandler& out) {
  return SimpleYamlReader(text).read(out);
}

}  // namespace mdvault::core::frontmatter_detail
