// The annotation keywords of the schema module: unevaluatedProperties/unevaluatedItems (what
// passing in-place subschemas evaluated), $dynamicRef in the dynamic scope, $vocabulary,
// content* as annotations, and documents served by a DocumentSource.
#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/frontmatter.hpp"
#include "core/schema/schema_set.hpp"
#include "yaml_value.hpp"

using namespace mdvault::core;
using schema::SchemaFinding;
using schema::SchemaSet;

namespace {

using testing::yaml;

SchemaSet compile_ok(const std::string& text, const schema::CompileOptions& options = {}) {
  std::vector<Diagnostic> diags;
  SchemaSet set = SchemaSet::from_value(yaml(text), "c", "c.schema.yaml", diags, options);
  REQUIRE_MESSAGE(diags.empty(), (diags.empty() ? "" : diags.front().message));
  REQUIRE(set.has_class("c"));
  return set;
}

std::vector<SchemaFinding> check(const SchemaSet& set, const std::string& instance) {
  return set.validate("c", yaml(instance), nullptr);
}

// Documents at fixed URIs, as the conformance runner serves the suite's remotes.
class Documents : public schema::DocumentSource {
public:
  void add(const std::string& uri, const std::string& text) { m_docs.emplace(uri, yaml(text)); }
  [[nodiscard]] const Value* find_document(std::string_view uri) const override {
    const auto it = m_docs.find(std::string(uri));
    return it == m_docs.end() ? nullptr : &it->second;
  }

private:
  std::map<std::string, Value> m_docs;
};

}  // namespace

