// JSON text <-> Value through nlohmann-json. Parsing uses the SAX interface so the Value is
// built directly (no intermediate json tree) and every value gets its line and column.

#include "core/json_value.hpp"

#include <nlohmann/json.hpp>

#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace mdvault::core {

namespace {

using Json = nlohmann::ordered_json;

// Maps with more keys than this get a hash index for repeated keys.
constexpr std::size_t k_linear_key_search = 16;

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

// Follows nlohmann's lexer through the (already checked) text: each SAX event is one token,
// so skipping separators and the token gives the position of every value cheaply.
class TokenCursor {
public:
  explicit TokenCursor(std::string_view text) : m_text(text) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
      m_offset = 3;  // nlohmann skips a BOM too
    }
  }

  /// Skips white space and one ',' or ':', returns the position of the next token and moves
  /// past it.
  Position next_token() {
    skip_separator();
    const Position pos{m_line, m_column};
    if (m_offset >= m_text.size()) {
      return pos;
    }
    const char c = m_text[m_offset];
    if (c == '{' || c == '}' || c == '[' || c == ']') {
      step();
    } else if (c == '"') {
      step();
      while (m_offset < m_text.size() && m_text[m_offset] != '"') {
        if (m_text[m_offset] == '\\') {
          step();
        }
        step();
      }
      step();
    } else {
      while (m_offset < m_text.size() && !is_json_space(m_text[m_offset]) &&
             std::string_view(",:]}").find(m_text[m_offset]) == std::string_view::npos) {
        step();
      }
    }
    return pos;
  }

  /// Where the next token starts: after a parse error, the token that failed.
  Position failed_token() {
    skip_separator();
    return Position{m_line, m_column};
  }

  /// The position of byte `offset` (counted from the start of the text).
  [[nodiscard]] Position position_of(std::size_t offset) const {
    Position pos{1, 1};
    offset = std::min(offset, m_text.size());
    for (std::size_t i = 0; i < offset; ++i) {
      if (m_text[i] == '\n') {
        ++pos.line;
        pos.column = 1;
      } else if (!is_continuation_byte(m_text[i])) {
        ++pos.column;
      }
    }
    return pos;
  }

private:
  void skip_space() {
    while (m_offset < m_text.size() && is_json_space(m_text[m_offset])) {
      step();
    }
  }

  void skip_separator() {
    skip_space();
    if (m_offset < m_text.size() && (m_text[m_offset] == ',' || m_text[m_offset] == ':')) {
      step();
      skip_space();
    }
  }

  void step() {
    if (m_offset >= m_text.size()) {
      return;
    }
    if (m_text[m_offset] == '\n') {
      ++m_line;
      m_column = 1;
    } else if (!is_continuation_byte(m_text[m_offset])) {
      ++m_column;
    }
    ++m_offset;
  }

  std::string_view m_text;
  std::size_t m_offset = 0;
  int m_line = 1;
  int m_column = 1;
};

// Builds a Value from nlohmann's SAX events. A repeated key keeps the last value (as
// JavaScript's JSON.parse does).
class JsonBuilder final : public nlohmann::json_sax<Json> {
public:
  explicit JsonBuilder(std::string_view text) : m_cursor(text) {}

  bool null() override { return add(Value::make_null(m_cursor.next_token())); }

  bool boolean(bool val) override { return add(Value::make_bool(val, m_cursor.next_token())); }

  bool number_integer(number_integer_t val) override {
    return add(Value::make_int(val, m_cursor.next_token()));
  }

  bool number_unsigned(number_unsigned_t val) override {
    const Position pos = m_cursor.next_token();
    constexpr auto k_max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (val <= k_max) {
      return add(Value::make_int(static_cast<std::int64_t>(val), pos));
    }
    return add(Value::make_float(static_cast<double>(val), pos));
  }

  bool number_float(number_float_t val, const string_t& /*s*/) override {
    return add(Value::make_float(val, m_cursor.next_token()));
  }

  bool string(string_t& val) override {
    return add(Value::make_string(std::move(val), m_cursor.next_token()));
  }

  bool binary(binary_t& /*val*/) override {
    m_error = "binary values are not supported";
    return false;
  }

