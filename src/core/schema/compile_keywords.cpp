// Compiling the keywords of one schema mapping: the keyword table (with "did you mean" for
// unknown ones and advice for unsupported ones), the shape of each keyword's value, and the
// Node fields it fills.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

#include "core/schema/compiler.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::schema {
namespace {

// Enums longer than this also get a hash set of their strings.
constexpr std::size_t k_enum_hash_threshold = 16;

enum class Keyword {
  type,
  enum_values,
  const_value,
  properties,
  required,
  additional_properties,
  pattern_properties,
  property_names,
  min_properties,
  max_properties,
  items,
  prefix_items,
  contains,
  min_contains,
  max_contains,
  min_items,
  max_items,
  unique_items,
  min_length,
  max_length,
  pattern,
  format,
  minimum,
  maximum,
  exclusive_minimum,
  exclusive_maximum,
  multiple_of,
  all_of,
  any_of,
  one_of,
  not_schema,
  if_schema,
  then_schema,
  else_schema,
  dependent_required,
  dependent_schemas,
  ref,
  defs,
  id,
  anchor,
  schema,
  title,
  description,
  default_value,
  deprecated,
  comment,
  examples,
  read_only,
  write_only,
  x_link,
  x_severity,
  x_message,
  dynamic_ref,
  dynamic_anchor,
  vocabulary,
  unevaluated_properties,
  unevaluated_items,
  content_encoding,
  content_media_type,
  content_schema,
};

// The keywords of the validation vocabulary, which a meta-schema may leave out.
bool is_validation_keyword(Keyword k) {
  switch (k) {
  case Keyword::type:
  case Keyword::enum_values:
  case Keyword::const_value:
  case Keyword::multiple_of:
  case Keyword::maximum:
  case Keyword::exclusive_maximum:
  case Keyword::minimum:
  case Keyword::exclusive_minimum:
  case Keyword::max_length:
  case Keyword::min_length:
  case Keyword::pattern:
  case Keyword::max_items:
  case Keyword::min_items:
  case Keyword::unique_items:
  case Keyword::max_contains:
  case Keyword::min_contains:
  case Keyword::max_properties:
  case Keyword::min_properties:
  case Keyword::required:
  case Keyword::dependent_required:
    return true;
  default:
    return false;
  }
}

struct KeywordName {
  std::string_view name;
  Keyword keyword;
};

constexpr std::array k_keywords{
    KeywordName{"type", Keyword::type},
    KeywordName{"enum", Keyword::enum_values},
    KeywordName{"const", Keyword::const_value},
    KeywordName{"properties", Keyword::properties},
    KeywordName{"required", Keyword::required},
    KeywordName{"additionalProperties", Keyword::additional_properties},
    KeywordName{"patternProperties", Keyword::pattern_properties},
    KeywordName{"propertyNames", Keyword::property_names},
    KeywordName{"minProperties", Keyword::min_properties},
    KeywordName{"maxProperties", Keyword::max_properties},
    KeywordName{"items", Keyword::items},
    KeywordName{"prefixItems", Keyword::prefix_items},
    KeywordName{"contains", Keyword::contains},
    KeywordName{"minContains", Keyword::min_contains},
    KeywordName{"maxContains", Keyword::max_contains},
    KeywordName{"minItems", Keyword::min_items},
    KeywordName{"maxItems", Keyword::max_items},
    KeywordName{"uniqueItems", Keyword::unique_items},
    KeywordName{"minLength", Keyword::min_length},
    KeywordName{"maxLength", Keyword::max_length},
    KeywordName{"pattern", Keyword::pattern},
    KeywordName{"format", Keyword::format},
    KeywordName{"minimum", Keyword::minimum},
    KeywordName{"maximum", Keyword::maximum},
    KeywordName{"exclusiveMinimum", Keyword::exclusive_minimum},
    KeywordName{"exclusiveMaximum", Keyword::exclusive_maximum},
    KeywordName{"multipleOf", Keyword::multiple_of},
    KeywordName{"allOf", Keyword::all_of},
    KeywordName{"anyOf", Keyword::any_of},
    KeywordName{"oneOf", Keyword::one_of},
    KeywordName{"not", Keyword::not_schema},
    KeywordName{"if", Keyword::if_schema},
    KeywordName{"then", Keyword::then_schema},
    KeywordName{"else", Keyword::else_schema},
    KeywordName{"dependentRequired", Keyword::dependent_required},
    KeywordName{"dependentSchemas", Keyword::dependent_schemas},
    KeywordName{"$ref", Keyword::ref},
    KeywordName{"$defs", Keyword::defs},
    KeywordName{"$id", Keyword::id},
    KeywordName{"$anchor", Keyword::anchor},
    KeywordName{"$schema", Keyword::schema},
    KeywordName{"title", Keyword::title},
    KeywordName{"description", Keyword::description},
    KeywordName{"default", Keyword::default_value},
    KeywordName{"deprecated", Keyword::deprecated},
    KeywordName{"$comment", Keyword::comment},
    KeywordName{"examples", Keyword::examples},
    KeywordName{"readOnly", Keyword::read_only},
    KeywordName{"writeOnly", Keyword::write_only},
    KeywordName{"x-link", Keyword::x_link},
    KeywordName{"x-severity", Keyword::x_severity},
    KeywordName{"x-message", Keyword::x_message},
    KeywordName{"$dynamicRef", Keyword::dynamic_ref},
    KeywordName{"$dynamicAnchor", Keyword::dynamic_anchor},
    KeywordName{"$vocabulary", Keyword::vocabulary},
    KeywordName{"unevaluatedProperties", Keyword::unevaluated_properties},
    KeywordName{"unevaluatedItems", Keyword::unevaluated_items},
    KeywordName{"contentEncoding", Keyword::content_encoding},
    KeywordName{"contentMediaType", Keyword::content_media_type},
    KeywordName{"contentSchema", Keyword::content_schema},
};

// Keywords of JSON Schema (2020-12 or older drafts) that mdvault does not implement, with advice.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_unsupported{{
    {"$recursiveRef", "JSON Schema 2020-12 replaces it with $dynamicRef"},
    {"$recursiveAnchor", "JSON Schema 2020-12 replaces it with $dynamicAnchor"},
    {"definitions", "JSON Schema 2020-12 calls it $defs"},
    {"dependencies", "JSON Schema 2020-12 splits it into dependentRequired and dependentSchemas"},
    {"additionalItems", "JSON Schema 2020-12 uses items together with prefixItems"},
}};

