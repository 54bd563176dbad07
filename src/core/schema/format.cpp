// Format checks: RFC 3339 dates, times and durations, RFC 5321 mailboxes, RFC 3986 URIs and
// references, RFC 1123 host names, IP addresses, RFC 4122 UUIDs, RFC 6901 JSON pointers (and
// relative ones), ECMA-262 regular expressions.
#include "core/schema/format.hpp"

#include "core/regex.hpp"

#include <cstddef>
#include <utility>
#include <variant>
#include <string_view>

namespace mdvault::core::schema {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex_digit(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

// Reads `count` digits at `pos` as a number; false when they are not all digits.
bool read_number(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) {
    return false;
  }
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(s[i])) {
      return false;
    }
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : k_days[month - 1];
}

// RFC 3339 full-date: YYYY-MM-DD with a real day of that month.
bool is_date(std::string_view s) {
  int year = 0;
  int month = 0;
  int day = 0;
  return s.size() == 10 && read_number(s, 0, 4, year) && s[4] == '-' && read_number(s, 5, 2, month) && s[7] == '-' &&
         read_number(s, 8, 2, day) && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// RFC 3339 full-time: HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); second 60 only at 23:59 UTC.
bool is_time(std::string_view s) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!(s.size() >= 9 && read_number(s, 0, 2, hour) && s[2] == ':' && read_number(s, 3, 2, minute) && s[5] == ':' &&
        read_number(s, 6, 2, second))) {
    return false;
  }
  std::size_t pos = 8;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t first = ++pos;
    while (pos < s.size() && is_digit(s[pos])) {
      ++pos;
    }
    if (pos == first) {
      return false;
    }
  }
  if (pos >= s.size()) {
    return false;  // the offset is not optional
  }
  int offset_minutes = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int offset_hour = 0;
    int offset_minute = 0;
    if (!(read_number(s, pos + 1, 2, offset_hour) && pos + 3 < s.size() && s[pos + 3] == ':' &&
          read_number(s, pos + 4, 2, offset_minute) && offset_hour <= 23 && offset_minute <= 59)) {
      return false;
    }
    offset_minutes = (s[pos] == '+' ? 1 : -1) * (offset_hour * 60 + offset_minute);
    pos += 6;
  } else {
    return false;
  }
  if (pos != s.size() || hour > 23 || minute > 59 || second > 60) {
    return false;
  }
  if (second == 60) {
    const int utc = ((hour * 60 + minute - offset_minutes) % 1440 + 1440) % 1440;
    return utc == 23 * 60 + 59;
  }
  return true;
}

bool is_date_time(std::string_view s) {
  return s.size() > 11 && (s[10] == 'T' || s[10] == 't') && is_date(s.substr(0, 10)) && is_time(s.substr(11));
}

// A host name: dot-separated labels of letters, digits and inner hyphens.
bool is_hostname(std::string_view s) {
  if (s.empty() || s.size() > 253) {
    return false;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    const std::string_view label = s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    // RFC 5891 4.2.3.1: "--" in the third and fourth places is reserved for "xn--" A-labels.
    if (label.size() >= 4 && label.substr(2, 2) == "--" && !((label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n')) {
      return false;
    }
    for (char c : label) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') {
        return false;
      }
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    start = dot + 1;
  }
}

bool is_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t pos = 0;
  while (parts < 4) {
    std::size_t digits = 0;
    int value = 0;
    while (pos < s.size() && is_digit(s[pos]) && digits < 4) {
      value = value * 10 + (s[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s[pos - digits] == '0')) {
      return false;
    }
    ++parts;
    if (parts < 4) {
      if (pos >= s.size() || s[pos] != '.') {
        return false;
      }
      ++pos;
    }
  }
  return pos == s.size();
}

// RFC 4291 text form: up to eight hex groups, one "::", an optional trailing IPv4.
bool is_ipv6(std::string_view s) {
  int groups = 0;
  bool compressed = false;
  std::size_t pos = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    pos = 2;
  } else if (!s.empty() && s[0] == ':') {
    return false;
  }
  while (pos < s.size()) {
    std::size_t end = pos;
    while (end < s.size() && is_hex_digit(s[end])) {
      ++end;
    }
    if (end < s.size() && s[end] == '.') {  // embedded IPv4 ends the address
      if (!is_ipv4(s.substr(pos))) {
        return false;
      }
      groups += 2;
      pos = s.size();
      break;
    }
    if (end == pos || end - pos > 4) {
      return false;
    }
    ++groups;
    pos = end;
    if (pos == s.size()) {
      break;
    }
    if (s[pos] != ':') {
      return false;
    }
    if (s.substr(pos, 2) == "::") {
      if (compressed) {
        return false;
      }
      compressed = true;
      pos += 2;
    } else {
      ++pos;
      if (pos == s.size()) {
        return false;  // a single trailing ':'
      }
    }
  }
  return compressed ? groups <= 7 : groups == 8;
}

