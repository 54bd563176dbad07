#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/frontmatter.hpp"
#include "core/schema/format.hpp"
#include "core/schema/schema_set.hpp"
#include "yaml_value.hpp"

using namespace mdvault::core;
using schema::SchemaFinding;
using schema::SchemaSet;

namespace {

using testing::yaml;

// Compiles a schema written in YAML; diagnostics go to `diags`.
SchemaSet compile(const std::string& schema_text, std::vector<Diagnostic>& diags) {
  return SchemaSet::from_value(yaml(schema_text), "c", "c.schema.yaml", diags);
}

SchemaSet compile_ok(const std::string& schema_text) {
  std::vector<Diagnostic> diags;
  SchemaSet set = compile(schema_text, diags);
  REQUIRE_MESSAGE(diags.empty(), (diags.empty() ? "" : diags.front().message));
  REQUIRE(set.has_class("c"));
  return set;
}

std::vector<SchemaFinding> check(const SchemaSet& set, const std::string& instance_text,
                                 const schema::LinkChecker* links = nullptr) {
  return set.validate("c", yaml(instance_text), links);
}

// The single diagnostic a bad schema gives.
Diagnostic schema_error(const std::string& schema_text) {
  std::vector<Diagnostic> diags;
  const SchemaSet set = compile(schema_text, diags);
  CHECK_FALSE(set.has_class("c"));
  REQUIRE(diags.size() == 1);
  CHECK(diags.front().rule == "schema.file");
  CHECK(diags.front().location.path == "c.schema.yaml");
  return diags.front();
}

std::string source_dir() { return MDVAULT_SOURCE_DIR; }

// A temporary folder removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("mdvault_schema_test_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

}  // namespace

TEST_CASE("schema: enum finding names the allowed values and the near miss") {
  const SchemaSet set = compile_ok("properties:\n  style_group: {enum: [Secure, Anxious, Avoidant, Disorganized]}\n");
  const auto findings = check(set, "title: x\nstyle_group: Secur\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "enum");
  CHECK(findings[0].field == "style_group");
  CHECK(findings[0].position == Position{2, 14});
  CHECK(findings[0].severity == Severity::error);
  CHECK(findings[0].message ==
        "style_group is \"Secur\", which is not one of the allowed values: Secure, Anxious, Avoidant, "
        "Disorganized. Did you mean \"Secure\"?");
  CHECK(check(set, "style_group: Secure\n").empty());
}

TEST_CASE("schema: type finding says what was expected and what was found") {
  const SchemaSet set = compile_ok("properties:\n  id: {type: integer}\n  flag: {type: boolean}\n");
  auto findings = check(set, "id: \"1751752568955x\"\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "type");
  CHECK(findings[0].field == "id");
  CHECK(findings[0].position == Position{1, 5});
  CHECK(findings[0].message == "id should be an integer, but it is the string \"1751752568955x\"");
  findings = check(set, "id: \"42\"\nflag: \"true\"\n");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].message ==
        "id should be an integer, but it is the string \"42\" (remove the quotes to make it a number)");
  CHECK(findings[1].message ==
        "flag should be true or false, but it is the string \"true\" (remove the quotes to make it true or false)");
  CHECK(check(set, "id: 1.0\n").empty());  // 2020-12: a float with no fraction is an integer
}

