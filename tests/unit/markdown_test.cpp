#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/markdown.hpp"

namespace core = mdvault::core;
using core::LinkKind;

namespace {

core::Note parse(std::string_view body, int first_line = 1) {
  core::Note note;
  core::parse_body(body, first_line, note);
  return note;
}

std::vector<std::string> targets(const core::Note& note) {
  std::vector<std::string> out;
  for (const auto& link : note.links) {
    out.push_back(link.target);
  }
  return out;
}

std::vector<std::string> tag_names(const core::Note& note) {
  std::vector<std::string> out;
  for (const auto& tag : note.tags) {
    out.push_back(tag.name);
  }
  return out;
}

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

}  // namespace

// ---- headings -------------------------------------------------------------------------------

TEST_CASE("markdown: ATX and setext headings with plain text and file lines") {
  const auto note = parse(
      "# Title\n\nText\n\n### `hasTag()` and *more* [[Note|shown]]\n\nSetext **one**\nsecond line\n===\n\nTwo\n---\n",
      10);
  REQUIRE(note.headings.size() == 4);
  CHECK(note.headings[0].level == 1);
  CHECK(note.headings[0].text == "Title");
  CHECK(note.headings[0].line == 10);
  CHECK(note.headings[1].level == 3);
  CHECK(note.headings[1].text == "hasTag() and more shown");
  CHECK(note.headings[1].line == 14);
  CHECK(note.headings[2].level == 1);
  CHECK(note.headings[2].text == "Setext one second line");
  CHECK(note.headings[2].line == 16);
  CHECK(note.headings[3].level == 2);
  CHECK(note.headings[3].text == "Two");
  CHECK(note.headings[3].line == 20);
}

TEST_CASE("markdown: a setext heading whose text goes on over an indented dash starts at its first line") {
  // Found by the fuzzer: these put the heading on line 0.
  for (const char* body : {"t\nl\n    -\n-", "d\n\x1b\n\t-\n-"}) {
    const auto note = parse(body, 3);
    REQUIRE(note.headings.size() == 1);
    CHECK(note.headings[0].level == 2);
    CHECK(note.headings[0].line == 3);
  }
}

TEST_CASE("markdown: headings in code are not headings; comments leave the heading text") {
  const auto note = parse("```\n# not a heading\n```\n    # indented code\n## A %%hidden%% B\n");
  REQUIRE(note.headings.size() == 1);
  CHECK(note.headings[0].text == "A B");
  CHECK(note.headings[0].line == 5);
}

// ---- wikilinks ------------------------------------------------------------------------------

TEST_CASE("markdown: wikilinks and embeds with file lines and code-point columns") {
  const auto note = parse("Intro [[Note#Heading|Alias]] and ![[photo.png]].\n"
                          "Ünïcödé → [[Target]]\n"
                          "[[#Local heading]] and [[Note#^block]]\n",
                          10);
  REQUIRE(note.links.size() == 5);
  const auto& a = note.links[0];
  CHECK(a.kind == LinkKind::wikilink);
  CHECK(a.target == "Note");
  CHECK(a.subpath == "Heading");
  CHECK(a.display == "Alias");
  CHECK(a.has_display);
  CHECK(a.raw == "[[Note#Heading|Alias]]");
  CHECK(a.line == 10);
  CHECK(a.column == 7);
  const auto& b = note.links[1];
  CHECK(b.kind == LinkKind::embed);
  CHECK(b.target == "photo.png");
  CHECK(b.raw == "![[photo.png]]");
  CHECK(b.line == 10);
  CHECK(b.column == 34);
  // Seven letters, a space, an arrow and a space before the link: column 11.
  const auto& c = note.links[2];
  CHECK(c.target == "Target");
  CHECK(c.line == 11);
  CHECK(c.column == 11);
  const auto& d = note.links[3];
  CHECK(d.target.empty());
  CHECK(d.subpath == "Local heading");
  CHECK(d.line == 12);
  CHECK(d.column == 1);
  const auto& e = note.links[4];
  CHECK(e.target == "Note");
  CHECK(e.subpath == "^block");
  CHECK(e.column == 24);
}

