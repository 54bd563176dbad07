// Frontmatter splitting (Obsidian's rule) and YAML -> Value through yaml-cpp's event API.
// yaml-cpp marks are 0-based, relative to the YAML text, and count bytes: every position
// is converted here to a 1-based file line and a code-point column.

#include "core/frontmatter.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <istream>
#include <limits>
#include <memory>
#include <streambuf>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/unicode.hpp"

namespace mdvault::core {

namespace {

constexpr std::string_view k_rule_yaml = "frontmatter.yaml";
constexpr std::string_view k_rule_duplicate = "frontmatter.duplicate-key";
constexpr std::string_view k_rule_too_large = "frontmatter.too-large";
constexpr std::string_view k_tag_int = "tag:yaml.org,2002:int";
constexpr std::string_view k_tag_float = "tag:yaml.org,2002:float";
constexpr std::string_view k_tag_bool = "tag:yaml.org,2002:bool";
constexpr std::string_view k_tag_null = "tag:yaml.org,2002:null";
// Anchored values are copied into the anchor table; this bounds that copying.
constexpr std::size_t k_max_anchor_work = 10 * k_max_yaml_nodes;
// Maps with more keys than this get a hash index for the duplicate-key check.
constexpr std::size_t k_linear_key_search = 64;

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

// ---------------------------------------------------------------------------------------
// Lines

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

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

// ---------------------------------------------------------------------------------------
// Positions: yaml-cpp marks -> file positions

class SourceMap {
public:
  SourceMap(std::string_view text, int first_line) : m_text(text), m_first_line(first_line) {
    m_starts.reserve(64);
    m_starts.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
      m_starts.push_back(i + 1);
    }
  }

  [[nodiscard]] std::string_view text() const { return m_text; }

  /// 0-based line index of a mark, clamped to the text.
  [[nodiscard]] std::size_t line_index(const YAML::Mark& mark) const {
    if (mark.line < 0) {
      return 0;
    }
    return std::min(static_cast<std::size_t>(mark.line), m_starts.size() - 1);
  }

  [[nodiscard]] std::string_view line_text(std::size_t index) const {
    const std::size_t begin = m_starts[index];
    const std::size_t end = index + 1 < m_starts.size() ? m_starts[index + 1] - 1 : m_text.size();
    return m_text.substr(begin, end - begin);
  }

  /// Byte offset in the text of a mark, clamped to its line.
  [[nodiscard]] std::size_t offset(const YAML::Mark& mark) const {
    const std::size_t index = line_index(mark);
    const std::size_t column =
        mark.column < 0 ? 0
                        : std::min(static_cast<std::size_t>(mark.column), line_text(index).size());
    return m_starts[index] + column;
  }

  [[nodiscard]] Position position(const YAML::Mark& mark) const {
    const std::size_t index = line_index(mark);
    const std::string_view line = line_text(index);
    const std::size_t column =
        mark.column < 0 ? 0 : std::min(static_cast<std::size_t>(mark.column), line.size());
    return position_at(index, column);
  }

  /// The file position of byte `offset` of the text.
  [[nodiscard]] Position position_of_offset(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto index = static_cast<std::size_t>(it - m_starts.begin()) - 1;
    return position_at(index, offset - m_starts[index]);
  }

  [[nodiscard]] int file_line(std::size_t index) const {
    return m_first_line + static_cast<int>(index);
  }

private:
  [[nodiscard]] Position position_at(std::size_t index, std::size_t byte_column) const {
    return Position{file_line(index), column_at(line_text(index), byte_column)};
  }

  std::string_view m_text;
  int m_first_line;
  std::vector<std::size_t> m_starts;  // byte offset of each line's start
};

// ---------------------------------------------------------------------------------------
// The YAML 1.2 core schema, for plain scalars

bool is_null_literal(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool all_of_chars(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
bool is_core_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) {
    ++i;
    ++int_digits;
  }
  std::size_t frac_digits = 0;
  bool has_dot = false;
  if (i < s.size() && s[i] == '.') {
    has_dot = true;
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++frac_digits;
    }
  }
  if (int_digits == 0 && (!has_dot || frac_digits == 0)) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) {
      ++i;
      ++exp_digits;
    }
    if (exp_digits == 0) {
      return false;
    }
  }
  return i == s.size();
}

