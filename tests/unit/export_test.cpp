#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <fstream>
#include <sstream>

#include "core/export/atomic_file.hpp"
#include "core/export/csv_export.hpp"
#include "core/export/json_export.hpp"
#include "core/export/note_stash.hpp"
#include "core/export/note_record.hpp"
#include "core/export/sqlite_export.hpp"
#include "core/json_value.hpp"
#include "core/link_resolver.hpp"
#include "core/schema/schema_set.hpp"
#include "core/vault.hpp"

using namespace mdvault::core;
using namespace mdvault::core::exports;

namespace {

MemoryFileSystem export_fs() {
  MemoryFileSystem fs;
  fs.add("Core Fears/Abandonment.md",
         "---\n"
         "fileClass: attachment_theory\n"
         "id: 1751877900323\n"
         "created: 2025-07-07 08:45\n"
         "code: \"007\"\n"
         "score: 2.5\n"
         "entered: false\n"
         "nothing:\n"
         "tags: [fear/abandonment]\n"
         "aliases: [Fear of Abandonment]\n"
         "visibility: \"\xF0\x9F\x94\x92 private\"\n"
         "client: \"[[Jane]]\"\n"
         "healing_pathways:\n  - \"[[Self-Trust]]\"\n"
         "meta: {owner: me, level: 2}\n"
         "---\n"
         "# Abandonment\n"
         "Body #shame and `#notatag` text. [[Self-Trust#How|how]]\n"
         "```\n#alsonot [[Nowhere]]\n```\n"
         "- [ ] call back\n"
         "- [x] read chapter\n"
         "\n"
         "mood:: anxious\n");
  fs.add("Healing/Self-Trust.md", "---\ntitle: Self-Trust\nvisibility: public\n---\n## How\nSee [[Abandonment]].\n");
  fs.add("Jane.md", "Jane's note, comma, and \"quotes\"\n");
  return fs;
}

struct Loaded {
  Vault vault;
  std::unique_ptr<LinkResolver> resolver;
};

Loaded load(const MemoryFileSystem& fs) {
  VaultOptions options;
  options.root = "/vault";
  options.jobs = 2;
  options.keep_body = true;
  Loaded loaded{load_vault(options, fs), nullptr};
  loaded.resolver = std::make_unique<LinkResolver>(loaded.vault);
  return loaded;
}

std::vector<const Note*> all_notes(const Vault& vault) {
  std::vector<const Note*> notes;
  for (const auto& note : vault.notes) notes.push_back(&note);
  return notes;
}

std::string json_export_of(const Loaded& loaded, ExportOptions options = {}) {
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), std::move(options));
  std::ostringstream out;
  REQUIRE_FALSE(write_json_export(out, builder, false).has_value());
  return out.str();
}

/// Validates a JSON export against the published schema; returns the findings' messages.
std::vector<std::string> schema_findings(const std::string& json) {
  std::vector<Diagnostic> diagnostics;
  const auto set = schema::SchemaSet::load_file(
      std::string(MDVAULT_SOURCE_DIR) + "/schemas/export/mdvault-export.schema.json", diagnostics);
  REQUIRE(diagnostics.empty());
  REQUIRE(set.class_names().size() == 1);
  std::string error;
  const auto value = parse_json(json, &error);
  REQUIRE_MESSAGE(value.has_value(), error);
  std::vector<std::string> messages;
  for (const auto& f : set.validate(set.class_names()[0], *value, nullptr)) messages.push_back(f.field + ": " + f.message);
  return messages;
}

}  // namespace

