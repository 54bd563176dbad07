#pragma once
// Dataview's dates and durations (Luxon's DateTime and Duration, the parts DQL uses):
// wall-clock date-times with an optional fixed offset, and unit-keeped durations.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdvault::core::query {

/// A date-time as written: wall-clock milliseconds (no zone means local time) and an optional offset.
struct DateTime {
  std::int64_t local_ms = 0;  ///< wall-clock milliseconds since 1970-01-01T00:00 of the same calendar
  int offset_minutes = 0;     ///< zone offset when `has_offset`
  bool has_offset = false;    ///< an explicit zone (Z, +02:00, [UTC+2]) was written

  /// Milliseconds of the instant (local time counted as UTC, so comparisons are stable).
  [[nodiscard]] std::int64_t instant() const { return local_ms - std::int64_t{offset_minutes} * 60000; }
  [[nodiscard]] int year() const;
  [[nodiscard]] int month() const;
  [[nodiscard]] int day() const;
  [[nodiscard]] int hour() const;
  [[nodiscard]] int minute() const;
  [[nodiscard]] int second() const;
  [[nodiscard]] int millisecond() const;
  /// ISO weekday: 1 Monday .. 7 Sunday.
  [[nodiscard]] int weekday() const;
  /// ISO week number.
  [[nodiscard]] int week_number() const;
  /// True when the time of day is midnight (Dataview then renders the date alone).
  [[nodiscard]] bool is_midnight() const;

  /// A date-time from calendar fields; nothing when a field is out of range (Luxon's isValid).
  static std::optional<DateTime> from_fields(int year, int month, int day, int hour = 0, int minute = 0,
                                             int second = 0, int millisecond = 0);
  /// Local wall-clock time of a Unix time in seconds.
  static DateTime from_unix_local(std::int64_t seconds);
  /// The current local time.
  static DateTime now();
  /// Midnight of the same day.
  [[nodiscard]] DateTime start_of_day() const;
};

/// Luxon's units, largest first; a Duration keeps each one as written.
enum class DurationUnit { years, months, weeks, days, hours, minutes, seconds, milliseconds };
inline constexpr std::size_t k_duration_units = 8;

/// A duration in Luxon's unit form (1 month stays 1 month, not 30 days).
struct Duration {
  std::array<double, k_duration_units> units{};
  [[nodiscard]] double get(DurationUnit u) const { return units[static_cast<std::size_t>(u)]; }
  double& at(DurationUnit u) { return units[static_cast<std::size_t>(u)]; }
  /// Luxon's toMillis with its casual matrix (a year is 365 days, a month 30).
  [[nodiscard]] double to_millis() const;
  /// The value in one unit (Luxon's shiftTo(unit)), casual conversions.
  [[nodiscard]] double as(DurationUnit u) const;
  /// Luxon's equals: unit by unit.
  [[nodiscard]] bool equals(const Duration& other) const;
};

/// Dataview's normalizeDuration: shiftToAll().normalize() with Luxon's casual matrix.
Duration normalize(const Duration& d);
/// Adds each unit.
Duration plus(const Duration& a, const Duration& b);
/// Multiplies each unit.
Duration scale(const Duration& d, double factor);

/// date + duration (calendar arithmetic as Luxon: years and months first, clamped to the month's end).
DateTime add(const DateTime& date, const Duration& d, int sign = 1);
/// a - b as Luxon's diff in years, months, days, hours, minutes, seconds, milliseconds, normalized.
Duration difference(const DateTime& a, const DateTime& b);

/// The unit a duration word names ("hr", "days", "m"...), or nothing.
std::optional<DurationUnit> duration_unit(std::string_view word);
/// Every duration word Dataview knows, longest first (the order its parser tries them).
const std::array<std::string_view, 31>& duration_words();
/// Luxon's plural unit name ("years", ...).
std::string_view unit_name(DurationUnit u);

/// Luxon's DateTime.fromFormat (date(text, format)): numbers (y yy yyyy M MM d dd H HH h hh m mm
/// s ss S SSS), English month and weekday names (MMM MMMM EEE EEEE, any case), a (AM/PM), zones
/// (Z ZZ ZZZ offsets, z names) and literal text; units not written are the current ones above
/// the first written and the least below it. A zoned text becomes local time. Nothing when the
/// text does not match or the date is invalid.
std::optional<DateTime> parse_date(std::string_view text, std::string_view format);

/// Luxon's toFormat for the tokens DQL users write (yyyy, MM, dd, HH, mm, ss, SSS, MMMM, EEEE, a, 'text'...).
std::string format_date(const DateTime& date, std::string_view format);
/// Dataview's default rendering: "MMMM dd, yyyy", or "h:mm a - MMMM dd, yyyy" with a time.
std::string render_date(const DateTime& date);
/// ISO form for output: "2025-07-05", or "2025-07-05T16:56:00" (milliseconds and offset when set).
std::string iso_date(const DateTime& date);
/// Dataview's renderMinimalDuration: "1 hour, 30 minutes".
std::string render_duration(const Duration& d);
/// Luxon's Duration.toFormat (durationformat): the units the format names (S s m h d w M y,
/// repeated to pad) after shiftTo those units, rounded down; 'quoted' text as it is.
std::string format_duration(const Duration& d, std::string_view format);

}  // namespace mdvault::core::query