// Parses a string that is_core_float accepted (overflow gives +-inf, underflow 0).
double parse_core_float(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  double d = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec == std::errc::result_out_of_range) {
    const std::size_t e = s.find_first_of("eE");
    const bool tiny = e != std::string_view::npos && e + 1 < s.size() && s[e + 1] == '-';
    d = tiny ? 0.0 : std::numeric_limits<double>::infinity();
  }
  return negative ? -d : d;
}

// The value of digits in `base` (10, 8, 16): nothing when above int64's range.
std::optional<std::int64_t> parse_unsigned(std::string_view digits, int base, bool negative) {
  std::uint64_t magnitude = 0;
  const auto [ptr, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (ec != std::errc{} || ptr != digits.data() + digits.size()) {
    return std::nullopt;
  }
  constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (!negative) {
    if (magnitude > k_max) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(magnitude);
  }
  if (magnitude > k_max + 1) {
    return std::nullopt;
  }
  if (magnitude == k_max + 1) {
    return std::numeric_limits<std::int64_t>::min();
  }
  return -static_cast<std::int64_t>(magnitude);
}

double digits_as_double(std::string_view digits, int base) {
  double d = 0;
  for (char c : digits) {
    int v = 0;
    if (is_digit(c)) {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else {
      v = c - 'A' + 10;
    }
    d = d * base + v;
  }
  return d;
}

// A plain scalar resolved by the YAML 1.2 core schema.
Value resolve_plain(const std::string& s, Position pos) {
  const std::string_view v = s;
  if (is_null_literal(v)) {
    return Value::make_null(pos);
  }
  if (v == "true" || v == "True" || v == "TRUE") {
    return Value::make_bool(true, pos);
  }
  if (v == "false" || v == "False" || v == "FALSE") {
    return Value::make_bool(false, pos);
  }
  const char first = v.front();
  if (is_digit(first) || first == '-' || first == '+' || first == '.') {
    // Octal and hexadecimal (no sign in the core schema).
    if (v.size() > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'x')) {
      const int base = v[1] == 'o' ? 8 : 16;
      const std::string_view digits = v.substr(2);
      const bool ok = base == 8 ? all_of_chars(digits, [](char c) { return c >= '0' && c <= '7'; })
                                : all_of_chars(digits, is_hex_digit);
      if (ok) {
        if (auto i = parse_unsigned(digits, base, false)) {
          return Value::make_int(*i, pos);
        }
        return Value::make_float(digits_as_double(digits, base), pos);
      }
      return Value::make_string(s, pos);
    }
    // Decimal integer.
    const bool negative = first == '-';
    const std::string_view digits = first == '-' || first == '+' ? v.substr(1) : v;
    if (all_of_chars(digits, is_digit)) {
      if (auto i = parse_unsigned(digits, 10, negative)) {
        return Value::make_int(*i, pos);
      }
      return Value::make_float(parse_core_float(v), pos);
    }
    if (is_core_float(v)) {
      return Value::make_float(parse_core_float(v), pos);
    }
    // .inf, -.inf, +.inf, .nan in their three spellings.
    const std::string_view unsigned_part = first == '-' || first == '+' ? v.substr(1) : v;
    if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
      const double inf = std::numeric_limits<double>::infinity();
      return Value::make_float(negative ? -inf : inf, pos);
    }
    if (v == ".nan" || v == ".NaN" || v == ".NAN") {
      return Value::make_float(std::numeric_limits<double>::quiet_NaN(), pos);
    }
  }
  return Value::make_string(s, pos);
}

// A scalar with a tag: `!!str` (and every tag but the core ones) keeps the text.
Value resolve_tagged(std::string_view tag, const std::string& s, Position pos) {
  if (tag == k_tag_int || tag == k_tag_float || tag == k_tag_bool || tag == k_tag_null) {
    Value v = resolve_plain(s, pos);
    if (tag == k_tag_float && v.is_int()) {
      return Value::make_float(static_cast<double>(v.as_int()), pos);
    }
    const bool fits = (tag == k_tag_int && v.is_int()) || (tag == k_tag_float && v.is_float()) ||
                      (tag == k_tag_bool && v.is_bool()) || (tag == k_tag_null && v.is_null());
    if (fits) {
      return v;
    }
  }
  return Value::make_string(s, pos);
}

