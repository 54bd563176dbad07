#include <doctest/doctest.h>

#include <chrono>

#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>

#include "core/frontmatter.hpp"

using namespace mdvault::core;

namespace {

const std::string k_path = "Notes/Test.md";

// The only diagnostic of a result (fails the test when there is not exactly one).
Diagnostic single(const std::vector<Diagnostic>& diagnostics) {
  REQUIRE(diagnostics.size() == 1);
  return diagnostics.front();
}

const Value& field(const Value& map, std::string_view key) {
  const Value* v = map.find(key);
  REQUIRE(v != nullptr);
  return *v;
}

FrontmatterResult parse(std::string_view text) { return parse_frontmatter(text, k_path); }

}  // namespace

TEST_CASE("frontmatter: the seed note's layout is split off and typed") {
  const std::string text =
      "---\n"                                            // 1
      "fileClass: attachment_theory\n"                   // 2
      "id: 1751752568955\n"                              // 3
      "created: 2025-07-05 16:56\n"                      // 4
      "status: \xF0\x9F\x9F\xA9 complete\n"              // 5
      "tags: []\n"                                       // 6
      "entered: false\n"                                 // 7
      "definition: \"\"\n"                               // 8
      "core_fears: [Being Forgotten]\n"                  // 9
      "relational_effects: [Ability To Repair, Emotional Resilience, Co-Regulation]\n"  // 10
      "growth_path: |\n"                                 // 11
      "  Maintain healthy interdependence.\n"            // 12
      "integration_group: [Core Skills to Practice]\n"   // 13
      "notes: |+\n"                                      // 14
      "  Often results from consistent early caregiving.\n"  // 15
      "\n"                                               // 16
      "related: []\n"                                    // 17
      "export_to_inputs: false\n"                        // 18
      "---\n"                                            // 19
      "\n"                                               // 20
      "## \xF0\x9F\xA7\xA0 What This Theory Proposes\n"  // 21
      "---\n";                                           // 22
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  CHECK(r.has_block);
  CHECK(r.body_first_line == 20);
  CHECK(text.substr(r.body_offset) == "\n## \xF0\x9F\xA7\xA0 What This Theory Proposes\n---\n");
  REQUIRE(r.value);
  const Value& fm = *r.value;
  REQUIRE(fm.is_map());
  CHECK(fm.as_map().size() == 14);
  CHECK(fm.as_map()[0].key == "fileClass");
  CHECK(fm.position == Position{2, 1});

  CHECK(field(fm, "fileClass").as_string() == "attachment_theory");
  const Value& id = field(fm, "id");
  REQUIRE(id.is_int());
  CHECK(id.as_int() == 1751752568955);
  CHECK(id.position == Position{3, 5});
  CHECK(fm.find_entry("id")->key_position == Position{3, 1});
  const Value& created = field(fm, "created");
  REQUIRE(created.is_string());
  CHECK(created.as_string() == "2025-07-05 16:56");
  CHECK(field(fm, "status").as_string() == "\xF0\x9F\x9F\xA9 complete");
  CHECK(field(fm, "tags").is_list());
  CHECK(field(fm, "tags").as_list().empty());
  CHECK(field(fm, "entered").is_bool());
  CHECK_FALSE(field(fm, "entered").as_bool());
  CHECK(field(fm, "definition").is_string());
  CHECK(field(fm, "definition").as_string().empty());

  const Value& fears = field(fm, "core_fears");
  REQUIRE(fears.is_list());
  REQUIRE(fears.as_list().size() == 1);
  CHECK(fears.as_list()[0].as_string() == "Being Forgotten");
  CHECK(fears.position == Position{9, 13});
  CHECK(fears.as_list()[0].position == Position{9, 14});

  const ValueList& effects = field(fm, "relational_effects").as_list();
  REQUIRE(effects.size() == 3);
  CHECK(effects[1].position == Position{10, 41});
  CHECK(effects[2].as_string() == "Co-Regulation");
  CHECK(effects[2].position == Position{10, 63});

  CHECK(field(fm, "growth_path").as_string() == "Maintain healthy interdependence.\n");
  CHECK(field(fm, "growth_path").position == Position{11, 14});
  CHECK(fm.find_entry("integration_group")->key_position == Position{13, 1});
  // `|+` keeps the trailing blank line.
  const Value& notes = field(fm, "notes");
  CHECK(notes.as_string() == "Often results from consistent early caregiving.\n\n");
  CHECK(fm.find_entry("related")->key_position == Position{17, 1});
  CHECK(fm.find_entry("export_to_inputs")->key_position == Position{18, 1});
}

TEST_CASE("frontmatter: fences allow trailing spaces and tabs; no fence means no block") {
  const FrontmatterResult r = parse("--- \t\ntitle: x\n---  \nbody\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.has_block);
  CHECK(r.body_first_line == 4);
  CHECK(r.body_offset == std::string_view("--- \t\ntitle: x\n---  \n").size());
  REQUIRE(r.value);
  CHECK(field(*r.value, "title").as_string() == "x");

  const FrontmatterResult none = parse("# Title\n\ntext\n");
  CHECK_FALSE(none.has_block);
  CHECK_FALSE(none.value);
  CHECK(none.diagnostics.empty());
  CHECK(none.body_offset == 0);
  CHECK(none.body_first_line == 1);

  // `----` and `--- x` are not fences.
  CHECK_FALSE(parse("----\na: 1\n----\n").has_block);
  CHECK_FALSE(parse("--- x\na: 1\n---\n").has_block);

  // The closing fence may be the last line, without a newline.
  const std::string_view tail = "---\na: 1\n---";
  const FrontmatterResult last = parse(tail);
  CHECK(last.has_block);
  CHECK(last.body_offset == tail.size());
  CHECK(last.body_first_line == 4);
  CHECK(parse("").diagnostics.empty());
}

TEST_CASE("frontmatter: a text whose BOM the caller removed keeps its positions") {
  // The caller strips "\xEF\xBB\xBF" and hands over the rest unchanged.
  const std::string file = "\xEF\xBB\xBF---\nt\xC3\xADtle: [x\n---\n";
  const FrontmatterResult r = parse(std::string_view(file).substr(3));
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 8);
}

