// Moment.js's format() and fromNow(), the two ways Bases turns a date into text (Functions.md:
// date.format(), date.relative()).

#include <array>
#include <cmath>
#include <string>

#include "core/bases/evaluator.hpp"

namespace mdvault::core::bases {

namespace {

constexpr std::array<const char*, 12> k_months{"January", "February", "March",     "April",   "May",      "June",
                                               "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 7> k_days{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string pad(long long n, std::size_t width) {
  std::string s = std::to_string(n < 0 ? -n : n);
  while (s.size() < width) s.insert(0, "0");
  return n < 0 ? "-" + s : s;
}

std::string ordinal(int n) {
  const int tens = n % 100;
  const char* suffix = (tens >= 11 && tens <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

int day_of_year(const DateTime& d) {
  const auto jan1 = DateTime::from_fields(d.year(), 1, 1);
  return static_cast<int>((d.start_of_day().local_ms - jan1->local_ms) / 86'400'000) + 1;
}

/// One token of `n` repeated letters `c`; nothing when Moment has no such token.
std::optional<std::string> token(const DateTime& d, char c, std::size_t n) {
  const int h12 = d.hour() % 12 == 0 ? 12 : d.hour() % 12;
  switch (c) {
    case 'Y':
      if (n == 2) return pad(d.year() % 100, 2);
      if (n == 4) return pad(d.year(), 4);
      if (n == 1) return std::to_string(d.year());
      return std::nullopt;
    case 'M':
      if (n == 1) return std::to_string(d.month());
      if (n == 2) return pad(d.month(), 2);
      if (n == 3) return std::string(k_months[static_cast<std::size_t>(d.month() - 1)]).substr(0, 3);
      if (n == 4) return std::string(k_months[static_cast<std::size_t>(d.month() - 1)]);
      return std::nullopt;
    case 'D':
      if (n == 1) return std::to_string(d.day());
      if (n == 2) return pad(d.day(), 2);
      if (n == 3) return std::to_string(day_of_year(d));
      if (n == 4) return pad(day_of_year(d), 3);
      return std::nullopt;
    case 'd': {
      const std::size_t wd = static_cast<std::size_t>(d.weekday() - 1);  // 0 Monday
      if (n == 1) return std::to_string(d.weekday() % 7);                 // Moment: 0 Sunday
      if (n == 2) return std::string(k_days[wd]).substr(0, 2);
      if (n == 3) return std::string(k_days[wd]).substr(0, 3);
      if (n == 4) return std::string(k_days[wd]);
      return std::nullopt;
    }
    case 'E': return n == 1 ? std::optional<std::string>(std::to_string(d.weekday())) : std::nullopt;
    case 'W': return n <= 2 ? std::optional<std::string>(pad(d.week_number(), n)) : std::nullopt;
    case 'H': return n <= 2 ? std::optional<std::string>(pad(d.hour(), n)) : std::nullopt;
    case 'h': return n <= 2 ? std::optional<std::string>(pad(h12, n)) : std::nullopt;
    case 'k': return n <= 2 ? std::optional<std::string>(pad(d.hour() == 0 ? 24 : d.hour(), n)) : std::nullopt;
    case 'm': return n <= 2 ? std::optional<std::string>(pad(d.minute(), n)) : std::nullopt;
    case 's': return n <= 2 ? std::optional<std::string>(pad(d.second(), n)) : std::nullopt;
    case 'S': {
      std::string ms = pad(d.millisecond(), 3);
      while (ms.size() < n) ms += '0';
      return ms.substr(0, n);
    }
    case 'A': return n == 1 ? std::optional<std::string>(d.hour() < 12 ? "AM" : "PM") : std::nullopt;
    case 'a': return n == 1 ? std::optional<std::string>(d.hour() < 12 ? "am" : "pm") : std::nullopt;
    case 'Q': return n == 1 ? std::optional<std::string>(std::to_string((d.month() - 1) / 3 + 1)) : std::nullopt;
    case 'X': return n == 1 ? std::optional<std::string>(std::to_string(d.instant() / 1000)) : std::nullopt;
    case 'x': return n == 1 ? std::optional<std::string>(std::to_string(d.instant())) : std::nullopt;
    case 'Z': return n <= 2 ? std::optional<std::string>(n == 1 ? "+00:00" : "+0000") : std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace

std::string format_moment(const DateTime& d, std::string_view format) {
  std::string out;
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '[') {
      const auto close = format.find(']', i + 1);
      if (close != std::string_view::npos) {
        out += format.substr(i + 1, close - i - 1);
        i = close + 1;
        continue;
      }
    }
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      std::size_t n = 1;
      while (i + n < format.size() && format[i + n] == c) ++n;
      if (c == 'D' && i + 2 <= format.size() && format.substr(i, 2) == "Do") {
        out += ordinal(d.day());
        i += 2;
        continue;
      }
      // The longest run that is a token; the rest of the run is tried again.
      std::size_t take = n;
      while (take > 0 && !token(d, c, take)) --take;
      if (take == 0) {
        out += c;
        ++i;
        continue;
      }
      out += *token(d, c, take);
      i += take;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string relative_time(const DateTime& d, const DateTime& now) {
  const double seconds = static_cast<double>(now.instant() - d.instant()) / 1000.0;
  const bool past = seconds >= 0;
  const double s = std::fabs(seconds);
  const auto round = [](double x) { return static_cast<long long>(std::llround(x)); };
  std::string text;
  const double minutes = s / 60;
  const double hours = minutes / 60;
  const double days = hours / 24;
  if (s < 45) {
    text = "a few seconds";
  } else if (s < 90) {
    text = "a minute";
  } else if (minutes < 45) {
    text = std::to_string(round(minutes)) + " minutes";
  } else if (minutes < 90) {
    text = "an hour";
  } else if (hours < 22) {
    text = std::to_string(round(hours)) + " hours";
  } else if (hours < 36) {
    text = "a day";
  } else if (days < 26) {
    text = std::to_string(round(days)) + " days";
  } else if (days < 45) {
    text = "a month";
  } else if (days < 320) {
    text = std::to_string(std::max(2LL, round(days / 30.436875))) + " months";
  } else if (days < 548) {
    text = "a year";
  } else {
    text = std::to_string(std::max(2LL, round(days / 365.2425))) + " years";
  }
  return past ? text + " ago" : "in " + text;
}

}  // namespace mdvault::core::bases