// ---------------------------------------------------------------------------------------
// Building Values from yaml-cpp events

// Thrown by the builder (and caught in read_yaml) to stop reading: a finding, no value.
struct BuildAbort {
  std::string_view rule;
  Position position;
  std::string message;
};

// Reads a std::istream straight from a string_view, without copying it.
class ViewStreamBuf : public std::streambuf {
public:
  explicit ViewStreamBuf(std::string_view text) {
    // The get area is only read: std::streambuf wants non-const pointers.
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// Turns the events of one YAML document into a Value, counting nodes as it goes.
class ValueBuilder final : public YAML::EventHandler {
public:
  ValueBuilder(const SourceMap& source, const std::string& path) : m_source(source), m_path(path) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (m_documents++ > 0) {
      throw BuildAbort{k_rule_yaml, m_source.position(mark),
                       "invalid YAML: a second YAML document starts here; keep one document "
                       "(remove the '---' or '...' line above)"};
    }
  }

  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_nodes(1, mark);
    const std::size_t offset = m_source.offset(mark);
    const std::string_view literal = null_literal_at(offset);
    Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
    if (top != nullptr && top->is_map && top->state == MapState::key) {
      Position pos = m_source.position(mark);
      register_anchor(anchor, Value::make_string(std::string(literal), pos), 1, 0);
      set_key(std::string(literal), pos);
      return;
    }
    Value v = Value::make_null(empty_node_position(mark, offset, literal));
    register_anchor(anchor, v, 1, 0);
    add_node(std::move(v), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_nodes(1, mark);
    const Position pos = m_source.position(mark);
    if (tag == "!") {
      check_quote_closed(mark);
    }
    Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
    if (top != nullptr && top->is_map && top->state == MapState::key) {
      if (anchor != YAML::NullAnchor) {
        register_anchor(anchor, Value::make_string(value, pos), 1, 0);
      }
      set_key(value, pos);
      return;
    }
    Value v = tag == "?"   ? resolve_plain(value, pos)
              : tag == "!" ? Value::make_string(value, pos)
                           : resolve_tagged(tag, value, pos);
    register_anchor(anchor, v, 1, 0);
    add_node(std::move(v), 0);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Position pos = m_source.position(mark);
    if (anchor >= m_anchors.size() || !m_anchors[anchor].defined) {
      // yaml-cpp knows the anchor but its node is not finished: it contains this alias.
      throw BuildAbort{k_rule_yaml, pos,
                       "invalid YAML: this alias refers to the list or map that contains it; "
                       "an alias may only repeat a value that is complete"};
    }
    const Anchor& a = m_anchors[anchor];
    count_nodes(a.nodes, mark);
    if (m_stack.size() + a.height > k_max_value_depth) {
      throw BuildAbort{k_rule_too_large, pos, too_deep_message()};
    }
    Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
    if (top != nullptr && top->is_map && top->state == MapState::key) {
      if (const auto key = scalar_key_text(a.value)) {
        set_key(*key, pos);
      } else {
        complex_key(pos);
        top->state = MapState::value;
        top->discard_value = true;
      }
      return;
    }
    Value copy = a.value;
    copy.position = pos;
    add_node(std::move(copy), a.height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open_container(mark, anchor, style, false);
  }

  void OnSequenceEnd() override { close_container(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open_container(mark, anchor, style, true);
  }

  void OnMapEnd() override { close_container(); }

  /// The document's value: null when the document was empty.
  std::optional<Value> take_root() { return std::move(m_root); }

  std::vector<Diagnostic> take_diagnostics() { return std::move(m_diagnostics); }

  /// The file position of the innermost list or map still open, if any.
  [[nodiscard]] std::optional<Position> innermost_position() const {
    if (m_stack.empty()) {
      return std::nullopt;
    }
    return m_stack.back().container.position;
  }

  /// The file position of the innermost open flow collection ('[' or '{'), if any.
  [[nodiscard]] std::optional<Position> open_flow_position(bool map) const {
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
      if (it->is_flow && it->is_map == map) {
        return it->container.position;
      }
    }
    return std::nullopt;
  }

private:
  enum class MapState { key, complex_key, value };

  struct Frame {
    Value container;
    bool is_map = false;
    bool is_flow = false;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t nodes_at_start = 0;
    std::size_t height = 1;  // 1 + the height of the deepest child
    // Maps only: the key waiting for its value.
    MapState state = MapState::key;
    std::string key;
    Position key_position;
    bool discard_value = false;  // the pending key is a duplicate or not plain text
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> key_index;
  };

  struct Anchor {
    bool defined = false;
    Value value;
    std::size_t nodes = 0;
    std::size_t height = 0;
  };

  static std::string too_deep_message() {
    return "the YAML nests lists and maps more than " + std::to_string(k_max_value_depth) +
           " levels deep; it is not read";
  }

  void count_nodes(std::size_t n, const YAML::Mark& mark) {
    m_nodes += n;
    if (m_nodes > k_max_yaml_nodes) {
      throw BuildAbort{k_rule_too_large, m_source.position(mark),
                       "the YAML expands to more than " + std::to_string(k_max_yaml_nodes) +
                           " values (through anchors and aliases); it is not read: "
                           "remove the aliases that repeat large values"};
    }
  }

  // "null", "Null", "NULL" or "~" when the text at `offset` spells an explicit null.
  [[nodiscard]] std::string_view null_literal_at(std::size_t offset) const {
    const std::string_view rest = m_source.text().substr(offset);
    for (std::string_view lit : {"null", "Null", "NULL", "~"}) {
      if (rest.substr(0, lit.size()) == lit) {
        const std::size_t after = lit.size();
        if (after == rest.size() ||
            std::string_view(" \t\n\r,]}#:").find(rest[after]) != std::string_view::npos) {
          return lit;
        }
      }
    }
    return {};
  }

  // yaml-cpp marks an empty value (`key:` with nothing, `- ` with nothing) at the token that
  // follows it, often on a later line: point at the key or the '-' instead.
  [[nodiscard]] Position empty_node_position(const YAML::Mark& mark, std::size_t offset,
                                             std::string_view literal) const {
    const Position pos = m_source.position(mark);
    const std::string_view text = m_source.text();
    const bool has_properties =
        offset < text.size() && (text[offset] == '&' || text[offset] == '!');
    if (m_stack.empty() || has_properties) {
      return pos;
    }
    const Frame& top = m_stack.back();
    if (top.is_map) {
      const bool next_line_sibling =
          pos.line > top.key_position.line && pos.column <= top.key_position.column;
      return literal.empty() || next_line_sibling ? top.key_position : pos;
    }
    if (!literal.empty()) {
      return pos;
    }
    std::size_t i = offset;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      --i;
    }
    if (i > 0 && text[i - 1] == '-') {
      return m_source.position_of_offset(i - 1);
    }
    return pos;
  }

  // yaml-cpp accepts a quoted scalar that runs to the end of the text: refuse it.
  void check_quote_closed(const YAML::Mark& mark) const {
    const std::string_view text = m_source.text();
    const std::size_t start = m_source.offset(mark);
    if (start >= text.size() || (text[start] != '"' && text[start] != '\'')) {
      return;
    }
    const char quote = text[start];
    for (std::size_t i = start + 1; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is an escaped quote
          continue;
        }
        return;
      }
    }
    const std::string q(1, quote);
    throw BuildAbort{k_rule_yaml, m_source.position(mark),
                     "invalid YAML: the text opened with " + q + " here is never closed: add the "
                     "closing " + q + " (everything after it was read as part of the text)"};
  }

  void register_anchor(YAML::anchor_t anchor, const Value& v, std::size_t nodes,
                       std::size_t height) {
    if (anchor == YAML::NullAnchor) {
      return;
    }
    m_anchor_work += nodes;
    if (m_anchor_work > k_max_anchor_work) {
      throw BuildAbort{k_rule_too_large, v.position,
                       "the YAML has too many large anchored values; it is not read"};
    }
    if (anchor >= m_anchors.size()) {
      m_anchors.resize(anchor + 1);
    }
    m_anchors[anchor] = Anchor{true, v, nodes, height};
  }

  void open_container(const YAML::Mark& mark, YAML::anchor_t anchor,
                      YAML::EmitterStyle::value style, bool is_map) {
    const Position pos = m_source.position(mark);
    count_nodes(1, mark);
    if (m_stack.size() >= k_max_value_depth) {
      throw BuildAbort{k_rule_too_large, pos, too_deep_message()};
    }
    if (!m_stack.empty() && m_stack.back().is_map && m_stack.back().state == MapState::key) {
      complex_key(pos);
      m_stack.back().state = MapState::complex_key;
    }
    Frame f;
    f.container = is_map ? Value::make_map({}, pos) : Value::make_list({}, pos);
    f.is_map = is_map;
    f.is_flow = style == YAML::EmitterStyle::Flow;
    f.anchor = anchor;
    f.nodes_at_start = m_nodes;
    m_stack.push_back(std::move(f));
  }

  void close_container() {
    if (m_stack.empty()) {
      return;
    }
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    if (f.anchor != YAML::NullAnchor) {
      register_anchor(f.anchor, f.container, m_nodes - f.nodes_at_start + 1, f.height);
    }
    add_node(std::move(f.container), f.height);
  }

  void complex_key(Position pos) {
    m_diagnostics.push_back(make_diagnostic(
        m_path, pos, k_rule_yaml, path_prefix(),
        "invalid YAML: keys must be plain text, not a list or a map; this entry is ignored"));
  }

  void add_node(Value v, std::size_t height) {
    if (m_stack.empty()) {
      m_root = std::move(v);
      return;
    }
    Frame& top = m_stack.back();
    top.height = std::max(top.height, height + 1);
    if (!top.is_map) {
      top.container.as_list().push_back(std::move(v));
      return;
    }
    if (top.state == MapState::value) {
      if (!top.discard_value) {
        ValueMap& entries = top.container.as_map();
        if (top.key_index) {
          top.key_index->emplace(top.key, entries.size());
        }
        entries.push_back(MapEntry{std::move(top.key), top.key_position, std::move(v)});
      }
      top.key.clear();
      top.discard_value = false;
      top.state = MapState::key;
      return;
    }
    // A finished list or map that was a key: its value will be dropped.
    top.state = MapState::value;
    top.discard_value = true;
  }

  void set_key(std::string key, Position pos) {
    Frame& top = m_stack.back();
    ValueMap& entries = top.container.as_map();
    const MapEntry* first = nullptr;
    if (!top.key_index && entries.size() >= k_linear_key_search) {
      top.key_index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        top.key_index->emplace(entries[i].key, i);
      }
    }
    if (top.key_index) {
      const auto it = top.key_index->find(key);
      if (it != top.key_index->end()) {
        first = &entries[it->second];
      }
    } else {
      for (const MapEntry& e : entries) {
        if (e.key == key) {
          first = &e;
          break;
        }
      }
    }
    top.discard_value = first != nullptr;
    if (first != nullptr) {
      std::string field = path_prefix();
      if (!field.empty()) {
        field += '.';
      }
      field += key;
      m_diagnostics.push_back(make_diagnostic(
          m_path, pos, k_rule_duplicate, std::move(field),
          "the key '" + key + "' appears twice; the first is on line " +
              std::to_string(first->key_position.line) +
              ": remove or rename one (the first value is kept)"));
    }
    top.key = std::move(key);
    top.key_position = pos;
    top.state = MapState::value;
  }

  // The field path of the innermost container being built ("meta", "items[2]").
  [[nodiscard]] std::string path_prefix() const {
    std::string path;
    for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) {
      const Frame& f = m_stack[i];
      if (f.is_map) {
        if (!path.empty()) {
          path += '.';
        }
        path += f.key;
      } else {
        path += '[' + std::to_string(f.container.as_list().size()) + ']';
      }
    }
    return path;
  }

  // The text a scalar alias stands for when it is used as a key.
  static std::optional<std::string> scalar_key_text(const Value& v) {
    switch (v.kind()) {
      case Value::Kind::string:
        return v.as_string();
      case Value::Kind::null:
        return std::string();
      case Value::Kind::boolean:
      case Value::Kind::integer:
      case Value::Kind::floating:
        return to_display(v, 0);
      case Value::Kind::list:
      case Value::Kind::map:
        return std::nullopt;
    }
    return std::nullopt;
  }

  const SourceMap& m_source;
  const std::string& m_path;
  std::vector<Frame> m_stack;
  std::vector<Anchor> m_anchors;  // indexed by yaml-cpp's anchor id (1, 2, ...)
  std::optional<Value> m_root;
  std::size_t m_nodes = 0;
  std::size_t m_anchor_work = 0;
  int m_documents = 0;
  std::vector<Diagnostic> m_diagnostics;
};

