// Fixed schemas and instances of the schema targets.
#include "fuzz/schema_fixtures.hpp"

#include "core/frontmatter.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {
namespace {

constexpr const char* k_instances = R"(- fileClass: attachment_theory
  title: Secure Attachment
  created: 2025-07-05 16:56
  id: 1751752568955
  status: "🟩 complete"
  tags: [attachment/secure, style]
  aliases: [Secure]
  core_fears: [Being Forgotten, Abandonment]
  related: ["[[Anxious Attachment]]", "[[Missing#Heading|x]]"]
  score: 3.5
  count: 12
  flag: true
  empty:
  nested: {a: 1, b: [x, {c: null}], "d e": "2025-07-05T16:56:00Z"}
- []
- text
- 12
- -0.5
- null
- true
- [1, 1, "1", [1], {a: 1}, {a: 1.0}]
- date: 2025-02-30
  time: "25:61:00"
  email: "a@b"
  uri: "http://[::1]/x"
  client: C-014
  session_number: 0
  modality: Online
- {"": "", "\u00e9": "\u00e9", "🟩": 1e308, x-y: -9223372036854775808}
)";

constexpr const char* k_kitchen = R"($schema: "https://json-schema.org/draft/2020-12/schema"
$id: "kitchen.schema.yaml"
title: kitchen
description: every keyword
type: object
required: [title, status]
minProperties: 1
maxProperties: 40
propertyNames: {pattern: "^[^ ]+$", maxLength: 30}
dependentRequired: {end: [start]}
dependentSchemas: {start: {required: [end]}}
patternProperties:
  "^x-": {type: string, x-severity: warning}
  "^n[0-9]+$": {type: [integer, "null"]}
additionalProperties: {not: {type: object}}
if: {properties: {status: {const: done}}}
then: {required: [finished]}
else: {properties: {finished: false}}
properties:
  title: {type: string, minLength: 1, maxLength: 80, pattern: "^\\p{Lu}|^[A-Z]", x-message: "start with a capital"}
  status: {enum: [todo, doing, done, "🟩 complete"], examples: [todo]}
  created: {type: string, format: date-time}
  day: {type: string, format: date}
  at: {type: string, format: time}
  mail: {type: string, format: email}
  site: {type: string, format: uri}
  score: {type: number, minimum: 0, exclusiveMaximum: 10, multipleOf: 0.5}
  count: {type: integer, exclusiveMinimum: 0, maximum: 100}
  tags:
    type: array
    items: {type: string, pattern: "^[a-z/]+$"}
    uniqueItems: true
    minItems: 0
    maxItems: 10
    contains: {const: style}
    minContains: 1
    maxContains: 2
  pair: {type: array, prefixItems: [{type: string}, {type: number}], items: false}
  related: {type: array, items: {type: string, x-link: true}}
  fear: {type: string, x-link: {class: fear}}
  other: {type: string, x-link: {class: missing}}
  choice: {oneOf: [{type: string}, {type: integer}, {type: number}]}
  any: {anyOf: [{type: "null"}, {$ref: "#/$defs/positive"}]}
  all: {allOf: [{$ref: "#point"}, {required: [x]}]}
  old: {deprecated: true, readOnly: true, writeOnly: false, default: 1, $comment: old}
  nested: {$ref: "#"}
$defs:
  positive: {type: number, minimum: 1}
  point:
    $anchor: point
    type: object
    properties: {x: {type: number}, y: {type: number}}
)";

core::schema::SchemaSet compile_kitchen() {
  const core::YamlResult yaml = core::parse_yaml(k_kitchen, "kitchen.schema.yaml");
  fuzz_check(yaml.value.has_value() && yaml.diagnostics.empty(), "the kitchen schema does not read");
  std::vector<core::Diagnostic> diagnostics;
  core::schema::SchemaSet set = core::schema::SchemaSet::from_value(
      *yaml.value, "kitchen", "/nonexistent/mdvault-fuzz/kitchen.schema.yaml", diagnostics);
  if (!diagnostics.empty() || !set.has_class("kitchen")) {
    fuzz_fail("the kitchen schema does not compile: " +
              (diagnostics.empty() ? std::string("no class") : diagnostics.front().message));
  }
  return set;
}

}  // namespace

const std::vector<core::Value>& fixed_instances() {
  static const std::vector<core::Value> instances = [] {
    const core::YamlResult yaml = core::parse_yaml(k_instances, "instances.yaml");
    fuzz_check(yaml.value.has_value() && yaml.value->is_list() && yaml.diagnostics.empty(),
               "the fixed instances do not read");
    return yaml.value->as_list();
  }();
  return instances;
}

const core::schema::SchemaSet& example_schemas() {
  static const core::schema::SchemaSet set = [] {
    std::vector<core::Diagnostic> diagnostics;
    core::schema::SchemaSet loaded =
        core::schema::SchemaSet::load_directory(MDVAULT_SOURCE_DIR "/schemas", diagnostics);
    fuzz_check(diagnostics.empty() && loaded.has_class("session"), "the example schemas do not load");
    return loaded;
  }();
  return set;
}

const core::schema::SchemaSet& kitchen_schema() {
  static const core::schema::SchemaSet set = compile_kitchen();
  return set;
}

std::optional<std::string> StubLinkChecker::check_link(const core::Value& value,
                                                       const std::string& required_class) const {
  if (!value.is_string() || !value.as_string().starts_with("[[")) {
    return std::string("should be a link to a note, like \"[[Note]]\"");
  }
  if (required_class == "missing") {
    return std::string("should link to a note of class missing");
  }
  return std::nullopt;
}

}  // namespace mdvault::fuzz
