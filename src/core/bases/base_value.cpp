#include "core/bases/base_value.hpp"

#include <charconv>
#include <cmath>

#include "core/query/dql_value.hpp"
#include "core/query/number_format.hpp"

namespace mdvault::core::bases {

namespace {

std::string pad2(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads `count` digits at `i` into `out`.
bool read_digits(std::string_view s, std::size_t& i, std::size_t count, int& out) {
  if (i + count > s.size()) return false;
  out = 0;
  for (std::size_t k = 0; k < count; ++k) {
    if (!is_digit(s[i + k])) return false;
    out = out * 10 + (s[i + k] - '0');
  }
  i += count;
  return true;
}

int type_rank(BaseValue::Type t) {
  switch (t) {
    case BaseValue::Type::number: return 0;
    case BaseValue::Type::date: return 1;
    case BaseValue::Type::duration: return 2;
    case BaseValue::Type::string: return 3;
    case BaseValue::Type::link: return 4;
    case BaseValue::Type::file: return 5;
    case BaseValue::Type::boolean: return 6;
    case BaseValue::Type::list: return 7;
    case BaseValue::Type::object: return 8;
    case BaseValue::Type::regex: return 9;
    case BaseValue::Type::null: return 10;
  }
  return 10;
}

}  // namespace

BaseValue BaseValue::boolean(bool b) {
  BaseValue v;
  v.m_data = b;
  return v;
}
BaseValue BaseValue::number(double n) {
  BaseValue v;
  v.m_data = n;
  return v;
}
BaseValue BaseValue::string(std::string s) {
  BaseValue v;
  v.m_data = std::move(s);
  return v;
}
BaseValue BaseValue::date(DateTime d) {
  BaseValue v;
  v.m_data = d;
  return v;
}
BaseValue BaseValue::duration(Duration d) {
  BaseValue v;
  v.m_data = d;
  return v;
}
BaseValue BaseValue::list(BaseList items) {
  BaseValue v;
  v.m_data = std::make_shared<const BaseList>(std::move(items));
  return v;
}
BaseValue BaseValue::object(BaseObject entries) {
  BaseValue v;
  v.m_data = std::make_shared<const BaseObject>(std::move(entries));
  return v;
}
BaseValue BaseValue::link(LinkValue l) {
  BaseValue v;
  v.m_data = std::move(l);
  return v;
}
BaseValue BaseValue::file(FileRef f) {
  BaseValue v;
  v.m_data = std::move(f);
  return v;
}
BaseValue BaseValue::regex(RegexValue r) {
  BaseValue v;
  v.m_data = std::move(r);
  return v;
}

const BaseValue* BaseValue::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, value] : as_object()) {
    if (k == key) return &value;
  }
  return nullptr;
}

std::string_view type_name(BaseValue::Type t) {
  switch (t) {
    case BaseValue::Type::null: return "null";
    case BaseValue::Type::boolean: return "boolean";
    case BaseValue::Type::number: return "number";
    case BaseValue::Type::string: return "string";
    case BaseValue::Type::date: return "date";
    case BaseValue::Type::duration: return "duration";
    case BaseValue::Type::list: return "list";
    case BaseValue::Type::object: return "object";
    case BaseValue::Type::link: return "link";
    case BaseValue::Type::file: return "file";
    case BaseValue::Type::regex: return "regexp";
  }
  return "null";
}

bool is_truthy(const BaseValue& v) {
  switch (v.type()) {
    case BaseValue::Type::null: return false;
    case BaseValue::Type::boolean: return v.as_bool();
    case BaseValue::Type::number: return v.as_number() != 0 && !std::isnan(v.as_number());
    case BaseValue::Type::string: return !v.as_string().empty();
    default: return true;
  }
}

bool is_empty_value(const BaseValue& v) {
  switch (v.type()) {
    case BaseValue::Type::null: return true;
    case BaseValue::Type::string: return v.as_string().empty();
    case BaseValue::Type::list: return v.as_list().empty();
    case BaseValue::Type::object: return v.as_object().empty();
    default: return false;
  }
}

