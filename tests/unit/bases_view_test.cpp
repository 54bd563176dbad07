// `.base` files and views: the file model with its located diagnostics (shape, syntax errors
// with the column inside the YAML string, formula cycles, limits, duplicate views), and running
// views: filters with and/or/not, formulas, order and display names, sort, groupBy, limit and
// every default summary plus a custom one. Also ```base code blocks.

#include <doctest/doctest.h>

#include <string>

#include "core/bases/code_blocks.hpp"
#include "core/bases/expression_check.hpp"
#include "core/bases/view_runner.hpp"
#include "core/file_system.hpp"
#include "core/link_resolver.hpp"
#include "core/vault.hpp"

namespace b = mdvault::core::bases;
namespace core = mdvault::core;

namespace {

std::string diagnostics_of(const std::string& yaml) {
  auto parsed = b::parse_base(yaml, "x.base");
  std::string out;
  for (const auto& d : parsed.diagnostics) {
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " +
           std::string(core::to_string(d.severity)) + " " + d.rule + ": " + d.message + "\n";
  }
  return out;
}

struct Vault {
  core::Vault vault;
  std::unique_ptr<core::LinkResolver> resolver;
  Vault() {
    core::MemoryFileSystem fs;
    fs.add("Books/A.md", "---\nprice: 10\nage: 2\nstatus: done\ntags: [book]\ndone: true\nread: 2025-01-10\n---\n");
    fs.add("Books/B.md", "---\nprice: 3\nage: 1\nstatus: todo\ntags: [book]\ndone: false\nread: 2025-03-01\n---\n");
    fs.add("Books/C.md", "---\nprice: 8\nage: 4\nstatus: todo\ntags: [book, Textbook]\nread: 2025-02-01\n---\n[[Textbook]]\n");
    fs.add("Notes/D.md", "---\nprice: 1\nage: 1\nstatus: todo\n---\n#tag\n");
    fs.add("Textbook.md", "text\n");
    fs.add("image.png", "png");
    core::VaultOptions options;
    options.root = "/vault";
    options.jobs = 1;
    vault = core::load_vault(options, fs);
    resolver = std::make_unique<core::LinkResolver>(vault);
  }

  b::ViewResult run(const std::string& yaml, const std::string& view = "") {
    auto parsed = b::parse_base(yaml, "t.base");
    for (const auto& d : parsed.diagnostics) MESSAGE(d.message);
    REQUIRE_FALSE(parsed.has_errors());
    m_base = std::move(parsed.base);
    b::EvalEnvironment env;
    env.vault = &vault;
    env.resolver = resolver.get();
    env.base = &m_base;
    env.this_file = b::FileRef{nullptr, "t.base"};
    std::optional<std::size_t> index;
    if (!m_base.views.empty()) index = 0;
    if (!view.empty()) index = b::find_view(m_base, view);
    return b::run_view(m_base, index, env);
  }

  /// Rows as "path[values|...]" joined by spaces, groups as "{key:paths}".
  static std::string rows(const b::ViewResult& r) {
    std::string out;
    for (const auto& row : r.rows) {
      out += row.file.path;
      if (row.values.size() > 1) {
        out += "[";
        for (std::size_t i = 1; i < row.values.size(); ++i) out += (i > 1 ? "|" : "") + b::to_text(row.values[i]);
        out += "]";
      }
      out += " ";
    }
    if (!out.empty()) out.pop_back();
    return out;
  }

  b::BaseFile m_base;
};

}  // namespace

