#pragma once
// The validator's state and the wording of its findings, shared by validate.cpp (the keyword
// groups, scalars), validate_arrays.cpp, validate_objects.cpp, validate_applicators.cpp and
// validate_messages.cpp.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/schema/compiled.hpp"
#include "core/schema/evaluated.hpp"
#include "core/value.hpp"

namespace mdvault::core::schema {

using Findings = std::vector<SchemaFinding>;

// Where a value sits in the instance, as a chain on the stack; rendered only for findings.
struct Path {
  enum class Kind { root, key, index, name };
  const Path* parent = nullptr;
  Kind kind = Kind::root;
  std::string_view key;  ///< for key and name
  std::size_t index = 0;
};

/// The path as findings show it: "meta.owner", "core_fears[1]", "" for the root.
std::string render(const Path& path);

/// How a message names the value: its field path, the name of a field, or "the value".
std::string subject(const Path& path);

/// "core_fears[0] is \"x\"" (for a field name: "the field name is \"x\"").
std::string is_phrase(const Path& path, const Value& v);

/// "created \"07/05/2025\"" (for a field name: "the field name \"x\"").
std::string value_phrase(const Path& path, const Value& v);

/// "1 item", "3 items".
std::string plural(std::size_t n, std::string_view word);

/// "a, b or c" (with `last_word` "or").
std::string join_alternatives(const std::vector<std::string>& parts, std::string_view last_word);

/// "an integer", "a string or a list".
std::string type_phrase(std::uint8_t mask);

/// The allowed values as a message lists them (the first ones, then a count of the rest).
std::string list_allowed(const std::vector<const Value*>& values);

/// A node reached through `$ref` chains, for describing it.
const Node* through_refs(const Node* n);

/// The values a const/enum-only schema allows, or false when the schema is something else.
bool allowed_values(const Node* n, std::vector<const Value*>& out);

/// A short description of what a schema accepts, for summary messages; "" when none is apt.
std::string describe_schema(const Node* n);

class SeenSet;

/// Applies a compiled schema to a value; one per value checked (it counts its steps).
class Validator {
public:
  Validator(const CompiledSchema& schema, const LinkChecker* links) : m_schema(schema), m_links(links) {}

  // Checks `v` against `n`. With `out` null only the answer counts (stops at the first
  // problem); otherwise every problem is appended to `out`.
  // `evaluated`, when given, receives the fields or items `v` had evaluated by `n` (for the
  // unevaluated keywords of a schema that applies `n` in place); meaningful only when `n` passes.
  bool check(const Node& n, const Value& v, const Path& path, Findings* out, Severity severity, int depth,
             std::string_view via, Evaluated* evaluated = nullptr) const;

private:
  // Appends a finding when collecting; the message is only built then.
  template <class MakeMessage>
  static void add(Findings* out, std::string_view keyword, const Path& path, Position pos, Severity severity,
                  MakeMessage&& make_message);

  static std::string example_hint(const Node& n);

  bool check_keywords(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                      Evaluated* ev) const;

  // unevaluatedProperties and unevaluatedItems (validate_unevaluated.cpp): the fields or items
  // that `evaluated` lacks; afterwards all are evaluated.
  bool check_unevaluated(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                         Evaluated& evaluated) const;

  // The schema a `$dynamicRef` leads to in the current dynamic scope.
  const Node& dynamic_target(const Node& n) const;

  // "(remove the quotes ...)" when a quoted number or boolean was meant as one.
  static std::string quote_hint(std::uint8_t types, const Value& v);

  static bool in_enum(const Node& n, const Value& v, Value::Kind kind);

  static void report_enum(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev);

  static std::string not_allowed_message(const std::vector<const Value*>& values, const Value& v, const Path& path);

  static bool check_number(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev);

  bool check_string(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const;

  bool check_link(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const;

  // Lists (validate_arrays.cpp).

  bool check_list(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                  Evaluated* ev) const;

  bool check_contains(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                      Evaluated* ev) const;

  static bool check_unique(const Value& v, const Path& path, Findings* out, Severity sev);

  // Objects (validate_objects.cpp).

  bool check_object(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                    Evaluated* ev) const;

  // One field of an object against properties, patternProperties, additionalProperties and
  // propertyNames; marks required names as seen.
  bool check_entry(const Node& n, const Value& v, const MapEntry& entry, const Path& path, Findings* out, Severity sev,
                   int depth, SeenSet& seen, Evaluated* ev) const;

  bool check_additional(const Node& n, const Value& v, const MapEntry& entry, const Path& child, Findings* out,
                        Severity sev, int depth) const;

  // A `required` (or `dependentRequired`) key that is absent; the finding sits on the object.
  static void report_missing(const Node& n, const Value& v, const std::string& key, std::string_view keyword,
                             const std::string& because, const Path& path, Findings* out, Severity sev);

  // $ref, allOf, anyOf, oneOf, not, if/then/else (validate_applicators.cpp).

  bool check_in_place(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                      Evaluated* ev) const;

  bool check_any_of(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                    Evaluated* ev) const;

  bool check_one_of(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth,
                    Evaluated* ev) const;

  // A passing branch was checked without collecting: collect again for its warnings (deprecated).
  void keep_warnings(const Node& branch, const Value& v, const Path& path, Findings* out, Severity sev,
                     int depth) const;

  // Every branch of anyOf/oneOf failed: report the most useful thing, not every branch.
  void report_alternatives(const std::vector<const Node*>& branches, std::string_view keyword, const Value& v,
                           const Path& path, Findings* out, Severity sev, int depth) const;

  const CompiledSchema& m_schema;
  const LinkChecker* m_links;
  // Schemas applied so far: `$ref` fan-out (allOf of two refs to the next level, 22 levels)
  // doubles the work per level, so one value gets a bounded number of steps.
  mutable std::uint64_t m_steps = 0;
  // The dynamic scope: the schema resources entered on the way to the schema being applied,
  // outermost first (kept only when the schema has a `$dynamicRef`).
  mutable std::vector<std::size_t> m_scope;

public:
  /// Schemas applied to one value at most; past it, one schema.too-complex finding only.
  static constexpr std::uint64_t k_max_steps = 50'000;
  /// True when the step budget ran out.
  [[nodiscard]] bool over_budget() const { return m_steps > k_max_steps; }
};

template <class MakeMessage>
void Validator::add(Findings* out, std::string_view keyword, const Path& path, Position pos, Severity severity,
                    MakeMessage&& make_message) {
  if (out != nullptr) {
    out->push_back(SchemaFinding{std::string(keyword), render(path), pos, make_message(), severity});
  }
}

}  // namespace mdvault::core::schema
