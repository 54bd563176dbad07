#pragma once
// Unicode's simple case mappings of one code point (utf8proc, defined in unicode.cpp), for
// callers that build their own full mappings (DQL's upper and lower, as JavaScript's).

namespace mdvault::core {

/// The simple upper case mapping of `cp`, or `cp` when it has none.
char32_t simple_upper(char32_t cp);
/// The simple lower case mapping of `cp`, or `cp` when it has none.
char32_t simple_lower(char32_t cp);

}  // namespace mdvault::core