TEST_CASE("base file: the help's example reads without a problem") {
  const std::string yaml = R"YAML(filters:
  or:
    - file.hasTag("tag")
    - and:
        - file.hasTag("book")
        - file.hasLink("Textbook")
    - not:
        - file.hasTag("book")
        - file.inFolder("Required Reading")
formulas:
  formatted_price: 'if(price, price.toFixed(2) + " dollars")'
  ppu: "(price / age).toFixed(2)"
properties:
  status:
    displayName: Status
  formula.formatted_price:
    displayName: "Price"
  file.ext:
    displayName: Extension
summaries:
  customAverage: 'values.mean().round(3)'
views:
  - type: table
    name: "My table"
    limit: 10
    groupBy:
      property: note.age
      direction: DESC
    filters:
      and:
        - 'status != "done"'
        - or:
            - "formula.ppu > 5"
            - "price > 2.1"
    order:
      - file.name
      - file.ext
      - note.age
      - formula.ppu
      - formula.formatted_price
    summaries:
      formula.ppu: Average
)YAML";
  auto parsed = b::parse_base(yaml, "x.base");
  CHECK(diagnostics_of(yaml) == "");
  const auto& base = parsed.base;
  REQUIRE(base.views.size() == 1);
  CHECK(base.views[0].name == "My table");
  CHECK(base.views[0].limit == 10u);
  CHECK(base.views[0].group_by->descending);
  CHECK(base.formulas.size() == 2);
  CHECK(base.display_name("status") == "Status");
  CHECK(base.display_name("note.status") == "Status");
  CHECK(base.display_name("formula.formatted_price") == "Price");
  CHECK(base.display_name("file.ext") == "Extension");
  CHECK(base.display_name("note.age") == "age");
  CHECK(base.filters->kind == b::FilterNode::Kind::any);
  CHECK(base.filters->children.size() == 3);

  // Run on the fixture: C (a book that links Textbook) passes the `and`; D, Textbook.md and
  // image.png pass the `not` (no book tag, not in Required Reading). The view keeps rows not
  // done whose ppu ("2.00", compared with 5 as a number, as JavaScript does) or price passes:
  // only C (price 8); D's ppu is "1.00" and its price 1.
  Vault v;
  const auto r = v.run(yaml);
  CHECK(Vault::rows(r) == "Books/C.md[md|4|2.00|8.00 dollars]");
  REQUIRE(r.groups.size() == 1);
  CHECK(b::to_text(r.groups[0].key) == "4");
  REQUIRE(r.groups[0].summaries.size() == 1);
  // "2.00" is a string: Average reads numbers only, so the summary of text is empty.
  CHECK(r.groups[0].summaries[0].value.is_null());
  CHECK(r.columns[1].name == "Extension");
  CHECK(r.columns[4].name == "Price");
}

TEST_CASE("base file: located diagnostics") {
  CHECK(diagnostics_of("filters: [unclosed\n").find("error frontmatter.yaml") != std::string::npos);
  CHECK(diagnostics_of("- a\n- b\n") == "1:1 error bases.shape: a base is a YAML mapping of filters, formulas, properties, summaries and views\n");
  CHECK(diagnostics_of("filter: x\n") == "1:1 warning bases.key: unknown key 'filter'; did you mean 'filters'?\n");
  // The column of a syntax error is inside the YAML string, after its quote.
  CHECK(diagnostics_of("filters:\n  and:\n    - 'status == (\"done\"'\n") ==
        "3:18 error bases.syntax: ')' is missing: the parenthesis opened here is never closed\n");
  CHECK(diagnostics_of("filters: price > \n") == "1:17 error bases.syntax: the expression ends where a value is expected\n");
  CHECK(diagnostics_of("filters:\n  xor: [a]\n") ==
        "2:3 error bases.shape: unknown filter key 'xor': a filter object has and, or or not; did you mean 'or'?\n");
  CHECK(diagnostics_of("formulas:\n  a: formula.b + 1\n  b: formula.c\n  c: formula.a\n") ==
        "2:6 error bases.cycle: formulas use each other in a loop: formula.a -> formula.b -> formula.c -> formula.a\n");
  CHECK(diagnostics_of("formulas:\n  a: formula.a\n") ==
        "2:6 error bases.cycle: formulas use each other in a loop: formula.a -> formula.a\n");
  CHECK(diagnostics_of("formulas:\n  total: formula.pric * 2\n  price: 1\n") ==
        "2:18 error bases.unknown-formula: no formula is named 'pric'; did you mean 'formula.price'?\n");
  CHECK(diagnostics_of("views:\n  - type: table\n    name: A\n    limit: -1\n") ==
        "4:12 error bases.limit: limit is a whole number of rows above 0, not -1\n");
  CHECK(diagnostics_of("views:\n  - type: table\n    name: A\n    limit: ten\n") ==
        "4:12 error bases.limit: limit is a whole number of rows above 0, not \"ten\"\n");
  CHECK(diagnostics_of("views:\n  - type: table\n    name: A\n  - type: cards\n    name: A\n") ==
        "5:11 error bases.view-name: a second view named 'A' (the first is at line 3): --view could not tell them apart\n");
  CHECK(diagnostics_of("views:\n  - type: tabel\n    name: A\n") ==
        "2:11 warning bases.view-type: view type 'tabel' is not one of Obsidian's (table, cards, list, map); mdvault shows "
        "it as a table; did you mean 'table'?\n");
  CHECK(diagnostics_of("views:\n  - type: table\n    summaries:\n      price: Averag\n") ==
        "4:14 error bases.unknown-summary: no summary is named 'Averag'; did you mean 'Average'?\n");
  CHECK(diagnostics_of("display:\n  status: Status\n") ==
        "1:1 warning bases.renamed: 'display' was renamed 'properties' (Obsidian 1.9): write properties: { name: { "
        "displayName: ... } }\n");
  CHECK(diagnostics_of("views:\n  - name: A\n") == "2:5 error bases.shape: a view needs a type (table, cards, list or map)\n");
  CHECK(diagnostics_of("") == "");
  // A scalar YAML folds over lines, or one with escapes, does not hold the text as written:
  // its findings stay at the scalar's start instead of pointing past the end of the line.
  CHECK(diagnostics_of("filters: a ==\n  b c\n") == "1:10 error bases.syntax: unexpected name 'c' after the expression\n");
  CHECK(diagnostics_of("filters: \"x == \\\"a\\\" b\"\n") ==
        "1:10 error bases.syntax: unexpected name 'b' after the expression\n");
  // What a reader sees before running: unknown functions and methods, renamed 1.9 beta names,
  // methods on literals of the wrong type; each at its column inside the YAML string.
  CHECK(diagnostics_of("filters: 'taggedWith(file, \"x\")'\n") ==
        "1:11 error bases.unknown-function: unknown function 'taggedWith()': Obsidian renamed it, write "
        "file.hasTag(\"tag\")\n");
  CHECK(diagnostics_of("formulas:\n  a: tody() + \"1d\"\n") ==
        "2:6 error bases.unknown-function: unknown function 'tody()'; did you mean 'today()'?\n");
  CHECK(diagnostics_of("formulas:\n  a: \"name.lowr()\"\n") ==
        "2:12 error bases.unknown-method: unknown method 'lowr()'; did you mean 'lower()'?\n");
  CHECK(diagnostics_of("formulas:\n  a: '\"x\".toFixed(2) + (5).lower()'\n") ==
        "2:11 error bases.type: toFixed() is not a method of a string\n"
        "2:28 error bases.type: lower() is not a method of a number\n");
  CHECK(diagnostics_of("formulas:\n  a: '[1, 2].map(value * 2).sum()'\n") == "");
  // Deeply nested filter objects are refused, not recursed into without end.
  std::string deep = "filters:\n";
  for (int i = 0; i < 300; ++i) deep += std::string(static_cast<std::size_t>(2 * i + 2), ' ') + "not:\n";
  CHECK(diagnostics_of(deep).find("bases.shape: filters are nested too deeply") != std::string::npos);
}

