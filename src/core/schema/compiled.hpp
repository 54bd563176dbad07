#pragma once
// The compiled form of a schema: one Node per subschema, linked by pointers, built once by
// the Compiler (compile*.cpp) and only read afterwards by the Validator (validate*.cpp), so any
// number of threads can share it.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/schema/format.hpp"
#include "core/regex.hpp"
#include "core/schema/schema_set.hpp"
#include "core/value.hpp"

namespace mdvault::core::schema {

/// Bits of the `type` keyword; a node with no bits accepts every type.
enum TypeBit : std::uint8_t {
  k_type_null = 1,
  k_type_boolean = 2,
  k_type_integer = 4,
  k_type_number = 8,
  k_type_string = 16,
  k_type_array = 32,
  k_type_object = 64,
};

struct Node;

/// The order of Node::keys: by length, then by bytes (most comparisons end at the length).
inline bool key_less(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

/// One name the object keywords care about: its `properties` schema and whether it is required.
struct PropertyKey {
  std::string name;
  const Node* schema = nullptr;  ///< from `properties`, or null
  int required_index = -1;       ///< index into Node::required, or -1
};

/// A `patternProperties` entry.
struct PatternProperty {
  Regex regex;
  const Node* schema = nullptr;
};

/// A `dependentRequired` entry: when `name` is present, `needs` must be too.
struct DependentRequired {
  std::string name;
  std::vector<std::string> needs;
};

/// A `dependentSchemas` entry.
struct DependentSchema {
  std::string name;
  const Node* schema = nullptr;
};

/// What `x-link` asks of string values.
enum class LinkRule { none, any_note, note_of_class };

/// One compiled subschema. Keywords that are absent hold their neutral value.
struct Node {
  const Value* source = nullptr;  ///< the schema value this node was compiled from
  std::size_t document = 0;       ///< index into CompiledSchema::documents
  std::size_t resource = 0;       ///< index into CompiledSchema::resources: the `$id` scope it is in
  bool is_boolean = false;        ///< a `true`/`false` schema
  bool boolean_value = true;

  // In-place applicators (same instance).
  const Node* ref = nullptr;
  std::string ref_text;   ///< the `$ref` as written, for messages
  Position ref_position;  ///< of the `$ref` key, for the loop diagnostic
  const Node* dynamic_ref = nullptr;  ///< `$dynamicRef` resolved statically
  std::string dynamic_ref_text;
  Position dynamic_ref_position;
  /// The `$dynamicAnchor` name the static target has, when it has the one the `$dynamicRef`
  /// names: then the outermost schema resource of the dynamic scope with that anchor wins.
  std::string dynamic_name;
  std::vector<const Node*> all_of;
  std::vector<const Node*> any_of;
  std::vector<const Node*> one_of;
  const Node* not_schema = nullptr;
  const Node* if_schema = nullptr;
  const Node* then_schema = nullptr;
  const Node* else_schema = nullptr;
  std::vector<DependentSchema> dependent_schemas;

  // Any type.
  std::uint8_t types = 0;
  const Value* const_value = nullptr;
  const ValueList* enum_values = nullptr;
  std::vector<std::string_view> enum_strings;            ///< the string members, compared without Value
  std::unordered_set<std::string_view> enum_string_set;  ///< the same, for long enums only

  // Numbers.
  const Value* minimum = nullptr;
  const Value* maximum = nullptr;
  const Value* exclusive_minimum = nullptr;
  const Value* exclusive_maximum = nullptr;
  const Value* multiple_of = nullptr;

  // Strings.
  std::optional<std::size_t> min_length;
  std::optional<std::size_t> max_length;
  std::unique_ptr<Regex> pattern;
  Format format = Format::none;
  LinkRule link = LinkRule::none;
  std::string link_class;

  // Arrays.
  std::vector<const Node*> prefix_items;
  const Node* items = nullptr;
  const Node* contains = nullptr;
  std::optional<std::size_t> min_contains;
  std::optional<std::size_t> max_contains;
  std::optional<std::size_t> min_items;
  std::optional<std::size_t> max_items;
  bool unique_items = false;
  const Node* unevaluated_items = nullptr;

  // Objects.
  std::vector<PropertyKey> keys;  ///< sorted by key_less: `properties` and `required` together
  bool names_only = true;         ///< no patternProperties, additionalProperties or propertyNames
  std::vector<std::string> required;
  std::vector<PatternProperty> pattern_properties;
  const Node* additional_properties = nullptr;
  const Node* property_names = nullptr;
  std::optional<std::size_t> min_properties;
  std::optional<std::size_t> max_properties;
  std::vector<DependentRequired> dependent_required;
  const Node* unevaluated_properties = nullptr;

  // Which groups of keywords are present, so validation skips the rest.
  bool has_number_keywords = false;
  bool has_string_keywords = false;
  bool has_array_keywords = false;
  bool has_object_keywords = false;
  bool has_in_place_keywords = false;

  // Annotations that shape findings.
  bool deprecated = false;
  std::optional<Severity> severity;  ///< `x-severity`
  std::string message;               ///< `x-message`
  std::string title;
  const Value* example = nullptr;  ///< the first of `examples`, shown as a model to copy

  /// The entry for `name` in `keys`, or nullptr.
  [[nodiscard]] const PropertyKey* find_key(std::string_view name) const;
};

/// A schema document read from a file (or given in memory).
struct Document {
  std::unique_ptr<Value> root;
  std::string path;  ///< as shown in diagnostics
  std::string uri;   ///< absolute `file://` URI: the retrieval base for relative $ref
  /// From the `$vocabulary` of the meta-schema its `$schema` names, when one is known.
  bool validation_vocabulary = true;
  bool format_assertion = false;  ///< the meta-schema asks for the format-assertion vocabulary
};

/// A schema resource (a document root or a subschema with `$id`) and its `$dynamicAnchor`s.
struct SchemaResource {
  std::string uri;
  std::vector<std::pair<std::string, const Node*>> dynamic_anchors;

  /// The subschema holding `$dynamicAnchor: name`, or null.
  [[nodiscard]] const Node* dynamic_anchor(std::string_view name) const {
    for (const auto& [anchor, node] : dynamic_anchors) {
      if (anchor == name) {
        return node;
      }
    }
    return nullptr;
  }
};

/// One class: its documents and compiled nodes. Immutable after compile_schema.
struct CompiledSchema {
  std::string class_name;
  std::string file;
  std::string description;
  std::vector<Document> documents;  ///< [0] is the class's own file
  std::deque<Node> nodes;           ///< stable addresses: nodes point at each other
  std::vector<SchemaResource> resources;
  bool has_dynamic_refs = false;  ///< validation keeps a dynamic scope only when there are some
  const Node* root = nullptr;
  bool has_deprecated = false;  ///< lets validation skip warning collection when there is none
};

/// Reads a schema file (YAML, or JSON for `.json`) into a Value; problems become "schema.file"
/// diagnostics and the result is null. `open_path`, when given, is the file opened (a canonical
/// path, no symbolic link followed) and `path` only names it. Defined in schema_set.cpp.
std::unique_ptr<Value> read_schema_file(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                        const std::string& open_path = {});

/// Compiles `root` (read from `path`), loading files its `$ref`s name. Null when the schema has
/// problems, each reported as a "schema.file" diagnostic.
std::unique_ptr<CompiledSchema> compile_schema(std::unique_ptr<Value> root, const std::string& path,
                                               std::vector<Diagnostic>& diagnostics,
                                               const CompileOptions& options = {});

/// A value in plain words for messages: `the string "abc"`, `the integer 5`, `a list [a, b]`.
std::string describe_value(const Value& value);

/// A text in double quotes, for messages.
inline std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

/// Validates `instance`; findings are appended unsorted.
void validate_instance(const CompiledSchema& schema, const Value& instance, const LinkChecker* links,
                       std::vector<SchemaFinding>& findings);

}  // namespace mdvault::core::schema
