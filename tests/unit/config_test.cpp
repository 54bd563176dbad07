#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/config.hpp"
#include "core/obsidian_settings.hpp"
#include "core/vault.hpp"

using namespace mdvault::core;

namespace {

// Writes a config file into a fresh temporary folder and returns its path.
std::string write_config(const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "mdvault-config-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / ".mdvault.yaml";
  std::ofstream(file) << text;
  return file.string();
}

}  // namespace

TEST_CASE("config: glob patterns") {
  CHECK(glob_match("Templates/**", "Templates/a.md"));
  CHECK(glob_match("Templates/**", "Templates/x/y/a.md"));
  CHECK_FALSE(glob_match("Templates/**", "Notes/Templates/a.md"));
  CHECK(glob_match("**/drafts/*.md", "drafts/a.md"));
  CHECK(glob_match("**/drafts/*.md", "x/y/drafts/a.md"));
  CHECK_FALSE(glob_match("*.md", "x/a.md"));
  CHECK(glob_match("Sessions/20?" "?/*", "Sessions/2025/a.md"));
  CHECK_FALSE(glob_match("Sessions/20?" "?/*", "Sessions/205/a.md"));
  // A hostile pattern stays fast.
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a')));
}

TEST_CASE("config: reads schemas, ignore, classes and rules") {
  std::vector<Diagnostic> diags;
  const Config c = load_config(write_config("schemas: ../schemas\n"
                                            "ignore:\n  - \"Templates/**\"\n"
                                            "classes:\n  - folder: \"Sessions/**\"\n    class: session\n"
                                            "  - tag: \"#skill\"\n    class: skill\n"
                                            "rules:\n  links.ambiguous: off\n  schema.*: warning\n"),
                               diags);
  REQUIRE(diags.empty());
  REQUIRE(c.schemas.has_value());
  CHECK(std::filesystem::path(*c.schemas).filename() == "schemas");
  CHECK(c.ignore == std::vector<std::string>{"Templates/**"});
  REQUIRE(c.classes.size() == 2);
  CHECK(c.classes[0].folder == "Sessions/**");
  CHECK(c.classes[1].tag == "skill");
  CHECK_FALSE(rule_severity(c, "links.ambiguous", Severity::warning).has_value());
  CHECK(rule_severity(c, "schema.enum", Severity::error) == Severity::warning);
  CHECK(rule_severity(c, "links.broken", Severity::error) == Severity::error);
}

TEST_CASE("config: parse_config reads text in memory as load_config reads the file") {
  const std::string text = "schemas: ../schemas\nignore: \"*.tmp\"\nrules:\n  links.*: off\n  schema.enum: loud\n";
  std::vector<Diagnostic> from_text;
  const Config c = parse_config(text, "/vault/.mdvault.yaml", from_text);
  CHECK(c.file == "/vault/.mdvault.yaml");
  CHECK(c.schemas == "/schemas");
  CHECK(c.ignore == std::vector<std::string>{"*.tmp"});
  CHECK_FALSE(rule_severity(c, "links.broken", Severity::error).has_value());
  REQUIRE(from_text.size() == 1);
  CHECK(from_text[0].location.path == "/vault/.mdvault.yaml");
  CHECK(from_text[0].location.line == 5);
  CHECK(from_text[0].location.column == 16);

  std::vector<Diagnostic> from_file;
  const std::string file = write_config(text);
  const Config d = load_config(file, from_file);
  CHECK(d.ignore == c.ignore);
  CHECK(d.rules == c.rules);
  REQUIRE(from_file.size() == 1);
  CHECK(from_file[0].message == from_text[0].message);
}

TEST_CASE("config: an unknown key and a bad severity are reported with their lines") {
  std::vector<Diagnostic> diags;
  load_config(write_config("schemes: x\nrules:\n  links.broken: loud\n"), diags);
  REQUIRE(diags.size() == 2);
  CHECK(diags[0].location.line == 1);
  CHECK(diags[0].message.find("did you mean \"schemas\"") != std::string::npos);
  CHECK(diags[1].location.line == 3);
  CHECK(diags[1].rule == "config");
}

TEST_CASE("config: an unknown rule name is an error with a did-you-mean at the key") {
  std::vector<Diagnostic> diags;
  const Config c = parse_config("rules:\n  links.brokn: off\n  links.*: warning\n  schema: off\n  schema.minimum: off\n",
                                "/vault/.mdvault.yaml", diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].severity == Severity::error);
  CHECK(diags[0].location.line == 2);
  CHECK(diags[0].location.column == 3);
  CHECK(diags[0].message.find("unknown rule \"links.brokn\"; did you mean \"links.broken\"?") != std::string::npos);
  // The misspelt rule changes nothing; families and schema keywords are known.
  CHECK(c.rules.count("links.brokn") == 0);
  CHECK(c.rules.count("links.*") == 1);
  CHECK(c.rules.count("schema") == 1);
  CHECK(c.rules.count("schema.minimum") == 1);
}

TEST_CASE("obsidian settings: excluded files, the Templates folders and property types") {
  const auto s = parse_obsidian_settings(R"({"userIgnoreFilters": ["Archive/", "/^x/", "Drafts/old.md", 3]})",
                                         R"({"folder": "Templates/"})", R"({"templates_folder": "/Meta/Tpl"})",
                                         R"({"types": {"rating": "number", "due": "date"}})");
  CHECK(s.ignore == std::vector<std::string>{"Archive/**", "Drafts/old.md"});
  CHECK(s.template_folders == std::vector<std::string>{"Templates", "Meta/Tpl"});
  REQUIRE(s.property_types.size() == 2);
  CHECK(s.property_types.at("rating") == "number");
  // Absent or broken files are no settings.
  const auto none = parse_obsidian_settings("", "{not json", "[]", "");
  CHECK(none.ignore.empty());
  CHECK(none.template_folders.empty());
  CHECK(none.property_types.empty());

  Note note = read_note("A.md", "---\nrating: five\ndue: 2025-07-05\ntag: x\n---\n");
  check_property_types(note, s);
  REQUIRE(note.diagnostics.size() == 2);
  CHECK(note.diagnostics[0].rule == "properties.type");
  CHECK(note.diagnostics[0].location.line == 2);
  CHECK(note.diagnostics[1].rule == "properties.deprecated");
}
