#pragma once
// Conversion between Value and JSON text (nlohmann-json stays inside json_value.cpp).

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core {

/// Parses JSON text into Value (positions: line and column of each value where known).
/// On a syntax error returns nothing and fills `error` with "line:col: message".
std::optional<Value> parse_json(std::string_view text, std::string* error);

/// Serialises a Value as compact JSON (integers stay integers, map order kept).
std::string to_json_text(const Value& v);

/// A number as every JSON mdvault writes spells it: the shortest text that reads back as the
/// same double (`0.1`, `1e+20`, `1.5e-07`), `null` for infinity and NaN. The export's own
/// writer uses it too, so a value prints the same in `show`, `query` and `export`.
std::string json_number_text(double number);

}  // namespace mdvault::core