TEST_CASE("views: filters, sort, limit, order and display names") {
  Vault v;
  const std::string yaml = R"YAML(filters:
  and:
    - file.ext == "md"
    - price
properties:
  price:
    displayName: Cost
views:
  - type: table
    name: cheap first
    order: [file.name, price]
    sort:
      - property: price
        direction: ASC
  - type: table
    name: top two
    limit: 2
    order: [file.name, price]
    sort:
      - property: note.price
        direction: DESC
  - type: table
    name: not books
    filters:
      not:
        - file.inFolder("Books")
  - type: list
    name: either
    filters:
      or:
        - status == "done"
        - file.hasTag("tag")
)YAML";
  auto r = v.run(yaml);
  CHECK(Vault::rows(r) == "Notes/D.md[1] Books/B.md[3] Books/C.md[8] Books/A.md[10]");
  CHECK(r.columns[1].name == "Cost");
  CHECK(Vault::rows(v.run(yaml, "top two")) == "Books/A.md[10] Books/C.md[8]");
  CHECK(v.run(yaml, "top two").matched == 4);
  CHECK(Vault::rows(v.run(yaml, "not books")) == "Notes/D.md");
  CHECK(Vault::rows(v.run(yaml, "either")) == "Books/A.md Notes/D.md");
  // Without filters a base has every file, attachments too.
  CHECK(Vault::rows(v.run("views:\n  - type: table\n    name: all\n")) ==
        "Books/A.md Books/B.md Books/C.md Notes/D.md Textbook.md image.png");
}