bool is_atext(char c) {
  return is_alpha(c) || is_digit(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// RFC 5321 Mailbox: a dot-atom or quoted local part, '@', a host name or address literal.
bool is_email(std::string_view s) {
  const std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == s.size() || at > 64) {
    return false;
  }
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.front() == '"') {
    if (local.size() < 2 || local.back() != '"') {
      return false;
    }
    for (std::size_t i = 1; i + 1 < local.size(); ++i) {
      const auto c = static_cast<unsigned char>(local[i]);
      if (c == '\\') {
        ++i;
        if (i + 1 >= local.size()) {
          return false;
        }
      } else if (c == '"' || c < 0x20 || c > 0x7e) {
        return false;
      }
    }
  } else {
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
      return false;
    }
    for (char c : local) {
      if (c != '.' && !is_atext(c)) {
        return false;
      }
    }
  }
  if (domain.front() == '[') {
    if (domain.back() != ']') {
      return false;
    }
    const std::string_view literal = domain.substr(1, domain.size() - 2);
    return literal.substr(0, 5) == "IPv6:" ? is_ipv6(literal.substr(5)) : is_ipv4(literal);
  }
  return is_hostname(domain);
}

bool is_unreserved(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~'; }
bool is_sub_delim(char c) { return std::string_view("!$&'()*+,;=").find(c) != std::string_view::npos; }

// True when `s` holds only unreserved, sub-delims, %XX and the characters in `extra`.
bool uri_chars(std::string_view s, std::string_view extra) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex_digit(s[i + 1]) || !is_hex_digit(s[i + 2])) {
        return false;
      }
      i += 2;
    } else if (!is_unreserved(c) && !is_sub_delim(c) && extra.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool is_authority(std::string_view a) {
  const std::size_t at = a.rfind('@');
  if (at != std::string_view::npos) {
    if (!uri_chars(a.substr(0, at), ":")) {
      return false;
    }
    a = a.substr(at + 1);
  }
  std::string_view host = a;
  std::string_view port;
  if (!a.empty() && a.front() == '[') {
    const std::size_t close = a.find(']');
    if (close == std::string_view::npos) {
      return false;
    }
    host = a.substr(1, close - 1);
    const std::string_view rest = a.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        return false;
      }
      port = rest.substr(1);
    }
    const bool future = !host.empty() && (host.front() == 'v' || host.front() == 'V');
    if (!(future ? uri_chars(host, ":") : is_ipv6(host))) {
      return false;
    }
  } else {
    const std::size_t colon = a.rfind(':');
    if (colon != std::string_view::npos) {
      host = a.substr(0, colon);
      port = a.substr(colon + 1);
    }
    if (!uri_chars(host, "")) {
      return false;
    }
  }
  for (char c : port) {
    if (!is_digit(c)) {
      return false;
    }
  }
  return true;
}