TEST_CASE("markdown: wikilinks in lists, quotes, headings and table cells") {
  const auto note = parse("- item [[InList]]\n"
                          "  - nested [[Nested]]\n"
                          "> quote [[InQuote]]\n"
                          "> [!note] Callout\n"
                          "> body [[InCallout]]\n"
                          "\n"
                          "## Heading [[InHeading]]\n"
                          "\n"
                          "| a | b |\n"
                          "|---|---|\n"
                          "| [[Cell\\|Shown]] | [[Other]] |\n");
  CHECK(targets(note) ==
        std::vector<std::string>{"InList", "Nested", "InQuote", "InCallout", "InHeading", "Cell", "Other"});
  const auto& cell = note.links[5];
  CHECK(cell.display == "Shown");
  CHECK(cell.has_display);
  CHECK(cell.line == 11);
  CHECK(cell.column == 3);
  CHECK(note.links[6].column == 21);
  CHECK(note.links[1].column == 12);
}

TEST_CASE("markdown: unclosed and empty wikilinks are no links") {
  const auto note = parse("[[open\nline]] [[]] [[|]] [[|alias]] [[#]] [[ok]]\n");
  CHECK(targets(note) == std::vector<std::string>{"ok"});
  CHECK(note.links[0].column == 36);
}

TEST_CASE("markdown: nothing counts inside code spans, code blocks, HTML or comments") {
  const auto note = parse("`[[InSpan]] #spantag` and ``a ` [[InDouble]]`` but [[Visible]]\n"
                          "\n"
                          "```\n"
                          "[[InFence]] #fencetag\n"
                          "```\n"
                          "\n"
                          "    [[Indented]] #indented\n"
                          "\n"
                          "~~~md\n"
                          "- [ ] not a task\n"
                          "key:: not a field\n"
                          "~~~\n"
                          "\n"
                          "<div>\n"
                          "[[InHtml]] #htmltag\n"
                          "</div>\n"
                          "\n"
                          "Text <!-- [[InComment]] --> %% [[InObsidianComment]] #c %% after [[After]]\n"
                          "%%\n"
                          "[[InBlockComment]]\n"
                          "\n"
                          "# Heading inside comment\n"
                          "%%\n"
                          "`%%` is literal in code, so [[Kept]] #kept\n");
  CHECK(targets(note) == std::vector<std::string>{"Visible", "After", "Kept"});
  CHECK(tag_names(note) == std::vector<std::string>{"kept"});
  CHECK(note.headings.empty());
  CHECK(note.tasks.empty());
  CHECK(note.fields.empty());
  CHECK(note.links[1].line == 18);
  CHECK(note.links[1].column == 66);
}

TEST_CASE("markdown: code that spans lines, unclosed fences and HTML over lines") {
  const auto note = parse("Start `code\n"
                          "[[InSpan]] more` end [[Out1]]\n"
                          "\n"
                          "> ```\n"
                          "> code [[InQuoteFence]]\n"
                          "after [[Out2]]\n"
                          "\n"
                          "- ```\n"
                          "  code [[InItemFence]]\n"
                          "- next [[Out3]]\n"
                          "\n"
                          "<!--\n"
                          "[[InHtmlComment]]\n"
                          "-->\n"
                          "[[Out4]] <span\n"
                          "title=\"[[InTag]]\">text</span> [[Out5]]\n"
                          "\n"
                          "```\n"
                          "%% not a comment in code\n"
                          "```\n"
                          "[[Out6]]\n"
                          "\ta tab [[Out7]]\n");
  CHECK(targets(note) == std::vector<std::string>{"Out1", "Out2", "Out3", "Out4", "Out5", "Out6", "Out7"});
  REQUIRE(note.links.size() == 7);
  CHECK(note.links[0].line == 2);
  CHECK(note.links[0].column == 22);
  CHECK(note.links[4].line == 16);
  CHECK(note.links[4].column == 31);
  CHECK(note.links[6].line == 22);
  CHECK(note.links[6].column == 8);
}

