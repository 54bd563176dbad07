// Validating unevaluatedProperties and unevaluatedItems: the fields or items that no keyword of
// the schema, and no in-place subschema that passed ($ref, $dynamicRef, allOf, anyOf, oneOf,
// if/then/else, dependentSchemas), evaluated. check_keywords collects them in an Evaluated.
#include <string>

#include "core/schema/validator.hpp"

namespace mdvault::core::schema {

bool Validator::check_unevaluated(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                                  int depth, Evaluated& evaluated) const {
  bool ok = true;
  if (v.is_map() && n.unevaluated_properties != nullptr) {
    const Node& schema = *n.unevaluated_properties;
    const ValueMap& entries = v.as_map();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (evaluated.has(i)) {
        continue;
      }
      const Path child{&path, Path::Kind::key, entries[i].key, 0};
      if (schema.is_boolean && !schema.boolean_value) {
        add(out, "unevaluatedProperties", child, entries[i].key_position, sev, [&] {
          return subject(child) + " is not an allowed field here (no schema that applies describes it); remove it "
                                  "or correct its name";
        });
        ok = false;
      } else if (!check(schema, entries[i].value, child, out, sev, depth + 1, "unevaluatedProperties")) {
        ok = false;
      }
      if (!ok && out == nullptr) {
        return false;
      }
    }
  } else if (v.is_list() && n.unevaluated_items != nullptr) {
    const ValueList& items = v.as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (evaluated.has(i)) {
        continue;
      }
      const Path item_path{&path, Path::Kind::index, {}, i};
      if (!check(*n.unevaluated_items, items[i], item_path, out, sev, depth + 1, "unevaluatedItems")) {
        ok = false;
        if (out == nullptr) {
          return false;
        }
      }
    }
  }
  evaluated.set_range(0, evaluated.size());
  return ok;
}

}  // namespace mdvault::core::schema