TEST_CASE("schema: pattern finding quotes the value and the pattern, and an example") {
  const SchemaSet set =
      compile_ok("properties:\n  created: {$ref: '#/$defs/timestamp'}\n"
                 "$defs:\n  timestamp:\n    type: string\n    pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$'\n"
                 "    examples: ['2025-07-05 16:56']\n");
  const auto findings = check(set, "created: 07/05/2025\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "pattern");
  CHECK(findings[0].field == "created");
  CHECK(findings[0].message == "created \"07/05/2025\" does not match the pattern ^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$ "
                               "(example of a valid value: \"2025-07-05 16:56\")");
  CHECK(check(set, "created: 2025-07-05 16:56\n").empty());
}

TEST_CASE("schema: required names the missing key and sits on the object") {
  const SchemaSet set = compile_ok(
      "required: [title, style_group]\nproperties:\n  title: {type: string}\n  meta:\n    required: [owner]\n");
  const Value instance = yaml("style_group: Secure\ntitel: Oops\nmeta:\n  x: 1\n");
  const auto findings = set.validate("c", instance, nullptr);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].keyword == "required");
  CHECK(findings[0].field == "title");
  CHECK(findings[0].position == instance.position);
  CHECK(findings[0].message ==
        "title is required but missing; add a \"title\" field (the field \"titel\" looks like a misspelling of it)");
  CHECK(findings[1].field == "meta.owner");
  CHECK(findings[1].position == instance.find("meta")->position);
  CHECK(findings[1].message == "meta.owner is required but missing; add a \"owner\" field to meta");
}

TEST_CASE("schema: the real attachment_theory schema reports a fear outside its group at the item") {
  std::vector<Diagnostic> diags;
  const SchemaSet set = SchemaSet::load_directory(source_dir() + "/schemas", diags);
  REQUIRE_MESSAGE(diags.empty(), (diags.empty() ? "" : diags.front().message));
  CHECK(set.class_names() == std::vector<std::string>{"attachment_theory", "session", "skill"});
  CHECK(set.file_of("session") == source_dir() + "/schemas/session.schema.yaml");
  CHECK_FALSE(set.description_of("skill").empty());

  const Value note = yaml("fileClass: attachment_theory\nid: 1751752568955\ntitle: Secure\nstyle_group: Secure\n"
                          "core_fears_group: Relational\ncore_fears:\n  - Failure\n  - Abandonment\n"
                          "relational_effects_group: [Trust & Safety Challenges]\nrelational_effects: [Co-Regulation]\n"
                          "created: 2025-07-05 16:56\nrelated: [\"[[Other]]\"]\n");
  auto findings = set.validate("attachment_theory", note, nullptr);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "enum");
  CHECK(findings[0].field == "core_fears[0]");
  CHECK(findings[0].position == Position{7, 5});
  CHECK(findings[0].message.starts_with("core_fears[0] is \"Failure\", which is not one of the allowed values: "
                                        "Being Forgotten, Abandonment"));

  // session.schema.yaml takes its pieces from attachment_theory.schema.yaml by relative path.
  findings =
      set.validate("session", yaml("title: S\ndate: 2025-02-30\nclient: C-01\npresenting_style: Secur\n"), nullptr);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].keyword == "format");
  CHECK(findings[0].message ==
        "date \"2025-02-30\" is not a valid date: write it as YYYY-MM-DD, for example 2025-07-05");
  CHECK(findings[1].keyword == "pattern");
  CHECK(findings[2].keyword == "enum");
  CHECK(findings[2].message.ends_with("Did you mean \"Secure\"?"));
}