TEST_CASE("frontmatter: an empty or comment-only block is an empty map") {
  const FrontmatterResult empty = parse("---\n---\nbody");
  CHECK(empty.diagnostics.empty());
  CHECK(empty.has_block);
  REQUIRE(empty.value);
  CHECK(empty.value->is_map());
  CHECK(empty.value->as_map().empty());
  CHECK(empty.body_first_line == 3);
  CHECK(empty.body_offset == 8);

  const FrontmatterResult comments = parse("---\n# nothing yet\n\n---\n");
  CHECK(comments.diagnostics.empty());
  REQUIRE(comments.value);
  CHECK(comments.value->is_map());
  CHECK(comments.value->as_map().empty());
}

TEST_CASE("frontmatter.unclosed: reported at line 1, the whole file is body") {
  for (const std::string_view text : {"---\ntitle: x\n\nbody\n", "---", "---\n"}) {
    const FrontmatterResult r = parse(text);
    const Diagnostic& d = single(r.diagnostics);
    CHECK(d.rule == "frontmatter.unclosed");
    CHECK(d.severity == Severity::error);
    CHECK(d.location.path == k_path);
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 1);
    CHECK(d.message.find("never closed") != std::string::npos);
    CHECK_FALSE(r.has_block);
    CHECK_FALSE(r.value);
    CHECK(r.body_offset == 0);
    CHECK(r.body_first_line == 1);
  }
}

TEST_CASE("frontmatter.misplaced: a block after blank lines is reported at its opening line") {
  const FrontmatterResult r = parse("\n  \n---\ntitle: x\n---\nbody\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.misplaced");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 1);
  CHECK(d.message.find("line 1") != std::string::npos);
  CHECK(d.message.find("remove") != std::string::npos);
  CHECK_FALSE(r.has_block);
  CHECK_FALSE(r.value);
  CHECK(r.body_offset == 0);
  CHECK(r.body_first_line == 1);

  // A key with an empty value counts as YAML too.
  CHECK(single(parse("\n---\ntags:\n  - a\n---\n").diagnostics).location.line == 2);
}

TEST_CASE("frontmatter.misplaced: thematic breaks in a body are not frontmatter") {
  // Prose between two rules does not look like YAML.
  CHECK(parse("\n---\nSome prose here\n---\n").diagnostics.empty());
  // Text before the first rule: the first non-blank line is not `---`.
  CHECK(parse("Intro\n\n---\nNote: this\n---\n").diagnostics.empty());
  // No closing rule.
  CHECK(parse("\n---\ntitle: x\n").diagnostics.empty());
  // `key:x` (no space after the colon) is not a YAML key line.
  CHECK(parse("\n---\nhttp://x\n---\n").diagnostics.empty());
}

TEST_CASE("frontmatter.yaml: an unclosed flow list is reported at its '[' in code points") {
  const std::string text =
      "---\n"
      "title: x\n"
      "\xC3\xBC\xC3\xB6: [a, b\n"  // "üö: [a, b": '[' is byte 6, code point column 5
      "other: y\n"
      "---\n";
  const FrontmatterResult r = parse(text);
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 5);
  CHECK(d.message.find("a list opened with '[' is never closed with ']'") != std::string::npos);
  CHECK(r.has_block);
  CHECK_FALSE(r.value);
  CHECK(r.body_first_line == 6);
}

TEST_CASE("frontmatter.yaml: an unclosed flow map is reported at its '{'") {
  const FrontmatterResult r = parse("---\na: 1\nmeta: {x: 1\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 7);
  CHECK(d.message.find("'{'") != std::string::npos);
}

TEST_CASE("frontmatter.yaml: the error column counts code points after non-ASCII text") {
  // yaml-cpp reports the second ':' (byte 4 in ASCII, byte 5 after "ä").
  const Diagnostic& ascii = single(parse("---\na: b: c\n---\n").diagnostics);
  CHECK(ascii.rule == "frontmatter.yaml");
  CHECK(ascii.location.line == 2);
  CHECK(ascii.location.column == 5);
  const Diagnostic& umlaut = single(parse("---\n\xC3\xA4: b: c\n---\n").diagnostics);
  CHECK(umlaut.location.line == 2);
  CHECK(umlaut.location.column == 5);
  CHECK(umlaut.message.find("quote") != std::string::npos);
}

TEST_CASE("frontmatter.yaml: errors deep in a nested block keep the file line") {
  const std::string text =
      "---\n"           // 1
      "meta:\n"         // 2
      "  owner: x\n"    // 3
      "  list:\n"       // 4
      "    - a\n"       // 5
      "   - b\n"        // 6: bad indentation
      "---\n";
  const Diagnostic& d = single(parse(text).diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 6);
  CHECK(d.location.column == 4);
}

TEST_CASE("frontmatter.yaml: a tab used for indentation is named in the message") {
  for (const std::string_view text : {"---\na:\n\tb: 1\n---\n", "---\na: 1\n\tb: 2\n---\n"}) {
    const FrontmatterResult r = parse(text);
    const Diagnostic& d = single(r.diagnostics);
    CHECK(d.rule == "frontmatter.yaml");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 1);
    CHECK(d.message.find("tab") != std::string::npos);
    CHECK_FALSE(r.value);
  }
  // After two spaces, the tab is at column 3.
  const Diagnostic& d = single(parse("---\na:\n  \tb: 1\n---\n").diagnostics);
  CHECK(d.location.column == 3);
}