// ---------------------------------------------------------------------------------------
// The fast path: the YAML most frontmatter is written in, without yaml-cpp

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
    if (colon == line.size() || line[colon - 1] == ' ') {
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
        if (c == '[' || c == '{' || c == '}' || c == '#') {
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

// ---------------------------------------------------------------------------------------
// yaml-cpp errors -> plain findings

struct ErrorHint {
  std::string_view yaml_message;  // yaml-cpp's ErrorMsg text (or its prefix)
  std::string_view plain;
};

constexpr ErrorHint k_hints[] = {
    {"end of sequence flow not found",
     "a list opened with '[' is never closed with ']': add the ']' (quote any item that "
     "holds a ',', '[' or ']')"},
    {"end of map flow not found",
     "a map opened with '{' is never closed with '}': add the '}' (quote any value that "
     "holds a ',', '{' or '}')"},
    {"illegal flow end", "a ']' or '}' here closes nothing: remove it, or quote the value"},
    {"illegal map value",
     "unexpected ':' here: quote a value that contains ': ', and indent a nested key under "
     "its parent"},
    {"end of map not found",
     "this does not continue the properties above: check the indentation, and quote a value "
     "that starts with a quote but goes on after it"},
    {"end of sequence not found",
     "this does not continue the list above: check the indentation of the '- ' items"},
    {"illegal block entry",
     "a '- ' list item is not allowed here: put each item on its own line, indented under "
     "its key"},
    {"illegal map key", "a '?' key is not allowed here"},
    {"the referenced anchor is not defined",
     "this alias ('*name') refers to no anchor: define '&name' on a value before using it"},
    {"unknown escape character",
     "unknown escape in a double-quoted text: write '\\\\' for a backslash, or use single "
     "quotes"},
    {"bad character found while scanning hex number",
     "a '\\x', '\\u' or '\\U' escape in a double-quoted text needs hex digits: write '\\\\' "
     "for a backslash (as in a Windows path), or use single quotes"},
    {"illegal EOF in scalar", "a quoted text is never closed: add the closing quote"},
    {"illegal document indicator in scalar",
     "a line inside a value starts with '---' or '...': indent it or quote the value"},
    {"illegal character in scalar", "a character that is not allowed here: quote the value"},
    {"cannot assign multiple anchors to the same node", "a value has two anchors: keep one"},
    {"cannot assign multiple tags to the same node", "a value has two tags: keep one"},
};

std::string plain_yaml_message(std::string_view yaml_message) {
  for (const ErrorHint& h : k_hints) {
    if (yaml_message.substr(0, h.yaml_message.size()) == h.yaml_message) {
      return "invalid YAML: " + std::string(h.plain) + " (YAML parser: " +
             std::string(yaml_message) + ")";
    }
  }
  return "invalid YAML: " + std::string(yaml_message);
}

// The offset of a tab in the leading white space of `line`, if any.
std::optional<std::size_t> indentation_tab(std::string_view line) {
  for (std::size_t i = 0; i < line.size() && is_space_or_tab(line[i]); ++i) {
    if (line[i] == '\t') {
      return i;
    }
  }
  return std::nullopt;
}

Diagnostic describe_parser_error(const YAML::ParserException& e, const SourceMap& source,
                                 const ValueBuilder& builder, const std::string& path) {
  const std::size_t index = source.line_index(e.mark);
  // A tab in the indentation of the failing line (or the one before) is the usual cause.
  for (std::size_t i : {index, index > 0 ? index - 1 : index}) {
    const std::string_view line = source.line_text(i);
    if (const auto tab = indentation_tab(line)) {
      const Position pos{source.file_line(i), column_at(line, *tab)};
      return make_diagnostic(path, pos, k_rule_yaml, {},
                             "invalid YAML: this line is indented with a tab; YAML allows only "
                             "spaces for indentation: replace the tab with spaces (YAML parser: " +
                                 e.msg + ")");
    }
  }
  Position pos = source.position(e.mark);
  std::string message = plain_yaml_message(e.msg);
  if (e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    if (auto open = builder.open_flow_position(e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW)) {
      pos = *open;
    }
  } else if (e.msg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0 ||
             e.msg == YAML::ErrorMsg::INVALID_HEX) {
    // yaml-cpp marks the character after the escape, or the end of the text: find the '\'.
    const std::size_t offset = source.offset(e.mark);
    const std::size_t backslash = offset == 0 ? std::string_view::npos
                                              : source.text().rfind('\\', offset - 1);
    if (backslash != std::string_view::npos) {
      pos = source.position_of_offset(backslash);
    }
  } else if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) {
    const std::string_view rest = source.text().substr(source.offset(e.mark));
    if (rest.substr(0, 1) == "*") {
      const std::size_t end = rest.find_first_of(" \t\n,[]{}");
      const std::string name(rest.substr(1, end == std::string_view::npos ? end : end - 1));
      message = "invalid YAML: the alias '*" + name + "' refers to no anchor: define '&" + name +
                "' on a value before using it";
    }
  }
  return make_diagnostic(path, pos, k_rule_yaml, {}, std::move(message));
}

// Which readers read_yaml may use.
enum class Reader { any, yaml_cpp_only, simple_only };

// Reads one YAML document; `first_line` is the file line of the text's first line. Returns
// nothing only for Reader::simple_only when the text is outside the simple subset.
std::optional<YamlResult> read_yaml(std::string_view text, const std::string& path,
                                    int first_line, Reader reader) {
  YamlResult result;
  const SourceMap source(text, first_line);
  if (reader != Reader::yaml_cpp_only) {
    ValueBuilder simple(source, path);
    try {
      if (SimpleYamlReader(text).read(simple)) {
        result.value = simple.take_root();
        if (!result.value) {
          result.value = Value::make_null(Position{first_line, 1});
        }
        result.diagnostics = simple.take_diagnostics();
        return result;
      }
    } catch (const BuildAbort& abort) {
      result.diagnostics = simple.take_diagnostics();
      result.diagnostics.push_back(
          make_diagnostic(path, abort.position, abort.rule, {}, abort.message));
      return result;
    } catch (const std::exception&) {
      // Left to yaml-cpp below, which reports it.
    }
    if (reader == Reader::simple_only) {
      return std::nullopt;
    }
  }
  ValueBuilder builder(source, path);
  try {
    ViewStreamBuf buffer(text);
    std::istream in(&buffer);
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      parser.HandleNextDocument(builder);  // a second document throws BuildAbort
    }
    result.value = builder.take_root();
    if (!result.value) {
      result.value = Value::make_null(Position{first_line, 1});
    }
    result.diagnostics = builder.take_diagnostics();
    return result;
  } catch (const BuildAbort& abort) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(
        make_diagnostic(path, abort.position, abort.rule, {}, abort.message));
  } catch (const YAML::DeepRecursion& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(make_diagnostic(
        path, builder.innermost_position().value_or(source.position(e.mark)), k_rule_too_large, {},
        "the YAML nests lists and maps too deeply (the YAML parser stops at " +
            std::to_string(e.depth()) + " levels); it is not read"));
  } catch (const YAML::ParserException& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(describe_parser_error(e, source, builder, path));
  } catch (const std::exception& e) {
    result.diagnostics = builder.take_diagnostics();
    result.diagnostics.push_back(make_diagnostic(path, Position{first_line, 1}, k_rule_yaml, {},
                                                 std::string("the YAML could not be read: ") +
                                                     e.what()));
  } catch (...) {
    result.diagnostics.push_back(make_diagnostic(path, Position{first_line, 1}, k_rule_yaml, {},
                                                 "the YAML could not be read"));
  }
  result.value.reset();
  return result;
}

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
