// The query engine on an in-memory vault: FROM sources, WHERE, SORT (nulls first), GROUP BY,
// FLATTEN, LIMIT in the order written, frontmatter typing, inline fields, file.* fields.

#include <doctest/doctest.h>

#include <string>

#include "core/file_system.hpp"
#include "core/link_resolver.hpp"
#include "core/query/engine.hpp"
#include "core/query/page_data.hpp"
#include "core/query/parser.hpp"
#include "core/query/source_check.hpp"
#include "core/vault.hpp"

namespace q = mdvault::core::query;
namespace core = mdvault::core;

namespace {

struct Fixture {
  core::Vault vault;
  std::unique_ptr<core::LinkResolver> resolver;
  Fixture() {
    core::MemoryFileSystem fs;
    fs.add("Fears/Abandonment.md", "---\nstatus: done\ncluster: Relational\nfears: [Abandonment, Being Forgotten]\n"
                                   "created: 2025-07-05\nrelated: \"[[Rejection]]\"\ntags: [fear/abandonment]\n---\n"
                                   "Body [[Rejection]]. #attachment\nmood:: anxious\n- [ ] open task\n");
    fs.add("Fears/Rejection.md", "---\nstatus: todo\ncluster: Relational\nfears: [Rejection]\ncreated: 2025-06-01\n---\n"
                                 "Links to [[Abandonment]].\nMy Field:: 7\n");
    fs.add("Fears/Defective.md", "---\nstatus: todo\ncluster: Identity\n---\nNo links.\n");
    fs.add("Start.md", "# Start\n[[Abandonment]] and [[Defective]]\n");
    core::VaultOptions options;
    options.root = "/vault";
    options.jobs = 1;
    vault = core::load_vault(options, fs);
    resolver = std::make_unique<core::LinkResolver>(vault);
  }

  /// The ids (file names) and first column of each row, "name=value;" each. Every query also
  /// runs on whole pages (PageShape::full()): the pages built for what it reads must agree.
  std::string run(const std::string& text) {
    auto parsed = q::parse_query(text);
    REQUIRE_MESSAGE(std::holds_alternative<q::Query>(parsed), text);
    const auto& query = std::get<q::Query>(parsed);
    auto result = q::run_query(query, vault, *resolver);
    CHECK_MESSAGE(describe(result) == describe(q::run_query(query, vault, *resolver, q::PageShape::full())), text);
    if (auto* failure = std::get_if<q::QueryFailure>(&result)) return "FAIL: " + failure->message;
    std::string out;
    for (const auto& row : std::get<q::QueryResult>(result).rows) {
      out += row.id.is_link() ? row.id.as_link().file_title() : q::to_dataview_string(row.id);
      if (!row.values.empty()) out += "=" + q::to_dataview_string(row.values[0]);
      out += ";";
    }
    return out;
  }

  /// Everything a result shows: every column of every row, the errors of dropped rows.
  static std::string describe(const std::variant<q::QueryResult, q::QueryFailure>& result) {
    if (auto* failure = std::get_if<q::QueryFailure>(&result)) return "FAIL: " + failure->message;
    const auto& r = std::get<q::QueryResult>(result);
    std::string out;
    for (const auto& row : r.rows) {
      out += q::to_dataview_string(row.id);
      for (const auto& v : row.values) out += "|" + q::to_dataview_string(v);
      if (r.grouped) out += "|" + q::to_dataview_string(row.data);
      out += "\n";
    }
    for (const auto& e : r.row_errors) out += "error: " + e + "\n";
    return out;
  }
};

}  // namespace

TEST_CASE("query engine: FROM sources and combinators") {
  Fixture f;
  CHECK(f.run("LIST FROM \"Fears\"") == "Abandonment;Defective;Rejection;");
  CHECK(f.run("LIST FROM #fear") == "Abandonment;");
  CHECK(f.run("LIST FROM #attachment or #fear/abandonment") == "Abandonment;");
  CHECK(f.run("LIST FROM \"Fears\" and -#fear") == "Defective;Rejection;");
  CHECK(f.run("LIST FROM [[Abandonment]]") == "Rejection;Start;");
  CHECK(f.run("LIST FROM outgoing([[Start]])") == "Abandonment;Defective;");
  CHECK(f.run("LIST FROM !(\"Fears\")") == "Start;");
}