TEST_CASE("markdown: a comment spanning blocks, and text right after a comment") {
  const auto note = parse("Before %% starts\n"
                          "\n"
                          "- [ ] hidden task [[Hidden]]\n"
                          "\n"
                          "ends %% [[Shown]]\n"
                          "%% c %% [[AfterLeadingComment]] #tag\n"
                          "%%%% [[AfterEmpty]]\n");
  CHECK(targets(note) == std::vector<std::string>{"Shown", "AfterLeadingComment", "AfterEmpty"});
  CHECK(note.tasks.empty());
  CHECK(note.links[0].line == 5);
  CHECK(note.links[0].column == 9);
  CHECK(note.links[1].line == 6);
  CHECK(note.links[1].column == 9);
  CHECK(tag_names(note) == std::vector<std::string>{"tag"});
}

TEST_CASE("markdown: an unclosed comment runs to the end of the body") {
  const auto note = parse("[[Before]] %% no end\n\n[[After]]\n");
  CHECK(targets(note) == std::vector<std::string>{"Before"});
}

// ---- Markdown links -----------------------------------------------------------------------

TEST_CASE("markdown: relative Markdown links and images, URL-decoded") {
  const auto note = parse("See [text](My%20Note.md#Part) and [same](#Heading).\n"
                          "![alt](pic.png) [ext](https://example.com/x.md) <https://a.org> www.b.org mailto:x@y.z\n"
                          "[obs](obsidian://open?vault=x) [angle](<Folder/Other Note.md>) [empty]()\n",
                          5);
  REQUIRE(note.links.size() == 4);
  const auto& a = note.links[0];
  CHECK(a.kind == LinkKind::markdown);
  CHECK(a.target == "My Note.md");
  CHECK(a.subpath == "Part");
  CHECK(a.display == "text");
  CHECK(a.raw == "[text](My%20Note.md#Part)");
  CHECK(a.line == 5);
  CHECK(a.column == 5);
  const auto& b = note.links[1];
  CHECK(b.target.empty());
  CHECK(b.subpath == "Heading");
  CHECK(b.column == 35);
  const auto& c = note.links[2];
  CHECK(c.kind == LinkKind::embed);
  CHECK(c.target == "pic.png");
  CHECK(c.display == "alt");
  CHECK(c.raw == "![alt](pic.png)");
  CHECK(c.line == 6);
  CHECK(c.column == 1);
  const auto& d = note.links[3];
  CHECK(d.target == "Folder/Other Note.md");
  CHECK(d.line == 7);
  CHECK(d.column == 32);
}

TEST_CASE("markdown: Markdown link columns where cmark-gfm's own columns are off") {
  const auto note = parse("> - quote [a](A.md)\n"
                          ">   more [b](B.md)\n"
                          "lazy é [c](C.md)\n"
                          "\n"
                          "- item\n"
                          "\tcontinued [d](D.md)\n"
                          "\n"
                          "[ref]: Ref.md\n"
                          "after def [e](E.md) [ref]\n"
                          "\n"
                          "para before table [f](F.md)\n"
                          "second [g](G.md)\n"
                          "| h | [i](I.md) |\n"
                          "|---|---|\n"
                          "| [j](J.md) | x |\n",
                          3);
  REQUIRE(note.links.size() == 10);
  const std::vector<std::pair<int, int>> expected = {{3, 11},  {4, 10},  {5, 8},  {8, 12}, {11, 11},
                                                     {11, 21}, {13, 19}, {14, 8}, {15, 7}, {17, 3}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CAPTURE(note.links[i].target);
    CHECK(note.links[i].line == expected[i].first);
    CHECK(note.links[i].column == expected[i].second);
  }
  CHECK(note.links[5].target == "Ref.md");
  CHECK(note.links[5].display == "ref");
  CHECK(note.links[7].target == "G.md");
  CHECK(note.links[8].target == "I.md");
}

TEST_CASE("markdown: a Markdown link over two lines") {
  const auto note = parse("Text [two\nlines](Two.md) and [[After]]\n");
  REQUIRE(note.links.size() == 2);
  CHECK(note.links[0].target == "Two.md");
  CHECK(note.links[0].display == "two lines");
  CHECK(note.links[0].raw == "[two lines](Two.md)");
  CHECK(note.links[0].line == 1);
  CHECK(note.links[0].column == 6);
  CHECK(note.links[1].line == 2);
  CHECK(note.links[1].column == 20);

  const auto more = parse("x ![g\nh](i.png) [j\nk][l]\n\n[l]: m.md\n");
  REQUIRE(more.links.size() == 2);
  CHECK(more.links[0].kind == LinkKind::embed);
  CHECK(more.links[0].line == 1);
  CHECK(more.links[0].column == 3);
  CHECK(more.links[1].target == "m.md");
  CHECK(more.links[1].line == 2);
  CHECK(more.links[1].column == 11);
}