TEST_CASE("export: a JSON note keeps the YAML types, tags, links, backlinks, tasks, fields and body") {
  const Loaded loaded = load(export_fs());
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), {});
  REQUIRE(builder.notes()[0]->path == "Core Fears/Abandonment.md");
  const std::string text = note_json_text(builder.build(0));
  std::string error;
  const auto note = parse_json(text, &error);
  REQUIRE(note.has_value());
  // Keys in the published order.
  std::vector<std::string> keys;
  for (const auto& entry : note->as_map()) keys.push_back(entry.key);
  CHECK(keys == std::vector<std::string>{"path", "name", "classes", "frontmatter", "tags", "aliases", "headings",
                                         "links", "backlinks", "tasks", "fields", "body"});
  const Value& fm = *note->find("frontmatter");
  CHECK(fm.find("id")->is_int());
  CHECK(fm.find("id")->as_int() == 1751877900323);
  CHECK(fm.find("created")->as_string() == "2025-07-07 08:45");
  CHECK(fm.find("code")->as_string() == "007");
  CHECK(fm.find("score")->is_float());
  CHECK(fm.find("entered")->is_bool());
  CHECK(fm.find("nothing")->is_null());
  CHECK(fm.find("healing_pathways")->is_list());
  CHECK(fm.find("meta")->find("level")->as_int() == 2);
  CHECK(to_json_text(*note->find("tags")) == R"(["fear/abandonment","shame"])");
  CHECK(to_json_text(*note->find("aliases")) == R"(["Fear of Abandonment"])");
  CHECK(to_json_text(*note->find("headings")) == R"([{"level":1,"text":"Abandonment","line":17}])");
  const auto& links = note->find("links")->as_list();
  REQUIRE(links.size() == 3);  // client, healing_pathways[0], the body link; none from code
  CHECK(to_json_text(links[1]) ==
        R"({"target":"Self-Trust","subpath":null,"display":null,"kind":"frontmatter","field":"healing_pathways[0]","line":14,"column":5,"resolved":"Healing/Self-Trust.md"})");
  CHECK(to_json_text(links[2]) ==
        R"({"target":"Self-Trust","subpath":"How","display":"how","kind":"wikilink","field":null,"line":18,"column":34,"resolved":"Healing/Self-Trust.md"})");
  CHECK(to_json_text(*note->find("backlinks")) ==
        R"([{"source":"Healing/Self-Trust.md","line":6,"column":5,"kind":"wikilink","field":null}])");
  CHECK(to_json_text(*note->find("tasks")) ==
        R"([{"status":" ","text":"call back","line":22,"completed":false},{"status":"x","text":"read chapter","line":23,"completed":true}])");
  CHECK(to_json_text(*note->find("fields")) == R"([{"key":"mood","value":"anxious","line":25}])");
  CHECK(note->find("body")->as_string().rfind("# Abandonment\n", 0) == 0);
}

TEST_CASE("export: the JSON document, --no-body, and an empty export") {
  const Loaded loaded = load(export_fs());
  ExportOptions options;
  options.body = false;
  const std::string json = json_export_of(loaded, options);
  CHECK(json.rfind("{\"format\":\"mdvault-export\",\"version\":1,\"notes\":[\n{\"path\":\"Core Fears/", 0) == 0);
  CHECK(json.find("\"body\"") == std::string::npos);
  CHECK(json.substr(json.size() - 5) == "}\n]}\n");
  CHECK(std::count(json.begin(), json.end(), '\n') == 5);  // the opening line, one per note, the closing one
  // Jane.md has no frontmatter: {} (not null).
  CHECK(json.find("\"frontmatter\":{},") != std::string::npos);

  const RecordBuilder none(*loaded.resolver, {}, {});
  std::ostringstream out;
  REQUIRE_FALSE(write_json_export(out, none, false).has_value());
  CHECK(out.str() == "{\"format\":\"mdvault-export\",\"version\":1,\"notes\":[]}\n");
  CHECK(schema_findings(out.str()).empty());
}

TEST_CASE("export: JSON escapes and numbers read back as the same values") {
  MemoryFileSystem fs;
  fs.add("Odd.md", std::string("---\nq: \"say \\\"hi\\\" \\\\ \\t \\u0001 \\u007f \\u00e9 \\U0001F512\"\none: 1.0\n"
                               "big: 1e300\nsmall: -2.5e-7\nneg: -9223372036854775808\ninf: .inf\n---\n"
                               "tab\there, bell \x07, \"quoted\" and back\\slash \xC3\xA9\n"));
  const Loaded loaded = load(fs);
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), {});
  const std::string text = note_json_text(builder.build(0));
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\\u0007") != std::string::npos);
  std::string error;
  const auto note = parse_json(text, &error);
  REQUIRE_MESSAGE(note.has_value(), error);
  const Value& fm = *note->find("frontmatter");
  CHECK(*fm.find("q") == *loaded.vault.notes[0].frontmatter->find("q"));
  CHECK(fm.find("one")->is_float());  // 1.0 stays a float
  CHECK(fm.find("big")->as_number() == 1e300);
  CHECK(fm.find("small")->as_number() == -2.5e-7);
  CHECK(fm.find("neg")->as_int() == std::numeric_limits<std::int64_t>::min());
  CHECK(fm.find("inf")->is_null());  // JSON has no infinity
  CHECK(note->find("body")->as_string() == loaded.vault.notes[0].body);
}

