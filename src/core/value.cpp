#include "core/value.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace mdvault::core {

namespace {

// Index of each alternative in Value's variant, in Kind order.
constexpr std::size_t k_null = 0;
constexpr std::size_t k_bool = 1;
constexpr std::size_t k_int = 2;
constexpr std::size_t k_float = 3;
constexpr std::size_t k_string = 4;
constexpr std::size_t k_list = 5;
constexpr std::size_t k_map = 6;

// True when the double `d` holds exactly the integer `i` (JSON Schema: 1 == 1.0).
bool int_equals_float(std::int64_t i, double d) {
  if (!std::isfinite(d) || std::trunc(d) != d) {
    return false;
  }
  // [-2^63, 2^63): the doubles that convert to int64 without overflow.
  constexpr double k_low = -9223372036854775808.0;
  constexpr double k_high = 9223372036854775808.0;
  if (d < k_low || d >= k_high) {
    return false;
  }
  return static_cast<std::int64_t>(d) == i;
}

bool maps_equal(const ValueMap& a, const ValueMap& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    // Fast path: the same key at the same index (the usual case).
    if (a[i].key == b[i].key) {
      if (!(a[i].value == b[i].value)) {
        return false;
      }
      continue;
    }
    const MapEntry* other = nullptr;
    for (const MapEntry& e : b) {
      if (e.key == a[i].key) {
        other = &e;
        break;
      }
    }
    if (other == nullptr || !(a[i].value == other->value)) {
      return false;
    }
  }
  return true;
}

// Renders a Value on one line; stops adding once `m_limit` bytes are written.
class DisplayWriter {
public:
  explicit DisplayWriter(std::size_t limit) : m_limit(limit) {}

  void write(const Value& v) {
    if (full()) {
      return;
    }
    switch (v.kind()) {
      case Value::Kind::null:
        m_out += "null";
        break;
      case Value::Kind::boolean:
        m_out += v.as_bool() ? "true" : "false";
        break;
      case Value::Kind::integer:
        m_out += std::to_string(v.as_int());
        break;
      case Value::Kind::floating:
        write_float(v.as_number());
        break;
      case Value::Kind::string:
        write_string(v.as_string());
        break;
      case Value::Kind::list:
        write_list(v.as_list());
        break;
      case Value::Kind::map:
        write_map(v.as_map());
        break;
    }
  }

  std::string take() { return std::move(m_out); }

private:
  [[nodiscard]] bool full() const { return m_out.size() > m_limit; }

  void write_float(double d) {
    if (std::isnan(d)) {
      m_out += ".nan";
      return;
    }
    if (std::isinf(d)) {
      m_out += d < 0 ? "-.inf" : ".inf";
      return;
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    std::string_view text(buf, ec == std::errc{} ? static_cast<std::size_t>(end - buf) : 0);
    m_out += text;
    // Keep floats recognisable: 1.0 rather than 1.
    if (text.find_first_of(".e") == std::string_view::npos) {
      m_out += ".0";
    }
  }

  void write_string(const std::string& s) {
    m_out += '"';
    for (char c : s) {
      if (full()) {
        return;
      }
      switch (c) {
        case '"':
          m_out += "\\\"";
          break;
        case '\\':
          m_out += "\\\\";
          break;
        case '\n':
          m_out += "\\n";
          break;
        case '\t':
          m_out += "\\t";
          break;
        case '\r':
          m_out += "\\r";
          break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char k_hex[] = "0123456789abcdef";
            m_out += "\\u00";
            m_out += k_hex[static_cast<unsigned char>(c) >> 4U];
            m_out += k_hex[static_cast<unsigned char>(c) & 0xFU];
          } else {
            m_out += c;
          }
      }
    }
    m_out += '"';
  }

  void write_list(const ValueList& items) {
    m_out += '[';
    for (std::size_t i = 0; i < items.size() && !full(); ++i) {
      if (i > 0) {
        m_out += ", ";
      }
      write(items[i]);
    }
    m_out += ']';
  }

  void write_map(const ValueMap& entries) {
    m_out += '{';
    for (std::size_t i = 0; i < entries.size() && !full(); ++i) {
      if (i > 0) {
        m_out += ", ";
      }
      m_out += entries[i].key;
      m_out += ": ";
      write(entries[i].value);
    }
    m_out += '}';
  }

  std::size_t m_limit;
  std::string m_out;
};

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

Value Value::make_null(Position pos) {
  Value v;
  v.position = pos;
  return v;
}

Value Value::make_bool(bool b, Position pos) {
  Value v;
  v.m_data = b;
  v.position = pos;
  return v;
}

Value Value::make_int(std::int64_t i, Position pos) {
  Value v;
  v.m_data = i;
  v.position = pos;
  return v;
}