TEST_CASE("markdown: links after backslash line breaks") {
  // cmark-gfm does not count a backslash line break as a new line; the reader does.
  const auto note = parse("a\\\n[x](X.md) b\\\n  [y](Y.md) [[Z]]\n", 4);
  REQUIRE(note.links.size() == 3);
  CHECK(note.links[0].line == 5);
  CHECK(note.links[0].column == 1);
  CHECK(note.links[1].line == 6);
  CHECK(note.links[1].column == 3);
  CHECK(note.links[2].column == 13);
}

TEST_CASE("markdown: footnotes are not links; links inside footnotes are") {
  const auto note = parse("Text[^1] here.\n\n[^1]: The note [x](X.md).\n");
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "X.md");
  CHECK(note.links[0].line == 3);
  CHECK(note.links[0].column == 16);
}

// ---- tags -----------------------------------------------------------------------------------

TEST_CASE("markdown: tags and their edges") {
  const auto note = parse("#tag #a1 #123 #tag/sub #über a#b (#paren) [#bracket] #x_y-z.\n"
                          "# Heading #inheading\n"
                          "https://x.com/#frag [l](#Heading) [[#Local]] [[Note#Sub]] `#code` &#35;\n"
                          "> #quoted\n"
                          ">#tight\n"
                          "- #listed\n"
                          "#日本語 #2024 #2024/05\n",
                          7);
  // `(#paren)` and `[#bracket]` are no tags: Obsidian reads none after punctuation.
  CHECK(tag_names(note) == std::vector<std::string>{"tag", "a1", "tag/sub", "über", "x_y-z", "inheading", "quoted",
                                                    "tight", "listed", "日本語", "2024/05"});
  REQUIRE(note.tags.size() == 11);
  CHECK(note.tags[0].line == 7);
  CHECK(note.tags[0].column == 1);
  CHECK(note.tags[3].column == 24);  // after "#tag #a1 #123 #tag/sub "
  CHECK(note.tags[4].column == 54);  // "#x_y-z" after the blocked ones
  CHECK(note.tags[5].line == 8);
  CHECK(note.tags[5].column == 11);
  CHECK_FALSE(note.tags[0].from_frontmatter);
}

TEST_CASE("markdown: what may stand before a tag, as Obsidian's metadata cache reads it") {
  const auto note = parse("(#p1) \"#p2\" .#p3 x\u2014#p4 a#p5 \\#p6 &#35;p7 [#p8]\n"
                          "\t#t1 [x #t2] a\u00A0#t3 b\u3000#t4\n"
                          "**#bold** _#em_ ~~#struck~~ snake_case_#t5\n"
                          "#a#b x #e#123\n"
                          "\n"
                          "| #cell | x |\n"
                          "| - | - |\n"
                          "|#tight|\\|#escaped|\n"
                          "\n"
                          "text |#notcell\n");
  CHECK(tag_names(note) == std::vector<std::string>{"t1", "t2", "t3", "t4", "bold", "em", "struck", "t5", "a", "b",
                                                    "e", "cell", "tight"});
  REQUIRE(note.tags.size() == 13);
  CHECK(note.tags[9].line == 4);
  CHECK(note.tags[9].column == 3);  // "#b" right after "#a"
}

TEST_CASE("markdown: tags of any script and emoji; the tag ends at other punctuation") {
  const auto note = parse("#café #日本語 #📚 #हिन्दी #done. #what? #it's #x,y #a+b #end)\n");
  CHECK(tag_names(note) == std::vector<std::string>{"café", "日本語", "📚", "हिन्दी", "done", "what", "it", "x", "a",
                                                    "end"});
}