TEST_CASE("frontmatter.yaml: an unclosed quote is reported at the quote") {
  const FrontmatterResult r = parse("---\ntitle: \"My note\ntags: [a]\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 8);
  CHECK(d.message.find("never closed") != std::string::npos);
  CHECK_FALSE(r.value);
  // Escaped quotes do not close a text.
  CHECK(single(parse("---\na: 'it''s\n---\n").diagnostics).location.column == 4);
  CHECK(parse("---\na: 'it''s'\nb: \"say \\\"hi\\\"\"\n---\n").diagnostics.empty());
}

TEST_CASE("frontmatter.yaml: text after a closing quote and bad escapes") {
  const Diagnostic& extra = single(parse("---\na: \"x\" extra\n---\n").diagnostics);
  CHECK(extra.rule == "frontmatter.yaml");
  CHECK(extra.location.line == 2);
  // "\U" starts a hex escape, "\d" is no escape: both point at the backslash.
  for (const std::string_view text :
       {"---\npath: \"C:\\Users\"\n---\n", "---\npath: \"C:\\data\"\n---\n"}) {
    CAPTURE(text);
    const Diagnostic& escape = single(parse(text).diagnostics);
    CHECK(escape.rule == "frontmatter.yaml");
    CHECK(escape.location.line == 2);
    CHECK(escape.location.column == 10);
    CHECK(escape.message.find("backslash") != std::string::npos);
  }
}

TEST_CASE("frontmatter.yaml: an undefined alias is named") {
  const Diagnostic& d = single(parse("---\na: 1\nb: *missing\n---\n").diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 4);
  CHECK(d.message.find("*missing") != std::string::npos);
}

TEST_CASE("frontmatter.yaml: a list or map as a key is refused, the rest is kept") {
  const FrontmatterResult r = parse("---\na: 1\n? [x, y]\n: v\nb: 2\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 3);
  CHECK(d.location.column == 3);
  CHECK(d.message.find("keys must be plain text") != std::string::npos);
  REQUIRE(r.value);
  REQUIRE(r.value->as_map().size() == 2);
  CHECK(field(*r.value, "b").as_int() == 2);
}

TEST_CASE("frontmatter.yaml: a second YAML document is refused") {
  const FrontmatterResult r = parse("---\na: 1\n...\nb: 2\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.line == 4);
  CHECK_FALSE(r.value);
}

TEST_CASE("frontmatter.duplicate-key: reported at the second key, the first value kept") {
  const std::string text =
      "---\n"            // 1
      "title: First\n"   // 2
      "tags: [a]\n"      // 3
      "  \n"             // 4
      "title: Second\n"  // 5
      "---\n";
  const FrontmatterResult r = parse(text);
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.duplicate-key");
  CHECK(d.severity == Severity::error);
  CHECK(d.field == "title");
  CHECK(d.location.line == 5);
  CHECK(d.location.column == 1);
  CHECK(d.message.find("line 2") != std::string::npos);
  CHECK(d.message.find("remove or rename") != std::string::npos);
  REQUIRE(r.value);
  CHECK(r.value->as_map().size() == 2);
  CHECK(field(*r.value, "title").as_string() == "First");
}

TEST_CASE("frontmatter.duplicate-key: nested keys carry their full path") {
  const std::string text =
      "---\n"                 // 1
      "meta:\n"               // 2
      "  owner: ana\n"        // 3
      "  \xC3\xA9t\xC3\xA9: 1\n"  // 4
      "  owner: ben\n"        // 5
      "items:\n"              // 6
      "  - name: a\n"         // 7
      "    name: b\n"         // 8
      "flow: {x: 1, x: 2}\n"  // 9
      "---\n";
  const FrontmatterResult r = parse(text);
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].field == "meta.owner");
  CHECK(r.diagnostics[0].location.line == 5);
  CHECK(r.diagnostics[0].location.column == 3);
  CHECK(r.diagnostics[0].message.find("line 3") != std::string::npos);
  CHECK(r.diagnostics[1].field == "items[0].name");
  CHECK(r.diagnostics[1].location.line == 8);
  CHECK(r.diagnostics[1].location.column == 5);
  CHECK(r.diagnostics[2].field == "flow.x");
  CHECK(r.diagnostics[2].location.line == 9);
  CHECK(r.diagnostics[2].location.column == 14);
  REQUIRE(r.value);
  CHECK(field(field(*r.value, "meta"), "owner").as_string() == "ana");
  CHECK(field(field(*r.value, "flow"), "x").as_int() == 1);
}

TEST_CASE("frontmatter.duplicate-key: large maps are checked too") {
  std::string text = "---\n";
  for (int i = 0; i < 100; ++i) {
    text += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  }
  text += "k42: again\n---\n";  // line 2 + 100
  const FrontmatterResult r = parse(text);
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.field == "k42");
  CHECK(d.location.line == 102);
  CHECK(d.message.find("line 44") != std::string::npos);
  REQUIRE(r.value);
  CHECK(r.value->as_map().size() == 100);
  CHECK(field(*r.value, "k42").as_int() == 42);
}

TEST_CASE("frontmatter.not-a-mapping: a list or a text is reported at the first YAML line") {
  const FrontmatterResult list = parse("---\n- a\n- b\n---\n");
  const Diagnostic& d = single(list.diagnostics);
  CHECK(d.rule == "frontmatter.not-a-mapping");
  CHECK(d.location.line == 2);
  CHECK(d.location.column == 1);
  CHECK(d.message.find("a list") != std::string::npos);
  CHECK(list.has_block);
  CHECK_FALSE(list.value);
  CHECK(list.body_first_line == 5);

  const Diagnostic& text = single(parse("---\njust some words\n---\n").diagnostics);
  CHECK(text.rule == "frontmatter.not-a-mapping");
  CHECK(text.message.find("a text") != std::string::npos);
}