TEST_CASE("schema: anyOf and oneOf report one useful finding, not every branch") {
  const SchemaSet set = compile_ok(
      "properties:\n"
      "  tags:\n    anyOf:\n      - {type: array, items: {type: string}}\n      - {type: string}\n"
      "  mode:\n    oneOf:\n      - const: fast\n      - const: slow\n"
      "  size:\n    anyOf:\n      - {type: integer, minimum: 10}\n      - {type: string, title: a size name}\n"
      "  count:\n    oneOf:\n      - {type: integer}\n      - {minimum: 0}\n");
  auto findings = check(set, "tags: 5\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "type");
  CHECK(findings[0].message == "tags should be a string or a list, but it is the integer 5");

  findings = check(set, "tags: [a, 3]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "tags[1]");
  CHECK(findings[0].message == "tags[1] should be a string, but it is the integer 3");

  findings = check(set, "mode: fats\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "enum");
  CHECK(findings[0].message ==
        "mode is \"fats\", which is not one of the allowed values: fast, slow. Did you mean \"fast\"?");

  findings = check(set, "size: 5\n");  // only the integer branch fits an integer
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "minimum");
  CHECK(findings[0].message == "size is 5, but it must be at least 10");

  findings = check(set, "size: [1]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "type");
  CHECK(findings[0].message == "size should be an integer or a string, but it is the list [1]");

  findings = check(set, "mode: 5\n");  // no branch fits: one summary
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "enum");
  const SchemaSet file_class =
      compile_ok("anyOf:\n  - const: attachment_theory\n  - {type: array, contains: {const: attachment_theory}}\n");
  findings = check(file_class, "5\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "anyOf");
  CHECK(findings[0].message ==
        "the value is 5, which does not match any of the allowed forms: exactly \"attachment_theory\" or a list");
  findings = check(file_class, "[a]\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "contains");
  CHECK(findings[0].message == "the value has no item that is exactly \"attachment_theory\"");

  findings = check(set, "count: 3\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "oneOf");
  CHECK(findings[0].message.find("more than one") != std::string::npos);
}

TEST_CASE("schema: not, const, numbers, lengths, items and objects") {
  const SchemaSet set =
      compile_ok("properties:\n"
                 "  a: {not: {type: string}}\n"
                 "  b: {const: final}\n"
                 "  c: {type: number, exclusiveMinimum: 0, maximum: 5, multipleOf: 0.5}\n"
                 "  d: {type: string, minLength: 2, maxLength: 3}\n"
                 "  e: {type: array, minItems: 1, maxItems: 2, uniqueItems: true}\n"
                 "  f: {type: object, additionalProperties: false, properties: {owner: {}, since: {}}}\n"
                 "  g: {type: array, contains: {const: x}, maxContains: 1}\n"
                 "  h: {type: object, propertyNames: {pattern: '^[a-z]+$'}, minProperties: 1}\n"
                 "dependentRequired:\n  next: [practices]\n");
  auto findings = check(set, "a: text\nb: draft\nc: 7.25\n");
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].message == "a must not be a string, but it is \"text\"");
  CHECK(findings[1].message == "b is \"draft\", but it must be exactly \"final\"");
  CHECK(findings[2].keyword == "maximum");
  CHECK(findings[2].message == "c is 7.25, but it must be at most 5");
  CHECK(findings[3].keyword == "multipleOf");

  findings = check(set, "d: é\ne: [1, 2, 1]\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].message == "d is 1 character long, but it needs at least 2 characters");
  CHECK(findings[1].keyword == "maxItems");
  CHECK(findings[2].keyword == "uniqueItems");
  CHECK(findings[2].field == "e[2]");
  CHECK(findings[2].position == Position{2, 11});
  CHECK(findings[2].message ==
        "e[2] is 1, which e already lists at e[0]; each item must be different, so remove one of them");
  CHECK(check(set, "d: éèà\n").empty());  // three code points, six bytes

  findings = check(set, "f:\n  ownr: me\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "additionalProperties");
  CHECK(findings[0].field == "f.ownr");
  CHECK(findings[0].position == Position{2, 3});
  CHECK(findings[0].message ==
        "f.ownr is not an allowed field here; remove it or correct its name. Did you mean \"owner\"?");

  findings = check(set, "g: [x, x]\nh: {Bad: 1}\nnext: 2026-01-01\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].keyword == "dependentRequired");
  CHECK(findings[0].field == "practices");
  CHECK(findings[0].message ==
        "practices is required but missing (it is needed whenever \"next\" is present); add a \"practices\" field");
  CHECK(findings[1].keyword == "maxContains");
  CHECK(findings[1].message == "g has 2 items that are exactly \"x\", but it may have at most 1");
  CHECK(findings[2].keyword == "pattern");
  CHECK(findings[2].field == "h.Bad");
  CHECK(findings[2].message == "the field name \"Bad\" does not match the pattern ^[a-z]+$");
  CHECK(check(set, "g: []\n")[0].message == "g has no item that is exactly \"x\"");
}

TEST_CASE("schema: findings come in instance order") {
  const SchemaSet set = compile_ok("properties:\n  a: {type: string}\n  b: {type: string}\nrequired: [z]\n");
  const auto findings = check(set, "b: 1\na: 2\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].field == "z");  // the object's own position comes first
  CHECK(findings[1].field == "b");
  CHECK(findings[2].field == "a");
}

TEST_CASE("schema: x-severity, deprecated and x-message") {
  const SchemaSet set = compile_ok(
      "properties:\n"
      "  soft: {type: string, x-severity: warning}\n"
      "  old: {deprecated: true}\n"
      "  code: {type: string, pattern: '^C-\\d{3}$', x-message: 'write the client code as C- and three digits'}\n");
  const auto findings = check(set, "soft: 1\nold: x\ncode: 14\n");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].keyword == "type");
  CHECK(findings[0].severity == Severity::warning);
  CHECK(findings[1].keyword == "deprecated");
  CHECK(findings[1].severity == Severity::warning);
  CHECK(findings[1].message == "old is deprecated and should no longer be used; remove it");
  CHECK(findings[2].severity == Severity::error);
  CHECK(findings[2].message == "write the client code as C- and three digits");
  CHECK(check(set, "code: C-014\n").empty());
}

TEST_CASE("schema: x-link checks wikilinks, through the vault when a checker is given") {
  const SchemaSet set = compile_ok("properties:\n  related: {type: array, items: {type: string, x-link: true}}\n"
                                   "  focus: {x-link: {class: skill}}\n");
  auto findings = check(set, "related: [\"[[Note]]\", Plain]\nfocus: \"[[A]]\"\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "x-link");
  CHECK(findings[0].field == "related[1]");
  CHECK(findings[0].message == "related[1] should be a link to a note, written \"[[Note name]]\", but it is \"Plain\"");

  struct Checker final : schema::LinkChecker {
    mutable std::vector<std::string> classes;
    std::optional<std::string> check_link(const Value& value, const std::string& required_class) const override {
      classes.push_back(required_class);
      if (value.as_string() == "[[A]]") {
        return std::string("should link to a note of class skill, but A.md is of class style");
      }
      return std::nullopt;
    }
  };
  const Checker checker;
  findings = check(set, "related: [\"[[Note]]\"]\nfocus: [\"[[A]]\", \"[[B]]\"]\n", &checker);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].field == "focus[0]");
  CHECK(findings[0].message == "focus[0] should link to a note of class skill, but A.md is of class style");
  CHECK(checker.classes == std::vector<std::string>{"", "skill", "skill"});
}

TEST_CASE("schema: problems in a schema file are schema.file diagnostics with line and column") {
  Diagnostic d = schema_error("type: object\nproperties:\n  title: {type: string, minLenght: 1}\n");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 25);
  CHECK(d.message == "unknown keyword \"minLenght\". Did you mean \"minLength\"?");

  d = schema_error("properties:\n  a: {minLength: \"a\"}\n");
  CHECK(d.location.line == 2);
  CHECK(d.message == "\"minLength\" must be a whole number, 0 or more, but it is the string \"a\"");

  d = schema_error("pattern: '^(abc'\n");
  CHECK(d.location.line == 1);
  CHECK(d.message.starts_with("the pattern \"^(abc\" is not a valid regular expression: missing closing parenthesis"));

  d = schema_error("$ref: '#'\n");
  CHECK(d.message.find("makes a loop") != std::string::npos);
  d = schema_error("$defs:\n  a: {allOf: [{$ref: '#/$defs/b'}]}\n  b: {$ref: '#/$defs/a'}\n");
  CHECK(d.message.find("makes a loop") != std::string::npos);

  d = schema_error("properties:\n  t: {$ref: '#/$defs/timestmp'}\n$defs:\n  timestamp: {type: string}\n");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 7);
  CHECK(d.message ==
        "$ref \"#/$defs/timestmp\" points to nothing: there is no \"timestmp\" in $defs. Did you mean \"timestamp\"?");

  d = schema_error("type: [string, int]\n");
  CHECK(d.message.ends_with("Did you mean \"integer\"?"));
  d = schema_error("$recursiveRef: '#'\n");
  CHECK(d.message == "the keyword \"$recursiveRef\" is not supported by mdvault: JSON Schema 2020-12 replaces it "
                     "with $dynamicRef");
  d = schema_error("items: [{type: string}]\n");
  CHECK(d.message.find("prefixItems") != std::string::npos);
  d = schema_error("properties:\n  a: {$ref: 'missing.schema.yaml#/$defs/x'}\n");
  CHECK(d.message.find("which does not exist") != std::string::npos);

  // Annotations and x- keywords are fine.
  compile_ok("title: t\ndescription: d\n$comment: c\nexamples: [1]\ndefault: 1\nreadOnly: true\nx-ui: {width: 3}\n");
}

TEST_CASE("schema: load_directory leaves out a bad class and keeps the others") {
  const TempDir dir;
  dir.write("good.schema.yaml", "type: object\nproperties:\n  other: {$ref: 'shared.schema.json#/$defs/x'}\n");
  dir.write("shared.schema.json", "{\"$defs\": {\"x\": {\"type\": \"integer\"}}}");
  dir.write("bad.schema.yaml", "type: object\nrequird: [a]\n");
  dir.write("broken.schema.yaml", "type: [object\n");
  dir.write("notes.md", "not a schema");
  std::vector<Diagnostic> diags;
  const SchemaSet set = SchemaSet::load_directory(dir.path.string(), diags);
  CHECK(set.class_names() == std::vector<std::string>{"good", "shared"});
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].location.path.ends_with("bad.schema.yaml"));
  CHECK(diags[0].location.line == 2);
  CHECK(diags[0].message == "unknown keyword \"requird\". Did you mean \"required\"?");
  CHECK(diags[1].location.path.ends_with("broken.schema.yaml"));
  CHECK(diags[1].rule == "schema.file");
  const auto findings = set.validate("good", yaml("other: x\n"), nullptr);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "type");

  std::vector<Diagnostic> one;
  dir.write("person.yaml", "title: person\ntype: object\n");
  const SchemaSet single = SchemaSet::load_file((dir.path / "person.yaml").string(), one);
  CHECK(one.empty());
  CHECK(single.class_names() == std::vector<std::string>{"person"});
}

