#pragma once
// JavaScript's String semantics on UTF-8 text, where DQL's functions inherit them: UTF-16
// code units (what `length` counts and `hash` reads), and toLocaleUpperCase/toLocaleLowerCase
// in an English locale (full mappings such as ß -> SS, final sigma).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core::query {

/// The UTF-16 code units of `s` (an invalid byte counts as the code point of its value).
std::vector<std::uint16_t> utf16_units(std::string_view s);

/// Dataview's hash: cyrb53 over the UTF-16 units of `s` with `seed` (JavaScript's ToInt32 of it),
/// a number below 2^53.
double cyrb53(std::string_view s, double seed);

/// String.prototype.toLocaleUpperCase ("en"): Unicode's full upper case mapping.
std::string js_upper(std::string_view s);
/// String.prototype.toLocaleLowerCase ("en"): the full lower case mapping, with final sigma.
std::string js_lower(std::string_view s);

}  // namespace mdvault::core::query