TEST_CASE("frontmatter: plain scalars follow the YAML 1.2 core schema") {
  const std::string text =
      "---\n"
      "n1: null\nn2: Null\nn3: NULL\nn4: ~\nn5:\n"
      "b1: true\nb2: True\nb3: FALSE\n"
      "yes_is_text: yes\noff_is_text: off\n"
      "i1: 42\ni2: -17\ni3: +5\ni4: 0o17\ni5: 0x1F\ni6: 007\n"
      "big: 123456789012345678901234567890\n"
      "f1: 1.5\nf2: -.5\nf3: 1e3\nf4: 2.\nf5: .inf\nf6: -.Inf\nf7: .NaN\nf8: 1e400\n"
      "s1: 1_000\ns2: 0x\ns3: 2025-07-05\ns4: 12:30\ns5: 1.2.3\ns6: .5.\ns7: 0o9\n"
      "---\n";
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  const Value& fm = *r.value;
  for (const char* k : {"n1", "n2", "n3", "n4", "n5"}) {
    CAPTURE(k);
    CHECK(field(fm, k).is_null());
  }
  CHECK(field(fm, "b1").as_bool());
  CHECK(field(fm, "b2").as_bool());
  CHECK_FALSE(field(fm, "b3").as_bool());
  CHECK(field(fm, "yes_is_text").as_string() == "yes");
  CHECK(field(fm, "off_is_text").as_string() == "off");
  CHECK(field(fm, "i1").as_int() == 42);
  CHECK(field(fm, "i2").as_int() == -17);
  CHECK(field(fm, "i3").as_int() == 5);
  CHECK(field(fm, "i4").as_int() == 15);
  CHECK(field(fm, "i5").as_int() == 31);
  CHECK(field(fm, "i6").as_int() == 7);
  REQUIRE(field(fm, "big").is_float());
  CHECK(field(fm, "big").as_number() == doctest::Approx(1.2345678901234568e29));
  CHECK(field(fm, "f1").as_number() == 1.5);
  CHECK(field(fm, "f2").as_number() == -0.5);
  REQUIRE(field(fm, "f3").is_float());
  CHECK(field(fm, "f3").as_number() == 1000.0);
  CHECK(field(fm, "f4").as_number() == 2.0);
  CHECK(std::isinf(field(fm, "f5").as_number()));
  CHECK(field(fm, "f5").as_number() > 0);
  CHECK(field(fm, "f6").as_number() < 0);
  CHECK(std::isnan(field(fm, "f7").as_number()));
  CHECK(std::isinf(field(fm, "f8").as_number()));
  for (const char* k : {"s1", "s2", "s3", "s4", "s5", "s6", "s7"}) {
    CAPTURE(k);
    CHECK(field(fm, k).is_string());
  }
  CHECK(field(fm, "s3").as_string() == "2025-07-05");
}

TEST_CASE("frontmatter: quoted, block and !!str scalars are always strings") {
  const std::string text =
      "---\n"
      "a: \"1\"\nb: '2.5'\nc: \"true\"\nd: 'null'\ne: !!str 3\nf: |\n  4\ng: >-\n  5\n  6\n"
      "h: \"\"\ni: !!int \"7\"\nj: !!float 8\n"
      "---\n";
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  const Value& fm = *r.value;
  CHECK(field(fm, "a").as_string() == "1");
  CHECK(field(fm, "b").as_string() == "2.5");
  CHECK(field(fm, "c").as_string() == "true");
  CHECK(field(fm, "d").as_string() == "null");
  CHECK(field(fm, "e").as_string() == "3");
  CHECK(field(fm, "f").as_string() == "4\n");
  CHECK(field(fm, "g").as_string() == "5 6");
  CHECK(field(fm, "h").as_string().empty());
  CHECK(field(fm, "i").as_int() == 7);
  REQUIRE(field(fm, "j").is_float());
  CHECK(field(fm, "j").as_number() == 8.0);
}

TEST_CASE("frontmatter: positions of nested maps, block lists and multi-line scalars") {
  const std::string text =
      "---\n"                       // 1
      "# a comment\n"               // 2
      "meta:\n"                     // 3
      "  owner: \xC3\xA9milie\n"    // 4
      "  level: 2\n"                // 5
      "summary: >\n"                // 6
      "  first line\n"              // 7
      "  second line\n"             // 8
      "list:\n"                     // 9
      "  - one\n"                   // 10
      "  - \"t\xC3\xA9o\": 2\n"     // 11
      "    x: [1, {y: 3}]\n"        // 12
      "after: end\n"                // 13
      "---\n";
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  const Value& fm = *r.value;
  CHECK(fm.position == Position{3, 1});
  const Value& meta = field(fm, "meta");
  CHECK(meta.position == Position{4, 3});
  CHECK(meta.find_entry("level")->key_position == Position{5, 3});
  CHECK(field(meta, "level").position == Position{5, 10});
  CHECK(field(meta, "owner").position == Position{4, 10});
  CHECK(field(fm, "summary").as_string() == "first line second line\n");
  CHECK(field(fm, "summary").position == Position{6, 10});
  const ValueList& list = field(fm, "list").as_list();
  REQUIRE(list.size() == 2);
  CHECK(list[0].position == Position{10, 5});
  const Value& item = list[1];
  REQUIRE(item.is_map());
  CHECK(item.position == Position{11, 5});
  CHECK(item.find_entry("t\xC3\xA9o")->key_position == Position{11, 5});
  CHECK(field(item, "t\xC3\xA9o").position == Position{11, 12});
  const Value& x = field(item, "x");
  CHECK(x.position == Position{12, 8});
  CHECK(x.as_list()[1].position == Position{12, 12});
  CHECK(field(x.as_list()[1], "y").position == Position{12, 16});
  CHECK(fm.find_entry("after")->key_position == Position{13, 1});
}