TEST_CASE("schema: formats") {
  using schema::Format;
  using schema::matches_format;
  CHECK(matches_format(Format::date, "2024-02-29"));
  CHECK_FALSE(matches_format(Format::date, "2023-02-29"));
  CHECK_FALSE(matches_format(Format::date, "2025-7-05"));
  CHECK(matches_format(Format::time, "16:56:00Z"));
  CHECK(matches_format(Format::time, "16:56:00.5+02:00"));
  CHECK(matches_format(Format::time, "23:59:60Z"));
  CHECK_FALSE(matches_format(Format::time, "22:59:60Z"));
  CHECK_FALSE(matches_format(Format::time, "16:56"));
  CHECK(matches_format(Format::date_time, "2025-07-05T16:56:00z"));
  CHECK_FALSE(matches_format(Format::date_time, "2025-07-05 16:56"));
  CHECK(matches_format(Format::email, "joe.bloggs@example.com"));
  CHECK(matches_format(Format::email, "\"joe bloggs\"@example.com"));
  CHECK(matches_format(Format::email, "joe@[127.0.0.1]"));
  CHECK_FALSE(matches_format(Format::email, "2962"));
  CHECK_FALSE(matches_format(Format::email, ".joe@example.com"));
  CHECK_FALSE(matches_format(Format::email, "joe..b@example.com"));
  CHECK(matches_format(Format::uri, "https://example.com/a?b=c#d"));
  CHECK(matches_format(Format::uri, "urn:isbn:0451450523"));
  CHECK(matches_format(Format::uri, "http://[2001:db8::7]/c=GB?objectClass?one"));
  CHECK_FALSE(matches_format(Format::uri, "//example.com"));
  CHECK_FALSE(matches_format(Format::uri, "http://example.com/a b"));
  CHECK_FALSE(matches_format(Format::uri, "http://example.com/%zz"));
  CHECK(matches_format(Format::none, "anything"));
  CHECK(schema::format_from_name("hostname") == Format::hostname);
  CHECK(schema::format_from_name("idn-hostname") == Format::none);  // IDNA is not checked
  CHECK(matches_format(Format::ipv4, "192.168.0.1"));
  CHECK_FALSE(matches_format(Format::ipv4, "192.168.0.01"));
  CHECK(matches_format(Format::ipv6, "2001:db8::1"));
  CHECK_FALSE(matches_format(Format::ipv6, "2001:db8::1::2"));
  CHECK(matches_format(Format::hostname, "a--b.example.com"));
  CHECK_FALSE(matches_format(Format::hostname, "ab--c.example.com"));  // reserved for xn-- labels
  CHECK(matches_format(Format::uuid, "2eb8aa08-aa98-11ea-b4aa-73b441d16380"));
  CHECK_FALSE(matches_format(Format::uuid, "2eb8aa08-aa98-11ea-b4aa-73b441d1638"));
  CHECK(matches_format(Format::json_pointer, "/a~0b/~1/0"));
  CHECK(matches_format(Format::json_pointer, ""));
  CHECK_FALSE(matches_format(Format::json_pointer, "/a~2"));
  CHECK_FALSE(matches_format(Format::json_pointer, "a"));
  CHECK(matches_format(Format::relative_json_pointer, "0#"));
  CHECK(matches_format(Format::relative_json_pointer, "2/0/baz"));
  CHECK_FALSE(matches_format(Format::relative_json_pointer, "01/a"));
  CHECK_FALSE(matches_format(Format::relative_json_pointer, "1#/a"));
  CHECK(matches_format(Format::uri_reference, "../page?q#part"));
  CHECK(matches_format(Format::uri_reference, "//example.com/a"));
  CHECK_FALSE(matches_format(Format::uri_reference, "a:b:c d"));
  CHECK_FALSE(matches_format(Format::uri_reference, "\\\\WINDOWS\\fileshare"));
  CHECK(matches_format(Format::duration, "P1Y2M3DT4H5M6S"));
  CHECK(matches_format(Format::duration, "P2W"));
  CHECK(matches_format(Format::duration, "PT36H"));
  CHECK_FALSE(matches_format(Format::duration, "P1Y2D"));  // the month between is needed
  CHECK_FALSE(matches_format(Format::duration, "PT1H2S"));
  CHECK_FALSE(matches_format(Format::duration, "P1D2H"));
  CHECK_FALSE(matches_format(Format::duration, "P"));
  CHECK(matches_format(Format::regex, "^[a-z]+(?=x)$"));
  CHECK_FALSE(matches_format(Format::regex, "^(abc"));
}

