#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/frontmatter.hpp"
#include "core/lint.hpp"
#include "vault_options.hpp"

using namespace mdvault::core;
using mdvault::core::testing::vault_options;

namespace {

const char* const k_schema = R"(title: Style note
type: object
required: [title, style_group]
properties:
  title: {type: string}
  style_group: {enum: [Secure, Anxious, Avoidant, Disorganized]}
  related:
    type: array
    items: {type: string, x-link: true}
)";

struct Fixture {
  MemoryFileSystem fs;
  Vault vault;
  schema::SchemaSet schemas;
  Config config;

  Fixture() {
    fs.add("Styles/Secure Attachment.md",
           "---\nfileClass: style\ntitle: Secure\nstyle_group: Secure\naliases: [Secure Base]\n---\n"
           "## Signs\nText ^calm\n");
    fs.add("Styles/Anxious.md",
           "---\nfileClass: style\ntitle: Anxious\nstyle_group: Secur\nrelated:\n  - \"[[Missing Note]]\"\n"
           "  - \"[[Secure Attachment]]\"\n---\n"
           "See [[Secure Attachment#Signs]] and [[Secure Attachment#Nope]].\n"
           "Also [[Secure Base]] and [[Nowhere]] and [[Secure Attachment#^gone]].\n");
    fs.add("A/Dup.md", "---\ntitle: x\nfileClass: style\n---\n");
    fs.add("B/Dup.md", "---\nfileClass: stlye\n---\n[[Dup]]\n");
    vault = load_vault(vault_options("/v", 2, {}, {}), fs);
    std::vector<Diagnostic> diags;
    const YamlResult yaml = parse_yaml(k_schema, "style.schema.yaml");
    REQUIRE(yaml.value.has_value());
    schemas = schema::SchemaSet::from_value(*yaml.value, "style", "style.schema.yaml", diags);
    REQUIRE(diags.empty());
  }

  LintResult lint(const LintOptions& options = {}) {
    const LinkResolver resolver(vault);
    return run_lint(vault, schemas, config, resolver, options);
  }
};

const Diagnostic* find_rule(const LintResult& r, const std::string& path, const std::string& rule) {
  const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) {
    return d.location.path == path && d.rule == rule;
  });
  return it == r.diagnostics.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("lint: the findings an Obsidian user expects, on their lines") {
  Fixture f;
  const LintResult r = f.lint();
  const Diagnostic* enum_error = find_rule(r, "Styles/Anxious.md", "schema.enum");
  REQUIRE(enum_error != nullptr);
  CHECK(enum_error->field == "style_group");
  CHECK(enum_error->location.line == 4);
  CHECK(enum_error->message.find("Secure") != std::string::npos);

  const Diagnostic* field_link = find_rule(r, "Styles/Anxious.md", "links.broken");
  REQUIRE(field_link != nullptr);
  CHECK(field_link->location.line == 6);
  CHECK(field_link->field == "related[0]");

  const Diagnostic* heading = find_rule(r, "Styles/Anxious.md", "links.missing-heading");
  REQUIRE(heading != nullptr);
  CHECK(heading->severity == Severity::warning);
  CHECK(heading->location.line == 9);
  CHECK(heading->location.column == 37);

  const Diagnostic* block = find_rule(r, "Styles/Anxious.md", "links.missing-block");
  REQUIRE(block != nullptr);
  CHECK(block->location.line == 10);

  const auto alias = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [](const Diagnostic& d) {
    return d.rule == "links.broken" && d.message.find("alias") != std::string::npos;
  });
  REQUIRE(alias != r.diagnostics.end());
  CHECK(alias->message.find("[[Secure Attachment|Secure Base]]") != std::string::npos);
  CHECK(alias->location.column == 6);

  const Diagnostic* ambiguous = find_rule(r, "B/Dup.md", "links.ambiguous");
  REQUIRE(ambiguous != nullptr);
  CHECK(ambiguous->message.find("A/Dup.md") != std::string::npos);

  const Diagnostic* unknown = find_rule(r, "B/Dup.md", "schema.unknown-class");
  REQUIRE(unknown != nullptr);
  CHECK(unknown->message.find("did you mean \"style\"") != std::string::npos);

  const Diagnostic* required = find_rule(r, "A/Dup.md", "schema.required");
  REQUIRE(required != nullptr);
  CHECK(required->field == "style_group");
  CHECK(required->location.line == 1);

  CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(), diagnostic_less));
  CHECK(r.files == 4);
  CHECK(r.errors >= 5);
}