TEST_CASE("frontmatter: empty values point at their key or their '-'") {
  const std::string text =
      "---\n"         // 1
      "a:\n"          // 2
      "b: 1\n"        // 3
      "list:\n"       // 4
      "  - \n"        // 5
      "  - x\n"       // 6
      "  -\n"         // 7
      "c:\n"          // 8
      "---\n";
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  const Value& fm = *r.value;
  CHECK(field(fm, "a").is_null());
  CHECK(field(fm, "a").position == Position{2, 1});
  const ValueList& list = field(fm, "list").as_list();
  REQUIRE(list.size() == 3);
  CHECK(list[0].is_null());
  CHECK(list[0].position == Position{5, 3});
  CHECK(list[2].is_null());
  CHECK(list[2].position == Position{7, 3});
  CHECK(field(fm, "c").is_null());
  CHECK(field(fm, "c").position == Position{8, 1});
}

TEST_CASE("frontmatter: anchors and aliases repeat values") {
  const std::string text =
      "---\n"
      "base: &b {x: 1, tags: [a, b]}\n"
      "copy: *b\n"
      "name: &n Secure\n"
      "again: *n\n"
      "*n : by alias key\n"
      "---\n";
  const FrontmatterResult r = parse(text);
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  const Value& fm = *r.value;
  CHECK(field(fm, "copy") == field(fm, "base"));
  CHECK(field(fm, "copy").position == Position{3, 7});
  CHECK(field(fm, "again").as_string() == "Secure");
  CHECK(field(fm, "Secure").as_string() == "by alias key");
}

TEST_CASE("frontmatter.too-large: an alias bomb is refused at once" * doctest::timeout(5)) {
  std::string text = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (char name = 'b'; name <= 'j'; ++name) {
    const char prev = static_cast<char>(name - 1);
    text += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) {
      text += std::string(i == 0 ? "" : ", ") + "*" + prev;
    }
    text += "]\n";
  }
  text += "---\n";
  const FrontmatterResult r = parse(text);
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.too-large");
  CHECK(d.severity == Severity::error);
  // Level e (10^5 strings, line 6) is the first to cross the limit.
  CHECK(d.location.line == 6);
  CHECK(d.message.find("100000") != std::string::npos);
  CHECK_FALSE(r.value);
  CHECK(r.has_block);
}

TEST_CASE("frontmatter.too-large: 10,000 nested '[' do not overflow the stack" *
          doctest::timeout(10)) {
  const std::string text = "---\na: " + std::string(10'000, '[') + "\n---\n";
  const FrontmatterResult r = parse(text);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.back().rule == "frontmatter.too-large");
  CHECK(r.diagnostics.back().location.line == 2);
  CHECK_FALSE(r.value);
}

TEST_CASE("frontmatter.too-large: 10,000 nested block lists do not overflow the stack" *
          doctest::timeout(10)) {
  std::string compact = "---\na:\n";
  for (int i = 0; i < 10'000; ++i) {
    compact += "- ";
  }
  compact += "x\n---\n";
  const FrontmatterResult r = parse(compact);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.back().rule == "frontmatter.too-large");
  CHECK_FALSE(r.value);

  std::string stairs = "---\na:\n";
  for (int i = 0; i < 1'000; ++i) {
    stairs += std::string(static_cast<std::size_t>(i) * 2, ' ') + "-\n";
  }
  stairs += "---\n";
  const FrontmatterResult s = parse(stairs);
  REQUIRE_FALSE(s.diagnostics.empty());
  CHECK(s.diagnostics.back().rule == "frontmatter.too-large");
  CHECK_FALSE(s.value);
}

TEST_CASE("frontmatter.too-large: aliases cannot stack nesting past the depth limit") {
  const std::string deep = std::string(400, '[') + std::string(400, ']');
  const std::string text = "---\na: &a " + deep + "\nb: " + std::string(300, '[') + "*a" +
                           std::string(300, ']') + "\n---\n";
  const FrontmatterResult r = parse(text);
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.too-large");
  CHECK(d.location.line == 3);
  CHECK_FALSE(r.value);
}

TEST_CASE("frontmatter: never throws on hostile input") {
  for (const std::string_view text :
       {"---\n: : :\n---\n", "---\n[\n---\n", "---\n]\n---\n", "---\n&a *a\n---\n",
        "---\na: &x [*x]\n---\n", "---\n!<tag:x> {\n---\n", "---\n\"\\u12\"\n---\n",
        "---\na: \xFF\xFE\n---\n", "---\n%YAML 1.2\n---\n", "---\n? \n---\n",
        "---\n{a: 1}: 2\n---\n", "---\n- - - [\n---\n", "---\n'\n---\n"}) {
    CAPTURE(text);
    FrontmatterResult r;
    CHECK_NOTHROW(r = parse(text));
    for (const Diagnostic& d : r.diagnostics) {
      CHECK(d.location.line >= 1);
      CHECK(d.location.column >= 1);
      CHECK_FALSE(d.message.empty());
    }
  }
  const FrontmatterResult cycle = parse("---\na: &x [*x]\n---\n");
  CHECK(single(cycle.diagnostics).rule == "frontmatter.yaml");
}

