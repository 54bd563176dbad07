// Validating lists: minItems/maxItems, prefixItems and items, contains with its bounds, and
// uniqueItems (hashed, so long lists are not quadratic).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include "core/schema/validator.hpp"

namespace mdvault::core::schema {
namespace {

// A hash that agrees with Value's equality (1 == 1.0, map order ignored), for uniqueItems.
std::size_t hash_value(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::null:
    return 0x9e3779b9U;
  case Value::Kind::boolean:
    return v.as_bool() ? 1U : 2U;
  case Value::Kind::integer:
  case Value::Kind::floating: {
    const double d = v.as_number();
    return std::hash<double>{}(d == 0.0 ? 0.0 : d);
  }
  case Value::Kind::string:
    return std::hash<std::string_view>{}(v.as_string());
  case Value::Kind::list: {
    std::size_t h = 17;
    for (const Value& item : v.as_list()) {
      h = h * 31 + hash_value(item);
    }
    return h;
  }
  case Value::Kind::map: {
    std::size_t h = 29;
    for (const MapEntry& e : v.as_map()) {
      h += std::hash<std::string_view>{}(e.key) ^ (hash_value(e.value) * 0x9e3779b97f4a7c15ULL);
    }
    return h;
  }
  }
  return 0;
}

}  // namespace

bool Validator::check_list(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                           int depth, Evaluated* ev) const {
  bool ok = true;
  const auto failed = [&ok, out] {
    ok = false;
    return out == nullptr;
  };
  const ValueList& items = v.as_list();
  if (n.min_items && items.size() < *n.min_items) {
    add(out, "minItems", path, v.position, sev, [&] {
      return subject(path) + " has " + plural(items.size(), "item") + ", but it needs at least " +
             plural(*n.min_items, "item");
    });
    if (failed()) {
      return false;
    }
  }
  if (n.max_items && items.size() > *n.max_items) {
    add(out, "maxItems", path, v.position, sev, [&] {
      return subject(path) + " has " + plural(items.size(), "item") + ", but it may have at most " +
             plural(*n.max_items, "item");
    });
    if (failed()) {
      return false;
    }
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Path item_path{&path, Path::Kind::index, {}, i};
    const bool in_prefix = i < n.prefix_items.size();
    const Node* schema = in_prefix ? n.prefix_items[i] : n.items;
    if (schema != nullptr &&
        !check(*schema, items[i], item_path, out, sev, depth + 1, in_prefix ? "prefixItems" : "items") && failed()) {
      return false;
    }
    if (schema != nullptr && ev != nullptr) {
      ev->set(i);
    }
    if (n.link != LinkRule::none && items[i].is_string() && !check_link(n, items[i], item_path, out, sev) &&
        failed()) {
      return false;
    }
  }
  if (n.contains != nullptr && !check_contains(n, v, path, out, sev, depth, ev) && failed()) {
    return false;
  }
  if (n.unique_items && items.size() > 1 && !check_unique(v, path, out, sev) && failed()) {
    return false;
  }
  return ok;
}

bool Validator::check_contains(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                               int depth, Evaluated* ev) const {
  const ValueList& items = v.as_list();
  const std::size_t min = n.min_contains.value_or(1);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Path item_path{&path, Path::Kind::index, {}, i};
    if (check(*n.contains, items[i], item_path, nullptr, sev, depth + 1, "contains")) {
      ++matches;
      if (ev != nullptr) {
        ev->set(i);  // the items that match are evaluated (so every item is tried)
      } else if (out == nullptr && matches >= min && !n.max_contains) {
        return true;
      }
    }
  }
  // "item that is exactly \"x\"", "items that match the contains schema"
  const auto items_that = [&n](std::size_t count) {
    const std::string described = describe_schema(n.contains);
    const bool one = count == 1;
    return std::string(one ? "item" : "items") +
           (described.empty() ? (one ? " that matches" : " that match") + std::string(" the `contains` schema")
                              : (one ? " that is " : " that are ") + described);
  };
  if (matches < min) {
    add(out, n.min_contains ? "minContains" : "contains", path, v.position, sev, [&] {
      return matches == 0 ? subject(path) + " has no " + items_that(1)
                          : subject(path) + " has " + std::to_string(matches) + " " + items_that(matches) +
                                ", but it needs at least " + std::to_string(min);
    });
    return false;
  }
  if (n.max_contains && matches > *n.max_contains) {
    add(out, "maxContains", path, v.position, sev, [&] {
      return subject(path) + " has " + std::to_string(matches) + " " + items_that(matches) +
             ", but it may have at most " + std::to_string(*n.max_contains);
    });
    return false;
  }
  return true;
}

bool Validator::check_unique(const Value& v, const Path& path, Findings* out, Severity sev) {
  const ValueList& items = v.as_list();
  std::vector<std::pair<std::size_t, std::size_t>> hashed;  // (hash, index)
  hashed.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    hashed.emplace_back(hash_value(items[i]), i);
  }
  std::sort(hashed.begin(), hashed.end());
  bool ok = true;
  for (std::size_t start = 0; start < hashed.size();) {
    std::size_t end = start + 1;
    while (end < hashed.size() && hashed[end].first == hashed[start].first) {
      ++end;
    }
    for (std::size_t j = start + 1; j < end; ++j) {
      for (std::size_t i = start; i < j; ++i) {
        const std::size_t earlier = hashed[i].second;
        const std::size_t later = hashed[j].second;
        if (items[earlier] == items[later]) {
          const Path item_path{&path, Path::Kind::index, {}, later};
          add(out, "uniqueItems", item_path, items[later].position, sev, [&] {
            return subject(item_path) + " is " + to_display(items[later]) + ", which " + subject(path) +
                   " already lists at " + render(Path{&path, Path::Kind::index, {}, earlier}) +
                   "; each item must be different, so remove one of them";
          });
          if (out == nullptr) {
            return false;
          }
          ok = false;
          break;
        }
      }
    }
    start = end;
  }
  return ok;
}

}  // namespace mdvault::core::schema