TEST_CASE("lint: severities from the config, and paths limit the notes checked") {
  Fixture f;
  f.config.rules["links.*"] = std::nullopt;
  f.config.rules["schema.enum"] = Severity::warning;
  const LintResult r = f.lint({{"Styles"}});
  CHECK(r.files == 2);
  for (const auto& d : r.diagnostics) {
    CHECK(d.rule.rfind("links.", 0) != 0);
    CHECK(d.location.path.rfind("Styles/", 0) == 0);
  }
  const Diagnostic* enum_warning = find_rule(r, "Styles/Anxious.md", "schema.enum");
  REQUIRE(enum_warning != nullptr);
  CHECK(enum_warning->severity == Severity::warning);
}

TEST_CASE("lint: schemas checked while reading give the same findings, x-link classes included") {
  MemoryFileSystem fs;
  fs.add("Plain.md", "no frontmatter\n");
  fs.add("Secure.md", "---\nfileClass: style\ntitle: Secure\nstyle_group: Secure\n---\n");
  fs.add("Child.md", "---\nfileClass: style\ntitle: Child\nstyle_group: Anxous\nparent: \"[[Plain]]\"\n"
                     "mentor: \"[[Secure]]\"\nrelated: [plain text]\n---\n");
  const char* const schema_text = R"(type: object
required: [title]
properties:
  style_group: {enum: [Secure, Anxious]}
  parent: {type: string, x-link: {class: style}}
  mentor: {type: string, x-link: {class: style}}
  related: {type: array, items: {type: string, x-link: true}}
)";
  std::vector<Diagnostic> diags;
  const YamlResult yaml = parse_yaml(schema_text, "style.schema.yaml");
  REQUIRE(yaml.value.has_value());
  const auto schemas = schema::SchemaSet::from_value(*yaml.value, "style", "style.schema.yaml", diags);
  REQUIRE(diags.empty());
  const Config config;

  const Vault late = load_vault(vault_options("/v", 2), fs);
  const LinkResolver late_resolver(late);
  const LintResult expected = run_lint(late, schemas, config, late_resolver, {});

  VaultOptions early_options = vault_options("/v", 2);
  early_options.after_read = [&schemas](Note& note) { check_schemas_early(note, schemas); };
  const Vault early = load_vault(early_options, fs);
  CHECK_FALSE(early.find("Child.md")->frontmatter.has_value());
  const LinkResolver early_resolver(early);
  const LintResult actual = run_lint(early, schemas, config, early_resolver, {});

  REQUIRE(actual.diagnostics.size() == expected.diagnostics.size());
  for (std::size_t i = 0; i < actual.diagnostics.size(); ++i) {
    CHECK(actual.diagnostics[i].rule == expected.diagnostics[i].rule);
    CHECK(actual.diagnostics[i].location.line == expected.diagnostics[i].location.line);
    CHECK(actual.diagnostics[i].field == expected.diagnostics[i].field);
    CHECK(actual.diagnostics[i].message == expected.diagnostics[i].message);
  }
  const Diagnostic* wrong_class = find_rule(actual, "Child.md", "schema.x-link");
  REQUIRE(wrong_class != nullptr);
  CHECK(wrong_class->location.line == 5);
  CHECK(wrong_class->field == "parent");
  CHECK(wrong_class->message.find("class style") != std::string::npos);
  const auto x_links = std::count_if(actual.diagnostics.begin(), actual.diagnostics.end(),
                                     [](const Diagnostic& d) { return d.rule == "schema.x-link"; });
  CHECK(x_links == 2);  // parent (wrong class) and related[0] (plain text); mentor is fine
}

TEST_CASE("lint: only a link that climbs above the vault is told it cannot leave the vault") {
  MemoryFileSystem fs;
  fs.add("A/B/Note.md", "[[../Missing]] and [[../../../../etc/passwd]]\n");
  const Vault vault = load_vault(vault_options("/v", 1), fs);
  const LinkResolver resolver(vault);
  const LintResult r = run_lint(vault, schema::SchemaSet{}, Config{}, resolver, {});
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].message.find("cannot leave the vault") == std::string::npos);
  CHECK(r.diagnostics[1].message.find("cannot leave the vault") != std::string::npos);
}

TEST_CASE("lint: every rule has a help text, an example and a section in docs/lint.md") {
  std::ifstream in(std::string(MDVAULT_SOURCE_DIR) + "/docs/lint.md");
  REQUIRE(in);
  std::stringstream doc;
  doc << in.rdbuf();
  for (const auto& rule : lint_rules()) {
    CAPTURE(rule.id);
    CHECK(rule.id.find('*') == std::string_view::npos);
    CHECK_FALSE(rule.summary.empty());
    CHECK_FALSE(rule.fix.empty());
    CHECK_FALSE(rule.example.empty());
    CHECK(doc.str().find("\n### " + std::string(rule.id) + "\n") != std::string::npos);
    CHECK(find_rule(rule.id) == &rule);
  }
  CHECK(find_rule("schema.*") == nullptr);
}