TEST_CASE("schema: hostile schemas and values never hang or crash") {
  // Catastrophic backtracking stops at the match limit.
  const SchemaSet set = compile_ok("properties:\n  a: {pattern: '^(a+)+$'}\n");
  const auto start = std::chrono::steady_clock::now();
  const auto findings = check(set, "a: " + std::string(40, 'a') + "!\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "pattern");

  // A schema nested deeper than the limit is refused.
  std::string deep = "x: 1";
  Value nested = Value::make_bool(true);
  for (int i = 0; i < 300; ++i) {
    ValueMap inner;
    inner.push_back(MapEntry{"not", {}, std::move(nested)});
    nested = Value::make_map(std::move(inner));
  }
  std::vector<Diagnostic> diags;
  const SchemaSet too_deep = SchemaSet::from_value(nested, "c", "deep.schema.json", diags);
  CHECK_FALSE(too_deep.has_class("c"));
  REQUIRE_FALSE(diags.empty());
  CHECK(diags.front().message.find("nested more than") != std::string::npos);

  // A deep value under a recursive schema gets a finding, not a stack overflow.
  const SchemaSet recursive = compile_ok("properties:\n  next: {$ref: '#'}\n");
  Value chain = Value::make_int(1);
  for (int i = 0; i < 1000; ++i) {
    ValueMap entries;
    entries.push_back(MapEntry{"next", {}, std::move(chain)});
    chain = Value::make_map(std::move(entries));
  }
  const auto deep_findings = recursive.validate("c", chain, nullptr);
  REQUIRE(deep_findings.size() == 1);
  CHECK(deep_findings[0].keyword == "depth");

  // A huge enum compiles and answers quickly.
  ValueList values;
  for (int i = 0; i < 100'000; ++i) {
    values.push_back(Value::make_string("v" + std::to_string(i)));
  }
  ValueMap root;
  root.push_back(MapEntry{"enum", {}, Value::make_list(std::move(values))});
  diags.clear();
  const SchemaSet big = SchemaSet::from_value(Value::make_map(std::move(root)), "c", "big.schema.json", diags);
  REQUIRE(diags.empty());
  CHECK(big.validate("c", Value::make_string("v99999"), nullptr).empty());
  const auto miss = big.validate("c", Value::make_string("w"), nullptr);
  REQUIRE(miss.size() == 1);
  CHECK(miss[0].message.find("and 99980 more") != std::string::npos);

  // uniqueItems on a long list is not quadratic.
  ValueList many;
  for (int i = 0; i < 50'000; ++i) {
    many.push_back(Value::make_int(i));
  }
  many.push_back(Value::make_float(7.0));
  const SchemaSet unique = compile_ok("uniqueItems: true\n");
  const auto dup = unique.validate("c", Value::make_list(std::move(many)), nullptr);
  REQUIRE(dup.size() == 1);
  CHECK(dup[0].field == "[50000]");
}

TEST_CASE("schema: validate is safe from several threads at once") {
  const SchemaSet set = compile_ok(
      "properties:\n  a: {pattern: '^[a-z]+$'}\n  b: {enum: [x, y]}\n  c: {anyOf: [{type: string}, {type: array}]}\n");
  const Value instance = yaml("a: Abc\nb: z\nc: 1\n");
  const auto expected = set.validate("c", instance, nullptr);
  REQUIRE(expected.size() == 3);
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const auto got = set.validate("c", instance, nullptr);
        if (got.size() != expected.size() || got[0].message != expected[0].message) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& t : threads) {
    t.join();
  }
  CHECK(mismatches == 0);
}