TEST_CASE("export: JSON Lines is one compact note per line") {
  const Loaded loaded = load(export_fs());
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), {});
  std::ostringstream out;
  REQUIRE_FALSE(write_json_export(out, builder, true).has_value());
  std::istringstream lines(out.str());
  std::string line;
  std::vector<std::string> paths;
  while (std::getline(lines, line)) {
    std::string error;
    const auto note = parse_json(line, &error);
    REQUIRE_MESSAGE(note.has_value(), error);
    paths.push_back(note->find("path")->as_string());
  }
  CHECK(paths == std::vector<std::string>{"Core Fears/Abandonment.md", "Healing/Self-Trust.md", "Jane.md"});
}

TEST_CASE("export: --omit-field removes the field, its links, its inline fields and its backlinks") {
  const Loaded loaded = load(export_fs());
  ExportOptions options;
  options.omit_fields = {"client", "Mood", "visibility"};
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), options);
  const NoteRecord record = builder.build(0);
  CHECK(record.frontmatter.value->find("client") == nullptr);
  CHECK(record.frontmatter.value->find("visibility") == nullptr);
  CHECK(record.frontmatter.value->find("code") != nullptr);
  CHECK(record.links.size() == 2);
  CHECK(record.fields.empty());  // "Mood" matches "mood" by Dataview's normalized name
  const NoteRecord jane = builder.build(2);
  CHECK(jane.backlinks.empty());  // the only link to Jane came from `client`
  CHECK(builder.omitted_fields_in_bodies() == 1);
  const auto keys = builder.frontmatter_keys();
  CHECK(std::find(keys.begin(), keys.end(), "visibility") == keys.end());

  ExportOptions tags;
  tags.omit_fields = {"tags", "aliases"};
  const RecordBuilder no_tags(*loaded.resolver, all_notes(loaded.vault), tags);
  const NoteRecord r = no_tags.build(0);
  CHECK(r.tags == std::vector<std::string_view>{"shame"});
  CHECK(r.aliases.empty());
}

TEST_CASE("export: real exports validate against schemas/export/mdvault-export.schema.json") {
  const Loaded loaded = load(export_fs());
  CHECK(schema_findings(json_export_of(loaded)).empty());
  ExportOptions no_body;
  no_body.body = false;
  CHECK(schema_findings(json_export_of(loaded, no_body)).empty());

  // The example vault, read from disk as the CLI does.
  VaultOptions options;
  options.root = std::string(MDVAULT_SOURCE_DIR) + "/vault-example";
  options.keep_body = true;
  options.ignore = {"Templates/**"};
  Loaded example{load_vault(options, DiskFileSystem{}), nullptr};
  example.resolver = std::make_unique<LinkResolver>(example.vault);
  REQUIRE(example.vault.notes.size() > 20);
  const std::string json = json_export_of(example);
  const auto findings = schema_findings(json);
  CHECK_MESSAGE(findings.empty(), (findings.empty() ? "" : findings[0]));

  // The schema does reject what is not an export.
  CHECK_FALSE(schema_findings(R"({"format":"mdvault-export","version":1,"notes":[{"path":"a.md"}]})").empty());
  CHECK_FALSE(schema_findings(R"({"format":"other","version":1,"notes":[]})").empty());
}

TEST_CASE("export: the export schema in a subfolder is not a class of the example vault") {
  std::vector<Diagnostic> diagnostics;
  const auto set = schema::SchemaSet::load_directory(std::string(MDVAULT_SOURCE_DIR) + "/schemas", diagnostics);
  CHECK(diagnostics.empty());
  CHECK(set.has_class("attachment_theory"));
  CHECK_FALSE(set.has_class("mdvault-export"));
}

