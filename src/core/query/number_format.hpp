#pragma once
// Numbers printed the way JavaScript prints them (Dataview's values are JS numbers).

#include <string>

namespace mdvault::core::query {

/// JavaScript's Number.prototype.toString: shortest round-trip digits, "1e+21" style exponents.
std::string format_number(double value);

/// Intl.NumberFormat("en-US") style: thousands separators, at most three fraction digits.
std::string format_number_grouped(double value);

}  // namespace mdvault::core::query