TEST_CASE("schema: a set that was moved from, or an unknown class, validates nothing") {
  SchemaSet set = compile_ok("type: object\n");
  SchemaSet other = std::move(set);
  CHECK(other.has_class("c"));
  CHECK(other.validate("nope", Value::make_int(1), nullptr).empty());
  CHECK(other.validate("c", Value::make_int(1), nullptr).size() == 1);
}

TEST_CASE("schema: a $ref never reads a file outside the schema folder, nor quotes one") {
  const TempDir dir;
  std::filesystem::create_directories(dir.path / "schemas");
  // A secret outside the folder, YAML with a syntax error: neither its text nor its lines may show.
  dir.write("secret.yaml", "token: SECRET-TOKEN\n  bad: [\n");
  dir.write("secret.schema.json", "{\"$defs\": {\"SECRET-TOKEN\": true}}");
  dir.write("schemas/notes.txt", "SECRET-TOKEN\n");
  dir.write("schemas/scalar.yaml", "SECRET-TOKEN\n");
  std::filesystem::create_symlink(dir.path / "secret.yaml", dir.path / "schemas" / "link.yaml");
  std::filesystem::create_symlink(dir.path / "secret.yaml", dir.path / "schemas" / "linked.schema.yaml");
  dir.write("secret2.yaml", "token: SECRET-TOKEN\n");
  const std::string absolute = (dir.path / "secret2.yaml").string();
  dir.write("schemas/c.schema.yaml", "properties:\n"
                                     "  a: {$ref: '../secret.yaml'}\n"
                                     "  b: {$ref: '" + absolute + "'}\n"
                                     "  c: {$ref: 'file:///proc/self/environ'}\n"
                                     "  d: {$ref: 'link.yaml'}\n"
                                     "  e: {$ref: 'sub/../../secret.schema.json#/$defs/x'}\n"
                                     "  f: {$ref: 'notes.txt'}\n"
                                     "  g: {$ref: 'scalar.yaml'}\n");
  std::vector<Diagnostic> diags;
  const SchemaSet set = SchemaSet::load_directory((dir.path / "schemas").string(), diags);
  CHECK_FALSE(set.has_class("c"));
  CHECK_FALSE(set.has_class("linked"));
  int outside = 0;
  for (const Diagnostic& d : diags) {
    INFO(d.message);
    INFO(d.message);
    CHECK(d.rule == "schema.file");
    CHECK(d.message.find("SECRET") == std::string::npos);
    CHECK_FALSE(d.location.path.ends_with("secret.yaml"));  // no YAML error of the secret
    outside += d.message.find("outside the schema folder") != std::string::npos ? 1 : 0;
  }
  CHECK(outside == 6);  // a, b, c, d, e and the linked schema file itself
  const auto has = [&diags](const std::string& text) {
    return std::any_of(diags.begin(), diags.end(),
                       [&text](const Diagnostic& d) { return d.message.find(text) != std::string::npos; });
  };
  CHECK(has("$ref \"../secret.yaml\" names the file"));
  CHECK(has("$ref \"file:///proc/self/environ\" names the file /proc/self/environ, which is outside the schema folder"));
  CHECK(has("$ref \"notes.txt\" names the file " + (dir.path / "schemas" / "notes.txt").generic_string() +
            ", which is not a schema file (.yaml, .yml or .json), so it was not read"));
  CHECK(has("$ref \"scalar.yaml\" names the file " + (dir.path / "schemas" / "scalar.yaml").generic_string() +
            ", which holds no schema (a mapping of keywords, or true or false)"));
}

