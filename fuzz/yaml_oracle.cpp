// The differential check of the YAML readers (yaml_oracle.hpp). yaml-cpp's document model is the
// oracle: YAML::Load builds its nodes, and this file turns them into the values mdvault
// promises (the YAML 1.2 core schema, docs/reading.md) with its own code, so a slip in the
// fast reader, in the ValueBuilder or in the scalar rules shows as a difference.
#include "fuzz/yaml_oracle.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

namespace mdvault::fuzz {

namespace {

using core::MapEntry;
using core::Position;
using core::Value;
using core::YamlResult;

constexpr int k_first_line = 2;
constexpr Position k_unknown{0, 0};  // an expected position that is not compared
const std::string k_path = "Fuzz/note.md";

std::string describe(Position pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.column); }

std::string kind_of(const Value& v) { return std::string(Value::kind_name(v.kind())); }

// The first difference of `actual` from `expected`; positions equal to k_unknown in
// `expected` are not compared.
std::optional<std::string> compare_values(const Value& actual, const Value& expected, const std::string& where) {
  using Kind = Value::Kind;
  if (actual.kind() != expected.kind()) {
    return "the kind of " + where + ": " + kind_of(actual) + " against " + kind_of(expected);
  }
  if (expected.position != k_unknown && actual.position != expected.position) {
    return "the position of " + where + ": " + describe(actual.position) + " against " + describe(expected.position);
  }
  bool same = true;
  switch (actual.kind()) {
    case Kind::null:
      break;
    case Kind::boolean:
      same = actual.as_bool() == expected.as_bool();
      break;
    case Kind::integer:
      same = actual.as_int() == expected.as_int();
      break;
    case Kind::floating:
      same = actual.as_number() == expected.as_number() ||
             (std::isnan(actual.as_number()) && std::isnan(expected.as_number()));
      break;
    case Kind::string:
      same = actual.as_string() == expected.as_string();
      break;
    case Kind::list: {
      const auto& a = actual.as_list();
      const auto& e = expected.as_list();
      if (a.size() != e.size()) {
        return "the length of " + where + ": " + std::to_string(a.size()) + " against " + std::to_string(e.size());
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (auto d = compare_values(a[i], e[i], where + "[" + std::to_string(i) + "]")) {
          return d;
        }
      }
      break;
    }
    case Kind::map: {
      const auto& a = actual.as_map();
      const auto& e = expected.as_map();
      if (a.size() != e.size()) {
        return "the number of keys of " + where + ": " + std::to_string(a.size()) + " against " +
               std::to_string(e.size());
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        const bool position_differs = e[i].key_position != k_unknown && a[i].key_position != e[i].key_position;
        if (a[i].key != e[i].key || position_differs) {
          return "key " + std::to_string(i) + " of " + where + ": \"" + a[i].key + "\" at " +
                 describe(a[i].key_position) + " against \"" + e[i].key + "\" at " + describe(e[i].key_position);
        }
        if (auto d = compare_values(a[i].value, e[i].value, where + "." + e[i].key)) {
          return d;
        }
      }
      break;
    }
  }
  if (!same) {
    return "the value of " + where + ": " + core::to_display(actual) + " against " + core::to_display(expected);
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// The core schema, written again for the oracle.

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_octal(char c) { return c >= '0' && c <= '7'; }

bool all_are(std::string_view s, bool (*pred)(char)) { return !s.empty() && std::all_of(s.begin(), s.end(), pred); }

bool is_null_text(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> bool_text(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") {
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    return false;
  }
  return std::nullopt;
}

std::string_view unsigned_part(std::string_view s) {
  return !s.empty() && (s.front() == '-' || s.front() == '+') ? s.substr(1) : s;
}

bool is_int_text(std::string_view s) {
  if (s.size() > 2 && s.substr(0, 2) == "0o") {
    return all_are(s.substr(2), is_octal);
  }
  if (s.size() > 2 && s.substr(0, 2) == "0x") {
    return all_are(s.substr(2), is_hex);
  }
  return all_are(unsigned_part(s), is_digit);
}

// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
bool is_float_text(std::string_view s) {
  s = unsigned_part(s);
  const std::size_t e = s.find_first_of("eE");
  const std::string_view mantissa = s.substr(0, e);
  const std::size_t dot = mantissa.find('.');
  const std::string_view whole = mantissa.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : mantissa.substr(dot + 1);
  const bool digits_ok = (whole.empty() || all_are(whole, is_digit)) && (fraction.empty() || all_are(fraction, is_digit));
  if (!digits_ok || (whole.empty() && fraction.empty())) {
    return false;
  }
  if (e == std::string_view::npos) {
    return true;
  }
  return all_are(unsigned_part(s.substr(e + 1)), is_digit);
}

std::optional<double> special_float(std::string_view s) {
  const std::string_view u = unsigned_part(s);
  if (u == ".inf" || u == ".Inf" || u == ".INF") {
    const double inf = std::numeric_limits<double>::infinity();
    return s.front() == '-' ? -inf : inf;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return std::nullopt;
}

double text_as_double(const std::string& s) {
  const double d = std::strtod(s.c_str(), nullptr);
  // Below the smallest double the core schema reads 0 (strtod may keep a subnormal sign).
  return d == 0 ? (s.front() == '-' ? -0.0 : 0.0) : d;
}

// An integer text (is_int_text): int64 when it fits, else the nearest float.
Value int_value(const std::string& s, Position pos) {
  int base = 10;
  std::string_view digits = s;
  if (s.size() > 2 && (s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'o' ? 8 : 16;
    digits.remove_prefix(2);
  }
  const bool negative = base == 10 && s.front() == '-';
  if (base == 10) {
    digits = unsigned_part(digits);
  }
  std::uint64_t magnitude = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (ec == std::errc{} && magnitude <= max + (negative ? 1 : 0)) {
    if (negative) {
      return Value::make_int(magnitude == max + 1 ? std::numeric_limits<std::int64_t>::min()
                                                  : -static_cast<std::int64_t>(magnitude),
                             pos);
    }
    return Value::make_int(static_cast<std::int64_t>(magnitude), pos);
  }
  if (base == 10) {
    return Value::make_float(text_as_double(s), pos);
  }
  double d = 0;  // digit by digit, as docs/reading.md's rule for 0o and 0x beyond 64 bits
  for (char c : digits) {
    d = d * base + (is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return Value::make_float(d, pos);
}

Value plain_value(const std::string& s, Position pos) {
  if (is_null_text(s)) {
    return Value::make_null(pos);
  }
  if (const auto b = bool_text(s)) {
    return Value::make_bool(*b, pos);
  }
  if (is_int_text(s)) {
    return int_value(s, pos);
  }
  if (is_float_text(s)) {
    return Value::make_float(text_as_double(s), pos);
  }
  if (const auto f = special_float(s)) {
    return Value::make_float(*f, pos);
  }
  return Value::make_string(s, pos);
}

// A scalar by its tag: `?` plain, `!` quoted or block, the core tags when the text fits.
Value scalar_value(const std::string& tag, const std::string& s, Position pos) {
  if (tag == "?") {
    return plain_value(s, pos);
  }
  if (tag == "tag:yaml.org,2002:int" && is_int_text(s)) {
    return int_value(s, pos);
  }
  if (tag == "tag:yaml.org,2002:float") {
    if (is_int_text(s)) {
      const Value v = int_value(s, pos);
      return Value::make_float(v.is_int() ? static_cast<double>(v.as_int()) : v.as_number(), pos);
    }
    if (is_float_text(s)) {
      return Value::make_float(text_as_double(s), pos);
    }
    if (const auto f = special_float(s)) {
      return Value::make_float(*f, pos);
    }
  }
  if (tag == "tag:yaml.org,2002:bool") {
    if (const auto b = bool_text(s)) {
      return Value::make_bool(*b, pos);
    }
  }
  if (tag == "tag:yaml.org,2002:null" && is_null_text(s)) {
    return Value::make_null(pos);
  }
  return Value::make_string(s, pos);
}

// ---------------------------------------------------------------------------------------
// yaml-cpp's nodes -> the expected value, the expected findings, or a reason to refuse.

struct ExpectedFinding {
  std::string rule;
  int line = 0;     // 0: not compared (the finding is at an alias)
  std::string key;  // a duplicate's key
};

class NodeOracle {
public:
  explicit NodeOracle(std::string_view text)
      : m_text(text), m_bom(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) {
    m_starts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') {
        m_starts.push_back(i + 1);
      }
    }
  }

  Value root(const YAML::Node& n) {
    const bool alias = enter(n, false);
    return value_of(n, alias, 0);
  }

  [[nodiscard]] const std::string& refusal() const { return m_refusal; }
  [[nodiscard]] const std::vector<ExpectedFinding>& findings() const { return m_findings; }

private:
  // The file position of a mark: its byte offset (yaml-cpp does not count a leading BOM),
  // then lines and code points counted here.
  [[nodiscard]] std::size_t offset_of(const YAML::Mark& mark) const {
    return std::min(m_text.size(), m_bom + static_cast<std::size_t>(std::max(mark.pos, 0)));
  }

  [[nodiscard]] Position position_of(const YAML::Mark& mark) const {
    const std::size_t offset = offset_of(mark);
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto index = static_cast<std::size_t>(it - m_starts.begin()) - 1;
    int column = 1;
    for (std::size_t i = m_starts[index]; i < offset; ++i) {
      if ((static_cast<unsigned char>(m_text[i]) & 0xC0U) != 0x80U) {
        ++column;
      }
    }
    return Position{k_first_line + static_cast<int>(index), column};
  }

  // The text at `offset` past the node's properties (`&a`, `!tag`).
  [[nodiscard]] std::string_view after_properties(std::size_t offset) const {
    std::string_view rest = m_text.substr(offset);
    while (!rest.empty() && (rest.front() == '&' || rest.front() == '!')) {
      const std::size_t end = rest.find_first_of(" \t\n");
      if (end == std::string_view::npos) {
        return {};
      }
      rest.remove_prefix(end);
      rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
    }
    return rest;
  }

  // A null key's text: the literal written (`~`, `null`, ...), or nothing.
  [[nodiscard]] std::string null_key_text(const YAML::Node& n) const {
    const std::string_view rest = after_properties(offset_of(n.Mark()));
    for (std::string_view literal : {"null", "Null", "NULL", "~"}) {
      if (rest.substr(0, literal.size()) == literal &&
          (rest.size() == literal.size() || std::string_view(" \t\r\n,]}#:").find(rest[literal.size()]) != std::string_view::npos)) {
        return std::string(literal);
      }
    }
    return {};
  }

  // mdvault refuses a quoted scalar that yaml-cpp lets run to the end of the text.
  void check_quote(const YAML::Node& n) {
    if (n.Tag() == "?") {
      return;
    }
    const std::string_view rest = after_properties(offset_of(n.Mark()));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) {
      return;
    }
    const char quote = rest.front();
    for (std::size_t i = 1; i < rest.size(); ++i) {
      if (quote == '"' && rest[i] == '\\') {
        ++i;
      } else if (rest[i] == quote) {
        if (quote == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    refuse("a quoted text runs to the end");
  }

  void refuse(std::string why) {
    if (m_refusal.empty()) {
      m_refusal = std::move(why);
    }
  }

  // Counts a node and tells whether it repeats one seen before (an alias): in document order,
  // every other node's mark is at or after the last one's.
  bool enter(const YAML::Node& n, bool via_alias) {
    if (++m_nodes > core::k_max_yaml_nodes) {
      refuse("more than " + std::to_string(core::k_max_yaml_nodes) + " nodes");
    }
    if (via_alias) {
      return true;
    }
    const auto pos = static_cast<std::size_t>(std::max(n.Mark().pos, 0));
    if (pos < m_last) {
      return true;
    }
    if (pos == m_last) {
      for (const YAML::Node& seen : m_at_last) {
        if (seen.is(n)) {
          return true;
        }
      }
    } else {
      m_last = pos;
      m_at_last.clear();
    }
    m_at_last.push_back(n);
    return false;
  }

  // `level`: the collections around `n`.
  Value value_of(const YAML::Node& n, bool via_alias, std::size_t level) {
    if (!m_refusal.empty()) {
      return Value::make_null(k_unknown);
    }
    const Position pos = via_alias ? k_unknown : position_of(n.Mark());
    switch (n.Type()) {
      case YAML::NodeType::Scalar:
        if (!via_alias) {
          check_quote(n);
        }
        return scalar_value(n.Tag(), n.Scalar(), pos);
      case YAML::NodeType::Sequence:
      case YAML::NodeType::Map:
        break;
      default:
        return Value::make_null(k_unknown);  // mdvault points an empty value at its key
    }
    if (level + 1 > core::k_max_value_depth) {
      refuse("nested deeper than " + std::to_string(core::k_max_value_depth));
      return Value::make_null(k_unknown);
    }
    if (via_alias) {
      for (const YAML::Node& open : m_open) {
        if (open.is(n)) {
          refuse("an alias inside its own anchor");
          return Value::make_null(k_unknown);
        }
      }
    }
    m_open.push_back(n);
    Value result = n.IsSequence() ? sequence_of(n, via_alias, level + 1) : map_of(n, via_alias, level + 1);
    m_open.pop_back();
    result.position = pos;
    return result;
  }

  Value sequence_of(const YAML::Node& n, bool via_alias, std::size_t level) {
    core::ValueList items;
    for (const YAML::Node& item : n) {
      items.push_back(value_of(item, enter(item, via_alias), level));
      if (!m_refusal.empty()) {
        break;
      }
    }
    return Value::make_list(std::move(items));
  }

  Value map_of(const YAML::Node& n, bool via_alias, std::size_t level) {
    core::ValueMap entries;
    std::unordered_set<std::string> seen;
    for (auto it = n.begin(); it != n.end() && m_refusal.empty(); ++it) {
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      const bool key_alias = enter(key, via_alias);
      std::optional<std::string> text;
      if (key.IsScalar()) {
        if (!key_alias) {
          check_quote(key);
        }
        text = key.Scalar();
      } else if (key.IsNull()) {
        text = null_key_text(key);
      } else {
        if (!via_alias) {
          m_findings.push_back({"frontmatter.yaml", key_alias ? 0 : position_of(key.Mark()).line, {}});
        }
        static_cast<void>(value_of(key, key_alias, level));  // built, for its findings and nodes
      }
      const bool keep = text && seen.insert(*text).second;
      if (text && !keep && !via_alias) {
        m_findings.push_back({"frontmatter.duplicate-key", key_alias ? 0 : position_of(key.Mark()).line, *text});
      }
      Value v = value_of(value, enter(value, via_alias), level);
      if (keep) {
        entries.push_back(MapEntry{*text, key_alias ? k_unknown : position_of(key.Mark()), std::move(v)});
      }
    }
    return Value::make_map(std::move(entries));
  }

  std::string_view m_text;
  std::size_t m_bom;
  std::vector<std::size_t> m_starts;
  std::size_t m_nodes = 0;
  std::size_t m_last = 0;              // the mark of the last node entered
  std::vector<YAML::Node> m_at_last;   // the nodes entered at that mark
  std::vector<YAML::Node> m_open;      // the collections being built
  std::string m_refusal;
  std::vector<ExpectedFinding> m_findings;
};

// Events nobody reads: only whether a document is there.
class NoEvents final : public YAML::EventHandler {
public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// What mdvault's reader gave against the oracle's answer.
std::optional<std::string> compare_with_oracle(const YamlResult& actual, const std::string& reader,
                                               const std::optional<Value>& expected, const std::string& refusal,
                                               const std::vector<ExpectedFinding>& findings) {
  const auto first_finding = [&actual]() -> std::string {
    if (actual.diagnostics.empty()) {
      return "no finding";
    }
    const core::Diagnostic& d = actual.diagnostics.back();
    return "[" + d.rule + "] " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
           d.message;
  };
  if (!expected || !refusal.empty()) {
    if (actual.value) {
      return reader + " accepts a document yaml-cpp's model refuses (" +
             (refusal.empty() ? std::string("yaml-cpp throws") : refusal) + ")";
    }
    return std::nullopt;
  }
  if (!actual.value) {
    // The one bound the oracle does not count: anchored values copied (docs/reading.md).
    if (!actual.diagnostics.empty() &&
        actual.diagnostics.back().message == "the YAML has too many large anchored values; it is not read") {
      return std::nullopt;
    }
    return reader + " refuses a document yaml-cpp reads: " + first_finding();
  }
  if (auto d = compare_values(*actual.value, *expected, "the document")) {
    return reader + " and yaml-cpp's model disagree on " + *d;
  }
  if (actual.diagnostics.size() != findings.size()) {
    return reader + " reports " + std::to_string(actual.diagnostics.size()) + " findings, yaml-cpp's model " +
           std::to_string(findings.size()) + " (" + first_finding() + ")";
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const core::Diagnostic& d = actual.diagnostics[i];
    const ExpectedFinding& e = findings[i];
    const bool key_ok = e.key.empty() || d.message.rfind("the key '" + e.key + "' appears twice", 0) == 0;
    if (d.rule != e.rule || (e.line != 0 && d.location.line != e.line) || !key_ok) {
      return reader + "'s finding " + std::to_string(i) + " is [" + d.rule + "] on line " +
             std::to_string(d.location.line) + " (" + d.message + "), yaml-cpp's model expects [" + e.rule +
             "] on line " + std::to_string(e.line) + (e.key.empty() ? "" : " for the key '" + e.key + "'");
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> compare_yaml_results(const YamlResult& a, const YamlResult& b) {
  if (a.value.has_value() != b.value.has_value()) {
    return std::string("only ") + (a.value ? "the first" : "the second") + " reader gives a value";
  }
  if (a.value) {
    if (auto d = compare_values(*a.value, *b.value, "the document")) {
      return d;
    }
  }
  if (a.diagnostics.size() != b.diagnostics.size()) {
    return "the readers report " + std::to_string(a.diagnostics.size()) + " and " +
           std::to_string(b.diagnostics.size()) + " findings";
  }
  for (std::size_t i = 0; i < a.diagnostics.size(); ++i) {
    const core::Diagnostic& f = a.diagnostics[i];
    const core::Diagnostic& s = b.diagnostics[i];
    if (f.rule != s.rule || f.field != s.field || f.message != s.message || f.location.line != s.location.line ||
        f.location.column != s.location.column) {
      return "the readers' findings differ: [" + f.rule + "] " + std::to_string(f.location.line) + ":" +
             std::to_string(f.location.column) + " " + f.message + " against [" + s.rule + "] " +
             std::to_string(s.location.line) + ":" + std::to_string(s.location.column) + " " + s.message;
    }
  }
  return std::nullopt;
}

std::optional<std::string> find_yaml_divergence(std::string_view yaml) {
  if (yaml.substr(0, 4).find('\0') != std::string_view::npos) {
    return std::nullopt;  // yaml-cpp would read UTF-16 or UTF-32
  }
  const YamlResult slow = core::detail::parse_yaml_with_yaml_cpp(yaml, k_path, k_first_line);
  if (const std::optional<YamlResult> fast = core::detail::parse_simple_yaml(yaml, k_path, k_first_line)) {
    if (auto d = compare_yaml_results(*fast, slow)) {
      return "the fast reader and the yaml-cpp path disagree: " + *d;
    }
  }
  std::optional<Value> expected;
  std::string refusal;
  std::vector<ExpectedFinding> findings;
  try {
    // YAML::LoadAll can loop forever on a broken second document (`"\t": x` then `- y`):
    // the documents are counted with the parser, at most two, as mdvault reads them.
    const std::string text(yaml);
    std::istringstream in(text);
    YAML::Parser parser(in);
    NoEvents ignore;
    const bool has_document = parser.HandleNextDocument(ignore);
    if (has_document && parser.HandleNextDocument(ignore)) {
      refusal = "more than one document";
    }
    NodeOracle oracle(yaml);
    expected = has_document ? oracle.root(YAML::Load(text)) : Value::make_null(k_unknown);
    if (refusal.empty()) {
      refusal = oracle.refusal();
    }
    findings = oracle.findings();
  } catch (const YAML::Exception&) {
    expected.reset();
  }
  return compare_with_oracle(slow, "the yaml-cpp path", expected, refusal, findings);
}

}  // namespace mdvault::fuzz