TEST_CASE("markdown: nothing counts inside math") {
  const auto note = parse("Math $x #t1 [[L1]] y$ and $$ #t2 [k1:: v] $$ then #after\n"
                          "\n"
                          "$$\n"
                          "#t3 [[L2]]\n"
                          "k2:: v\n"
                          "$$\n"
                          "\n"
                          "Costs $5 and $10 #money\n"
                          "\\$x #escaped$ and\n"
                          "$ #spaced $ too\n"
                          "`$` code then #code-after $unclosed #open\n"
                          "\n"
                          "| $#cellmath$ | #cell |\n"
                          "| - | - |\n");
  CHECK(tag_names(note) == std::vector<std::string>{"after", "money", "escaped", "spaced", "code-after", "open",
                                                    "cell"});
  CHECK(note.links.empty());
  CHECK(note.fields.empty());
}

TEST_CASE("markdown: frontmatter tags and links read before stay in front") {
  core::Note note;
  note.tags.push_back({"fromyaml", 2, 7, true});
  core::Link fm;
  fm.kind = LinkKind::frontmatter;
  fm.target = "Parent";
  note.links.push_back(fm);
  core::parse_body("#body [[Body]]\n", 4, note);
  REQUIRE(note.tags.size() == 2);
  CHECK(note.tags[0].name == "fromyaml");
  CHECK(note.tags[1].name == "body");
  CHECK(note.tags[1].line == 4);
  REQUIRE(note.links.size() == 2);
  CHECK(note.links[0].kind == LinkKind::frontmatter);
  CHECK(note.links[1].target == "Body");
  // Parsing again replaces the body facts.
  core::parse_body("[[Again]]\n", 4, note);
  REQUIRE(note.links.size() == 2);
  CHECK(note.links[1].target == "Again");
  CHECK(note.tags.size() == 1);
}

// ---- tasks ----------------------------------------------------------------------------------

TEST_CASE("markdown: tasks with any status character") {
  const auto note = parse("- [ ] open task\n"
                          "- [x] done\n"
                          "- [X] Done too\n"
                          "* [-] cancelled  \n"
                          "+ [/] started\n"
                          "1. [>] forwarded\n"
                          "2) [✓] unicode status\n"
                          "- plain item\n"
                          "- [[Link]] item\n"
                          "- [x](url) link\n"
                          "- [ab] two chars\n"
                          "- [] empty\n"
                          "\t- [ ] nested with tab\n"
                          "> - [?] in a quote\n"
                          "- [ ]\n"
                          "- [ ] with %%comment%% and `code`\n",
                          20);
  REQUIRE(note.tasks.size() == 11);
  CHECK(note.tasks[0].status == " ");
  CHECK(note.tasks[0].text == "open task");
  CHECK(note.tasks[0].line == 20);
  CHECK_FALSE(note.tasks[0].is_completed());
  CHECK(note.tasks[1].status == "x");
  CHECK(note.tasks[1].is_completed());
  CHECK(note.tasks[2].status == "X");
  CHECK(note.tasks[3].status == "-");
  CHECK(note.tasks[3].text == "cancelled");
  CHECK(note.tasks[4].status == "/");
  CHECK(note.tasks[5].status == ">");
  CHECK(note.tasks[5].text == "forwarded");
  CHECK(note.tasks[6].status == "✓");
  CHECK(note.tasks[6].text == "unicode status");
  CHECK(note.tasks[7].text == "nested with tab");
  CHECK(note.tasks[7].line == 32);
  CHECK(note.tasks[8].status == "?");
  CHECK(note.tasks[8].line == 33);
  CHECK(note.tasks[9].text.empty());
  CHECK(note.tasks[10].text == "with  and `code`");
  // Dataview: only `x` and `X` complete a task; a custom status is checked.
  CHECK(note.tasks[2].is_completed());
  CHECK_FALSE(note.tasks[3].is_completed());
  CHECK(note.tasks[3].is_checked());
  CHECK_FALSE(note.tasks[0].is_checked());
}

TEST_CASE("markdown: a task's text runs over the lines of its paragraph") {
  const auto note = parse("- [ ] wraps over\n  two lines %%hidden%%\nlazy third\n  - [x] child\n"
                          "> - [/] quoted\n> still quoted\n\n1. [ ]\n   on the next line\n");
  REQUIRE(note.tasks.size() == 4);
  CHECK(note.tasks[0].text == "wraps over two lines lazy third");
  CHECK(note.tasks[0].line == 1);
  CHECK(note.tasks[1].text == "child");
  CHECK(note.tasks[2].text == "quoted still quoted");
  CHECK(note.tasks[3].text == "on the next line");
}

