// Validating objects: property counts, properties/patternProperties/additionalProperties and
// propertyNames per field, required and dependentRequired (with the likely misspelling), and
// dependentSchemas.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/schema/validator.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::schema {

// A bit per required key, on the stack for the usual handful.
class SeenSet {
public:
  explicit SeenSet(std::size_t size) {
    if (size > 64) {
      m_large.assign(size, false);
    }
  }
  void set(std::size_t i) {
    if (m_large.empty()) {
      m_small |= std::uint64_t{1} << i;
    } else {
      m_large[i] = true;
    }
  }
  [[nodiscard]] bool has(std::size_t i) const {
    return m_large.empty() ? ((m_small >> i) & 1U) != 0 : static_cast<bool>(m_large[i]);
  }

private:
  std::uint64_t m_small = 0;
  std::vector<bool> m_large;
};

bool Validator::check_object(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                             int depth, Evaluated* ev) const {
  bool ok = true;
  const auto failed = [&ok, out] {
    ok = false;
    return out == nullptr;
  };
  const ValueMap& entries = v.as_map();
  if (n.min_properties && entries.size() < *n.min_properties) {
    add(out, "minProperties", path, v.position, sev, [&] {
      return subject(path) + " has " + plural(entries.size(), "field") + ", but it needs at least " +
             plural(*n.min_properties, "field");
    });
    if (failed()) {
      return false;
    }
  }
  if (n.max_properties && entries.size() > *n.max_properties) {
    add(out, "maxProperties", path, v.position, sev, [&] {
      return subject(path) + " has " + plural(entries.size(), "field") + ", but it may have at most " +
             plural(*n.max_properties, "field");
    });
    if (failed()) {
      return false;
    }
  }
  SeenSet seen(n.required.size());
  if (n.names_only && n.keys.size() * 4 <= entries.size()) {
    // A few names against a big object (an `if` that looks at one field): look them up.
    for (const PropertyKey& key : n.keys) {
      const auto entry =
          std::find_if(entries.begin(), entries.end(), [&key](const MapEntry& e) { return e.key == key.name; });
      if (entry == entries.end()) {
        continue;
      }
      if (key.required_index >= 0) {
        seen.set(static_cast<std::size_t>(key.required_index));
      }
      const Path child{&path, Path::Kind::key, entry->key, 0};
      if (key.schema != nullptr && !check(*key.schema, entry->value, child, out, sev, depth + 1, "properties") &&
          failed()) {
        return false;
      }
      if (key.schema != nullptr && ev != nullptr) {
        ev->set(static_cast<std::size_t>(entry - entries.begin()));
      }
    }
  } else {
    for (const MapEntry& entry : entries) {
      if (!check_entry(n, v, entry, path, out, sev, depth, seen, ev) && failed()) {
        return false;
      }
    }
  }
  for (std::size_t i = 0; i < n.required.size(); ++i) {
    if (!seen.has(i)) {
      if (out != nullptr) {
        report_missing(n, v, n.required[i], "required", "", path, out, sev);
      }
      if (failed()) {
        return false;
      }
    }
  }
  for (const DependentRequired& dr : n.dependent_required) {
    if (v.find(dr.name) == nullptr) {
      continue;
    }
    for (const std::string& need : dr.needs) {
      if (v.find(need) == nullptr) {
        if (out != nullptr) {
          report_missing(n, v, need, "dependentRequired", dr.name, path, out, sev);
        }
        if (failed()) {
          return false;
        }
      }
    }
  }
  for (const DependentSchema& ds : n.dependent_schemas) {
    if (v.find(ds.name) != nullptr && !check(*ds.schema, v, path, out, sev, depth + 1, "dependentSchemas", ev) &&
        failed()) {
      return false;
    }
  }
  return ok;
}

bool Validator::check_entry(const Node& n, const Value& v, const MapEntry& entry, const Path& path, Findings* out,
                            Severity sev, int depth, SeenSet& seen, Evaluated* ev) const {
  bool ok = true;
  const auto failed = [&ok, out] {
    ok = false;
    return out == nullptr;
  };
  const Path child{&path, Path::Kind::key, entry.key, 0};
  bool declared = false;
  if (const PropertyKey* key = n.keys.empty() ? nullptr : n.find_key(entry.key)) {
    if (key->required_index >= 0) {
      seen.set(static_cast<std::size_t>(key->required_index));
    }
    if (key->schema != nullptr) {
      declared = true;
      if (!check(*key->schema, entry.value, child, out, sev, depth + 1, "properties") && failed()) {
        return false;
      }
    }
  }
  for (const PatternProperty& pp : n.pattern_properties) {
    if (pp.regex.search(entry.key) == Regex::Match::yes) {
      declared = true;
      if (!check(*pp.schema, entry.value, child, out, sev, depth + 1, "patternProperties") && failed()) {
        return false;
      }
    }
  }
  if (!declared && n.additional_properties != nullptr && !check_additional(n, v, entry, child, out, sev, depth) &&
      failed()) {
    return false;
  }
  if (ev != nullptr && (declared || n.additional_properties != nullptr)) {
    ev->set(static_cast<std::size_t>(&entry - v.as_map().data()));
  }
  if (n.property_names != nullptr) {
    const Value name = Value::make_string(entry.key, entry.key_position);
    const Path name_path{&path, Path::Kind::name, entry.key, 0};
    if (!check(*n.property_names, name, name_path, out, sev, depth + 1, "propertyNames") && failed()) {
      return false;
    }
  }
  return ok;
}

bool Validator::check_additional(const Node& n, const Value& v, const MapEntry& entry, const Path& child, Findings* out,
                                 Severity sev, int depth) const {
  const Node& extra = *n.additional_properties;
  if (!extra.is_boolean) {
    return check(extra, entry.value, child, out, sev, depth + 1, "additionalProperties");
  }
  if (extra.boolean_value) {
    return true;
  }
  if (out != nullptr) {
    std::string message = subject(child) + " is not an allowed field here; remove it or correct its name.";
    std::vector<std::string> unused;
    for (const PropertyKey& key : n.keys) {
      if (key.schema != nullptr && v.find(key.name) == nullptr) {
        unused.push_back(key.name);
      }
    }
    if (const auto hint = closest_match(entry.key, unused)) {
      message += " Did you mean " + in_quotes(*hint) + "?";
    }
    add(out, "additionalProperties", child, entry.key_position, sev, [&] { return message; });
  }
  return false;
}

void Validator::report_missing(const Node& n, const Value& v, const std::string& key, std::string_view keyword,
                               const std::string& because, const Path& path, Findings* out, Severity sev) {
  const Path missing{&path, Path::Kind::key, key, 0};
  std::string message = render(missing) + " is required but missing";
  if (!because.empty()) {
    message += " (it is needed whenever " + in_quotes(because) + " is present)";
  }
  message += "; add a " + in_quotes(key) + " field";
  if (path.kind != Path::Kind::root) {
    message += " to " + render(path);
  }
  // A present key the schema does not name may be this one misspelt.
  std::vector<std::string> strangers;
  for (const MapEntry& e : v.as_map()) {
    if (n.find_key(e.key) == nullptr) {
      strangers.push_back(e.key);
    }
  }
  if (const auto typo = closest_match(key, strangers)) {
    message += " (the field " + in_quotes(*typo) + " looks like a misspelling of it)";
  }
  add(out, std::string(keyword), missing, v.position, sev, [&] { return message; });
}

}  // namespace mdvault::core::schema