TEST_CASE("query engine: WHERE, SORT with nulls, LIMIT, in the order written") {
  Fixture f;
  CHECK(f.run("TABLE status FROM \"Fears\" WHERE status != \"done\" SORT file.name DESC") ==
        "Rejection=todo;Defective=todo;");
  CHECK(f.run("TABLE created SORT created") == "Defective=\\-;Start=\\-;Rejection=June 01, 2025;Abandonment=July 05, 2025;");
  CHECK(f.run("TABLE created SORT created DESC LIMIT 2") == "Abandonment=July 05, 2025;Rejection=June 01, 2025;");
  CHECK(f.run("LIST WITHOUT ID file.name SORT file.name DESC LIMIT 1") == "Start=Start;");
  // As in Dataview, LIST takes the next word as its expression: `SORT` is not a keyword of fields.
  CHECK(std::holds_alternative<q::SyntaxError>(q::parse_query("LIST SORT file.name DESC")));
  CHECK(f.run("LIST WHERE contains(cluster, \"Rel\") AND status = \"todo\" or status = \"done\"") ==
        "Abandonment;Rejection;");
  CHECK(f.run("LIST WHERE created > date(2025-06-15)") == "Abandonment;");
}

TEST_CASE("query engine: GROUP BY and FLATTEN") {
  Fixture f;
  CHECK(f.run("TABLE length(rows) GROUP BY cluster") == "\\-=1;Identity=1;Relational=2;");
  CHECK(f.run("TABLE rows.file.name FROM \"Fears\" GROUP BY status AS s SORT s DESC") ==
        "todo=Defective, Rejection;done=Abandonment;");
  CHECK(f.run("TABLE fears FROM \"Fears\" FLATTEN fears WHERE fears") ==
        "Abandonment=Abandonment;Abandonment=Being Forgotten;Rejection=Rejection;");
  CHECK(f.run("TABLE length(rows) FLATTEN fears GROUP BY fears") ==
        "\\-=2;Abandonment=1;Being Forgotten=1;Rejection=1;");
}

TEST_CASE("query engine: typed frontmatter, inline fields, normalized names, file fields") {
  Fixture f;
  CHECK(f.run("TABLE typeof(created), typeof(related) FROM \"Fears/Abandonment\"") == "Abandonment=date;");
  CHECK(f.run("TABLE related.status FROM \"Fears/Abandonment\"") == "Abandonment=todo;");
  CHECK(f.run("TABLE mood WHERE mood") == "Abandonment=anxious;");
  CHECK(f.run("TABLE my-field + 1 WHERE my-field") == "Rejection=8;");
  CHECK(f.run("TABLE row[\"My Field\"] WHERE my-field") == "Rejection=7;");
  CHECK(f.run("TABLE file.inlinks WHERE file.name = \"Abandonment\"") ==
        "Abandonment=[[Fears/Rejection.md|Rejection]], [[Start.md|Start]];");
  CHECK(f.run("TABLE length(file.tasks) WHERE file.tasks") == "Abandonment=1;");
  CHECK(f.run("TABLE file.tags WHERE file.tags") == "Abandonment=#fear/abandonment, #fear, #attachment;");
  CHECK(f.run("TABLE file.folder WHERE file.name = \"Start\"") == "Start=;");
  CHECK(f.run("LIST WHERE contains(file.outlinks, [[Rejection]])") == "Abandonment;");
}

TEST_CASE("query engine: failures") {
  Fixture f;
  CHECK(f.run("TABLE lowr(status)").find("did you mean 'lower'") != std::string::npos);
  CHECK(f.run("TABLE length(1)").find("every row") != std::string::npos);
  CHECK(f.run("LIST LIMIT \"x\"").find("limit should be a number") != std::string::npos);
  auto parsed = q::parse_query("TABLE statuss");
  auto warnings = q::unknown_field_warnings(std::get<q::Query>(parsed), f.vault);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "no note has a field 'statuss'; did you mean 'status'?");
}