TEST_CASE("markdown: tasks in callouts count, in code and comments not") {
  const auto note = parse("> [!todo] Callout\n> - [x] in a callout\n\n```\n- [ ] in code\n```\n"
                          "%% - [ ] in a comment %%\n- [x]no space\n- [] empty\n");
  REQUIRE(note.tasks.size() == 1);
  CHECK(note.tasks[0].text == "in a callout");
  CHECK(note.tasks[0].line == 2);
}

// ---- inline fields --------------------------------------------------------------------------

TEST_CASE("markdown: inline fields of all three forms") {
  const auto note = parse("status:: draft\n"
                          "**Bold Key**:: bold value \n"
                          "Schlüssel mit Leerzeichen:: Wert\n"
                          "\n"
                          "- list key:: list value\n"
                          "- [ ] task [due:: 2024-01-01] and (prio:: high)\n"
                          "\n"
                          "Text [rel:: [[Link]] and [x]] end (a (b) c:: no) (note:: with (nested) parens)\n"
                          "`code:: no` and [also:: `code` kept]\n"
                          "http://x.com is no field, nor is a::b here\n"
                          "a::b\n",
                          2);
  REQUIRE(note.fields.size() == 10);
  CHECK(note.fields[0].key == "status");
  CHECK(note.fields[0].value == "draft");
  CHECK(note.fields[0].line == 2);
  CHECK(note.fields[0].column == 1);
  CHECK(note.fields[1].key == "Bold Key");
  CHECK(note.fields[1].value == "bold value");
  CHECK(note.fields[1].column == 3);
  CHECK(note.fields[2].key == "Schlüssel mit Leerzeichen");
  CHECK(note.fields[2].value == "Wert");
  CHECK(note.fields[3].key == "list key");
  CHECK(note.fields[3].value == "list value");
  CHECK(note.fields[3].line == 6);
  CHECK(note.fields[3].column == 3);
  CHECK(note.fields[4].key == "due");
  CHECK(note.fields[4].value == "2024-01-01");
  CHECK(note.fields[4].line == 7);
  CHECK(note.fields[4].column == 13);
  CHECK(note.fields[5].key == "prio");
  CHECK(note.fields[5].value == "high");
  CHECK(note.fields[6].key == "rel");
  CHECK(note.fields[6].value == "[[Link]] and [x]");
  CHECK(note.fields[6].line == 9);
  CHECK(note.fields[6].column == 7);
  CHECK(note.fields[7].key == "note");
  CHECK(note.fields[7].value == "with (nested) parens");
  CHECK(note.fields[8].key == "also");
  CHECK(note.fields[8].value == "`code` kept");
  CHECK(note.fields[9].key == "a");
  CHECK(note.fields[9].value == "b");
  CHECK(note.fields[9].line == 12);
}

TEST_CASE("markdown: a full-line field in a paragraph, a quote or a heading, not in a task") {
  const auto note = parse("Text then\nkey:: on a continuation line\n\n## head:: in a heading\n\n"
                          "> quoted:: yes\n\n- [ ] task:: not a field\n  next:: nor this\n- item:: is one\n");
  REQUIRE(note.fields.size() == 4);
  CHECK(note.fields[0].key == "key");
  CHECK(note.fields[0].line == 2);
  CHECK(note.fields[1].key == "head");
  CHECK(note.fields[1].value == "in a heading");
  CHECK(note.fields[1].line == 4);
  CHECK(note.fields[1].column == 4);
  CHECK(note.fields[2].key == "quoted");
  CHECK(note.fields[3].key == "item");
  CHECK(note.fields[3].line == 10);
  REQUIRE(note.headings.size() == 1);
  CHECK(note.headings[0].text == "head:: in a heading");
}

