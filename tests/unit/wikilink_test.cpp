#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/wikilink.hpp"

namespace core = mdvault::core;
using core::LinkKind;
using core::Position;
using core::Value;

TEST_CASE("wikilink: split_link_text splits target, subpath and display") {
  const auto p = core::split_link_text("Note#Heading|Alias");
  CHECK(p.target == "Note");
  CHECK(p.subpath == "Heading");
  CHECK(p.display == "Alias");
  CHECK(p.has_display);

  const auto plain = core::split_link_text("Folder/Note");
  CHECK(plain.target == "Folder/Note");
  CHECK(plain.subpath.empty());
  CHECK_FALSE(plain.has_display);

  // Everything after the first '#' is the subpath; '#' after '|' belongs to the display.
  const auto nested = core::split_link_text("Note#A#B|x#y");
  CHECK(nested.target == "Note");
  CHECK(nested.subpath == "A#B");
  CHECK(nested.display == "x#y");

  const auto block = core::split_link_text("Note#^block-1");
  CHECK(block.subpath == "^block-1");

  const auto local = core::split_link_text("#Local heading");
  CHECK(local.target.empty());
  CHECK(local.subpath == "Local heading");

  // Inside tables the separator is written `\|`; the backslash is not part of the target.
  const auto table = core::split_link_text("Note\\|Alias");
  CHECK(table.target == "Note");
  CHECK(table.display == "Alias");
  CHECK(table.has_display);

  const auto spaced = core::split_link_text(" Note # Part | Shown ");
  CHECK(spaced.target == "Note");
  CHECK(spaced.subpath == "Part");
  CHECK(spaced.display == "Shown");

  const auto empty_display = core::split_link_text("Note|");
  CHECK(empty_display.has_display);
  CHECK(empty_display.display.empty());
}

TEST_CASE("wikilink: has_destination rejects links that point nowhere") {
  CHECK_FALSE(core::has_destination(core::split_link_text("")));
  CHECK_FALSE(core::has_destination(core::split_link_text("|")));
  CHECK_FALSE(core::has_destination(core::split_link_text("|alias")));
  CHECK_FALSE(core::has_destination(core::split_link_text("#")));
  CHECK(core::has_destination(core::split_link_text("#Heading")));
  CHECK(core::has_destination(core::split_link_text("Note")));
}

TEST_CASE("wikilink: parse_single_wikilink accepts exactly one link") {
  const auto one = core::parse_single_wikilink("  [[Secure Attachment#Signs|signs]] ");
  REQUIRE(one);
  CHECK(one->target == "Secure Attachment");
  CHECK(one->subpath == "Signs");
  CHECK(one->display == "signs");

  CHECK_FALSE(core::parse_single_wikilink("Secure Attachment"));
  CHECK_FALSE(core::parse_single_wikilink("[[a]] and [[b]]"));
  CHECK_FALSE(core::parse_single_wikilink("[[a]][[b]]"));
  CHECK_FALSE(core::parse_single_wikilink("see [[a]]"));
  CHECK_FALSE(core::parse_single_wikilink("![[photo.png]]"));
  CHECK_FALSE(core::parse_single_wikilink("[[]]"));
  CHECK_FALSE(core::parse_single_wikilink("[[|x]]"));
  CHECK_FALSE(core::parse_single_wikilink("[[a]"));
  CHECK(core::parse_single_wikilink("[[#Heading]]"));
}

TEST_CASE("wikilink: find_wikilinks gives byte spans, embeds and the later opener") {
  const std::string line = "a [[One]] b ![[two.png]] [[x [[Three|3]] [[open";
  const auto spans = core::find_wikilinks(line);
  REQUIRE(spans.size() == 3);
  CHECK(spans[0].begin == 2);
  CHECK(spans[0].end == 9);
  CHECK_FALSE(spans[0].is_embed);
  CHECK(spans[0].inner(line) == "One");
  CHECK(spans[1].begin == 12);
  CHECK(spans[1].is_embed);
  CHECK(spans[1].inner(line) == "two.png");
  CHECK(spans[2].inner(line) == "Three|3");
  CHECK(line.substr(spans[2].begin, 2) == "[[");

  CHECK(core::find_wikilinks("no links ]] here [[ nor here").empty());
  CHECK(core::find_wikilinks("\\[[escaped]]").empty());
  const auto empty = core::find_wikilinks("[[]]");
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].inner("[[]]").empty());
}

