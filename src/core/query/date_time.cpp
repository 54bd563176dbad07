#include "core/query/date_time.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <vector>
#include <cctype>
#include <cmath>
#include <ctime>

#include "core/query/icu_locale.hpp"
#include "core/query/number_format.hpp"

namespace mdvault::core::query {

namespace {

constexpr std::int64_t k_ms_per_day = 86'400'000;

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && is_leap(y)) return 29;
  return k_days[m - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
std::int64_t floor_mod(std::int64_t a, std::int64_t b) { return a - floor_div(a, b) * b; }

std::int64_t day_number(const DateTime& d) { return floor_div(d.local_ms, k_ms_per_day); }
std::int64_t ms_of_day(const DateTime& d) { return floor_mod(d.local_ms, k_ms_per_day); }

// Luxon's casual matrix, in milliseconds per unit.
constexpr std::array<double, k_duration_units> k_unit_ms = {
    365.0 * 86'400'000, 30.0 * 86'400'000, 7.0 * 86'400'000, 86'400'000, 3'600'000, 60'000, 1000, 1};

// Conversion between a unit and the next smaller one (casual matrix: a month is 4 weeks).
constexpr std::array<double, k_duration_units - 1> k_next_ratio = {12, 4, 7, 24, 60, 60, 1000};

// Luxon's matrix[big][small] between any two units of the casual matrix.
double ratio(std::size_t big, std::size_t small) {
  if (big == 0 && small == 1) return 12;
  if (big == 0 && small == 2) return 52;
  if (big == 1 && small == 2) return 4;
  return k_unit_ms[big] / k_unit_ms[small];
}

void normalize_values(std::array<double, k_duration_units>& v) {
  double total = 0;
  for (std::size_t i = 0; i < k_duration_units; ++i) total += v[i] * k_unit_ms[i];
  const double factor = total < 0 ? -1 : 1;
  for (std::size_t i = k_duration_units - 1; i > 0; --i) {  // roll up, smallest first
    const double previous = v[i] * factor;
    const double conv = k_next_ratio[i - 1];
    const double roll_up = std::floor(previous / conv);
    v[i - 1] += roll_up * factor;
    v[i] -= roll_up * conv * factor;
  }
  for (std::size_t i = 0; i + 1 < k_duration_units; ++i) {  // push fractions down
    const double fraction = std::fmod(v[i], 1.0);
    v[i] -= fraction;
    v[i + 1] += fraction * k_next_ratio[i];
  }
}

std::string pad(std::int64_t n, int width) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  while (static_cast<int>(digits.size()) < width) digits.insert(digits.begin(), '0');
  return (n < 0 ? "-" : "") + digits;
}

constexpr const char* k_month_names[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
constexpr const char* k_day_names[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string month_name(int m, bool shortened) {
  std::string name = k_month_names[m - 1];
  return shortened ? name.substr(0, 3) : name;
}
std::string day_name(int wd, bool shortened) {
  std::string name = k_day_names[wd - 1];
  return shortened ? name.substr(0, 3) : name;
}
int hour12(int h) { return h % 12 == 0 ? 12 : h % 12; }

std::string offset_text(const DateTime& d, bool with_colon) {
  const int off = d.has_offset ? d.offset_minutes : 0;
  const int a = off < 0 ? -off : off;
  return std::string(off < 0 ? "-" : "+") + pad(a / 60, 2) + (with_colon ? ":" : "") + pad(a % 60, 2);
}

/// Luxon's narrow offset: "+2", "+5:30", "-3".
std::string narrow_offset(const DateTime& d) {
  const int off = d.has_offset ? d.offset_minutes : 0;
  const int a = off < 0 ? -off : off;
  return std::string(off < 0 ? "-" : "+") + std::to_string(a / 60) + (a % 60 != 0 ? ":" + pad(a % 60, 2) : "");
}

/// The zone's name as Luxon's zone.name: "UTC", "UTC+2" for a fixed offset, the system's otherwise.
std::string zone_name(const DateTime& d) {
  if (!d.has_offset) return system_zone_id();
  return d.offset_minutes == 0 ? std::string("UTC") : "UTC" + narrow_offset(d);
}

/// The zone's short or long name as Intl shows it in English ("UTC", "GMT+2", "GMT+02:00").
std::string zone_display(const DateTime& d, bool long_name) {
  if (!d.has_offset) return system_zone_display_name(d.local_ms, long_name);
  if (d.offset_minutes == 0) return long_name ? "Coordinated Universal Time" : "UTC";
  return "GMT" + (long_name ? offset_text(d, true) : narrow_offset(d));
}

std::string format_token(const DateTime& d, char c, std::size_t n) {
  switch (c) {
    case 'S': return n >= 3 ? pad(d.millisecond(), 3) : std::to_string(d.millisecond());
    case 's': return pad(d.second(), n >= 2 ? 2 : 1);
    case 'm': return pad(d.minute(), n >= 2 ? 2 : 1);
    case 'h': return pad(hour12(d.hour()), n >= 2 ? 2 : 1);
    case 'H': return pad(d.hour(), n >= 2 ? 2 : 1);
    case 'a': return d.hour() < 12 ? "AM" : "PM";
    case 'd': return pad(d.day(), n >= 2 ? 2 : 1);
    case 'E':
    case 'c':
      if (n >= 4) return day_name(d.weekday(), false);
      if (n == 3) return day_name(d.weekday(), true);
      return std::to_string(d.weekday());
    case 'M':
    case 'L':
      if (n >= 4) return month_name(d.month(), false);
      if (n == 3) return month_name(d.month(), true);
      return pad(d.month(), n >= 2 ? 2 : 1);
    case 'y':
      if (n == 2) return pad(d.year() % 100, 2);
      return pad(d.year(), n >= 4 ? static_cast<int>(n) : 1);
    case 'W': return pad(d.week_number(), n >= 2 ? 2 : 1);
    case 'q': return std::to_string((d.month() - 1) / 3 + 1);
    case 'o': {
      const auto ordinal = day_number(d) - days_from_civil(d.year(), 1, 1) + 1;
      return pad(ordinal, n >= 3 ? 3 : 1);
    }
    case 'D':
      if (n == 1) return std::to_string(d.month()) + "/" + std::to_string(d.day()) + "/" + std::to_string(d.year());
      if (n == 2) return month_name(d.month(), true) + " " + std::to_string(d.day()) + ", " + std::to_string(d.year());
      if (n == 3) return month_name(d.month(), false) + " " + std::to_string(d.day()) + ", " + std::to_string(d.year());
      return day_name(d.weekday(), false) + ", " + month_name(d.month(), false) + " " + std::to_string(d.day()) + ", " +
             std::to_string(d.year());
    case 't': {  // t "1:07 PM", tt with seconds, ttt and tttt with the zone's short or long name
      std::string out = std::to_string(hour12(d.hour())) + ":" + pad(d.minute(), 2);
      if (n >= 2) out += ":" + pad(d.second(), 2);
      out += d.hour() < 12 ? " AM" : " PM";
      if (n >= 3) out += " " + zone_display(d, n >= 4);
      return out;
    }
    case 'T': {  // T "13:07", TT with seconds, TTT and TTTT with the zone's name
      std::string out = pad(d.hour(), 2) + ":" + pad(d.minute(), 2);
      if (n >= 2) out += ":" + pad(d.second(), 2);
      if (n >= 3) out += " " + zone_display(d, n >= 4);
      return out;
    }
    case 'f':
    case 'F': {  // Luxon's localized date and time: f "8/6/2014, 1:07 PM" ... ffff, F with seconds
      const std::size_t level = std::min<std::size_t>(n, 4);
      std::string time = std::to_string(hour12(d.hour())) + ":" + pad(d.minute(), 2);
      if (c == 'F') time += ":" + pad(d.second(), 2);
      time += d.hour() < 12 ? " AM" : " PM";
      if (level >= 3) time += " " + zone_display(d, level == 4);
      return format_token(d, 'D', level) + (level >= 3 ? " at " : ", ") + time;
    }
    case 'k': {  // ISO week year
      const std::int64_t days = day_number(d);
      const auto week_year = civil_from_days(days - (d.weekday() - 1) + 3).year;
      return n == 2 ? pad(week_year % 100, 2) : pad(week_year, static_cast<int>(n));
    }
    case 'G':  // era
      if (n == 1) return d.year() > 0 ? "AD" : "BC";
      if (n == 2) return d.year() > 0 ? "Anno Domini" : "Before Christ";
      if (n == 5) return d.year() > 0 ? "A" : "B";
      return std::string(n, c);
    case 'z':  // the zone's IANA name, "UTC+2" for a fixed offset
      if (n != 1) return std::string(n, c);
      return zone_name(d);
    case 'Z':
      if (n == 1) return narrow_offset(d);
      if (n <= 3) return offset_text(d, n == 2);
      if (n <= 5) return d.has_offset ? zone_name(d) : zone_display(d, n == 5);  // a fixed zone's offsetName is its name
      return std::string(n, c);
    case 'X': return std::to_string(floor_div(d.instant(), 1000));
    case 'x': return std::to_string(d.instant());
    default: return std::string(n, c);
  }
}

}  // namespace

int DateTime::year() const { return static_cast<int>(civil_from_days(day_number(*this)).year); }
int DateTime::month() const { return civil_from_days(day_number(*this)).month; }
int DateTime::day() const { return civil_from_days(day_number(*this)).day; }
int DateTime::hour() const { return static_cast<int>(ms_of_day(*this) / 3'600'000); }
int DateTime::minute() const { return static_cast<int>(ms_of_day(*this) / 60'000 % 60); }
int DateTime::second() const { return static_cast<int>(ms_of_day(*this) / 1000 % 60); }
int DateTime::millisecond() const { return static_cast<int>(ms_of_day(*this) % 1000); }
int DateTime::weekday() const { return static_cast<int>(floor_mod(day_number(*this) + 3, 7)) + 1; }
bool DateTime::is_midnight() const { return hour() == 0 && minute() == 0 && second() == 0; }

int DateTime::week_number() const {
  const std::int64_t days = day_number(*this);
  const std::int64_t thursday = days - (weekday() - 1) + 3;  // the Thursday of this ISO week
  const auto year_of_thursday = civil_from_days(thursday).year;
  return static_cast<int>((thursday - days_from_civil(year_of_thursday, 1, 1)) / 7 + 1);
}

std::optional<DateTime> DateTime::from_fields(int year, int month, int day, int hour, int minute, int second,
                                              int millisecond) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return std::nullopt;
  if (millisecond < 0 || millisecond > 999) return std::nullopt;
  DateTime out;
  out.local_ms = days_from_civil(year, month, day) * k_ms_per_day + std::int64_t{hour} * 3'600'000 +
                 std::int64_t{minute} * 60'000 + std::int64_t{second} * 1000 + millisecond;
  return out;
}

DateTime DateTime::from_unix_local(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  DateTime out;
  out.local_ms = days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * k_ms_per_day +
                 std::int64_t{tm.tm_hour} * 3'600'000 + std::int64_t{tm.tm_min} * 60'000 +
                 std::int64_t{tm.tm_sec} * 1000;
  return out;
}

DateTime DateTime::now() {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  DateTime out = from_unix_local(ms / 1000);
  out.local_ms += ms % 1000;
  return out;
}

DateTime DateTime::start_of_day() const {
  DateTime out = *this;
  out.local_ms = day_number(*this) * k_ms_per_day;
  return out;
}

double Duration::to_millis() const {
  double sum = 0;
  for (std::size_t i = 0; i < k_duration_units; ++i) sum += units[i] * k_unit_ms[i];
  return sum;
}

double Duration::as(DurationUnit u) const {
  const auto index = static_cast<std::size_t>(u);
  double own = 0;
  for (std::size_t i = 0; i < k_duration_units; ++i) {
    own += i <= index ? units[i] * ratio(i, index) : units[i] / ratio(index, i);
  }
  return own;
}

bool Duration::equals(const Duration& other) const { return units == other.units; }

Duration normalize(const Duration& d) {
  // shiftTo(all units): cascade fractions downwards, then normalizeValues (twice, as Luxon does).
  Duration out;
  double carried = 0;
  for (std::size_t i = 0; i < k_duration_units; ++i) {
    const double own = carried + d.units[i];
    const double whole = std::trunc(own);
    out.units[i] = whole;
    carried = i + 1 < k_duration_units ? (own * 1000 - whole * 1000) / 1000 * k_next_ratio[i] : 0;
    if (i + 1 == k_duration_units) out.units[i] += (own * 1000 - whole * 1000) / 1000;
  }
  normalize_values(out.units);
  normalize_values(out.units);
  for (auto& u : out.units) {
    if (u == 0) u = 0;  // no negative zero
  }
  return out;
}

Duration plus(const Duration& a, const Duration& b) {
  Duration out;
  for (std::size_t i = 0; i < k_duration_units; ++i) out.units[i] = a.units[i] + b.units[i];
  return out;
}

Duration scale(const Duration& d, double factor) {
  Duration out;
  for (std::size_t i = 0; i < k_duration_units; ++i) out.units[i] = d.units[i] * factor;
  return out;
}

DateTime add(const DateTime& date, const Duration& d, int sign) {
  const double s = sign;
  const auto years = static_cast<std::int64_t>(std::trunc(d.get(DurationUnit::years) * s));
  const auto months = static_cast<std::int64_t>(std::trunc(d.get(DurationUnit::months) * s));
  const auto weeks = static_cast<std::int64_t>(std::trunc(d.get(DurationUnit::weeks) * s));
  const auto days = static_cast<std::int64_t>(std::trunc(d.get(DurationUnit::days) * s));
  std::int64_t month_index = std::int64_t{date.year()} * 12 + (date.month() - 1) + years * 12 + months;
  const std::int64_t year = floor_div(month_index, 12);
  const auto month = static_cast<int>(floor_mod(month_index, 12) + 1);
  const int day = std::min(date.day(), days_in_month(year, month));
  DateTime out = date;
  out.local_ms = (days_from_civil(year, month, day) + days + weeks * 7) * k_ms_per_day + ms_of_day(date);
  double rest = 0;
  rest += (d.get(DurationUnit::years) * s - static_cast<double>(years)) * k_unit_ms[0];
  rest += (d.get(DurationUnit::months) * s - static_cast<double>(months)) * k_unit_ms[1];
  rest += (d.get(DurationUnit::weeks) * s - static_cast<double>(weeks)) * k_unit_ms[2];
  rest += (d.get(DurationUnit::days) * s - static_cast<double>(days)) * k_unit_ms[3];
  for (std::size_t i = 4; i < k_duration_units; ++i) rest += d.units[i] * s * k_unit_ms[i];
  out.local_ms += static_cast<std::int64_t>(std::llround(rest));
  return out;
}

Duration difference(const DateTime& a, const DateTime& b) {
  const bool negative = b.instant() > a.instant();
  const DateTime& earlier = negative ? a : b;
  DateTime later = negative ? b : a;
  // Luxon diffs in the earlier date's zone.
  later.local_ms = later.instant() + std::int64_t{earlier.offset_minutes} * 60000;
  later.offset_minutes = earlier.offset_minutes;
  Duration results;
  DateTime cursor = earlier;
  auto step = [&](DurationUnit unit, double guess) {
    results.at(unit) = guess;
    DateTime high = add(earlier, results);
    if (high.local_ms > later.local_ms) {
      results.at(unit) -= 1;
      cursor = add(earlier, results);
      if (cursor.local_ms > later.local_ms) {
        results.at(unit) -= 1;
        cursor = add(earlier, results);
      }
    } else {
      cursor = high;
    }
  };
  step(DurationUnit::years, later.year() - cursor.year());
  step(DurationUnit::months, (later.year() - cursor.year()) * 12 + later.month() - cursor.month());
  step(DurationUnit::days, static_cast<double>(day_number(later) - day_number(cursor)));
  double remaining = static_cast<double>(later.local_ms - cursor.local_ms);
  results.at(DurationUnit::hours) = std::trunc(remaining / 3'600'000);
  remaining -= results.get(DurationUnit::hours) * 3'600'000;
  results.at(DurationUnit::minutes) = std::trunc(remaining / 60'000);
  remaining -= results.get(DurationUnit::minutes) * 60'000;
  results.at(DurationUnit::seconds) = std::trunc(remaining / 1000);
  remaining -= results.get(DurationUnit::seconds) * 1000;
  results.at(DurationUnit::milliseconds) = remaining;
  return normalize(negative ? scale(results, -1) : results);
}

const std::array<std::string_view, 31>& duration_words() {
  // Dataview's DURATION_TYPES sorted by length, longest first (its parser tries them in this order).
  static const std::array<std::string_view, 31> k_words = {
      "minutes", "seconds", "months", "minute", "second", "hours", "weeks", "years", "month", "hour",
      "days",    "mins",    "secs",   "week",   "year",   "day",   "hrs",   "min",   "mos",   "sec",
      "wks",     "yrs",     "hr",     "mo",     "wk",     "yr",    "w",     "d",     "h",     "m",     "s"};
  return k_words;
}

std::optional<DurationUnit> duration_unit(std::string_view w) {
  using U = DurationUnit;
  if (w == "year" || w == "years" || w == "yr" || w == "yrs") return U::years;
  if (w == "month" || w == "months" || w == "mo" || w == "mos") return U::months;
  if (w == "week" || w == "weeks" || w == "wk" || w == "wks" || w == "w") return U::weeks;
  if (w == "day" || w == "days" || w == "d") return U::days;
  if (w == "hour" || w == "hours" || w == "hr" || w == "hrs" || w == "h") return U::hours;
  if (w == "minute" || w == "minutes" || w == "min" || w == "mins" || w == "m") return U::minutes;
  if (w == "second" || w == "seconds" || w == "sec" || w == "secs" || w == "s") return U::seconds;
  return std::nullopt;
}

std::string_view unit_name(DurationUnit u) {
  static constexpr std::string_view k_names[] = {"years", "months",  "weeks",   "days",
                                                 "hours", "minutes", "seconds", "milliseconds"};
  return k_names[static_cast<std::size_t>(u)];
}

std::string format_date(const DateTime& date, std::string_view format) {
  std::string out;
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '\'') {
      const std::size_t end = format.find('\'', i + 1);
      if (end == std::string_view::npos) {
        out += format.substr(i + 1);
        break;
      }
      out += end == i + 1 ? std::string("'") : std::string(format.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    std::size_t n = 1;
    while (i + n < format.size() && format[i + n] == c) ++n;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      out += format_token(date, c, n);
    } else {
      out.append(n, c);
    }
    i += n;
  }
  return out;
}

std::string render_date(const DateTime& date) {
  if (date.is_midnight()) return format_date(date, "MMMM dd, yyyy");
  return format_date(date, "h:mm a - MMMM dd, yyyy");
}

std::string iso_date(const DateTime& date) {
  std::string out = pad(date.year(), 4) + "-" + pad(date.month(), 2) + "-" + pad(date.day(), 2);
  if (!date.is_midnight() || date.millisecond() != 0 || date.has_offset) {
    out += "T" + pad(date.hour(), 2) + ":" + pad(date.minute(), 2) + ":" + pad(date.second(), 2);
    if (date.millisecond() != 0) out += "." + pad(date.millisecond(), 3);
    if (date.has_offset) out += date.offset_minutes == 0 ? std::string("Z") : offset_text(date, true);
  }
  return out;
}

std::string render_duration(const Duration& d) {
  const Duration n = normalize(d);
  std::string out;
  for (std::size_t i = 0; i < k_duration_units; ++i) {
    if (n.units[i] == 0) continue;
    std::string name(unit_name(static_cast<DurationUnit>(i)));
    if (n.units[i] == 1 || n.units[i] == -1) name.pop_back();  // Intl's plural rule: "-1 hour"
    if (!out.empty()) out += ", ";
    out += format_number_grouped(n.units[i]) + " " + name;
  }
  return out;
}

namespace {

std::optional<std::size_t> duration_token_unit(char c) {
  switch (c) {
    case 'y': return 0;
    case 'M': return 1;
    case 'w': return 2;
    case 'd': return 3;
    case 'h': return 4;
    case 'm': return 5;
    case 's': return 6;
    case 'S': return 7;
    default: return std::nullopt;
  }
}

/// Luxon's shiftTo(units...) with its casual matrix: every other unit boiled into the named ones,
/// fractions carried down, what is left over a fraction of the last; then normalizeValues.
std::array<double, k_duration_units> shift_to(const Duration& d, const std::array<bool, k_duration_units>& wanted) {
  std::array<double, k_duration_units> built{};
  std::array<double, k_duration_units> accumulated{};
  std::array<bool, k_duration_units> pending{};
  std::size_t last = 0;
  for (std::size_t k = 0; k < k_duration_units; ++k) {
    if (wanted[k]) {
      last = k;
      double own = 0;
      for (std::size_t ak = 0; ak < k; ++ak) {
        if (!pending[ak]) continue;
        own += ratio(ak, k) * accumulated[ak];
        accumulated[ak] = 0;
      }
      own += d.units[k];
      const double whole = std::trunc(own);
      built[k] = whole;
      accumulated[k] = (own * 1000 - whole * 1000) / 1000;
      pending[k] = true;
    } else {
      accumulated[k] = d.units[k];
      pending[k] = true;
    }
  }
  for (std::size_t key = 0; key < k_duration_units; ++key) {
    if (!pending[key] || accumulated[key] == 0) continue;
    built[last] += key == last ? accumulated[key] : accumulated[key] / ratio(last, key);
  }
  // normalizeValues over the named units only.
  double total = 0;
  for (std::size_t i = 0; i < k_duration_units; ++i) {
    if (wanted[i]) total += built[i] * k_unit_ms[i];
  }
  const double factor = total < 0 ? -1 : 1;
  std::optional<std::size_t> previous;
  for (std::size_t i = k_duration_units; i-- > 0;) {  // roll up, smallest first
    if (!wanted[i]) continue;
    if (previous) {
      const double conv = ratio(i, *previous);
      const double roll_up = std::floor(built[*previous] * factor / conv);
      built[i] += roll_up * factor;
      built[*previous] -= roll_up * conv * factor;
    }
    previous = i;
  }
  previous.reset();
  for (std::size_t i = 0; i < k_duration_units; ++i) {  // push fractions down
    if (!wanted[i]) continue;
    if (previous) {
      const double fraction = std::fmod(built[*previous], 1.0);
      built[*previous] -= fraction;
      built[i] += fraction * ratio(*previous, i);
    }
    previous = i;
  }
  return built;
}

}  // namespace

std::string format_duration(const Duration& d, std::string_view format) {
  struct Token {
    std::string text;
    bool literal;
  };
  std::vector<Token> tokens;
  std::array<bool, k_duration_units> wanted{};
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '\'') {
      const std::size_t end = format.find('\'', i + 1);
      const std::size_t stop = end == std::string_view::npos ? format.size() : end;
      tokens.push_back({std::string(format.substr(i + 1, stop - i - 1)), true});
      i = end == std::string_view::npos ? format.size() : end + 1;
      continue;
    }
    std::size_t n = 1;
    while (i + n < format.size() && format[i + n] == c) ++n;
    if (auto unit = duration_token_unit(c)) wanted[*unit] = true;
    tokens.push_back({std::string(format.substr(i, n)), false});
    i += n;
  }
  const bool any = std::any_of(wanted.begin(), wanted.end(), [](bool b) { return b; });
  const auto values = any ? shift_to(d, wanted) : d.units;
  std::string out;
  for (const auto& token : tokens) {
    const auto unit = token.literal ? std::nullopt : duration_token_unit(token.text[0]);
    if (!unit) {
      out += token.text;
      continue;
    }
    const double value = std::floor(values[*unit]);
    if (!std::isfinite(value)) {
      out += std::isnan(value) ? "NaN" : (value < 0 ? "-\u221E" : "\u221E");
      continue;
    }
    out += pad(static_cast<std::int64_t>(value), static_cast<int>(token.text.size()));
  }
  return out;
}

std::optional<DateTime> parse_date(std::string_view text, std::string_view format) {
  // Fields in Luxon's order: year, month, day, hour, minute, second, millisecond.
  std::array<std::optional<int>, 7> fields{};
  std::optional<int> offset;
  std::optional<std::string> zone;
  std::optional<bool> pm;
  std::size_t t = 0;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto number = [&](std::size_t min_digits, std::size_t max_digits) -> std::optional<int> {
    std::size_t n = 0;
    int v = 0;
    while (n < max_digits && t + n < text.size() && text[t + n] >= '0' && text[t + n] <= '9') {
      v = v * 10 + (text[t + n] - '0');
      ++n;
    }
    if (n < min_digits) return std::nullopt;
    t += n;
    return v;
  };
  // The longest of `names` (English, any case) at t: its index.
  auto name = [&](const char* const* names, std::size_t count, bool shortened) -> std::optional<int> {
    std::optional<int> best;
    std::size_t best_length = 0;
    for (std::size_t i = 0; i < count; ++i) {
      std::string_view full = names[i];
      if (shortened) full = full.substr(0, 3);
      if (full.size() <= best_length || t + full.size() > text.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < full.size() && same; ++k) same = lower(text[t + k]) == lower(full[k]);
      if (same) {
        best = static_cast<int>(i);
        best_length = full.size();
      }
    }
    if (best) t += best_length;
    return best;
  };
  auto read_offset = [&](bool colon_optional_digits) -> bool {
    if (t >= text.size() || (text[t] != '+' && text[t] != '-')) return false;
    const bool negative = text[t] == '-';
    ++t;
    auto hours = number(1, 2);
    if (!hours) return false;
    int minutes = 0;
    const std::size_t back = t;
    if (colon_optional_digits) {  // ZZZ: +0500
      if (auto m = number(2, 2)) minutes = *m;
    } else if (t < text.size() && text[t] == ':') {  // Z, ZZ: +5, +05:00
      ++t;
      if (auto m = number(2, 2)) {
        minutes = *m;
      } else {
        t = back;
      }
    }
    offset = (negative ? -1 : 1) * (*hours * 60 + minutes);
    return true;
  };
  std::size_t f = 0;
  while (f < format.size()) {
    const char c = format[f];
    if (c == '\'') {  // quoted literal text
      const std::size_t end = format.find('\'', f + 1);
      const std::string_view literal = format.substr(f + 1, (end == std::string_view::npos ? format.size() : end) - f - 1);
      if (text.substr(t, literal.size()) != literal) return std::nullopt;
      t += literal.size();
      f = end == std::string_view::npos ? format.size() : end + 1;
      continue;
    }
    std::size_t n = 1;
    while (f + n < format.size() && format[f + n] == c) ++n;
    f += n;
    std::optional<int> v;
    switch (c) {
      case 'y':
        if (n == 2) {
          v = number(2, 2);
          if (v) v = *v > 60 ? 1900 + *v : 2000 + *v;  // Luxon's untruncateYear
        } else {
          v = number(n >= 4 ? n : 1, 6);
        }
        if (!v) return std::nullopt;
        fields[0] = v;
        break;
      case 'M':
      case 'L':
        v = n >= 3 ? name(k_month_names, 12, n == 3) : number(n, 2);
        if (!v) return std::nullopt;
        fields[1] = n >= 3 ? *v + 1 : *v;
        break;
      case 'd':
        if (!(v = number(n, 2))) return std::nullopt;
        fields[2] = v;
        break;
      case 'H':
      case 'h':
        if (!(v = number(n, 2))) return std::nullopt;
        fields[3] = v;
        break;
      case 'm':
        if (!(v = number(n, 2))) return std::nullopt;
        fields[4] = v;
        break;
      case 's':
        if (!(v = number(n, 2))) return std::nullopt;
        fields[5] = v;
        break;
      case 'S':
        if (!(v = number(n >= 3 ? 3 : 1, 3))) return std::nullopt;
        fields[6] = v;
        break;
      case 'E':
      case 'c':  // weekday: read, not checked
        if (!(n >= 3 ? name(k_day_names, 7, n == 3) : number(1, 1))) return std::nullopt;
        break;
      case 'a': {
        static const char* const k_meridiem[] = {"AM", "PM"};
        if (!(v = name(k_meridiem, 2, false))) return std::nullopt;
        pm = *v == 1;
        break;
      }
      case 'Z':
        if (n > 3 || !read_offset(n == 3)) return std::nullopt;
        break;
      case 'z': {
        const std::size_t start = t;
        while (t < text.size() && (std::isalnum(static_cast<unsigned char>(text[t])) || text[t] == '/' ||
                                   text[t] == '_' || text[t] == '+' || text[t] == '-')) {
          ++t;
        }
        if (t == start) return std::nullopt;
        zone = std::string(text.substr(start, t - start));
        break;
      }
      case ' ':  // white space matches one white-space character (not a line break)
        for (std::size_t i = 0; i < n; ++i) {
          if (t >= text.size() || !(text[t] == ' ' || text[t] == '\t')) return std::nullopt;
          ++t;
        }
        break;
      default:
        for (std::size_t i = 0; i < n; ++i) {
          if (t >= text.size() || text[t] != c) return std::nullopt;
          ++t;
        }
    }
  }
  if (t != text.size()) return std::nullopt;
  if (pm && fields[3]) {
    if (*fields[3] < 1 || *fields[3] > 12) return std::nullopt;
    fields[3] = *fields[3] % 12 + (*pm ? 12 : 0);
  }
  // Units above the first one written are now's, below it the least (DateTime.fromObject).
  const DateTime now = DateTime::now();
  const std::array<int, 7> current = {now.year(), now.month(), now.day(), now.hour(), now.minute(), now.second(),
                                      now.millisecond()};
  const std::array<int, 7> least = {1970, 1, 1, 0, 0, 0, 0};
  bool seen = false;
  std::array<int, 7> value{};
  for (std::size_t i = 0; i < 7; ++i) {
    if (fields[i]) seen = true;
    value[i] = fields[i] ? *fields[i] : (seen ? least[i] : current[i]);
  }
  auto out = DateTime::from_fields(value[0], value[1], value[2], value[3], value[4], value[5], value[6]);
  if (!out) return std::nullopt;
  if (zone) {
    offset = zone_offset_at_local(*zone, out->local_ms);
    if (!offset) return std::nullopt;
  }
  if (offset) {  // the instant, shown in the system's zone (fromFormat without setZone)
    const std::int64_t instant = out->local_ms - std::int64_t{*offset} * 60000;
    const std::int64_t seconds = floor_div(instant, 1000);
    DateTime local = DateTime::from_unix_local(seconds);
    local.local_ms += instant - seconds * 1000;
    return local;
  }
  return out;
}

}  // namespace mdvault::core::query
