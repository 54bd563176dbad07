#pragma once
// What Dataview gets from JavaScript's Intl and Luxon's zones, from ICU (the library behind
// Intl): offsets of named time zones from the system's zone database, and currency amounts
// formatted in English (en-US). ICU stays inside icu_locale.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mdvault::core::query {

/// The offset in minutes of the IANA zone `name` ("Europe/Paris") at wall-clock time `local_ms`
/// (milliseconds since 1970-01-01T00:00 of that zone's calendar), or nothing for an unknown zone.
std::optional<int> zone_offset_at_local(std::string_view name, std::int64_t local_ms);

/// The system's time zone: its IANA name ("Europe/Paris", "UTC"), and its English short or long
/// name at the instant `utc_ms` ("CET"/"GMT+1", "Central European Standard Time").
std::string system_zone_id();
std::string system_zone_display_name(std::int64_t utc_ms, bool long_name);

/// Intl.NumberFormat("en-US", {style: "currency", currency: code}).format(amount): "$1,234.50",
/// "€1.00", "¥1,235", "-$1.00", or nothing when `code` is not three ASCII letters (a RangeError).
std::optional<std::string> format_currency(double amount, std::string_view code);

}  // namespace mdvault::core::query