// RFC 3986 URI (absolute, with a scheme): scheme ":" hier-part [ "?" query ] [ "#" fragment ].
bool is_uri(std::string_view s) {
  const std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || !is_alpha(s[0])) {
    return false;
  }
  for (std::size_t i = 1; i < colon; ++i) {
    if (!is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.') {
      return false;
    }
  }
  std::string_view rest = s.substr(colon + 1);
  std::string_view fragment;
  std::string_view query;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    if (!uri_chars(fragment, ":@/?")) {
      return false;
    }
  }
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
    if (!uri_chars(query, ":@/?")) {
      return false;
    }
  }
  if (rest.substr(0, 2) == "//") {
    rest = rest.substr(2);
    const std::size_t slash = rest.find('/');
    if (!is_authority(rest.substr(0, slash))) {
      return false;
    }
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  return uri_chars(rest, ":@/");
}

// RFC 3986 URI-reference: a URI, or a relative reference (whose first segment has no ':').
bool is_uri_reference(std::string_view s) {
  if (is_uri(s)) {
    return true;
  }
  std::string_view rest = s;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    if (!uri_chars(rest.substr(hash + 1), ":@/?")) {
      return false;
    }
    rest = rest.substr(0, hash);
  }
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
    if (!uri_chars(rest.substr(question + 1), ":@/?")) {
      return false;
    }
    rest = rest.substr(0, question);
  }
  if (rest.substr(0, 2) == "//") {
    rest = rest.substr(2);
    const std::size_t slash = rest.find('/');
    if (!is_authority(rest.substr(0, slash))) {
      return false;
    }
    return slash == std::string_view::npos || uri_chars(rest.substr(slash), ":@/");
  }
  const std::string_view first_segment = rest.substr(0, rest.find('/'));
  return first_segment.find(':') == std::string_view::npos && uri_chars(rest, ":@/");
}

// RFC 4122 text form: 8-4-4-4-12 hex digits.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !is_hex_digit(s[i])) {
      return false;
    }
  }
  return true;
}

// RFC 6901: empty, or "/"-prefixed tokens where '~' is only "~0" or "~1".
bool is_json_pointer(std::string_view s) {
  if (!s.empty() && s.front() != '/') {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '~' && (i + 1 >= s.size() || (s[i + 1] != '0' && s[i + 1] != '1'))) {
      return false;
    }
  }
  return true;
}

// draft-handrews-relative-json-pointer: a whole number (no leading zero), an optional
// index adjustment, then "#" or a JSON pointer.
bool is_relative_json_pointer(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    ++pos;
  }
  if (pos == 0 || (pos > 1 && s[0] == '0')) {
    return false;
  }
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const std::size_t start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) {
      ++pos;
    }
    if (pos == start || (pos - start > 1 && s[start] == '0')) {
      return false;
    }
  }
  const std::string_view rest = s.substr(pos);
  return rest == "#" || is_json_pointer(rest);
}

// RFC 3339 appendix A duration: P then consecutive date parts (Y, M, D) and/or T with
// consecutive time parts (H, M, S), or weeks alone; every part a whole number.
bool is_duration(std::string_view s) {
  if (s.size() < 2 || s[0] != 'P') {
    return false;
  }
  std::size_t pos = 1;
  const auto parts = [&](std::string_view units) {
    std::size_t next_unit = 0;
    int count = 0;
    while (pos < s.size() && is_digit(s[pos])) {
      const std::size_t start = pos;
      while (pos < s.size() && is_digit(s[pos])) {
        ++pos;
      }
      // The parts are consecutive: a year and a day need the month between them.
      const std::size_t unit = pos < s.size() ? units.find(s[pos], next_unit) : std::string_view::npos;
      if (unit == std::string_view::npos || pos == start || (count > 0 && unit != next_unit)) {
        return -1;
      }
      next_unit = unit + 1;
      ++pos;
      ++count;
    }
    return count;
  };
  if (s.size() > 2 && s.back() == 'W') {
    return parts("W") == 1 && pos == s.size();
  }
  const int date_parts = parts("YMD");
  if (date_parts < 0) {
    return false;
  }
  if (pos < s.size() && s[pos] == 'T') {
    ++pos;
    const int time_parts = parts("HMS");
    return time_parts > 0 && pos == s.size();
  }
  return date_parts > 0 && pos == s.size();
}

}  // namespace