TEST_CASE("parse_yaml: whole documents, with the caller's first line") {
  const YamlResult empty = parse_yaml("", "s.yaml");
  CHECK(empty.diagnostics.empty());
  REQUIRE(empty.value);
  CHECK(empty.value->is_null());

  const YamlResult list = parse_yaml("- 1\n- two\n", "d.yaml");
  CHECK(list.diagnostics.empty());
  REQUIRE(list.value);
  REQUIRE(list.value->is_list());
  CHECK(list.value->as_list()[1].position == Position{2, 3});

  const YamlResult offset = parse_yaml("a: 1\nb: [\n", "c.yaml", 10);
  const Diagnostic& d = single(offset.diagnostics);
  CHECK(d.rule == "frontmatter.yaml");
  CHECK(d.location.path == "c.yaml");
  CHECK(d.location.line == 11);
  CHECK(d.location.column == 4);
  CHECK_FALSE(offset.value);

  // A leading `---` is fine; a BOM is not a column.
  const YamlResult marked = parse_yaml("\xEF\xBB\xBF---\ntype: object\n", "s.yaml");
  CHECK(marked.diagnostics.empty());
  REQUIRE(marked.value);
  CHECK(marked.value->find_entry("type")->key_position == Position{2, 1});

  const YamlResult dup = parse_yaml("type: object\ntype: string\n", "s.yaml");
  CHECK(single(dup.diagnostics).rule == "frontmatter.duplicate-key");
  REQUIRE(dup.value);
  CHECK(dup.value->find("type")->as_string() == "object");

  const YamlResult two = parse_yaml("a: 1\n---\nb: 2\n", "s.yaml");
  CHECK(single(two.diagnostics).location.line == 2);
  CHECK_FALSE(two.value);
}

// ---------------------------------------------------------------------------------------
// The fast reader for simple YAML must give exactly what yaml-cpp gives.

namespace {

void check_same_value(const Value& fast, const Value& slow, const std::string& where) {
  CAPTURE(where);
  REQUIRE(fast.kind() == slow.kind());
  CHECK(fast.position == slow.position);
  switch (fast.kind()) {
    case Value::Kind::null:
      break;
    case Value::Kind::boolean:
      CHECK(fast.as_bool() == slow.as_bool());
      break;
    case Value::Kind::integer:
      CHECK(fast.as_int() == slow.as_int());
      break;
    case Value::Kind::floating:
      CHECK((fast.as_number() == slow.as_number() ||
             (std::isnan(fast.as_number()) && std::isnan(slow.as_number()))));
      break;
    case Value::Kind::string:
      CHECK(fast.as_string() == slow.as_string());
      break;
    case Value::Kind::list: {
      REQUIRE(fast.as_list().size() == slow.as_list().size());
      for (std::size_t i = 0; i < fast.as_list().size(); ++i) {
        check_same_value(fast.as_list()[i], slow.as_list()[i],
                         where + "[" + std::to_string(i) + "]");
      }
      break;
    }
    case Value::Kind::map: {
      REQUIRE(fast.as_map().size() == slow.as_map().size());
      for (std::size_t i = 0; i < fast.as_map().size(); ++i) {
        const MapEntry& f = fast.as_map()[i];
        const MapEntry& s = slow.as_map()[i];
        CHECK(f.key == s.key);
        CHECK(f.key_position == s.key_position);
        check_same_value(f.value, s.value, where + "." + s.key);
      }
      break;
    }
  }
}

// The fast reader takes `yaml` and agrees with yaml-cpp on values, positions and findings.
void check_fast_matches_yaml_cpp(const std::string& yaml) {
  CAPTURE(yaml);
  const std::optional<YamlResult> fast = detail::parse_simple_yaml(yaml, "n.md", 2);
  REQUIRE(fast);
  const YamlResult slow = detail::parse_yaml_with_yaml_cpp(yaml, "n.md", 2);
  REQUIRE(fast->value.has_value() == slow.value.has_value());
  if (slow.value) {
    check_same_value(*fast->value, *slow.value, "");
  }
  REQUIRE(fast->diagnostics.size() == slow.diagnostics.size());
  for (std::size_t i = 0; i < slow.diagnostics.size(); ++i) {
    const Diagnostic& f = fast->diagnostics[i];
    const Diagnostic& s = slow.diagnostics[i];
    CHECK(f.rule == s.rule);
    CHECK(f.field == s.field);
    CHECK(f.message == s.message);
    CHECK(f.location.line == s.location.line);
    CHECK(f.location.column == s.location.column);
  }
}

}  // namespace

// Issue 15: where value building differed from yaml-cpp's own answer.
TEST_CASE("frontmatter: a BOM right after the opening line (yaml-cpp skips it)") {
  // yaml-cpp's marks do not count the BOM; the first line's positions are moved past it, and
  // the null key is read from the right place, so the duplicate is found.
  const FrontmatterResult r =
      parse("---\n\xEF\xBB\xBFnull: 1\nnull: 2\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.duplicate-key");
  CHECK(d.location.line == 3);
  REQUIRE(r.value);
  CHECK(r.value->as_map().size() == 1);
  CHECK(r.value->as_map()[0].key == "null");
  CHECK(r.value->as_map()[0].key_position == Position{2, 2});  // the BOM is a character
  CHECK(r.value->as_map()[0].value.position == Position{2, 8});

  const FrontmatterResult text = parse("---\n\xEF\xBB\xBF\xC3\xA9: [a, b]\nx: 1\n---\n");
  CHECK(text.diagnostics.empty());
  REQUIRE(text.value);
  const MapEntry& e = text.value->as_map()[0];
  CHECK(e.key == "\xC3\xA9");
  CHECK(e.key_position == Position{2, 2});
  CHECK(e.value.position == Position{2, 5});
  CHECK(e.value.as_list()[1].position == Position{2, 9});
  CHECK(text.value->as_map()[1].key_position == Position{3, 1});

  // Later lines have no BOM to skip; a BOM inside the text is part of the key (as yaml-cpp reads it).
  const FrontmatterResult later = parse("---\na: 1\n\xEF\xBB\xBF" "a: 2\n---\n");
  CHECK(later.diagnostics.empty());
  REQUIRE(later.value);
  CHECK(later.value->as_map()[1].key == "\xEF\xBB\xBF" "a");
  CHECK(later.value->as_map()[1].value.position == Position{3, 5});
}