std::string date_text(const DateTime& d) {
  std::string out = std::to_string(d.year());
  while (out.size() < 4) out.insert(0, "0");
  out += "-" + pad2(d.month()) + "-" + pad2(d.day());
  if (!d.is_midnight() || d.millisecond() != 0) {
    out += " " + pad2(d.hour()) + ":" + pad2(d.minute()) + ":" + pad2(d.second());
  }
  return out;
}

std::string to_text(const BaseValue& v) {
  switch (v.type()) {
    case BaseValue::Type::null: return "null";
    case BaseValue::Type::boolean: return v.as_bool() ? "true" : "false";
    case BaseValue::Type::number: return query::format_number(v.as_number());
    case BaseValue::Type::string: return v.as_string();
    case BaseValue::Type::date: return date_text(v.as_date());
    case BaseValue::Type::duration: return query::render_duration(v.as_duration());
    case BaseValue::Type::list: {
      std::string out;
      for (std::size_t i = 0; i < v.as_list().size(); ++i) {
        if (i > 0) out += ", ";
        out += to_text(v.as_list()[i]);
      }
      return out;
    }
    case BaseValue::Type::object: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, item] : v.as_object()) {
        out += (first ? "" : ", ") + k + ": " + to_text(item);
        first = false;
      }
      return out + "}";
    }
    case BaseValue::Type::link: return v.as_link().display ? *v.as_link().display : v.as_link().target;
    case BaseValue::Type::file: return v.as_file().path;
    case BaseValue::Type::regex: return "/" + v.as_regex().regex->source() + "/" + v.as_regex().flags;
  }
  return "";
}

bool equal_values(const BaseValue& a, const BaseValue& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case BaseValue::Type::null: return true;
    case BaseValue::Type::boolean: return a.as_bool() == b.as_bool();
    case BaseValue::Type::number: return a.as_number() == b.as_number();
    case BaseValue::Type::string: return a.as_string() == b.as_string();
    case BaseValue::Type::date: return a.as_date().instant() == b.as_date().instant();
    case BaseValue::Type::duration: return a.as_duration().to_millis() == b.as_duration().to_millis();
    case BaseValue::Type::list: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!equal_values(x[i], y[i])) return false;
      }
      return true;
    }
    case BaseValue::Type::object: {
      const auto& x = a.as_object();
      if (x.size() != b.as_object().size()) return false;
      for (const auto& [k, item] : x) {
        const BaseValue* other = b.find(k);
        if (other == nullptr || !equal_values(item, *other)) return false;
      }
      return true;
    }
    case BaseValue::Type::link: return a.as_link().target == b.as_link().target;
    case BaseValue::Type::file: return a.as_file().path == b.as_file().path;
    case BaseValue::Type::regex: return to_text(a) == to_text(b);
  }
  return false;
}

int compare_values(const BaseValue& a, const BaseValue& b) {
  if (a.type() != b.type()) return type_rank(a.type()) < type_rank(b.type()) ? -1 : 1;
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (a.type()) {
    case BaseValue::Type::null: return 0;
    case BaseValue::Type::boolean: return sign(a.as_bool(), b.as_bool());
    case BaseValue::Type::number: return sign(a.as_number(), b.as_number());
    case BaseValue::Type::date: return sign(a.as_date().instant(), b.as_date().instant());
    case BaseValue::Type::duration: return sign(a.as_duration().to_millis(), b.as_duration().to_millis());
    case BaseValue::Type::string: return query::locale_compare(a.as_string(), b.as_string());
    case BaseValue::Type::file: return query::locale_compare(a.as_file().path, b.as_file().path);
    default: return query::locale_compare(to_text(a), to_text(b));
  }
}