TEST_CASE("views: groupBy and every default summary") {
  Vault v;
  const std::string yaml = R"YAML(filters: price
summaries:
  twice: values.filter(value.isType("number")).reduce(acc + value, 0) * 2
views:
  - type: table
    name: g
    order: [file.name, price, read, done, status]
    groupBy:
      property: status
      direction: ASC
    sort:
      - property: price
        direction: DESC
    summaries:
      price: Sum
)YAML";
  const auto r = v.run(yaml);
  CHECK(Vault::rows(r) == "Books/A.md[10|2025-01-10|true|done] Books/C.md[8|2025-02-01|null|todo] "
                          "Books/B.md[3|2025-03-01|false|todo] Notes/D.md[1|null|null|todo]");
  REQUIRE(r.groups.size() == 2);
  CHECK(b::to_text(r.groups[0].key) == "done");
  CHECK(r.groups[0].begin == 0);
  CHECK(r.groups[0].end == 1);
  CHECK(b::to_text(r.groups[1].key) == "todo");
  CHECK(b::to_text(r.groups[1].summaries[0].value) == "12");
  CHECK(b::to_text(r.summaries[0].value) == "22");

  b::BaseFile base = b::parse_base(yaml, "t.base").base;
  b::EvalEnvironment env;
  b::Evaluator ev(env);
  const b::BaseList numbers{b::BaseValue::number(1), b::BaseValue::number(4), b::BaseValue::number(2),
                            b::BaseValue::number(7), b::BaseValue{}, b::BaseValue::string("x")};
  const auto sum = [&](const char* name, const b::BaseList& values) { return b::to_text(b::summarize(base, name, values, ev)); };
  CHECK(sum("Average", numbers) == "3.5");
  CHECK(sum("Min", numbers) == "1");
  CHECK(sum("Max", numbers) == "7");
  CHECK(sum("Sum", numbers) == "14");
  CHECK(sum("Range", numbers) == "6");
  CHECK(sum("Median", numbers) == "3");
  CHECK(sum("Stddev", numbers) == "2.29128784747792");
  CHECK(sum("Empty", numbers) == "1");
  CHECK(sum("Filled", numbers) == "5");
  CHECK(sum("Unique", {b::BaseValue::number(1), b::BaseValue::number(1), b::BaseValue::string("1"), b::BaseValue{}}) == "2");
  CHECK(sum("Average", {}) == "null");
  CHECK(sum("Sum", {}) == "0");
  CHECK(sum("twice", numbers) == "28");
  const b::BaseList dates{b::BaseValue::date(*b::DateTime::from_fields(2025, 1, 1)),
                          b::BaseValue::date(*b::DateTime::from_fields(2025, 1, 4)), b::BaseValue::string("x")};
  CHECK(sum("Earliest", dates) == "2025-01-01");
  CHECK(sum("Latest", dates) == "2025-01-04");
  CHECK(sum("Range", dates) == "3 days");
  const b::BaseList checks{b::BaseValue::boolean(true), b::BaseValue::boolean(false), b::BaseValue::boolean(true),
                           b::BaseValue{}};
  CHECK(sum("Checked", checks) == "2");
  CHECK(sum("Unchecked", checks) == "1");
}

TEST_CASE("views: formulas that use formulas, and failing rows") {
  Vault v;
  const std::string yaml = R"YAML(formulas:
  ppu: price / age
  label: 'formula.ppu.toFixed(1) + " per year"'
  bad: price.lower()
views:
  - type: table
    name: f
    filters:
      and:
        - file.inFolder("Books")
    order: [file.name, formula.label, formula.bad]
    sort:
      - property: formula.ppu
        direction: DESC
)YAML";
  const auto r = v.run(yaml);
  CHECK(Vault::rows(r) == "Books/A.md[5.0 per year|null] Books/B.md[3.0 per year|null] Books/C.md[2.0 per year|null]");
  CHECK(r.error_count == 3);
  REQUIRE_FALSE(r.errors.empty());
  CHECK(r.errors[0] == "Books/A.md: formula.bad: lower() is not a method of a number");
}

TEST_CASE("code blocks: ```base blocks of a note") {
  const std::string note = "---\ntitle: x\n---\n# Title\n```base\nviews:\n  - type: table\n```\n\n~~~ base\nfilters: a\n~~~\n"
                           "```yaml\nnot: this\n```\n````base\nx: 1\n```\nstill\n````\n";
  const auto blocks = b::find_base_blocks(note);
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[0].text == "views:\n  - type: table\n");
  CHECK(blocks[0].first_line == 6);
  CHECK(blocks[1].text == "filters: a\n");
  CHECK(blocks[1].first_line == 11);
  CHECK(blocks[2].text == "x: 1\n```\nstill\n");
  // Positions of diagnostics are file lines of the note.
  auto parsed = b::parse_base(blocks[1].text, "n.md", blocks[1].first_line);
  CHECK(parsed.diagnostics.empty());
  auto bad = b::parse_base("filters: (a\n", "n.md", 11);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].location.line == 11);
  CHECK(bad.diagnostics[0].location.column == 10);
}

TEST_CASE("base file: properties no note has") {
  auto parsed = b::parse_base("filters: 'minuts > 30 && note[\"staus\"] != 1 && this.nothing == file.nothing'\n"
                              "formulas:\n  f: '[1].map(value + price)'\n"
                              "views:\n  - type: table\n    order: [file.name, note.clinet, status]\n", "t.base");
  std::string out;
  for (const auto& d : b::unknown_property_warnings(parsed.base, {"minutes", "status", "client", "price"})) {
    out += std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " " + d.message + "\n";
  }
  CHECK(out == "1:11 no note has a property 'minuts'; did you mean 'minutes'?\n"
               "1:31 no note has a property 'staus'; did you mean 'status'?\n"
               "6:24 no note has a property 'clinet'; did you mean 'client'?\n");
}