TEST_CASE("query engine: pages hold only what the query reads, and show the same") {
  auto shape_of = [](const std::string& text) { return q::page_shape(std::get<q::Query>(q::parse_query(text))); };
  const auto narrow = shape_of("TABLE status, file.name WHERE row[\"My Field\"] SORT file.mtime");
  CHECK_FALSE(narrow.all_fields);
  CHECK_FALSE(narrow.whole_file);
  CHECK(narrow.needs_name("status"));
  CHECK(narrow.needs_name("My Field"));
  CHECK_FALSE(narrow.needs_name("cluster"));
  CHECK(narrow.needs_file("name"));
  CHECK(narrow.needs_file("day"));  // date(link) reads it
  CHECK_FALSE(narrow.needs_links());
  CHECK(shape_of("TABLE file.inlinks").needs_links());
  CHECK(shape_of("TABLE extract(file, \"name\")").whole_file);
  CHECK(shape_of("TABLE [[Start]].file").whole_file);
  CHECK_FALSE(shape_of("TABLE file.link.file.name").whole_file);
  CHECK(shape_of("TABLE row[status + \"x\"]").all_fields);
  CHECK(shape_of("TABLE row[status]").all_fields);  // the value of `status` is the key, as in Dataview
  CHECK(shape_of("TABLE hello[brain]").needs_name("brain"));
  CHECK(shape_of("TABLE rows.status GROUP BY cluster").all_fields);

  Fixture f;  // run() compares each result with whole pages
  CHECK(f.run("TABLE extract(file, \"name\", \"folder\") WHERE file.name = \"Start\"") ==
        "Start={ name: Start, folder:  };");
  CHECK(f.run("TABLE length(file) WHERE file.name = \"Start\"") == "Start=20;");  // every file member
  CHECK(f.run("TABLE row[\"cluster\"] WHERE cluster = \"Identity\"") == "Defective=Identity;");
  CHECK(f.run("TABLE related.file.inlinks FROM \"Fears/Abandonment\"") ==
        "Abandonment=[[Fears/Abandonment.md|Abandonment]];");
  CHECK(f.run("TABLE date(file.link) WHERE file.name = \"Start\"") == "Start=\\-;");
  CHECK(f.run("TABLE filter(file.tasks, (t) => !t.completed).text WHERE file.tasks") == "Abandonment=open task;");
  CHECK(f.run("TABLE my-field FLATTEN my-field * 2 AS my-field WHERE my-field") == "Rejection=14;");
  CHECK(f.run("TABLE rows.status GROUP BY cluster") == "\\-=\\-;Identity=todo;Relational=done, todo;");
}

TEST_CASE("query engine: an empty link opens no page") {
  // [[]] once opened a note that lived on the stack of LinkResolver::find_note (fuzz/dql_expression).
  Fixture f;
  const std::string null_text = q::to_dataview_string(q::DqlValue{});
  CHECK(f.run("TABLE [[]].file.name WHERE file.name = \"Start\"") == "Start=" + null_text + ";");
  CHECK(f.run("TABLE [[ ]][\"status\"] WHERE file.name = \"Start\"") == "Start=" + null_text + ";");
}

TEST_CASE("query engine: file.tags of a deeply nested tag is bounded, not quadratic") {
  // A tag nested 100,000 levels has 100,000 parents of up to 200 KB each: 10 GB when copied.
  std::string deep = "#t";
  for (int i = 0; i < 100000; ++i) deep += "/a";
  core::MemoryFileSystem fs;
  fs.add("Deep.md", "---\ntags: [x/y/z, x/y]\n---\n" + deep + "\n");
  core::VaultOptions options;
  options.root = "/vault";
  options.jobs = 1;
  const core::Vault vault = core::load_vault(options, fs);
  const core::LinkResolver resolver(vault);
  auto parsed = q::parse_query("TABLE length(file.tags), file.tags[0], file.tags[1], file.tags[2], file.tags[3], "
                               "length(file.tags[4]), length(file.etags)");
  REQUIRE(std::holds_alternative<q::Query>(parsed));
  auto result = q::run_query(std::get<q::Query>(parsed), vault, resolver);
  REQUIRE(std::holds_alternative<q::QueryResult>(result));
  const auto& row = std::get<q::QueryResult>(result).rows.at(0);
  // The tags in order, parents after each tag, each once; the deep tag's parents stop at 4 MiB.
  const double count = row.values.at(0).as_number();
  CHECK(count > 5);
  CHECK(count < 30);
  CHECK(row.values.at(1).as_string() == "#x/y/z");
  CHECK(row.values.at(2).as_string() == "#x/y");
  CHECK(row.values.at(3).as_string() == "#x");
  CHECK(row.values.at(4).as_string() == deep);
  CHECK(row.values.at(5).as_number() == static_cast<double>(deep.size() - 2));
  CHECK(row.values.at(6).as_number() == 3);
}