TEST_CASE("schema: unevaluatedProperties sees what passing in-place subschemas evaluated") {
  const SchemaSet set = compile_ok("allOf: [{properties: {a: true}}]\n"
                                   "anyOf: [{properties: {b: {type: string}}}, {properties: {c: true}}]\n"
                                   "if: {required: [d], properties: {d: true}}\n"
                                   "then: {properties: {e: true}}\n"
                                   "unevaluatedProperties: false\n");
  CHECK(check(set, "a: 1\nc: 3\n").empty());
  CHECK(check(set, "b: x\nc: 3\n").empty());  // both anyOf branches pass: both count
  CHECK(check(set, "d: 1\ne: 2\n").empty());
  // b fails its branch, so that branch evaluated nothing; e without d: the condition failed.
  auto findings = check(set, "b: 2\nc: 3\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "unevaluatedProperties");
  CHECK(findings[0].field == "b");
  CHECK(findings[0].position == Position{1, 1});
  CHECK(findings[0].message ==
        "b is not an allowed field here (no schema that applies describes it); remove it or correct its name");
  findings = check(set, "e: 2\nc: 3\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "e");
  // `not` never evaluates, and a sibling's unevaluatedProperties does not see its siblings.
  const SchemaSet nested = compile_ok("allOf: [{properties: {a: true}}, {unevaluatedProperties: false}]\n");
  REQUIRE(check(nested, "a: 1\n").size() == 1);
  const SchemaSet negated = compile_ok("not: {not: {properties: {a: true}}}\nunevaluatedProperties: false\n");
  REQUIRE(check(negated, "a: 1\n").size() == 1);
  // A schema for the rest, through $ref.
  const SchemaSet rest =
      compile_ok("$ref: '#/$defs/base'\nunevaluatedProperties: {type: integer}\n$defs:\n  base: {properties: {a: true}}\n");
  CHECK(check(rest, "a: x\nb: 2\n").empty());
  findings = check(rest, "a: x\nb: y\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "type");
  CHECK(findings[0].field == "b");
}

TEST_CASE("schema: a branch under x-severity: warning still evaluates its fields") {
  // The branch passes whatever its problems (they are warnings), so `a` is evaluated.
  const SchemaSet set = compile_ok("anyOf: [{x-severity: warning, properties: {a: {type: integer}}}]\n"
                                   "unevaluatedProperties: false\n");
  for (const SchemaFinding& f : check(set, "a: x\n")) {
    CHECK(f.severity == Severity::warning);
  }
  const auto findings = check(set, "a: 1\nb: 2\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "b");
  CHECK(findings[0].severity == Severity::error);
}

TEST_CASE("schema: unevaluatedItems sees prefixItems, items and contains of passing subschemas") {
  const SchemaSet set = compile_ok("allOf: [{prefixItems: [true]}]\n"
                                   "anyOf: [{contains: {type: string}}, true]\n"
                                   "unevaluatedItems: {type: integer}\n");
  CHECK(check(set, "[x, y, 1, z]\n").empty());
  const auto findings = check(set, "[x, 1.5, y]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "[1]");
  const SchemaSet closed = compile_ok("oneOf: [{prefixItems: [true, true]}, {type: object}]\nunevaluatedItems: false\n");
  CHECK(check(closed, "[1, 2]\n").empty());
  const auto extra = check(closed, "[1, 2, 3]\n");
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].keyword == "unevaluatedItems");
  CHECK(extra[0].field == "[2]");
  CHECK(extra[0].message == "[2] is not allowed here; remove it");
}

TEST_CASE("schema: unevaluated keywords stay linear on large lists and objects") {
  // Every item passes through four alternatives; each keeps a bitset, not a copy of the list.
  // (12,000 items stay under the budget of 50,000 schemas per value.)
  const SchemaSet set = compile_ok("anyOf: [{prefixItems: [true]}, {contains: {type: integer}}, true]\n"
                                   "oneOf: [{items: {type: integer}}, {type: object}]\n"
                                   "unevaluatedItems: false\n");
  ValueList items;
  for (int i = 0; i < 12'000; ++i) {
    items.push_back(Value::make_int(i));
  }
  const Value list = Value::make_list(std::move(items));
  const auto started = std::chrono::steady_clock::now();
  CHECK(set.validate("c", list, nullptr).empty());
  ValueMap entries;
  for (int i = 0; i < 12'000; ++i) {
    entries.push_back(MapEntry{"k" + std::to_string(i), {}, Value::make_int(i)});
  }
  const SchemaSet object = compile_ok("anyOf: [{patternProperties: {'^k': true}}, true]\nunevaluatedProperties: false\n");
  CHECK(object.validate("c", Value::make_map(std::move(entries)), nullptr).empty());
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("schema: $dynamicRef takes the outermost $dynamicAnchor of the dynamic scope") {
  // A generic list whose items an extending schema narrows (the suite's tree/strict-tree shape).
  const std::string base = "$id: https://example.com/list\n$dynamicAnchor: item\n"
                           "type: array\nitems: {$dynamicRef: '#item'}\n";
  Documents docs;
  docs.add("https://example.com/list", base);
  schema::CompileOptions options;
  options.documents = &docs;
  const SchemaSet generic = compile_ok("$ref: https://example.com/list\n", options);
  CHECK(check(generic, "[[], [[]]]\n").empty());  // without an extension, items are lists again
  CHECK(check(generic, "[[], [1]]\n").size() == 1);
  const SchemaSet strings = compile_ok("$id: https://example.com/strings\n$ref: list\n"
                                       "$defs:\n  item: {$dynamicAnchor: item, type: string}\n",
                                       options);
  CHECK(check(strings, "[a, b]\n").empty());
  const auto findings = check(strings, "[a, 1]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "[1]");
  CHECK(findings[0].keyword == "type");
}

TEST_CASE("schema: a $dynamicRef loop that consumes nothing is refused, a dynamic one stops at the depth limit") {
  std::vector<Diagnostic> diags;
  const SchemaSet loop =
      SchemaSet::from_value(yaml("$dynamicAnchor: a\n$dynamicRef: '#a'\n"), "c", "c.schema.yaml", diags);
  CHECK_FALSE(loop.has_class("c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "$dynamicRef \"#a\" makes a loop: it leads back to itself without going into a field or "
                            "list item, so checking would never end");
  // Statically no loop (inner's `#a` is its own $defs/x), dynamically one: the outermost `a` is
  // outer, which applies inner again. The depth limit ends it with one finding.
  Documents docs;
  docs.add("https://example.com/inner", "$id: https://example.com/inner\n$dynamicRef: '#a'\n"
                                         "$defs:\n  x: {$dynamicAnchor: a, type: integer}\n");
  schema::CompileOptions options;
  options.documents = &docs;
  const SchemaSet dynamic =
      compile_ok("$id: https://example.com/outer\n$dynamicAnchor: a\n$ref: inner\n", options);
  const auto started = std::chrono::steady_clock::now();
  const auto findings = check(dynamic, "1\n");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "depth");
  // Without the outer anchor the static target applies.
  CHECK(check(compile_ok("$ref: https://example.com/inner\n", options), "1\n").empty());
  CHECK(check(compile_ok("$ref: https://example.com/inner\n", options), "x\n").size() == 1);
}

TEST_CASE("schema: documents served by a DocumentSource, and none without one") {
  Documents docs;
  docs.add("http://localhost:1234/integer.json", "type: integer\n");
  schema::CompileOptions options;
  options.documents = &docs;
  const SchemaSet set = compile_ok("$ref: http://localhost:1234/integer.json\n", options);
  CHECK(check(set, "1\n").empty());
  CHECK(check(set, "a\n").size() == 1);
  // mdvault gives no source: the same $ref is a schema.file error and nothing is fetched.
  std::vector<Diagnostic> diags;
  const SchemaSet none = SchemaSet::from_value(yaml("$ref: http://localhost:1234/integer.json\n"), "c",
                                               "c.schema.yaml", diags);
  CHECK_FALSE(none.has_class("c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.starts_with("$ref \"http://localhost:1234/integer.json\" points to a schema mdvault cannot "
                                     "find"));
  // A served document has no file behind it: a file $ref inside it still obeys the folder rule.
  docs.add("http://localhost:1234/leak.json", "$ref: 'file:///etc/passwd'\n");
  diags.clear();
  const SchemaSet leak = SchemaSet::from_value(yaml("$ref: http://localhost:1234/leak.json\n"), "c",
                                               "c.schema.yaml", diags, options);
  CHECK_FALSE(leak.has_class("c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("outside the schema folder") != std::string::npos);
}

TEST_CASE("schema: $vocabulary, content* and the options") {
  Documents docs;
  docs.add("http://localhost:1234/no-validation.json",
           "$vocabulary: {'https://json-schema.org/draft/2020-12/vocab/core': true,"
           " 'https://json-schema.org/draft/2020-12/vocab/applicator': true}\n");
  docs.add("http://localhost:1234/unknown.json", "$vocabulary: {'https://example.com/vocab/x': true}\n");
  schema::CompileOptions options;
  options.documents = &docs;
  // Without the validation vocabulary, minimum is an annotation; properties still apply.
  const SchemaSet set = compile_ok("$schema: http://localhost:1234/no-validation.json\nminimum: 5\n"
                                   "properties: {a: false}\n",
                                   options);
  CHECK(check(set, "1\n").empty());
  CHECK(check(set, "a: 1\n").size() == 1);
  std::vector<Diagnostic> diags;
  const SchemaSet unknown =
      SchemaSet::from_value(yaml("$schema: http://localhost:1234/unknown.json\n"), "c", "c.schema.yaml", diags, options);
  CHECK_FALSE(unknown.has_class("c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message == "the meta-schema \"http://localhost:1234/unknown.json\" requires the vocabulary "
                            "\"https://example.com/vocab/x\", which mdvault does not know");
  // content* are annotations: nothing is decoded.
  const SchemaSet content = compile_ok("contentMediaType: application/json\ncontentEncoding: base64\n"
                                       "contentSchema: {type: object}\n");
  CHECK(check(content, "'not base64 {'\n").empty());
  // format is asserted by default, an annotation when asked; unknown keywords are errors by default.
  CHECK(check(compile_ok("format: date\n"), "'2025-13-45'\n").size() == 1);
  schema::CompileOptions lenient;
  lenient.assert_formats = false;
  lenient.unknown_keywords_are_annotations = true;
  CHECK(check(compile_ok("format: date\nfoo: 1\n", lenient), "'2025-13-45'\n").empty());
}