TEST_CASE("frontmatter: an alias used as a key stands for its text as written") {
  // yaml-cpp keeps one node: `&h 0x1f` is the number 31 as a value, the text `0x1f` as a key.
  const FrontmatterResult r = parse("---\nhex: &h 0x1f\n0x1f: first\n*h : second\n---\n");
  const Diagnostic& d = single(r.diagnostics);
  CHECK(d.rule == "frontmatter.duplicate-key");
  CHECK(d.location.line == 4);
  REQUIRE(r.value);
  CHECK(field(*r.value, "hex").as_int() == 31);
  CHECK(field(*r.value, "0x1f").as_string() == "first");

  const FrontmatterResult keys = parse(
      "---\n&k 1.50: a\n&n null: b\nv: *k\nw: *n\nb: &t 'x y'\n*t : c\n&e : d\n*e : f\n---\n");
  REQUIRE(keys.value);
  const ValueMap& m = keys.value->as_map();
  REQUIRE(m.size() == 7);
  CHECK(m[0].key == "1.50");
  CHECK(m[1].key == "null");
  CHECK(field(*keys.value, "v").as_number() == 1.5);  // an anchored key is typed as a value
  CHECK(field(*keys.value, "w").is_null());
  CHECK(field(*keys.value, "x y").as_string() == "c");
  CHECK(m[6].key.empty());
  CHECK(single(keys.diagnostics).rule == "frontmatter.duplicate-key");  // `*e` repeats ``
}

TEST_CASE("frontmatter: an unclosed quote after an anchor or a tag is found") {
  // yaml-cpp marks the node at its properties; the check looked at the '&' and let the text
  // run to the end of the YAML.
  for (const char* text : {"---\nk: &a \"x\nnext: 1\n---\n", "---\nk: !!str 'x\nnext: 1\n---\n"}) {
    CAPTURE(text);
    const FrontmatterResult r = parse(text);
    const Diagnostic& d = single(r.diagnostics);
    CHECK(d.rule == "frontmatter.yaml");
    CHECK(d.message.find("is never closed") != std::string::npos);
    CHECK_FALSE(r.value);
  }
}

TEST_CASE("frontmatter: !!int beyond 64 bits is a float, as the plain integer is") {
  const FrontmatterResult r = parse(
      "---\na: !!int 123456789012345678901234567890\nb: !!int 0x1ffffffffffffffffffff\n"
      "c: 123456789012345678901234567890\nd: !!int 1.5\ne: !!int -9223372036854775808\n"
      "f: !!int 0o7777777777777777777777777\n---\n");
  CHECK(r.diagnostics.empty());
  REQUIRE(r.value);
  CHECK(field(*r.value, "a").as_number() == doctest::Approx(1.2345678901234568e29));
  CHECK(field(*r.value, "b").is_float());
  CHECK(field(*r.value, "b").as_number() == doctest::Approx(0x1ffffffffffffffffffffp0));
  CHECK(field(*r.value, "c").as_number() == field(*r.value, "a").as_number());
  CHECK(field(*r.value, "d").as_string() == "1.5");
  CHECK(field(*r.value, "e").as_int() == INT64_MIN);
  CHECK(field(*r.value, "f").is_float());
}

TEST_CASE("parse_yaml: the fast reader agrees with yaml-cpp on simple documents") {
  const char* const cases[] = {
      "fileClass: attachment_theory\nid: 1751752568955\ncreated: 2025-07-05 16:56\n"
      "status: \xF0\x9F\x9F\xA9 complete\ntags: []\ndefinition: \"\"\n"
      "core_fears: [Being Forgotten]\n"
      "relational_effects: [Ability To Repair, Emotional Resilience, Co-Regulation]\n"
      "relational_effects_group: [Trust & Safety Challenges]\n"
      "growth_path: |\n  Maintain healthy interdependence.\n"
      "notes: |+\n  Often results from consistent early caregiving.\n\nrelated: []\n",
      "a: 1\nb:\n",
      "a:\n\n# c\n\nb: 2\n",
      "a:\n# c\n",
      "a:\n- x\n- \"y\"\n- 'z'\nb: 1\n",
      "a:\n  - x\n  - y # c\n\n  - z\nb: [ a , 'b''c' , \"d\" ]\n",
      "list:\n    - deep\n    - 1\n    - null\n",
      "n: null\nt: ~\nk: -5\nf: -.5\ni: 0x1F\no: 0o17\nh: 12:30\nbig: 99999999999999999999\n",
      "s: 2025-07-05 16:56\nu: \xF0\x9F\x9F\xA9 done # comment\nq: it's\nurl: http://x.org/a#b\n",
      "b1: true\nb2: False\ny: yes\ninf: .inf\nninf: -.Inf\nnan: .NaN\ne: 1e3\nd: 2.\n",
      "a: |\n  x\n\n  y\nb: |-\n  z\n\n\nc: |+\n  w\n\n\nd: 1\n",
      "e: |+\n  keep\n\n",
      "e: |\n  clip\n\n\n",
      "e: |-\n  strip\n",
      "a: |\n    deeper\n      more\n    # not a comment\n",
      "null: 1\nNull: 2\nx: NULL\n",
      "a: 1\na: 2\nb: [x]\nb: 3\n",
      "empty: []\nq: \"\"\nsq: ''\nsp: [  ]\n",
      "x: a # c\ny: \"b\" # c\nz: [a] # c\nw: 'c'   \n",
      "my key: v\nkey.with.dots: 1\nkey/slash: 2\nk\xC3\xA9y: \xC3\xA9\n",
      "\n\n# leading comment\n\na: 1\n\n\n",
      "# only a comment\n",
      "",
      "   \n",
      "a: [\"\xF0\x9F\x94\x92 private\", '\xF0\x9F\x8C\x90', plain text, -1, 2.5, ~, true]\n",
      "tags:\n- one\n- two\n",
      "a: x    \nb: 'y'\n",
      "a: [don't, x & y, -1]\nb: don't # c\nc: v:x\nd: a,b]\ne: -.inf\n",
      "true: x\n1: y\nkey with  spaces: z\n",
  };
  for (const char* yaml : cases) {
    check_fast_matches_yaml_cpp(yaml);
  }
}