  bool start_object(std::size_t /*elements*/) override {
    return open(Value::make_map({}, m_cursor.next_token()));
  }

  bool key(string_t& val) override {
    Frame& top = m_stack.back();
    top.key = std::move(val);
    top.key_position = m_cursor.next_token();
    return true;
  }

  bool end_object() override { return close(); }

  bool start_array(std::size_t /*elements*/) override {
    return open(Value::make_list({}, m_cursor.next_token()));
  }

  bool end_array() override { return close(); }

  bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    std::string message = ex.what();
    // nlohmann's own position is past the bad token: point at its start instead (the token
    // after the last good one), or at the end of the text when the text stops too early.
    const Position pos = message.find("unexpected end of input") != std::string::npos
                             ? m_cursor.position_of(std::string_view::npos)
                             : m_cursor.failed_token();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    const std::size_t at = message.find("parse error");
    const std::size_t colon = at == std::string::npos ? at : message.find(": ", at);
    if (colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    m_error = std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + message;
    return false;
  }

  std::optional<Value> take_root() { return std::move(m_root); }
  [[nodiscard]] const std::string& error() const { return m_error; }

private:
  struct Frame {
    Value container;
    std::string key;
    Position key_position;
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> key_index;
  };

  bool open(Value container) {
    if (m_stack.size() >= k_max_value_depth) {
      const Position pos = container.position;
      m_error = std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                ": arrays and objects are nested more than " + std::to_string(k_max_value_depth) +
                " levels deep";
      return false;
    }
    m_stack.push_back(Frame{std::move(container), {}, {}, nullptr});
    return true;
  }

  bool close() {
    m_cursor.next_token();
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    return add(std::move(f.container));
  }

  bool add(Value v) {
    if (m_stack.empty()) {
      m_root = std::move(v);
      return true;
    }
    Frame& top = m_stack.back();
    if (top.container.is_list()) {
      top.container.as_list().push_back(std::move(v));
      return true;
    }
    ValueMap& entries = top.container.as_map();
    if (!top.key_index && entries.size() >= k_linear_key_search) {
      top.key_index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
      for (std::size_t i = 0; i < entries.size(); ++i) {
        top.key_index->emplace(entries[i].key, i);
      }
    }
    if (top.key_index) {
      const auto [it, inserted] = top.key_index->emplace(top.key, entries.size());
      if (!inserted) {
        entries[it->second].value = std::move(v);
        return true;
      }
    } else {
      for (MapEntry& e : entries) {
        if (e.key == top.key) {
          e.value = std::move(v);
          return true;
        }
      }
    }
    entries.push_back(MapEntry{std::move(top.key), top.key_position, std::move(v)});
    return true;
  }

  TokenCursor m_cursor;
  std::vector<Frame> m_stack;
  std::optional<Value> m_root;
  std::string m_error;
};

Json to_json(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null:
      return nullptr;
    case Value::Kind::boolean:
      return v.as_bool();
    case Value::Kind::integer:
      return v.as_int();
    case Value::Kind::floating:
      return v.as_number();
    case Value::Kind::string:
      return v.as_string();
    case Value::Kind::list: {
      Json array = Json::array();
      for (const Value& item : v.as_list()) {
        array.push_back(to_json(item));
      }
      return array;
    }
    case Value::Kind::map: {
      Json object = Json::object();
      for (const MapEntry& e : v.as_map()) {
        object.emplace(e.key, to_json(e.value));
      }
      return object;
    }
  }
  return nullptr;
}

}  // namespace

std::optional<Value> parse_json(std::string_view text, std::string* error) {
  JsonBuilder builder(text);
  bool ok = false;
  try {
    ok = Json::sax_parse(text.begin(), text.end(), &builder);
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = std::string("1:1: ") + e.what();
    }
    return std::nullopt;
  }
  if (!ok) {
    if (error != nullptr) {
      *error = builder.error().empty() ? "1:1: invalid JSON" : builder.error();
    }
    return std::nullopt;
  }
  return builder.take_root();
}

std::string json_number_text(double number) { return Json(number).dump(); }

std::string to_json_text(const Value& v) {
  return to_json(v).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace mdvault::core