TEST_CASE("query source check: a FROM folder, tag or note that matches nothing, with did you mean") {
  Fixture f;
  auto warnings = [&f](const std::string& text) {
    auto parsed = q::parse_query(text);
    REQUIRE(std::holds_alternative<q::Query>(parsed));
    std::string out;
    for (const auto& w : q::unmatched_source_warnings(std::get<q::Query>(parsed), f.vault, *f.resolver)) out += w + "\n";
    return out;
  };
  CHECK(warnings("LIST FROM \"Fears\" and #fear and [[Start]]").empty());
  CHECK(warnings("LIST FROM \"Fear\"") == "FROM \"Fear\" matches no folder or note; did you mean \"Fears\"?\n");
  CHECK(warnings("LIST FROM #feer") == "FROM #feer matches no note: no note has that tag; did you mean #fear?\n");
  CHECK(warnings("LIST FROM \"Fears\" and -[[Rejektion]]") ==
        "FROM [[Rejektion]] names no note of the vault; did you mean [[Rejection]]?\n");
}

TEST_CASE("query engine: TASK rows are the tasks of the notes, with their page's fields") {
  Fixture f;
  // One row per task, its line as the column; WHERE sees the task's members and the page's fields.
  CHECK(f.run("TASK") == "Abandonment=- [ ] open task;");
  CHECK(f.run("TASK WHERE !completed AND cluster = \"Relational\"") == "Abandonment=- [ ] open task;");
  CHECK(f.run("TASK WHERE completed") == "");
  CHECK(f.run("TASK WHERE text = \"open task\" AND file.name = \"Abandonment\"") == "Abandonment=- [ ] open task;");
  CHECK(f.run("TASK FROM \"Start\"") == "");
  // GROUP BY: the group key, and the lines of the group's tasks.
  CHECK(f.run("TASK GROUP BY status") == " =- [ ] open task;");  // the task's status, not its page's
  CHECK(f.run("TASK GROUP BY cluster GROUP BY length(rows)") == "1=- [ ] open task;");
  CHECK(f.run("TASK WHERE nosuch(1)").find("unknown function 'nosuch'") != std::string::npos);
  auto parsed = q::parse_query("TASK WHERE !completed AND due");
  CHECK(q::unknown_field_warnings(std::get<q::Query>(parsed), f.vault).empty());
}

TEST_CASE("query engine: CALENDAR keeps the rows whose field is a date") {
  Fixture f;
  CHECK(f.run("CALENDAR created SORT file.name") == "Abandonment=July 05, 2025;Rejection=June 01, 2025;");
  CHECK(f.run("CALENDAR status") == "");
}

TEST_CASE("query engine: normalized field names collapse runs of white space") {
  CHECK(q::canonical_field_name("This     is test") == "this-is-test");
  CHECK(q::canonical_field_name("Intensity Level") == "intensity-level");
  CHECK(q::canonical_field_name("a \t b") == "a-b");
  CHECK(q::canonical_field_name(" lead") == "-lead");
  CHECK(q::canonical_field_name("") == "");
}

TEST_CASE("query engine: a data command that names a TABLE column is told it runs before the columns") {
  Fixture f;
  auto warnings_of = [&f](const std::string& text) {
    return q::unknown_field_warnings(std::get<q::Query>(q::parse_query(text)), f.vault);
  };
  auto w = warnings_of("TABLE length(file.inlinks) AS n SORT n DESC");
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "no note has a field 'n'; SORT runs before the columns: repeat the expression of column 'n', not its name");
  w = warnings_of("TABLE status AS s WHERE s");
  REQUIRE(w.size() == 1);
  CHECK(w[0].find("WHERE runs before the columns") != std::string::npos);
  CHECK(warnings_of("TABLE status AS s SORT status").empty());  // a field: no warning
  CHECK(warnings_of("TABLE status SORT status").empty());
  w = warnings_of("TABLE status AS s SORT statuss");  // no alias: the usual hint
  REQUIRE(w.size() == 1);
  CHECK(w[0] == "no note has a field 'statuss'; did you mean 'status'?");
}
