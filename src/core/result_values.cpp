#include "core/result_values.hpp"

#include <cmath>
#include <cstdint>
#include <utility>

namespace mdvault::core {

void set_entry(ValueMap& map, const std::string& key, Value value) {
  for (auto& entry : map) {
    if (entry.key == key) {
      entry.value = std::move(value);
      return;
    }
  }
  map.push_back(MapEntry{key, {}, std::move(value)});
}

Value number_value(double n) {
  if (!std::isfinite(n)) return Value::make_null();
  if (n == std::floor(n) && std::fabs(n) < 9e15) return Value::make_int(static_cast<std::int64_t>(n));
  return Value::make_float(n);
}

}  // namespace mdvault::core