TEST_CASE("markdown: a line with bracketed fields holds no full-line field") {
  const auto note = parse("Whole:: value with [inner:: x] and (other:: y)\nAlone:: [not bracketed]\n");
  REQUIRE(note.fields.size() == 3);
  CHECK(note.fields[0].key == "inner");
  CHECK(note.fields[1].key == "other");
  CHECK(note.fields[2].key == "Alone");
  CHECK(note.fields[2].value == "[not bracketed]");
}

TEST_CASE("markdown: full-line keys drop leading decoration and formatting; bracketed keys may be emoji") {
  const auto note = parse("📅 Date:: 2024-01-01\n"
                          "🎯 **Goal**:: ship\n"
                          "_Italic Key_:: i\n"
                          "Emoji key 🎯:: target\n"
                          "🎅:: needs brackets\n"
                          "[🎅:: gifts] [xmas🎄:: tree]\n"
                          "Not a key.:: dotted\n"
                          "See https://example.com/a::b here\n"
                          "Spaced key   ::   spaced value   \n"
                          "Empty::\n");
  std::vector<std::string> keys;
  for (const auto& field : note.fields) {
    keys.push_back(field.key);
  }
  CHECK(keys == std::vector<std::string>{"Date", "Goal", "Italic Key", "Emoji key 🎯", "🎅", "xmas🎄", "Spaced key",
                                         "Empty"});
  REQUIRE(note.fields.size() == 8);
  CHECK(note.fields[0].column == 3);
  CHECK(note.fields[6].value == "spaced value");
  CHECK(note.fields[7].value.empty());
}

TEST_CASE("markdown: bracketed fields matched as Dataview matches brackets, nested and escaped") {
  // Each `[` is tried in turn: the innermost one opens the field, the link stays a link.
  auto note = parse("[[[[hello:: 16]]\n");
  REQUIRE(note.fields.size() == 1);
  CHECK(note.fields[0].key == "hello");
  CHECK(note.fields[0].value == "16");
  CHECK(note.fields[0].column == 5);
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "hello:: 16");
  // A key may hold `!` and `?`; an escaped bracket in the value neither opens nor closes.
  note = parse("Hello? [key! :: \\[value] (done?:: yes)\n");
  REQUIRE(note.fields.size() == 2);
  CHECK(note.fields[0].key == "key!");
  CHECK(note.fields[0].value == "\\[value");
  CHECK(note.fields[1].key == "done?");
  CHECK(note.fields[1].value == "yes");
  // Neighbours: plain fields, a link next to a field, nested links in a value.
  note = parse("[a:: 1] (b:: 2) [[note]] [c:: [[x]] and [y]] [[note]][d:: 4]\n");
  REQUIRE(note.fields.size() == 4);
  CHECK(note.fields[0].key == "a");
  CHECK(note.fields[0].value == "1");
  CHECK(note.fields[1].key == "b");
  CHECK(note.fields[1].value == "2");
  CHECK(note.fields[2].key == "c");
  CHECK(note.fields[2].value == "[[x]] and [y]");
  CHECK(note.fields[3].key == "d");
  CHECK(note.fields[3].value == "4");
  CHECK(note.links.size() == 3);
  // Unclosed, escaped-open, unbalanced and non-key shapes are no bracketed field: each line is
  // read as a full-line field (its leading `[` or `\\[` is decoration), value to the line's end.
  note = parse("[k:: v\n\n\\[e:: v]\n\n[k:: [v]\n\n[!k:: v] [a.b:: c]\n\nkey!:: v\n");
  std::string found;
  for (const auto& field : note.fields) {
    found += field.key + "=" + field.value + ";";
  }
  CHECK(found == "k=v;e=v];k=[v];k=v] [a.b:: c];");
  // Within a line, nothing reads them at all.
  note = parse("Text \\[e:: v] then [u:: w\n");
  CHECK(note.fields.empty());
}

// ---- block ids ------------------------------------------------------------------------------

