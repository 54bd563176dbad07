// Format checks: RFC 3339 dates and times, RFC 5321 mailboxes, RFC 3986 URIs.
#include "core/schema/format.hpp"

#include <cstddef>
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
  case Format::none:
    break;
  }
  return "";
}

}  // namespace mdvault::core::schema