TEST_CASE("parse_yaml: the fast reader agrees with yaml-cpp on generated documents") {
  const char* const values[] = {
      "1", "-0", "+7", "0o7", "0x1f", "1.5", ".5", "1e3", "-.inf", ".nan", "true", "FALSE",
      "yes", "~", "null", "text with spaces", "a,b", "[x]", "[]", "[a, 'b', \"c d\", 1, null]",
      "'it''s'", "\"\xF0\x9F\x9F\xA9 x\"", "v # c", "2025-07-05", "C#", "a:b", "x]", "{}",
      "|\n  one\n\n  two\n", "|-\n  one\n", "|+\n  one\n\n", "\n  - a\n  - 'b'\n",
      "\n- a\n\n- b # c\n", "", "\n\n", "'a # not a comment'", "\"\"", "-5", "\xC3\xA9t\xC3\xA9",
  };
  const char* const keys[] = {"title", "id", "tags", "notes", "a b", "x-y", "n", "title"};
  std::uint32_t state = 12345;
  auto next = [&state](std::uint32_t n) {
    state = state * 1664525U + 1013904223U;
    return (state >> 8U) % n;
  };
  int fast_docs = 0;
  for (int doc = 0; doc < 300; ++doc) {
    std::string yaml;
    const std::uint32_t entries = next(6) + 1;
    for (std::uint32_t e = 0; e < entries; ++e) {
      if (next(5) == 0) {
        yaml += next(2) == 0 ? "\n" : "# comment\n";
      }
      const std::string value = values[next(std::size(values))];
      yaml += keys[next(std::size(keys))];
      yaml += ':';
      if (!value.empty() && value.front() != '\n') {
        yaml += ' ';
      }
      yaml += value;
      if (value.empty() || value.back() != '\n') {
        yaml += '\n';
      }
    }
    if (!detail::parse_simple_yaml(yaml, "n.md")) {
      continue;  // outside the subset: yaml-cpp alone reads it
    }
    ++fast_docs;
    check_fast_matches_yaml_cpp(yaml);
  }
  CHECK(fast_docs > 100);
}

TEST_CASE("parse_yaml: the fast reader leaves everything else to yaml-cpp") {
  const char* const cases[] = {
      "a: b\n  c\n",          "a:\n  b: 1\n",           "a: {x: 1}\n",
      "a: &x 1\nb: *x\n",     "a: !!str 1\n",           "a: \"x\\ty\"\n",
      "a: >\n  folded\n",     "a: \"multi\n  line\"\n", "- a\n",
      "a: 1\n...\n",          "a:\tb\n",                "a: [a, [b]]\n",
      "a: [x: 1]\n",          "a: b: c\n",              "a: [a,]\n",
      "a: |\n\n  x\n",        "a:\n  -\n",              "\"q\": 1\n",
      "a: 1",                 "a: [a\n",                "a: 'x\n",
      "? a\n: b\n",           "a: |2\n  x\n",           "a: 1\r\nb: 2\r\n",
      "a: - b\n",             "a: b:\n",                "a: x\n b: y\n",
      "key : v\n",            "a: |\n  x\n# c\n",       "a: # c\n",
      "%YAML 1.2\n---\na: 1\n", "\xEF\xBB\xBF" "a: 1\n", "a: \"x\" y\n",
      "a: |\n  x\n   \n  y\n",
      // yaml-cpp ends a plain scalar in a flow list at '?' (fuzzer: `f: [u?]`, issue 15).
      "f: [u?]\n",           "tags: [what?, a]\nx: &a 1\n", "t: [a?b]\n",
  };
  // An implicit key longer than YAML's 1,024 characters (issue 15).
  const std::string long_key = std::string(1100, 'k') + ": v\n";
  std::vector<std::string> all(std::begin(cases), std::end(cases));
  all.push_back(long_key);
  for (const std::string& yaml : all) {
    CAPTURE(yaml);
    CHECK_FALSE(detail::parse_simple_yaml(yaml, "n.md"));
    // And parse_yaml still answers as yaml-cpp does.
    const YamlResult full = parse_yaml(yaml, "n.md");
    const YamlResult slow = detail::parse_yaml_with_yaml_cpp(yaml, "n.md");
    CHECK(full.value.has_value() == slow.value.has_value());
    CHECK(full.diagnostics.size() == slow.diagnostics.size());
  }
}

TEST_CASE("parse_yaml: positions on one long line cost linear time") {
  // 90,000 values on one line: each column was counted from the line start (quadratic).
  std::string line = "a: [";
  for (int i = 0; i < 90000; ++i) line += i == 0 ? "\xC3\xA9" : ", \xC3\xA9";
  const std::string yaml = line + "]\nb: [x, \xC3\xA9, y]\n";
  for (const bool fast : {true, false}) {
    CAPTURE(fast);
    const auto started = std::chrono::steady_clock::now();
    const YamlResult r = fast ? *detail::parse_simple_yaml(yaml, "n.md", 2) : detail::parse_yaml_with_yaml_cpp(yaml, "n.md", 2);
    REQUIRE(r.value);
    const Value& list = r.value->find("a") != nullptr ? *r.value->find("a") : *r.value;
    REQUIRE(list.as_list().size() == 90000);
    CHECK(list.as_list()[0].position == Position{2, 5});
    CHECK(list.as_list()[89999].position == Position{2, 5 + 89999 * 3});
    const Value* b = r.value->find("b");
    REQUIRE(b != nullptr);
    CHECK(b->as_list()[2].position == Position{3, 11});  // a new line starts counting again
    if (fast) CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  }
}
