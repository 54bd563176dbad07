// The YAML 1.2 core schema, for plain scalars: null, true/false, decimal, octal and hex
// integers, floats with .inf and .nan, and everything else a string.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <system_error>

#include "core/frontmatter_internal.hpp"

namespace mdvault::core::frontmatter_detail {

namespace {

constexpr std::string_view k_tag_int = "tag:yaml.org,2002:int";
constexpr std::string_view k_tag_float = "tag:yaml.org,2002:float";
constexpr std::string_view k_tag_bool = "tag:yaml.org,2002:bool";
constexpr std::string_view k_tag_null = "tag:yaml.org,2002:null";

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

// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`: the core schema's integers.
bool is_core_int(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') {
    return all_of_chars(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') {
    return all_of_chars(s.substr(2), is_hex_digit);
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    s.remove_prefix(1);
  }
  return all_of_chars(s, is_digit);
}

}  // namespace

bool is_null_literal(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
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
    // An integer beyond 64 bits is a float, tagged or not (as the plain one is).
    const bool fits = (tag == k_tag_int && (v.is_int() || (v.is_float() && is_core_int(s)))) || (tag == k_tag_float && v.is_float()) ||
                      (tag == k_tag_bool && v.is_bool()) || (tag == k_tag_null && v.is_null());
    if (fits) {
      return v;
    }
  }
  return Value::make_string(s, pos);
}

}  // namespace mdvault::core::frontmatter_detail