TEST_CASE("export: CSV quoting, columns, lists, maps, CRLF and the byte order mark") {
  CHECK(csv_quote("plain") == "plain");
  CHECK(csv_quote("a,b") == "\"a,b\"");
  CHECK(csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_quote("two\nlines") == "\"two\nlines\"");
  CHECK(csv_quote("cr\r") == "\"cr\r\"");
  // Formula cells stay text in a spreadsheet; plain numbers are left as they are.
  CHECK(csv_quote("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_quote("+1+1") == "\"'+1+1\"");
  CHECK(csv_quote("@SUM(A1)") == "\"'@SUM(A1)\"");
  CHECK(csv_quote("-2+3") == "\"'-2+3\"");
  CHECK(csv_quote("-5") == "-5");
  CHECK(csv_quote("+1.5") == "+1.5");

  const Loaded loaded = load(export_fs());
  ExportOptions options;
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), options);
  std::ostringstream out;
  REQUIRE(write_csv_export(out, builder));
  const std::string csv = out.str();
  REQUIRE(csv.rfind("\xEF\xBB\xBFpath,name,fileClass,id,created,code,score,entered,nothing,tags,aliases,visibility,"
                    "client,healing_pathways,meta,title\r\n",
                    0) == 0);
  CHECK(csv.find("\r\nCore Fears/Abandonment.md,Abandonment,attachment_theory,1751877900323,2025-07-07 08:45,007,2.5,"
                 "false,,fear/abandonment,Fear of Abandonment,\xF0\x9F\x94\x92 private,[[Jane]],[[Self-Trust]],"
                 "\"{\"\"owner\"\":\"\"me\"\",\"\"level\"\":2}\",\r\n") != std::string::npos);
  CHECK(csv.substr(csv.size() - 30) == "\r\nJane.md,Jane,,,,,,,,,,,,,,\r\n");

  ExportOptions chosen;
  chosen.csv_fields = {"title", "visibility"};
  chosen.csv_bom = false;
  const RecordBuilder narrow(*loaded.resolver, all_notes(loaded.vault), chosen);
  std::ostringstream out2;
  REQUIRE(write_csv_export(out2, narrow));
  CHECK(out2.str() ==
        "path,name,title,visibility\r\n"
        "Core Fears/Abandonment.md,Abandonment,,\xF0\x9F\x94\x92 private\r\n"
        "Healing/Self-Trust.md,Self-Trust,Self-Trust,public\r\n"
        "Jane.md,Jane,,\r\n");
  ValueList items{Value::make_string("a"), Value::make_int(2), Value::make_list({Value::make_bool(true)})};
  CHECK(csv_cell(Value::make_list(items)) == "a; 2; [true]");
}