TEST_CASE("markdown: block ids at the end of a block or alone after it") {
  const auto note = parse("A paragraph. ^para-1\n"
                          "\n"
                          "- item ^item1\n"
                          "- other\n"
                          "\n"
                          "| a | b |\n"
                          "|---|---|\n"
                          "| 1 | 2 |\n"
                          "\n"
                          "^table1\n"
                          "\n"
                          "> quote\n"
                          "> ^quote1\n"
                          "\n"
                          "Not an id a^b, `code ^c`\n"
                          "\n"
                          "Paragraph\n"
                          "^after\n"
                          "\n"
                          "| x |\n"
                          "|---|\n"
                          "^direct\n",
                          100);
  REQUIRE(note.block_ids.size() == 6);
  CHECK(note.block_ids[0].id == "para-1");
  CHECK(note.block_ids[0].line == 100);
  CHECK(note.block_ids[1].id == "item1");
  CHECK(note.block_ids[1].line == 102);
  CHECK(note.block_ids[2].id == "table1");
  CHECK(note.block_ids[2].line == 109);
  CHECK(note.block_ids[3].id == "quote1");
  CHECK(note.block_ids[3].line == 112);
  CHECK(note.block_ids[4].id == "after");
  CHECK(note.block_ids[4].line == 117);
  CHECK(note.block_ids[5].id == "direct");
  CHECK(note.block_ids[5].line == 121);
}

// ---- robustness -----------------------------------------------------------------------------

TEST_CASE("markdown: empty and odd bodies") {
  CHECK(parse("").links.empty());
  CHECK(parse("\n\n\n").headings.empty());
  const auto nul = parse(std::string("a\0[[x]]\n", 8));
  CHECK(targets(nul) == std::vector<std::string>{"x"});
  const auto no_newline = parse("last [[line]]");
  REQUIRE(no_newline.links.size() == 1);
  CHECK(no_newline.links[0].column == 6);
}

TEST_CASE("markdown: pathological inputs stay linear") {
  SUBCASE("10,000 [[ on one line") {
    const auto note = parse(repeat("[[", 10000) + "\n");
    CHECK(note.links.empty());
  }
  SUBCASE("a 10,000-character link") {
    const std::string target(10000, 'a');
    const auto note = parse("x [[" + target + "|shown]] y\n");
    REQUIRE(note.links.size() == 1);
    CHECK(note.links[0].target == target);
    CHECK(note.links[0].column == 3);
  }
  SUBCASE("10,000 nested list items") {
    const auto note = parse(repeat("- ", 10000) + "[ ] deep [[Deep]] #deep\n");
    REQUIRE(note.tasks.size() == 1);
    CHECK(note.tasks[0].text == "deep [[Deep]] #deep");
    CHECK(targets(note) == std::vector<std::string>{"Deep"});
    CHECK(tag_names(note) == std::vector<std::string>{"deep"});
  }
  SUBCASE("10,000 nested quotes") {
    const auto note = parse(repeat("> ", 10000) + "[[Quoted]]\n");
    CHECK(targets(note) == std::vector<std::string>{"Quoted"});
  }
  SUBCASE("many lines of links, tags and backticks") {
    const auto note = parse(repeat("a [[b]] #c `d` [e](f.md) [g:: h] ``` ` %% i %%\n\n", 10000));
    CHECK(note.links.size() == 20000);
    CHECK(note.tags.size() == 10000);
    CHECK(note.fields.size() == 10000);
    CHECK(note.links.back().line == 19999);
  }
  SUBCASE("unmatched brackets and backticks") {
    const auto note = parse(repeat("[(`` ", 5000) + "\n" + repeat("[k:: ", 5000) + "\n");
    // No bracket closes, so (as in Dataview) the second line is one full-line field `k`.
    REQUIRE(note.fields.size() == 1);
    CHECK(note.fields[0].key == "k");
    CHECK(note.fields[0].line == 2);
  }
}

TEST_CASE("markdown: parse_body is safe on several threads at once") {
  const std::string body = repeat("# H\n- [ ] t [[a]] #b [c](d.md) [k:: v] ^id\n\n| x | [[y]] |\n|---|---|\n\n", 200);
  const core::Note expected = parse(body);
  std::vector<core::Note> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&body, &result] { core::parse_body(body, 1, result); });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (const auto& result : results) {
    CHECK(result.links.size() == expected.links.size());
    CHECK(result.tags.size() == expected.tags.size());
    CHECK(result.tasks.size() == expected.tasks.size());
    CHECK(result.headings.size() == expected.headings.size());
  }
  CHECK(expected.links.size() == 600);
  CHECK(expected.tasks.size() == 200);
}