std::optional<Duration> parse_duration(std::string_view text) {
  Duration out;
  std::size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip_spaces();
  double sign = 1;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    sign = text[i] == '-' ? -1 : 1;
    ++i;
  }
  bool any = false;
  while (true) {
    skip_spaces();
    if (i >= text.size()) break;
    const std::size_t start = i;
    while (i < text.size() && (is_digit(text[i]) || text[i] == '.')) ++i;
    if (i == start) return std::nullopt;
    double amount = 0;
    const auto parsed = std::from_chars(text.data() + start, text.data() + i, amount);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + i) return std::nullopt;
    skip_spaces();
    const std::size_t unit_start = i;
    while (i < text.size() && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) ++i;
    std::string unit(text.substr(unit_start, i - unit_start));
    query::DurationUnit u{};
    if (unit == "M") {
      u = query::DurationUnit::months;
    } else if (unit == "m") {
      u = query::DurationUnit::minutes;
    } else {
      for (auto& c : unit) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (unit == "y" || unit == "year" || unit == "years") {
        u = query::DurationUnit::years;
      } else if (unit == "month" || unit == "months") {
        u = query::DurationUnit::months;
      } else if (unit == "w" || unit == "week" || unit == "weeks") {
        u = query::DurationUnit::weeks;
      } else if (unit == "d" || unit == "day" || unit == "days") {
        u = query::DurationUnit::days;
      } else if (unit == "h" || unit == "hour" || unit == "hours") {
        u = query::DurationUnit::hours;
      } else if (unit == "minute" || unit == "minutes") {
        u = query::DurationUnit::minutes;
      } else if (unit == "s" || unit == "second" || unit == "seconds") {
        u = query::DurationUnit::seconds;
      } else if (unit == "ms" || unit == "millisecond" || unit == "milliseconds") {
        u = query::DurationUnit::milliseconds;
      } else {
        return std::nullopt;
      }
    }
    out.at(u) += sign * amount;
    any = true;
    skip_spaces();
    if (i < text.size() && text[i] == ',') ++i;
  }
  if (!any) return std::nullopt;
  return out;
}

std::optional<DateTime> parse_date(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::size_t i = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0;
  if (!read_digits(text, i, 4, year) || i >= text.size() || text[i++] != '-') return std::nullopt;
  if (!read_digits(text, i, 2, month) || i >= text.size() || text[i++] != '-') return std::nullopt;
  if (!read_digits(text, i, 2, day)) return std::nullopt;
  int offset = 0;
  bool has_offset = false;
  if (i < text.size()) {
    if (text[i] != ' ' && text[i] != 'T') return std::nullopt;
    ++i;
    if (!read_digits(text, i, 2, hour) || i >= text.size() || text[i++] != ':') return std::nullopt;
    if (!read_digits(text, i, 2, minute)) return std::nullopt;
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!read_digits(text, i, 2, second)) return std::nullopt;
      if (i < text.size() && text[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == start) return std::nullopt;
        std::string digits(text.substr(start, std::min<std::size_t>(3, i - start)));
        while (digits.size() < 3) digits += '0';
        ms = std::stoi(digits);
      }
    }
    if (i < text.size()) {
      if (text[i] == 'Z' && i + 1 == text.size()) {
        has_offset = true;
        ++i;
      } else if (text[i] == '+' || text[i] == '-') {
        const int sign = text[i] == '-' ? -1 : 1;
        ++i;
        int oh = 0, om = 0;
        if (!read_digits(text, i, 2, oh)) return std::nullopt;
        if (i < text.size() && text[i] == ':') ++i;
        if (!read_digits(text, i, 2, om)) return std::nullopt;
        offset = sign * (oh * 60 + om);
        has_offset = true;
      }
      if (i != text.size()) return std::nullopt;
    }
  }
  auto date = DateTime::from_fields(year, month, day, hour, minute, second, ms);
  if (!date) return std::nullopt;
  if (has_offset) {
    // The instant, shown in the wall time of a zone-less run (UTC), as the rest of mdvault does.
    date->local_ms -= std::int64_t{offset} * 60000;
  }
  return date;
}

}  // namespace mdvault::core::bases
