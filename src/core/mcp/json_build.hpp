#pragma once
// Short builders for the JSON values (core::Value) the MCP server sends.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/value.hpp"

namespace mdvault::core::mcp {

/// A JSON object with its keys in the order given.
inline Value object(std::initializer_list<std::pair<std::string, Value>> entries) {
  ValueMap map;
  map.reserve(entries.size());
  for (const auto& [key, value] : entries) map.push_back(MapEntry{key, {}, value});
  return Value::make_map(std::move(map));
}

inline Value text(std::string_view s) { return Value::make_string(std::string(s)); }
inline Value integer(std::int64_t i) { return Value::make_int(i); }
inline Value count(std::size_t n) { return Value::make_int(static_cast<std::int64_t>(n)); }
inline Value boolean(bool b) { return Value::make_bool(b); }
inline Value null() { return Value::make_null(); }
inline Value list(ValueList items = {}) { return Value::make_list(std::move(items)); }

/// A list of JSON strings.
inline Value text_list(const std::vector<std::string>& items) {
  ValueList out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(Value::make_string(item));
  return Value::make_list(std::move(out));
}

/// Sets `key` of the map `target` (replacing an existing key in place, as JSON objects do).
inline void set(Value& target, std::string_view key, Value value) {
  auto& map = target.as_map();
  for (auto& entry : map) {
    if (entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  }
  map.push_back(MapEntry{std::string(key), {}, std::move(value)});
}

/// Appends `item` to the list `target`.
inline void append(Value& target, Value item) { target.as_list().push_back(std::move(item)); }

}  // namespace mdvault::core::mcp