Value Value::make_float(double d, Position pos) {
  Value v;
  v.m_data = d;
  v.position = pos;
  return v;
}

Value Value::make_string(std::string s, Position pos) {
  Value v;
  v.m_data = std::move(s);
  v.position = pos;
  return v;
}

Value Value::make_list(ValueList items, Position pos) {
  Value v;
  v.m_data = std::move(items);
  v.position = pos;
  return v;
}

Value Value::make_map(ValueMap entries, Position pos) {
  Value v;
  v.m_data = std::move(entries);
  v.position = pos;
  return v;
}

Value::Kind Value::kind() const {
  switch (m_data.index()) {
    case k_bool:
      return Kind::boolean;
    case k_int:
      return Kind::integer;
    case k_float:
      return Kind::floating;
    case k_string:
      return Kind::string;
    case k_list:
      return Kind::list;
    case k_map:
      return Kind::map;
    default:
      return Kind::null;
  }
}

bool Value::as_bool() const { return std::get<bool>(m_data); }

std::int64_t Value::as_int() const { return std::get<std::int64_t>(m_data); }

double Value::as_number() const {
  if (const auto* i = std::get_if<std::int64_t>(&m_data)) {
    return static_cast<double>(*i);
  }
  return std::get<double>(m_data);
}

const std::string& Value::as_string() const { return std::get<std::string>(m_data); }

const ValueList& Value::as_list() const { return std::get<ValueList>(m_data); }

ValueList& Value::as_list() { return std::get<ValueList>(m_data); }

const ValueMap& Value::as_map() const { return std::get<ValueMap>(m_data); }

ValueMap& Value::as_map() { return std::get<ValueMap>(m_data); }

const MapEntry* Value::find_entry(std::string_view key) const {
  const auto* entries = std::get_if<ValueMap>(&m_data);
  if (entries == nullptr) {
    return nullptr;
  }
  for (const MapEntry& e : *entries) {
    if (e.key == key) {
      return &e;
    }
  }
  return nullptr;
}

const Value* Value::find(std::string_view key) const {
  const MapEntry* e = find_entry(key);
  return e == nullptr ? nullptr : &e->value;
}

std::string_view Value::kind_name(Kind k) {
  switch (k) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::integer:
      return "integer";
    case Kind::floating:
      return "number";
    case Kind::string:
      return "string";
    case Kind::list:
      return "array";
    case Kind::map:
      return "object";
  }
  return "null";
}

bool operator==(const Value& a, const Value& b) {
  const std::size_t ia = a.m_data.index();
  const std::size_t ib = b.m_data.index();
  if (ia != ib) {
    if (ia == k_int && ib == k_float) {
      return int_equals_float(std::get<std::int64_t>(a.m_data), std::get<double>(b.m_data));
    }
    if (ia == k_float && ib == k_int) {
      return int_equals_float(std::get<std::int64_t>(b.m_data), std::get<double>(a.m_data));
    }
    return false;
  }
  switch (ia) {
    case k_null:
      return true;
    case k_bool:
      return std::get<bool>(a.m_data) == std::get<bool>(b.m_data);
    case k_int:
      return std::get<std::int64_t>(a.m_data) == std::get<std::int64_t>(b.m_data);
    case k_float:
      return std::get<double>(a.m_data) == std::get<double>(b.m_data);
    case k_string:
      return std::get<std::string>(a.m_data) == std::get<std::string>(b.m_data);
    case k_list:
      return std::get<ValueList>(a.m_data) == std::get<ValueList>(b.m_data);
    case k_map:
      return maps_equal(std::get<ValueMap>(a.m_data), std::get<ValueMap>(b.m_data));
    default:
      return false;
  }
}

// max_chars counts code points; 0 means no limit. A cut rendering ends in "…".
std::string to_display(const Value& v, std::size_t max_chars) {
  constexpr std::size_t k_unlimited = std::numeric_limits<std::size_t>::max();
  // A code point takes at most 4 bytes, an escape 6: this budget always holds max_chars.
  const std::size_t byte_limit = max_chars == 0 ? k_unlimited : max_chars * 6 + 8;
  DisplayWriter writer(byte_limit);
  writer.write(v);
  std::string out = writer.take();
  if (max_chars == 0) {
    return out;
  }
  std::size_t code_points = 0;
  std::size_t cut = out.size();
  std::size_t keep_end = 0;  // byte end of the first max_chars - 1 code points
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (is_continuation_byte(out[i])) {
      continue;
    }
    if (code_points == max_chars - 1) {
      keep_end = i;
    }
    if (code_points == max_chars) {
      cut = i;
      break;
    }
    ++code_points;
  }
  if (cut == out.size()) {
    return out;
  }
  out.resize(keep_end);
  out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
  return out;
}

}  // namespace mdvault::core