TEST_CASE("wikilink: pathological lines stay linear") {
  std::string openers;
  for (int i = 0; i < 10000; ++i) {
    openers += "[[";
  }
  CHECK(core::find_wikilinks(openers).empty());

  openers += "x]]";
  const auto last = core::find_wikilinks(openers);
  REQUIRE(last.size() == 1);
  CHECK(last[0].inner(openers) == "x");

  const std::string long_target(10000, 'n');
  const std::string long_link = "[[" + long_target + "]]";
  const auto spans = core::find_wikilinks(long_link);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].inner(long_link).size() == 10000);
  CHECK(core::parse_single_wikilink(long_link)->target == long_target);
}

TEST_CASE("wikilink: url_decode") {
  CHECK(core::url_decode("My%20Note.md") == "My Note.md");
  CHECK(core::url_decode("%C3%BCber") == "\xC3\xBC"
                                         "ber");
  CHECK(core::url_decode("a%2fb%2Fc") == "a/b/c");
  CHECK(core::url_decode("100%") == "100%");
  CHECK(core::url_decode("%zz%2") == "%zz%2");
  CHECK(core::url_decode("a+b") == "a+b");
}

namespace {

core::MapEntry entry(std::string key, int line, Value value) {
  return core::MapEntry{std::move(key), Position{line, 1}, std::move(value)};
}

}  // namespace

TEST_CASE("wikilink: collect_frontmatter_links walks maps and lists with field paths") {
  core::Note note;
  core::ValueMap meta;
  meta.push_back(
      entry("related", 3,
            Value::make_list({Value::make_string("[[Deep One]]", {4, 7}), Value::make_string("plain text", {5, 7}),
                              Value::make_string("[[Deep Two#Part|two]]", {6, 7})},
                             {4, 5})));
  core::ValueMap top;
  top.push_back(entry("parent", 2, Value::make_string(" [[Parent]] ", {2, 9})));
  top.push_back(entry("meta", 3, Value::make_map(std::move(meta), {3, 3})));
  top.push_back(entry("count", 7, Value::make_int(3, {7, 8})));
  top.push_back(entry("two", 8, Value::make_string("[[a]] [[b]]", {8, 6})));
  top.push_back(entry(
      "nested", 9, Value::make_list({Value::make_list({Value::make_string("[[Inner]]", {10, 6})}, {10, 4})}, {10, 3})));
  note.frontmatter = Value::make_map(std::move(top), {2, 1});

  core::Link body;
  body.kind = LinkKind::wikilink;
  body.target = "Body";
  body.line = 20;
  note.links.push_back(body);

  core::collect_frontmatter_links(note);
  REQUIRE(note.links.size() == 5);
  CHECK(note.links[0].field == "parent");
  CHECK(note.links[0].target == "Parent");
  CHECK(note.links[0].kind == LinkKind::frontmatter);
  CHECK(note.links[0].raw == " [[Parent]] ");
  CHECK(note.links[0].line == 2);
  CHECK(note.links[0].column == 9);
  CHECK(note.links[1].field == "meta.related[0]");
  CHECK(note.links[1].target == "Deep One");
  CHECK(note.links[1].line == 4);
  CHECK(note.links[2].field == "meta.related[2]");
  CHECK(note.links[2].subpath == "Part");
  CHECK(note.links[2].display == "two");
  CHECK(note.links[2].has_display);
  CHECK(note.links[3].field == "nested[0][0]");
  CHECK(note.links[3].target == "Inner");
  CHECK(note.links[3].line == 10);
  CHECK(note.links[3].column == 6);
  // Body links stay after the frontmatter ones.
  CHECK(note.links[4].target == "Body");

  // Running it again replaces, never duplicates.
  core::collect_frontmatter_links(note);
  CHECK(note.links.size() == 5);
}

TEST_CASE("wikilink: collect_frontmatter_links without frontmatter keeps body links") {
  core::Note note;
  core::Link body;
  body.target = "Body";
  note.links.push_back(body);
  core::collect_frontmatter_links(note);
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "Body");
}
