#pragma once
// What the result writers of DQL (query/result_value) and Bases (bases/result_json) share when
// they turn their own values into a Value for JSON.

#include <string>

#include "core/value.hpp"

namespace mdvault::core {

/// Sets `key` in `map`, replacing an existing entry where it stands (as a JSON object does).
void set_entry(ValueMap& map, const std::string& key, Value value);

/// A number of the query languages (a JavaScript double) as a Value: whole numbers below 9e15
/// as integers, infinity and NaN as null (JSON has neither), the rest as floats.
Value number_value(double n);

}  // namespace mdvault::core