namespace {

std::string temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mdvault-export-test-XXXXXX").string();
  REQUIRE(::mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

std::int64_t count_rows(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return n;
}

}  // namespace

TEST_CASE("export: the SQLite database holds the same counts as the JSON export") {
  const Loaded loaded = load(export_fs());
  const RecordBuilder builder(*loaded.resolver, all_notes(loaded.vault), {});
  const std::string dir = temp_dir();
  const std::string file = dir + "/vault.db";
  REQUIRE_FALSE(write_sqlite_export(file, builder).has_value());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::size_t links = 0, tags = 0, tasks = 0, fields = 0, headings = 0, backlinks = 0, values = 0;
  for (std::size_t i = 0; i < builder.notes().size(); ++i) {
    const NoteRecord r = builder.build(i);
    links += r.links.size();
    tags += r.tags.size();
    tasks += r.note->tasks.size();
    fields += r.fields.size();
    headings += r.note->headings.size();
    backlinks += r.backlinks.size();
    for (const auto& e : r.frontmatter.value->as_map()) {
      values += e.value.is_list() && !e.value.as_list().empty() ? e.value.as_list().size() : 1;
    }
  }
  CHECK(count_rows(db, "PRAGMA user_version") == 1);
  CHECK(count_rows(db, "SELECT count(*) FROM notes") == 3);
  CHECK(count_rows(db, "SELECT count(*) FROM links") == static_cast<std::int64_t>(links));
  CHECK(count_rows(db, "SELECT count(*) FROM tags") == static_cast<std::int64_t>(tags));
  CHECK(count_rows(db, "SELECT count(*) FROM tasks") == static_cast<std::int64_t>(tasks));
  CHECK(count_rows(db, "SELECT count(*) FROM inline_fields") == static_cast<std::int64_t>(fields));
  CHECK(count_rows(db, "SELECT count(*) FROM headings") == static_cast<std::int64_t>(headings));
  CHECK(count_rows(db, "SELECT count(*) FROM backlinks") == static_cast<std::int64_t>(backlinks));
  CHECK(count_rows(db, "SELECT count(*) FROM fields") == static_cast<std::int64_t>(values));
  // Types survive: the integer id, the quoted "007", list items with their position.
  CHECK(count_rows(db, "SELECT count(*) FROM fields WHERE key = 'id' AND typeof(value) = 'integer' AND "
                       "value = 1751877900323") == 1);
  CHECK(count_rows(db, "SELECT count(*) FROM fields WHERE key = 'code' AND type = 'string' AND value = '007'") == 1);
  CHECK(count_rows(db, "SELECT count(*) FROM fields WHERE key = 'nothing' AND type = 'null' AND value IS NULL") == 1);
  CHECK(count_rows(db, "SELECT count(*) FROM links l JOIN notes n ON n.id = l.resolved_note_id "
                       "WHERE n.path = 'Healing/Self-Trust.md'") == 2);
  CHECK(count_rows(db, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST_CASE("export: a stash set aside while reading gives the same JSON, and notices a changed file") {
  MemoryFileSystem fs = export_fs();
  fs.add("Windows.md", "\xEF\xBB\xBF---\r\nq: 1\r\n---\r\nline one\r\nline two\r\n");
  const Loaded plain = load(fs);
  ExportOptions omit;
  omit.omit_fields = {"client"};
  const std::string expected = json_export_of(plain, omit);

  NoteStash stash(FieldFilter(omit.omit_fields), true, true, "/vault", fs);
  VaultOptions options;
  options.root = "/vault";
  options.jobs = 2;
  options.fingerprint_body = true;  // the body itself is not kept: read again when written
  options.after_read = [&stash](Note& note) { stash.take(note); };
  Loaded stashed{load_vault(options, fs), nullptr};
  stashed.resolver = std::make_unique<LinkResolver>(stashed.vault);
  for (const Note& note : stashed.vault.notes) {
    CHECK(note.body.empty());  // never kept...
    CHECK_FALSE(note.frontmatter.has_value());  // dropped by the stash...
    REQUIRE(stash.find(note.path) != nullptr);  // ...and kept there
  }
  const RecordBuilder builder(*stashed.resolver, all_notes(stashed.vault), omit, &stash);
  std::ostringstream out;
  REQUIRE_FALSE(write_json_export(out, builder, false).has_value());
  CHECK(out.str() == expected);
  CHECK(out.str().find("Jane") != std::string::npos);  // the note Jane is still there...
  CHECK(out.str().find("\"client\"") == std::string::npos);  // ...the omitted field is not

  // The same file edited between reading and writing: the export stops and says which note.
  fs.add("Windows.md", "---\nq: 1\n---\nline one\nline 2!\n");
  std::ostringstream again;
  const auto error = write_json_export(again, builder, true);
  REQUIRE(error.has_value());
  CHECK(*error == "'Windows.md' changed while it was being exported; run the export again");
  fs.add("Windows.md", "short");
  CHECK(write_json_export(again, builder, true).has_value());
}

TEST_CASE("export: AtomicFile replaces only on commit and cleans up otherwise") {
  const std::string dir = temp_dir();
  const std::string dest = dir + "/out.json";
  { std::ofstream(dest) << "old"; }
  std::string temp;
  {
    auto created = AtomicFile::create(dest);
    REQUIRE(std::holds_alternative<AtomicFile>(created));
    auto& file = std::get<AtomicFile>(created);
    temp = file.temp_path();
    CHECK(temp.rfind(dest + ".tmp-", 0) == 0);
    CHECK(std::filesystem::exists(temp));
    { std::ofstream(temp) << "half"; }
  }  // not committed: the temporary file goes, the old file stays
  CHECK_FALSE(std::filesystem::exists(temp));
  std::stringstream old;
  old << std::ifstream(dest).rdbuf();
  CHECK(old.str() == "old");

  auto created = AtomicFile::create(dest);
  auto& file = std::get<AtomicFile>(created);
  { std::ofstream(file.temp_path()) << "new"; }
  CHECK_FALSE(file.commit().has_value());
  std::stringstream now;
  now << std::ifstream(dest).rdbuf();
  CHECK(now.str() == "new");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);

  const auto missing = AtomicFile::create(dir + "/no/such/folder/out.json");
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK(std::get<std::string>(missing).find("no/such/folder") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the export spells numbers as every other JSON of mdvault does") {
  const Note note = read_note("N.md", "---\nbig: 1e20\nsmall: 1.5e-7\ntenth: 0.1\nwhole: 3\nhuge: .inf\n---\n");
  REQUIRE(note.frontmatter.has_value());
  const std::string exported = frontmatter_json_text(&*note.frontmatter);
  CHECK(exported == R"({"big":1e+20,"small":1.5e-07,"tenth":0.1,"whole":3,"huge":null})");
  CHECK(exported == to_json_text(*note.frontmatter));
  CHECK(json_number_text(1e20) == "1e+20");
  CHECK(json_number_text(0.1) == "0.1");
  CHECK(json_number_text(1.0) == "1.0");  // a float stays apart from an integer
}