// Words people write for a type, and the JSON Schema name they mean.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_type_aliases{{
    {"int", "integer"},
    {"float", "number"},
    {"double", "number"},
    {"bool", "boolean"},
    {"str", "string"},
    {"text", "string"},
    {"list", "array"},
    {"map", "object"},
    {"dict", "object"},
    {"mapping", "object"},
    {"none", "null"},
}};

constexpr std::array<std::pair<std::string_view, std::uint8_t>, 7> k_type_names{{
    {"null", k_type_null},
    {"boolean", k_type_boolean},
    {"integer", k_type_integer},
    {"number", k_type_number},
    {"string", k_type_string},
    {"array", k_type_array},
    {"object", k_type_object},
}};

std::optional<Keyword> find_keyword(std::string_view name) {
  for (const KeywordName& k : k_keywords) {
    if (k.name == name) {
      return k.keyword;
    }
  }
  return std::nullopt;
}

std::vector<std::string> keyword_names() {
  std::vector<std::string> names;
  for (const KeywordName& k : k_keywords) {
    names.emplace_back(k.name);
  }
  return names;
}

}  // namespace

const Node* Compiler::subschema(const Context& ctx, const Value& v) {
  return compile_node(v, ctx.base, ctx.doc, ctx.depth + 1);
}

bool Compiler::expect(const Context& ctx, const MapEntry& e, bool ok, std::string_view what) {
  if (!ok) {
    error(ctx.doc, e.key_position,
          in_quotes(e.key) + " must be " + std::string(what) + ", but it is " + describe_value(e.value));
  }
  return ok;
}