Format format_from_name(std::string_view name) {
  if (name == "date") {
    return Format::date;
  }
  if (name == "date-time") {
    return Format::date_time;
  }
  if (name == "time") {
    return Format::time;
  }
  if (name == "email") {
    return Format::email;
  }
  if (name == "uri") {
    return Format::uri;
  }
  static constexpr std::pair<std::string_view, Format> k_more[] = {
      {"ipv4", Format::ipv4},
      {"ipv6", Format::ipv6},
      {"hostname", Format::hostname},
      {"uuid", Format::uuid},
      {"json-pointer", Format::json_pointer},
      {"relative-json-pointer", Format::relative_json_pointer},
      {"uri-reference", Format::uri_reference},
      {"duration", Format::duration},
      {"regex", Format::regex},
  };
  for (const auto& [more, format] : k_more) {
    if (name == more) {
      return format;
    }
  }
  return Format::none;
}

bool matches_format(Format format, std::string_view text) {
  switch (format) {
  case Format::date:
    return is_date(text);
  case Format::date_time:
    return is_date_time(text);
  case Format::time:
    return is_time(text);
  case Format::email:
    return is_email(text);
  case Format::uri:
    return is_uri(text);
  case Format::ipv4:
    return is_ipv4(text);
  case Format::ipv6:
    return is_ipv6(text);
  case Format::hostname:
    return is_hostname(text);
  case Format::uuid:
    return is_uuid(text);
  case Format::json_pointer:
    return is_json_pointer(text);
  case Format::relative_json_pointer:
    return is_relative_json_pointer(text);
  case Format::uri_reference:
    return is_uri_reference(text);
  case Format::duration:
    return is_duration(text);
  case Format::regex:
    return std::holds_alternative<Regex>(Regex::compile(text));
  case Format::none:
    break;
  }
  return true;
}

std::string_view format_noun(Format format) {
  switch (format) {
  case Format::date:
    return "date";
  case Format::date_time:
    return "date and time";
  case Format::time:
    return "time";
  case Format::email:
    return "e-mail address";
  case Format::uri:
    return "URI";
  case Format::ipv4:
    return "IPv4 address";
  case Format::ipv6:
    return "IPv6 address";
  case Format::hostname:
    return "host name";
  case Format::uuid:
    return "UUID";
  case Format::json_pointer:
    return "JSON pointer";
  case Format::relative_json_pointer:
    return "relative JSON pointer";
  case Format::uri_reference:
    return "URI reference";
  case Format::duration:
    return "duration";
  case Format::regex:
    return "regular expression";
  case Format::none:
    break;
  }
  return "value";
}

std::string_view format_hint(Format format) {
  switch (format) {
  case Format::date:
    return "write it as YYYY-MM-DD, for example 2025-07-05";
  case Format::date_time:
    return "write it as YYYY-MM-DDTHH:MM:SS with a time zone, for example 2025-07-05T16:56:00Z";
  case Format::time:
    return "write it as HH:MM:SS with a time zone, for example 16:56:00Z or 16:56:00+02:00";
  case Format::email:
    return "write it as name@example.com";
  case Format::uri:
    return "write a full address that starts with a scheme, for example https://example.com/page";
  case Format::ipv4:
    return "write four numbers from 0 to 255 with dots, for example 192.168.0.1";
  case Format::ipv6:
    return "write up to eight groups of hex digits with colons, for example 2001:db8::1";
  case Format::hostname:
    return "write labels of letters, digits and inner hyphens with dots, for example www.example.com";
  case Format::uuid:
    return "write 32 hex digits as 8-4-4-4-12, for example 123e4567-e89b-12d3-a456-426614174000";
  case Format::json_pointer:
    return "write it empty or as /-separated names, for example /a/0 (~0 for ~, ~1 for /)";
  case Format::relative_json_pointer:
    return "write a number of levels up, then # or a JSON pointer, for example 1/a";
  case Format::uri_reference:
    return "write a URI or a relative reference, for example ../page#part";
  case Format::duration:
    return "write it as P with parts, for example P1Y2M3DT4H5M6S or P2W";
  case Format::regex:
    return "write a valid regular expression";
  case Format::none:
    break;
  }
  return "";
}

}  // namespace mdvault::core::schema
