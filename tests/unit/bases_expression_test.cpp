// The Bases expression language: the parser (precedence, regex literals, errors with offsets,
// the depth limit) and every example of Obsidian's help that shows a value (Functions.md,
// Bases syntax.md, Formulas.md), with null and wrong-type cases.

#include <doctest/doctest.h>

#include <string>

#include "core/bases/evaluator.hpp"
#include "core/bases/parser.hpp"
#include "core/file_system.hpp"
#include "core/link_resolver.hpp"
#include "core/vault.hpp"

namespace b = mdvault::core::bases;
namespace core = mdvault::core;

namespace {

struct Fixture {
  core::Vault vault;
  std::unique_ptr<core::LinkResolver> resolver;
  core::bases::PropertyTypes types{{"due", "date"}, {"code", "text"}};
  b::BaseFile base;
  b::EvalEnvironment env;

  Fixture() {
    core::MemoryFileSystem fs;
    fs.add("Books/Dune.md",
           "---\nprice: 12.5\nage: 5\nstatus: reading\ntags: [book, sci-fi/classic]\nauthor: \"[[Herbert]]\"\n"
           "due: 2025-07-05\ncode: 2025-07-05\ncreated: 2024-12-01\nscores: [3, 1, 2]\nmeta: {a: 1, b: two}\n---\n"
           "Read [[Herbert]] and [[Textbook]]. #inline\n![[cover.png]]\n",
           1'700'000'000);
    fs.add("People/Herbert.md", "---\nborn: 1920\n---\nWrote [[Dune]].\n");
    fs.add("Textbook.md", "Links to nothing.\n");
    fs.add("cover.png", "png");
    core::VaultOptions options;
    options.root = "/vault";
    options.jobs = 1;
    vault = core::load_vault(options, fs);
    resolver = std::make_unique<core::LinkResolver>(vault);
    auto parsed = b::parse_base("formulas:\n  ppu: \"(price / age).toFixed(2)\"\n  twice: formula.ppu * 2\n", "t.base");
    base = std::move(parsed.base);
    env.vault = &vault;
    env.resolver = resolver.get();
    env.property_types = &types;
    env.base = &base;
    env.this_file = b::FileRef{vault.find("People/Herbert.md"), "People/Herbert.md"};
    env.now = *b::DateTime::from_fields(2025, 12, 31, 23, 59, 59);
  }

  /// The value of `text` for Books/Dune.md as toString() gives it, typed: "number:3", or "ERROR: ...".
  std::string eval(const std::string& text) {
    auto parsed = b::parse_expression(text);
    if (auto* e = std::get_if<b::ExprError>(&parsed)) return "SYNTAX: " + e->message + " @" + std::to_string(e->offset);
    b::Evaluator ev(env);
    ev.set_row(b::FileRef{vault.find("Books/Dune.md"), "Books/Dune.md"});
    auto v = ev.try_evaluate(*std::get<b::ExprPtr>(parsed));
    if (auto* error = std::get_if<std::string>(&v)) return "ERROR: " + *error;
    const auto& value = std::get<b::BaseValue>(v);
    return std::string(b::type_name(value.type())) + ":" + b::to_text(value);
  }
};

}  // namespace

TEST_CASE("bases parser: precedence, literals and errors") {
  Fixture f;
  CHECK(f.eval("1 + 2 * 3") == "number:7");
  CHECK(f.eval("(1 + 2) * 3") == "number:9");
  CHECK(f.eval("10 - 4 - 3") == "number:3");
  CHECK(f.eval("7 % 4") == "number:3");
  CHECK(f.eval("1 < 2 && 2 < 1 || true") == "boolean:true");
  CHECK(f.eval("!false && 1 == 1") == "boolean:true");
  CHECK(f.eval("-2 * -3") == "number:6");
  CHECK(f.eval("'single' + \"double\"") == "string:singledouble");
  CHECK(f.eval("\"a\\\"b\"") == "string:a\"b");
  CHECK(f.eval("[1, [2, 3]].length") == "number:2");
  CHECK(f.eval("{\"a\": 1, b: 2}.b") == "number:2");
  CHECK(f.eval("10 / 2 / 5") == "number:1");
  CHECK(f.eval("/a/g.matches(\"cat\")") == "boolean:true");
  CHECK(f.eval("4 / 2") == "number:2");  // after an operand, '/' divides

  CHECK(f.eval("(1 + 2") == "SYNTAX: ')' is missing: the parenthesis opened here is never closed @0");
  CHECK(f.eval("1 + 2)") == "SYNTAX: unexpected ')' after the expression @5");
  CHECK(f.eval("\"abc") == "SYNTAX: unclosed string: a \" is missing @0");
  CHECK(f.eval("status = \"done\"") == "SYNTAX: '=' is no operator: write == to compare @7");
  CHECK(f.eval("a & b") == "SYNTAX: write && for the boolean operator @2");
  CHECK(f.eval("/abc") == "SYNTAX: unclosed regular expression: the closing / is missing @0");
  CHECK(f.eval("/a/q") == "SYNTAX: unknown or repeated regular expression flag 'q' @3");
  CHECK(f.eval("") == "SYNTAX: the expression ends where a value is expected @0");
  CHECK(f.eval("f(1,") == "SYNTAX: the expression ends where a value is expected @4");

  // 10,000 nested parentheses: a located error, no stack overflow.
  const std::string deep = std::string(10'000, '(') + "1" + std::string(10'000, ')');
  CHECK(f.eval(deep).rfind("SYNTAX: the expression is nested more than 200 levels deep", 0) == 0);
  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  CHECK(f.eval(chain).rfind("SYNTAX: the expression is nested more than", 0) == 0);
  std::string fine = "1";
  for (int i = 0; i < 100; ++i) fine += " + 1";
  CHECK(f.eval(fine) == "number:101");
}

TEST_CASE("bases: global functions (Functions.md)") {
  Fixture f;
  CHECK(f.eval("if(price, price.toFixed(2) + \" dollars\")") == "string:12.50 dollars");
  CHECK(f.eval("if(missing, \"yes\")") == "null:null");
  CHECK(f.eval("if(false, 1, 2)") == "number:2");
  CHECK(f.eval("number(\"3.4\")") == "number:3.4");
  CHECK(f.eval("number(true)") == "number:1");
  CHECK(f.eval("number(\"abc\")") == "ERROR: number() cannot read 'abc' as a number");
  CHECK(f.eval("number(date(\"1970-01-02\"))") == "number:86400000");
  CHECK(f.eval("list(\"value\")") == "list:value");
  CHECK(f.eval("list([1, 2]).length") == "number:2");
  CHECK(f.eval("max(1, 5, 3)") == "number:5");
  CHECK(f.eval("min(4, 2, 8)") == "number:2");
  CHECK(f.eval("max(\"a\", 1)") == "ERROR: max() takes a number as argument 1, not a string");
  CHECK(f.eval("date(\"2025-01-01 12:00:00\")") == "date:2025-01-01 12:00:00");
  CHECK(f.eval("date(\"31/12/2025\")") == "ERROR: date() cannot read '31/12/2025': write YYYY-MM-DD or YYYY-MM-DD HH:mm:ss");
  CHECK(f.eval("date(\"2025-02-30\")").rfind("ERROR: date() cannot read", 0) == 0);
  CHECK(f.eval("today()") == "date:2025-12-31");
  CHECK(f.eval("now()") == "date:2025-12-31 23:59:59");
  CHECK(f.eval("escapeHTML(\"<b>&</b>\")") == "string:&lt;b&gt;&amp;&lt;/b&gt;");
  CHECK(f.eval("link(\"filename\", \"display\")") == "link:display");
  CHECK(f.eval("link(\"[[Herbert]]\").asFile().path") == "string:People/Herbert.md");
  CHECK(f.eval("file(link(\"[[Herbert]]\")).name") == "string:Herbert.md");
  CHECK(f.eval("file(\"Textbook.md\").basename") == "string:Textbook");
  CHECK(f.eval("file(\"nowhere\")") == "null:null");
  CHECK(f.eval("duration(\"5h\") * 2") == "duration:10 hours");
  CHECK(f.eval("duration(\"soon\")") == "ERROR: 'soon' is no duration (write \"1d\", \"2 hours\", \"1M\"...)");
  CHECK(f.eval("tody()") == "ERROR: unknown function 'tody'; did you mean 'today'?");
  CHECK(f.eval("nope(1)") == "ERROR: unknown function 'nope'");
  CHECK(f.eval("taggedWith(file, \"book\")") == "ERROR: unknown function 'taggedWith': it was renamed, write file.hasTag(\"tag\")");
  const std::string r = f.eval("random()");
  CHECK(r.rfind("number:0", 0) == 0);
}

TEST_CASE("bases: date arithmetic (Bases syntax.md)") {
  Fixture f;
  CHECK(f.eval("date(\"2024-12-01\") + \"1M\" + \"4h\" + \"3m\"") == "date:2025-01-01 04:03:00");
  CHECK(f.eval("(now() + \"1d\") - now()") == "number:86400000");
  CHECK(f.eval("now() + \"1 day\"") == "date:2026-01-01 23:59:59");
  CHECK(f.eval("today() + \"7d\"") == "date:2026-01-07");
  CHECK(f.eval("date(\"2025-01-31\") + \"1M\"") == "date:2025-02-28");
  CHECK(f.eval("date(\"2025-03-01\") - \"2h\"") == "date:2025-02-28 22:00:00");
  CHECK(f.eval("date(\"2025-01-01\") + \"1 year 2 weeks\"") == "date:2026-01-15");
  CHECK(f.eval("now() + (duration('1d') * 2)") == "date:2026-01-02 23:59:59");
  CHECK(f.eval("date(\"2025-01-01\") + \"eventually\"") == "ERROR: 'eventually' is no duration (write \"1d\", \"2 hours\", \"1M\"...)");
  CHECK(f.eval("now().date().format(\"YYYY-MM-DD HH:mm:ss\")") == "string:2025-12-31 00:00:00");
  CHECK(f.eval("date(\"2025-05-27\").format(\"YYYY-MM-DD\")") == "string:2025-05-27");
  CHECK(f.eval("date(\"2025-05-27 07:05:09\").format(\"dddd, MMMM Do YYYY, h:mm A [at] ss\")") ==
        "string:Tuesday, May 27th 2025, 7:05 AM at 09");
  CHECK(f.eval("now().time()") == "string:23:59:59");
  CHECK(f.eval("now().hour") == "number:23");
  CHECK(f.eval("date(\"2025-05-27\").month") == "number:5");
  CHECK(f.eval("date(\"2025-12-28\").relative()") == "string:4 days ago");
  CHECK(f.eval("date(\"2026-03-01\").relative()") == "string:in 2 months");
  CHECK(f.eval("date(\"2025-05-27\").isEmpty()") == "boolean:false");
  CHECK(f.eval("date(\"2025-05-27\") < date(\"2025-05-28\")") == "boolean:true");
  CHECK(f.eval("created + \"2w\"") == "date:2024-12-15");  // start_date + "2w" (Formulas.md)
  CHECK(f.eval("file.mtime > now() - \"1 week\"") == "boolean:false");
}

TEST_CASE("bases: any, string and number methods (Functions.md)") {
  Fixture f;
  CHECK(f.eval("1.isTruthy()") == "boolean:true");
  CHECK(f.eval("\"\".isTruthy()") == "boolean:false");
  CHECK(f.eval("\"example\".isType(\"string\")") == "boolean:true");
  CHECK(f.eval("true.isType(\"boolean\")") == "boolean:true");
  CHECK(f.eval("123.toString()") == "string:123");
  CHECK(f.eval("\"hello\".contains(\"ell\")") == "boolean:true");
  CHECK(f.eval("\"hello\".containsAll(\"h\", \"e\")") == "boolean:true");
  CHECK(f.eval("\"hello\".containsAny(\"x\", \"y\", \"e\")") == "boolean:true");
  CHECK(f.eval("\"hello\".endsWith(\"lo\")") == "boolean:true");
  CHECK(f.eval("\"hello\".startsWith(\"he\")") == "boolean:true");
  CHECK(f.eval("\"Hello world\".isEmpty()") == "boolean:false");
  CHECK(f.eval("\"\".isEmpty()") == "boolean:true");
  CHECK(f.eval("\"HeLLo\".lower()") == "string:hello");
  CHECK(f.eval("\"a:b:c:d\".replace(/:/, \"-\")") == "string:a-b:c:d");
  CHECK(f.eval("\"a:b:c:d\".replace(/:/g, \"-\")") == "string:a-b-c-d");
  CHECK(f.eval("\"a:b:c:d\".replace(\":\", \"-\")") == "string:a-b-c-d");
  CHECK(f.eval("\"John Smith\".replace(/(\\w+) (\\w+)/, \"$2, $1\")") == "string:Smith, John");
  CHECK(f.eval("\"123\".repeat(2)") == "string:123123");
  CHECK(f.eval("\"x\".repeat(100000000)") == "ERROR: the text would be longer than 16 MiB");
  CHECK(f.eval("\"hello\".reverse()") == "string:olleh");
  CHECK(f.eval("\"hello\".slice(1, 4)") == "string:ell");
  CHECK(f.eval("\"hello\".slice(1)") == "string:ello");
  CHECK(f.eval("\"a,b,c,d\".split(\",\", 3)") == "list:a, b, c");
  CHECK(f.eval("\"a,b,c,d\".split(/,/, 3)") == "list:a, b, c");
  CHECK(f.eval("\"hello world\".title()") == "string:Hello World");
  CHECK(f.eval("\"  hi  \".trim()") == "string:hi");
  CHECK(f.eval("\"héllo\".length") == "number:5");
  CHECK(f.eval("(-5).abs()") == "number:5");
  CHECK(f.eval("(2.1).ceil()") == "number:3");
  CHECK(f.eval("(2.9).floor()") == "number:2");
  CHECK(f.eval("5.isEmpty()") == "boolean:false");
  CHECK(f.eval("(2.5).round()") == "number:3");
  CHECK(f.eval("(2.3333).round(2)") == "number:2.33");
  CHECK(f.eval("(3.14159).toFixed(2)") == "string:3.14");
  // Wrong types and null receivers.
  CHECK(f.eval("5.lower()") == "ERROR: lower() is not a method of a number");
  CHECK(f.eval("\"x\".toFixed(2)") == "ERROR: toFixed() is not a method of a string");
  CHECK(f.eval("\"x\".contains(1)") == "ERROR: contains() takes a string, not a number");
  CHECK(f.eval("missing.lower()") == "null:null");
  CHECK(f.eval("missing.isEmpty()") == "boolean:true");
  CHECK(f.eval("\"x\".lowr()") == "ERROR: unknown method 'lowr()'; did you mean 'lower()'?");
  CHECK(f.eval("(\"a\" + \"b\").catastrophic") == "ERROR: a string has no field 'catastrophic'");
  // A pattern that backtracks catastrophically gives up at the match limit instead of hanging.
  CHECK(f.eval("/(a+)+$/.matches(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\")") ==
        "ERROR: the regular expression is too complex (match limit reached)");
  CHECK(f.eval("/abc/.matches(\"abcde\")") == "boolean:true");
  CHECK(f.eval("/ABC/i.matches(\"abcde\")") == "boolean:true");
  CHECK(f.eval("/(/.matches(\"x\")").rfind("ERROR: the regular expression /(/ does not compile", 0) == 0);
}

TEST_CASE("bases: list and object methods (Functions.md)") {
  Fixture f;
  CHECK(f.eval("[1,2,3].contains(2)") == "boolean:true");
  CHECK(f.eval("[1,2,3].containsAll(2,3)") == "boolean:true");
  CHECK(f.eval("[1,2,3].containsAny(3,4)") == "boolean:true");
  CHECK(f.eval("[1,2,3,4].filter(value > 2)") == "list:3, 4");
  CHECK(f.eval("[1,2,3,4].filter(index < 1)") == "list:1");
  CHECK(f.eval("[1,[2,3]].flat()") == "list:1, 2, 3");
  CHECK(f.eval("[1,2,3].isEmpty()") == "boolean:false");
  CHECK(f.eval("[1,2,3].join(\",\")") == "string:1,2,3");
  CHECK(f.eval("[1,2,3,4].map(value + 1)") == "list:2, 3, 4, 5");
  CHECK(f.eval("[1,2,3].reduce(acc + value, 0)") == "number:6");
  CHECK(f.eval("[3, \"x\", 7, 5].filter(value.isType(\"number\")).reduce(if(acc == null || value > acc, value, acc), null)") ==
        "number:7");
  CHECK(f.eval("[].reduce(if(acc == null || value > acc, value, acc), null)") == "null:null");
  CHECK(f.eval("[1,2,3].reverse()") == "list:3, 2, 1");
  CHECK(f.eval("[1,2,3,4].slice(1,3)") == "list:2, 3");
  CHECK(f.eval("[3, 1, 2].sort()") == "list:1, 2, 3");
  CHECK(f.eval("[\"c\", \"a\", \"b\"].sort()") == "list:a, b, c");
  CHECK(f.eval("[1,2,2,3].unique()") == "list:1, 2, 3");
  CHECK(f.eval("[1,2,3].length") == "number:3");
  CHECK(f.eval("[1, 2, 3, 4].mean().round(3)") == "number:2.5");
  CHECK(f.eval("[10, 20][0]") == "number:10");
  CHECK(f.eval("[10, 20][5]") == "null:null");
  CHECK(f.eval("scores.sort()") == "list:1, 2, 3");
  CHECK(f.eval("scores[0]") == "number:3");
  CHECK(f.eval("[1].map()") == "ERROR: map() takes one expression of value and index");
  CHECK(f.eval("{}.isEmpty()") == "boolean:true");
  CHECK(f.eval("{\"a\": 1, \"b\": 2}.keys()") == "list:a, b");
  CHECK(f.eval("{\"a\": 1, \"b\": 2}.values()") == "list:1, 2");
  CHECK(f.eval("meta.b") == "string:two");
  CHECK(f.eval("meta[\"a\"]") == "number:1");
  CHECK(f.eval("note[\"price\"]") == "number:12.5");
  CHECK(f.eval("note.price") == "number:12.5");
}

TEST_CASE("bases: files, links, this and formulas") {
  Fixture f;
  CHECK(f.eval("file.name") == "string:Dune.md");
  CHECK(f.eval("file.basename") == "string:Dune");
  CHECK(f.eval("file.ext") == "string:md");
  CHECK(f.eval("file.folder") == "string:Books");
  CHECK(f.eval("file.path") == "string:Books/Dune.md");
  CHECK(f.eval("file.ext == \"md\"") == "boolean:true");
  CHECK(f.eval("file.hasTag(\"book\")") == "boolean:true");
  CHECK(f.eval("file.hasTag(\"sci-fi\")") == "boolean:true");  // nested tags count
  CHECK(f.eval("file.hasTag(\"tag1\", \"inline\")") == "boolean:true");
  CHECK(f.eval("file.hasTag(\"classic\")") == "boolean:false");
  CHECK(f.eval("file.tags.contains(\"#book\")") == "boolean:true");
  CHECK(f.eval("file.hasLink(\"Textbook\")") == "boolean:true");
  CHECK(f.eval("file.hasLink(this.file)") == "boolean:true");
  CHECK(f.eval("file.hasLink(file(\"People/Herbert.md\"))") == "boolean:true");
  CHECK(f.eval("file.hasLink(\"Nowhere\")") == "boolean:false");
  CHECK(f.eval("file.inFolder(\"Books\")") == "boolean:true");
  CHECK(f.eval("file.inFolder(\"Book\")") == "boolean:false");
  CHECK(f.eval("file.hasProperty(\"price\")") == "boolean:true");
  CHECK(f.eval("file.hasProperty(\"nope\")") == "boolean:false");
  CHECK(f.eval("file.links.length") == "number:3");
  CHECK(f.eval("file.embeds") == "list:cover.png");
  CHECK(f.eval("this.file.name") == "string:Herbert.md");
  CHECK(f.eval("this.born") == "number:1920");
  CHECK(f.eval("this.file.backlinks.map(value.name)") == "list:Dune.md");
  CHECK(f.eval("author == this") == "boolean:true");
  CHECK(f.eval("author == link(\"Herbert\")") == "boolean:true");
  CHECK(f.eval("author == link(\"People/Herbert.md\")") == "boolean:true");
  CHECK(f.eval("list(author).contains(this)") == "boolean:true");
  CHECK(f.eval("author.asFile().born") == "number:1920");
  CHECK(f.eval("author.linksTo(file(\"Books/Dune.md\"))") == "boolean:true");
  CHECK(f.eval("file.asLink() == file") == "boolean:true");
  CHECK(f.eval("file.size > 0") == "boolean:true");
  CHECK(f.eval("file.properties.status") == "string:reading");
  CHECK(f.eval("formula.ppu") == "string:2.50");
  CHECK(f.eval("formula.twice") == "number:5");
  CHECK(f.eval("formula[\"ppu\"]") == "string:2.50");
  CHECK(f.eval("formula.nope") == "ERROR: no formula is named 'nope'");
  // Types: `due` is a date property in types.json, `code` a text one; `created` is untyped.
  CHECK(f.eval("due") == "date:2025-07-05");
  CHECK(f.eval("code") == "string:2025-07-05");
  CHECK(f.eval("created.year") == "number:2024");
  CHECK(f.eval("tags") == "list:book, sci-fi/classic");
  CHECK(f.eval("status != \"done\"") == "boolean:true");
  CHECK(f.eval("missing == null") == "boolean:true");
  CHECK(f.eval("price > 2.1") == "boolean:true");
  CHECK(f.eval("missing > 2") == "boolean:false");
  CHECK(f.eval("missing + 1") == "null:null");
  CHECK(f.eval("\"a\" + missing") == "string:anull");
  CHECK(f.eval("file.name + \" - \" + status") == "string:Dune.md - reading");
  CHECK(f.eval("[1] * 2") == "ERROR: no operator * for a list and a number");
  // Texts in arithmetic other than + are read as numbers, as JavaScript does.
  CHECK(f.eval("\"2.50\" * 2") == "number:5");
  CHECK(f.eval("\"abc\" - 1") == "number:NaN");
}

TEST_CASE("bases: this where there is none") {
  Fixture f;
  f.env.this_file.reset();
  CHECK(f.eval("this.file.name") == "ERROR: 'this' is not available here: the base is neither a file nor embedded in a note");
}

TEST_CASE("bases: duration strings") {
  using b::parse_duration;
  CHECK(parse_duration("1M")->get(mdvault::core::query::DurationUnit::months) == 1);
  CHECK(parse_duration("1m")->get(mdvault::core::query::DurationUnit::minutes) == 1);
  CHECK(parse_duration("2 hours")->get(mdvault::core::query::DurationUnit::hours) == 2);
  CHECK(parse_duration("3 weeks")->get(mdvault::core::query::DurationUnit::weeks) == 3);
  CHECK(parse_duration("-1y")->get(mdvault::core::query::DurationUnit::years) == -1);
  CHECK(parse_duration("1d 2h")->to_millis() == 93'600'000);
  CHECK_FALSE(parse_duration("1 fortnight"));
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("d"));
}

TEST_CASE("bases: bounded work on hostile expressions") {
  Fixture f;
  // A million single-character texts and a quadratic reduce both stop with an error.
  CHECK(f.eval("\"ab\".repeat(800000).split(\"\")") == "ERROR: split() would make more than a million items");
  CHECK(f.eval("\"x\".repeat(200000).split(\"\").reduce(acc + value, \"\").length") ==
        "ERROR: the expression does too much work for one file (more than 20 million steps)");
  CHECK(f.eval("[[1, 2], [1, 2], [2, 1]].unique().length") == "number:2");
  CHECK(f.eval("[link(\"Herbert\"), link(\"People/Herbert.md\"), link(\"Nowhere\")].unique().length") == "number:2");
  CHECK(f.eval("\"x\".repeat(20000).split(\"\").unique().length") == "number:1");
}

TEST_CASE("bases: the examples of Formulas.md") {
  Fixture f;
  f.env.now = *b::DateTime::from_fields(2025, 7, 10, 12, 0, 0);
  auto parsed = b::parse_base(
      "formulas:\n  Owned: '2.6'\n  price_per_unit: price / quantity\n", "f.base");
  f.base = std::move(parsed.base);
  // Properties the fixture note lacks give null, and null propagates through arithmetic.
  CHECK(f.eval("price * quantity") == "null:null");
  CHECK(f.eval("formula.price_per_unit * 1.1") == "null:null");
  CHECK(f.eval("if(price, \"$\" + price.toFixed(2), \"\")") == "string:$12.50");
  CHECK(f.eval("if(missing, \"$\" + missing.toFixed(2), \"\")") == "string:");
  CHECK(f.eval("if(due < now() && status != \"Done\", \"Overdue\", \"\")") == "string:Overdue");
  CHECK(f.eval("scores.length") == "number:3");
  CHECK(f.eval("(price * age) / 5") == "number:12.5");
  CHECK(f.eval("status + \" \" + file.basename") == "string:reading Dune");
  CHECK(f.eval("age * formula.Owned.round()") == "number:15");  // Owned is 2.6, rounded to 3
  CHECK(f.eval("tags.contains(\"book\")") == "boolean:true");
  CHECK(f.eval("due.format(\"YYYY-MM-DD\")") == "string:2025-07-05");
  CHECK(f.eval("file.name.lower()") == "string:dune.md");
  CHECK(f.eval("link(file.mtime.date().toString()) == link(file.mtime.format(\"YYYY-MM-DD\"))") == "boolean:true");
  CHECK(f.eval("icon(\"arrow-right\")") == "string:arrow-right");
  CHECK(f.eval("html(\"<b>x</b>\")") == "string:<b>x</b>");
  CHECK(f.eval("image(\"cover.png\")") == "link:cover.png");
}

TEST_CASE("bases: a failing lambda leaves no binding behind") {
  Fixture f;
  auto failing = b::parse_expression("[1, 2].map(value.lower())");
  auto after = b::parse_expression("value");
  b::Evaluator ev(f.env);
  ev.set_row(b::FileRef{f.vault.find("Books/Dune.md"), "Books/Dune.md"});
  CHECK_THROWS_AS(ev.evaluate(*std::get<b::ExprPtr>(failing)), b::EvalError);
  // `value` is a note property again (the note has none), not the list item of the failed map.
  CHECK(ev.evaluate(*std::get<b::ExprPtr>(after)).is_null());
}
