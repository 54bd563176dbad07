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

}  // namespace mdvault::core
