#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/markdown.hpp"
#include "core/markdown_cost.hpp"

namespace core = mdvault::core;

namespace {

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += s;
  }
  return out;
}

std::size_t lines_of(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("markdown cost: an ordinary note is far below every limit") {
  const std::string body = "# Head\n\n> quote [[x]]\n> > deeper #tag\n\n- a\n  - b [l](u)\n\n|a|b|\n|-|-|\n|c|d|\n";
  const core::MarkdownCost cost = core::estimate_markdown_cost(repeat(body, 1000));
  CHECK_FALSE(core::is_over_budget(cost));
  CHECK(cost.depth == 2);
  CHECK(cost.nodes < core::k_markdown_max_nodes);
  CHECK(cost.seconds() < 0.05);
}

TEST_CASE("markdown cost: depth times nodes, and the neutralised copy caps the depth") {
  const std::string body = "intro\n\n" + repeat("> ", 14848) + repeat("a*", 14848) + "\n[[Target]]\n";
  const core::MarkdownCost cost = core::estimate_markdown_cost(body);
  CHECK(cost.depth == 14848);
  CHECK(cost.depth_line == 3);
  CHECK(core::is_over_budget(cost));
  const std::string copy = core::neutralise_markdown(body, '\x02');
  CHECK(copy.size() == body.size());
  CHECK(lines_of(copy) == lines_of(body));
  CHECK(std::count(copy.begin(), copy.end(), '\x02') == 1);
  const core::MarkdownCost after = core::estimate_markdown_cost(copy);
  CHECK(after.depth == core::k_markdown_max_depth);
  CHECK_FALSE(core::is_over_budget(after));
}

TEST_CASE("markdown cost: blank lines in deep lists are counted, not walked") {
  const std::string body = repeat("- ", 10000) + "a\n" + repeat("\n", 40000);
  const core::MarkdownCost cost = core::estimate_markdown_cost(body);
  CHECK(cost.nest_seconds > 5.0);  // measured 9.8 s on the bare library
}

TEST_CASE("markdown cost: a table of many empty cells is taken apart") {
  const std::string body = "|" + repeat("|", 2000) + "\n" + repeat("|-", 2000) + "|\n" + repeat("a\n", 2000);
  const core::MarkdownCost cost = core::estimate_markdown_cost(body);
  CHECK(cost.table_line == 1);
  CHECK(cost.table_seconds > 1.0);
  const std::string copy = core::neutralise_markdown(body, '\x02');
  CHECK(copy.size() == body.size());
  CHECK(copy.find('\x02') > body.find('\n'));  // in the delimiter row
  CHECK(core::estimate_markdown_cost(copy).table_seconds == 0.0);
  // A small table is left alone.
  const std::string small = "a|b\n-|-\nc|d\n";
  CHECK(core::neutralise_markdown(small, '\x02') == small);
}

TEST_CASE("markdown cost: only raw HTML openers nothing closes are neutralised") {
  const std::string body = "a <?x?> b <!A c <![CDATA[ d\n\ne <? f\n";
  const std::string copy = core::neutralise_markdown(body, '#');
  CHECK(copy == "a <?x?> b #!A c #![CDATA[ d\n\ne #? f\n");
  const core::MarkdownCost cost = core::estimate_markdown_cost(repeat("a <![CDATA[", 40000));
  CHECK(cost.html_line == 1);
  CHECK(cost.html_seconds > 1.0);
  // Closed ones are scanned once: linear.
  CHECK(core::estimate_markdown_cost(repeat("a <?", 40000) + "?>").html_seconds < 0.01);
}

TEST_CASE("markdown guard: a guarded note gets one finding and keeps its wikilinks") {
  core::Note note;
  note.path = "Deep.md";
  const std::string body = repeat("> ", 14848) + repeat("a*", 14848) + "\n[[Target]] #tag\n";
  core::parse_body(body, 5, note);
  REQUIRE(note.diagnostics.size() == 1);
  CHECK(note.diagnostics[0].rule == "body.too-complex");
  CHECK(note.diagnostics[0].location.line == 5);
  REQUIRE(note.links.size() == 1);
  CHECK(note.links[0].target == "Target");
  CHECK(note.links[0].line == 6);
  CHECK(note.tags.size() == 1);
}

TEST_CASE("markdown guard: over the node cap, read without the parser, code still code") {
  core::Note note;
  note.path = "Dense.md";
  const std::string body = "```\n[[InCode]]\n```\n`[[Span]]`\n" + repeat("[[a]] ", 600000) + "\n";
  core::parse_body(body, 1, note);
  REQUIRE(note.diagnostics.size() == 1);
  CHECK(note.diagnostics[0].rule == "body.too-complex");
  CHECK(note.diagnostics[0].message.find("without the Markdown parser") != std::string::npos);
  CHECK(note.links.size() == 600000);
  CHECK(std::none_of(note.links.begin(), note.links.end(),
                     [](const core::Link& l) { return l.target == "InCode" || l.target == "Span"; }));
}