TEST_CASE("schema: $ref fan-out is bounded: one too-complex finding instead of 2^n steps") {
  // d0: allOf [d1, d1], d1: allOf [d2, d2], ...: 30 levels, 2^30 schemas for one value.
  std::string text = "$ref: '#/$defs/d0'\n$defs:\n";
  for (int i = 0; i < 30; ++i) {
    text += "  d" + std::to_string(i) + ": {allOf: [{$ref: '#/$defs/d" + std::to_string(i + 1) + "'}, {$ref: '#/$defs/d" +
            std::to_string(i + 1) + "'}]}\n";
  }
  text += "  d30: {type: object, required: [x]}\n";
  const SchemaSet set = compile_ok(text);
  const auto started = std::chrono::steady_clock::now();
  const auto findings = check(set, "a: 1\n");
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].keyword == "too-complex");
  CHECK(findings[0].message ==
        "the schema is too complex to check this value: more than 50000 schemas apply (nested $ref, allOf, anyOf); "
        "simplify it");
  // A shallow fan-out is checked in full.
  const SchemaSet small = compile_ok("allOf: [{$ref: '#/$defs/a'}, {$ref: '#/$defs/a'}]\n$defs:\n  a: {required: [x]}\n");
  const auto two = check(small, "a: 1\n");
  CHECK(two.size() == 2);
  CHECK(two[0].keyword == "required");
}