std::optional<std::size_t> Compiler::count(const Context& ctx, const MapEntry& e) {
  const Value& v = e.value;
  if (v.is_int() && v.as_int() >= 0) {
    return static_cast<std::size_t>(v.as_int());
  }
  if (v.is_float() && v.as_number() >= 0 && std::floor(v.as_number()) == v.as_number() && v.as_number() < 9.2e18) {
    return static_cast<std::size_t>(v.as_number());
  }
  expect(ctx, e, false, "a whole number, 0 or more");
  return std::nullopt;
}

const Node* Compiler::single_schema(const Context& ctx, const MapEntry& e) {
  if (!expect(ctx, e, e.value.is_map() || e.value.is_bool(), "a schema (a mapping of keywords, or true or false)")) {
    return nullptr;
  }
  return subschema(ctx, e.value);
}

std::vector<const Node*> Compiler::schema_list(const Context& ctx, const MapEntry& e) {
  std::vector<const Node*> nodes;
  if (expect(ctx, e, e.value.is_list() && !e.value.as_list().empty(), "a non-empty list of schemas")) {
    for (const Value& item : e.value.as_list()) {
      nodes.push_back(subschema(ctx, item));
    }
  }
  return nodes;
}

std::vector<std::pair<std::string, const Node*>> Compiler::schema_map(const Context& ctx, const MapEntry& e) {
  std::vector<std::pair<std::string, const Node*>> nodes;
  if (expect(ctx, e, e.value.is_map(), "a mapping from names to schemas")) {
    for (const MapEntry& sub : e.value.as_map()) {
      nodes.emplace_back(sub.key, subschema(ctx, sub.value));
    }
  }
  return nodes;
}

