#pragma once
// The `format` values mdvault asserts (date, date-time, time, email, uri, and for the JSON Schema
// Test Suite's optional files also ipv4, ipv6, hostname, uuid, json-pointer,
// relative-json-pointer, uri-reference, duration, regex); others are annotations.

#include <string_view>

namespace mdvault::core::schema {

/// An asserted format; `none` for every other format name (kept as an annotation).
enum class Format {
  none,
  date,
  date_time,
  time,
  email,
  uri,
  ipv4,
  ipv6,
  hostname,
  uuid,
  json_pointer,
  relative_json_pointer,
  uri_reference,
  duration,
  regex,
};

/// The asserted format a `format` value names, or Format::none.
Format format_from_name(std::string_view name);

/// True when `text` is a valid value of `format` (always true for Format::none).
bool matches_format(Format format, std::string_view text);

/// The format's name in plain words ("date", "e-mail address").
std::string_view format_noun(Format format);

/// How to write a valid value, for messages ("write it as YYYY-MM-DD, for example 2025-07-05").
std::string_view format_hint(Format format);

}  // namespace mdvault::core::schema