std::optional<std::vector<std::string>> Compiler::string_set(const Context& ctx, const MapEntry& e, const Value& list) {
  if (!list.is_list()) {
    error(ctx.doc, list.position.line > 0 ? list.position : e.key_position,
          in_quotes(e.key) + " must be a list of field names, but it is " + describe_value(list));
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (const Value& item : list.as_list()) {
    if (!item.is_string()) {
      error(ctx.doc, item.position.line > 0 ? item.position : e.key_position,
            in_quotes(e.key) + " must list field names, but it holds " + describe_value(item));
      return std::nullopt;
    }
    if (std::find(names.begin(), names.end(), item.as_string()) != names.end()) {
      error(ctx.doc, item.position.line > 0 ? item.position : e.key_position,
            in_quotes(e.key) + " lists " + in_quotes(item.as_string()) + " twice");
      return std::nullopt;
    }
    names.push_back(item.as_string());
  }
  return names;
}

std::unique_ptr<Regex> Compiler::regex(const Context& ctx, std::string_view pattern, Position pos,
                                       std::string_view where) {
  auto compiled = Regex::compile(pattern);
  if (auto* failure = std::get_if<RegexError>(&compiled)) {
    error(ctx.doc, pos,
          std::string(where) + " " + in_quotes(pattern) + " is not a valid regular expression: " + failure->message +
              " (at character " + std::to_string(failure->position) + ")");
    return nullptr;
  }
  return std::make_unique<Regex>(std::move(std::get<Regex>(compiled)));
}

void Compiler::compile_type(const Context& ctx, const MapEntry& e) {
  std::vector<const Value*> names;
  if (e.value.is_string()) {
    names.push_back(&e.value);
  } else if (e.value.is_list() && !e.value.as_list().empty()) {
    for (const Value& item : e.value.as_list()) {
      names.push_back(&item);
    }
  } else {
    expect(ctx, e, false, "a type name such as string, or a list of type names");
    return;
  }
  for (const Value* name : names) {
    const Position pos = name->position.line > 0 ? name->position : e.key_position;
    if (!name->is_string()) {
      error(ctx.doc, pos, "\"type\" must name types, but it holds " + describe_value(*name));
      continue;
    }
    const auto known = std::find_if(k_type_names.begin(), k_type_names.end(),
                                    [&](const auto& t) { return t.first == name->as_string(); });
    if (known != k_type_names.end()) {
      ctx.node.types |= known->second;
      continue;
    }
    std::string message = "\"type\" names " + in_quotes(name->as_string()) +
                          ", which is not a type; the types are null, boolean, integer, number, string, "
                          "array and object.";
    std::optional<std::string> hint;
    for (const auto& [alias, meant] : k_type_aliases) {
      if (alias == name->as_string()) {
        hint = std::string(meant);
      }
    }
    if (!hint) {
      std::vector<std::string> candidates;
      for (const auto& t : k_type_names) {
        candidates.emplace_back(t.first);
      }
      hint = closest_match(name->as_string(), candidates);
    }
    if (hint) {
      message += " Did you mean " + in_quotes(*hint) + "?";
    }
    error(ctx.doc, pos, message);
  }
}

void Compiler::compile_enum(const Context& ctx, const MapEntry& e) {
  if (!expect(ctx, e, e.value.is_list(), "a list of the allowed values")) {
    return;
  }
  Node& n = ctx.node;
  n.enum_values = &e.value.as_list();
  for (const Value& item : *n.enum_values) {
    if (item.is_string()) {
      n.enum_strings.push_back(item.as_string());
    }
  }
  if (n.enum_strings.size() > k_enum_hash_threshold) {
    n.enum_string_set.insert(n.enum_strings.begin(), n.enum_strings.end());
  }
}

void Compiler::compile_x_link(const Context& ctx, const MapEntry& e) {
  Node& n = ctx.node;
  if (e.value.is_bool()) {
    n.link = e.value.as_bool() ? LinkRule::any_note : LinkRule::none;
    return;
  }
  bool ok = e.value.is_map();
  if (ok) {
    for (const MapEntry& sub : e.value.as_map()) {
      if (sub.key == "class" && sub.value.is_string()) {
        n.link_class = sub.value.as_string();
      } else {
        ok = false;
      }
    }
  }
  if (!expect(ctx, e, ok, "true, or a mapping {class: NAME}")) {
    return;
  }
  n.link = n.link_class.empty() ? LinkRule::any_note : LinkRule::note_of_class;
}

void Compiler::unknown_keyword(const Context& ctx, const MapEntry& e) {
  if (e.key.starts_with("x-") || m_options.unknown_keywords_are_annotations) {
    return;  // vendor annotations are allowed
  }
  for (const auto& [name, advice] : k_unsupported) {
    if (name == e.key) {
      error(ctx.doc, e.key_position,
            "the keyword " + in_quotes(e.key) + " is not supported by mdvault: " + std::string(advice));
      return;
    }
  }
  std::string message = "unknown keyword " + in_quotes(e.key);
  static const std::vector<std::string> names = keyword_names();
  if (const auto hint = closest_match(e.key, names)) {
    message += ". Did you mean " + in_quotes(*hint) + "?";
  } else {
    message += "; custom annotations must start with \"x-\"";
  }
  error(ctx.doc, e.key_position, message);
}

void Compiler::compile_keyword(const Context& ctx, const MapEntry& e,
                               std::vector<std::pair<std::string, const Node*>>& properties) {
  const std::optional<Keyword> keyword = find_keyword(e.key);
  if (!keyword) {
    unknown_keyword(ctx, e);
    return;
  }
  if (!m_out.documents[ctx.doc].validation_vocabulary && is_validation_keyword(*keyword)) {
    return;  // the meta-schema leaves the validation vocabulary out: these are annotations
  }
  Node& n = ctx.node;
  const Value& v = e.value;
  switch (*keyword) {
  case Keyword::type:
    compile_type(ctx, e);
    break;
  case Keyword::enum_values:
    compile_enum(ctx, e);
    break;
  case Keyword::const_value:
    n.const_value = &v;
    break;
  case Keyword::properties:
    properties = schema_map(ctx, e);
    break;
  case Keyword::required:
    if (auto names = string_set(ctx, e, v)) {
      n.required = std::move(*names);
    }
    break;
  case Keyword::additional_properties:
    n.additional_properties = single_schema(ctx, e);
    break;
  case Keyword::pattern_properties:
    if (expect(ctx, e, v.is_map(), "a mapping from patterns to schemas")) {
      for (const MapEntry& sub : v.as_map()) {
        auto re = regex(ctx, sub.key, sub.key_position, "the patternProperties key");
        const Node* schema = subschema(ctx, sub.value);
        if (re) {
          n.pattern_properties.push_back(PatternProperty{std::move(*re), schema});
        }
      }
    }
    break;
  case Keyword::property_names:
    n.property_names = single_schema(ctx, e);
    break;
  case Keyword::min_properties:
    n.min_properties = count(ctx, e);
    break;
  case Keyword::max_properties:
    n.max_properties = count(ctx, e);
    break;
  case Keyword::items:
    if (v.is_list()) {
      expect(ctx, e, false, "one schema for every item (for a schema per position, use prefixItems)");
    } else {
      n.items = single_schema(ctx, e);
    }
    break;
  case Keyword::prefix_items:
    n.prefix_items = schema_list(ctx, e);
    break;
  case Keyword::contains:
    n.contains = single_schema(ctx, e);
    break;
  case Keyword::min_contains:
    n.min_contains = count(ctx, e);
    break;
  case Keyword::max_contains:
    n.max_contains = count(ctx, e);
    break;
  case Keyword::min_items:
    n.min_items = count(ctx, e);
    break;
  case Keyword::max_items:
    n.max_items = count(ctx, e);
    break;
  case Keyword::unique_items:
    if (expect(ctx, e, v.is_bool(), "true or false")) {
      n.unique_items = v.as_bool();
    }
    break;
  case Keyword::min_length:
    n.min_length = count(ctx, e);
    break;
  case Keyword::max_length:
    n.max_length = count(ctx, e);
    break;
  case Keyword::pattern:
    if (expect(ctx, e, v.is_string(), "a regular expression in a string")) {
      n.pattern = regex(ctx, v.as_string(), v.position.line > 0 ? v.position : e.key_position, "the pattern");
    }
    break;
  case Keyword::format:
    if (expect(ctx, e, v.is_string(), "a format name such as date")) {
      if (m_options.assert_formats || m_out.documents[ctx.doc].format_assertion) {
        n.format = format_from_name(v.as_string());
      }
    }
    break;
  case Keyword::minimum:
    n.minimum = number(ctx, e);
    break;
  case Keyword::maximum:
    n.maximum = number(ctx, e);
    break;
  case Keyword::exclusive_minimum:
    n.exclusive_minimum = number(ctx, e);
    break;
  case Keyword::exclusive_maximum:
    n.exclusive_maximum = number(ctx, e);
    break;
  case Keyword::multiple_of:
    if (expect(ctx, e, v.is_number() && v.as_number() > 0, "a number greater than 0")) {
      n.multiple_of = &v;
    }
    break;
  case Keyword::all_of:
    n.all_of = schema_list(ctx, e);
    break;
  case Keyword::any_of:
    n.any_of = schema_list(ctx, e);
    break;
  case Keyword::one_of:
    n.one_of = schema_list(ctx, e);
    break;
  case Keyword::not_schema:
    n.not_schema = single_schema(ctx, e);
    break;
  case Keyword::if_schema:
    n.if_schema = single_schema(ctx, e);
    break;
  case Keyword::then_schema:
    n.then_schema = single_schema(ctx, e);
    break;
  case Keyword::else_schema:
    n.else_schema = single_schema(ctx, e);
    break;
  case Keyword::dependent_required:
    if (expect(ctx, e, v.is_map(), "a mapping from a field name to the fields it needs")) {
      for (const MapEntry& sub : v.as_map()) {
        if (auto names = string_set(ctx, e, sub.value)) {
          n.dependent_required.push_back(DependentRequired{sub.key, std::move(*names)});
        }
      }
    }
    break;
  case Keyword::dependent_schemas:
    for (auto& [name, schema] : schema_map(ctx, e)) {
      n.dependent_schemas.push_back(DependentSchema{name, schema});
    }
    break;
  case Keyword::ref:
    if (expect(ctx, e, v.is_string(), "a reference in a string, such as \"#/$defs/name\"")) {
      n.ref_text = v.as_string();
      n.ref_position = e.key_position;
      m_pending.push_back(PendingRef{&n, ctx.base});
    }
    break;
  case Keyword::defs:
    schema_map(ctx, e);
    break;
  case Keyword::id:
  case Keyword::schema:
  case Keyword::comment:
    expect(ctx, e, v.is_string(), "a string");
    break;
  case Keyword::anchor:
    expect(ctx, e, v.is_string() && is_anchor_name(v.as_string()),
           "a plain name (letters, digits, '-', '_', '.'; starting with a letter or '_')");
    break;
  case Keyword::title:
    if (expect(ctx, e, v.is_string(), "a string")) {
      n.title = v.as_string();
    }
    break;
  case Keyword::description:
    expect(ctx, e, v.is_string(), "a string");
    break;
  case Keyword::default_value:
    break;
  case Keyword::deprecated:
    if (expect(ctx, e, v.is_bool(), "true or false")) {
      n.deprecated = v.as_bool();
      m_out.has_deprecated = m_out.has_deprecated || n.deprecated;
    }
    break;
  case Keyword::examples:
    if (expect(ctx, e, v.is_list(), "a list of example values") && !v.as_list().empty()) {
      n.example = &v.as_list().front();
    }
    break;
  case Keyword::read_only:
  case Keyword::write_only:
    expect(ctx, e, v.is_bool(), "true or false");
    break;
  case Keyword::x_link:
    compile_x_link(ctx, e);
    break;
  case Keyword::x_severity:
    if (expect(ctx, e, v.is_string() && (v.as_string() == "warning" || v.as_string() == "error"),
               "\"warning\" or \"error\"")) {
      n.severity = v.as_string() == "warning" ? Severity::warning : Severity::error;
    }
    break;
  case Keyword::x_message:
    if (expect(ctx, e, v.is_string(), "a string")) {
      n.message = v.as_string();
    }
    break;
  case Keyword::dynamic_ref:
    if (expect(ctx, e, v.is_string(), "a reference in a string, such as \"#meta\"")) {
      n.dynamic_ref_text = v.as_string();
      n.dynamic_ref_position = e.key_position;
      m_out.has_dynamic_refs = true;
      m_pending.push_back(PendingRef{&n, ctx.base, true});
    }
    break;
  case Keyword::dynamic_anchor:
    expect(ctx, e, v.is_string() && is_anchor_name(v.as_string()),
           "a plain name (letters, digits, '-', '_', '.'; starting with a letter or '_')");
    break;
  case Keyword::vocabulary:
    expect(ctx, e,
           v.is_map() && std::all_of(v.as_map().begin(), v.as_map().end(),
                                     [](const MapEntry& sub) { return sub.value.is_bool(); }),
           "a mapping from vocabulary URIs to true or false");
    break;
  case Keyword::unevaluated_properties:
    n.unevaluated_properties = single_schema(ctx, e);
    break;
  case Keyword::unevaluated_items:
    n.unevaluated_items = single_schema(ctx, e);
    break;
  case Keyword::content_encoding:
  case Keyword::content_media_type:
    expect(ctx, e, v.is_string(), "a string");  // annotations: the content is not decoded
    break;
  case Keyword::content_schema:
    single_schema(ctx, e);  // compiled for its problems and `$id`s, never applied
    break;
  }
}

const Value* Compiler::number(const Context& ctx, const MapEntry& e) {
  return expect(ctx, e, e.value.is_number(), "a number") ? &e.value : nullptr;
}

bool Compiler::is_anchor_name(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

void Compiler::build_keys(Node& n, std::vector<std::pair<std::string, const Node*>> properties) {
  for (auto& [name, schema] : properties) {
    n.keys.push_back(PropertyKey{std::move(name), schema, -1});
  }
  std::sort(n.keys.begin(), n.keys.end(),
            [](const PropertyKey& a, const PropertyKey& b) { return key_less(a.name, b.name); });
  // A repeated property name (possible in JSON) keeps its first schema.
  n.keys.erase(std::unique(n.keys.begin(), n.keys.end(),
                           [](const PropertyKey& a, const PropertyKey& b) { return a.name == b.name; }),
               n.keys.end());
  for (std::size_t i = 0; i < n.required.size(); ++i) {
    const auto it =
        std::lower_bound(n.keys.begin(), n.keys.end(), n.required[i],
                         [](const PropertyKey& k, const std::string& name) { return key_less(k.name, name); });
    if (it != n.keys.end() && it->name == n.required[i]) {
      it->required_index = static_cast<int>(i);
    } else {
      n.keys.insert(it, PropertyKey{n.required[i], nullptr, static_cast<int>(i)});
    }
  }
}

}  // namespace mdvault::core::schema
