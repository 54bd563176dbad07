#include <doctest/doctest.h>

#include <chrono>

#include "core/search.hpp"
#include "core/vault.hpp"

using namespace mdvault::core;

namespace {

std::vector<std::string> matched(const SearchHit& hit) {
  std::vector<std::string> out;
  for (const auto& s : hit.spans) out.push_back(hit.text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

TEST_CASE("search: terms are words, quoted phrases and shell-quoted phrases, case-folded") {
  CHECK(parse_search_terms({"Secure", "BASE"}) == std::vector<std::string>{"secure", "base"});
  CHECK(parse_search_terms({"\"secure  base\" repair"}) == std::vector<std::string>{"secure base", "repair"});
  CHECK(parse_search_terms({"secure base"}) == std::vector<std::string>{"secure base"});
  CHECK(parse_search_terms({"a", "A", "\"a\""}) == std::vector<std::string>{"a"});
  CHECK(parse_search_terms({"\"unclosed phrase"}) == std::vector<std::string>{"unclosed phrase"});
  CHECK(parse_search_terms({"STRASSE", "Caf\xC3\x89"}) == std::vector<std::string>{"strasse", "caf\xC3\xA9"});
  CHECK(parse_search_terms({" ", "\"\""}).empty());
}

TEST_CASE("search: every term somewhere in the note; each line with a term") {
  const Note note = read_note("n.md", "---\ntitle: Secure Base\ntags: [repair]\n---\nThe secure base.\nNothing.\n\tA BASE and a base\n");
  const auto terms = parse_search_terms({"base", "repair"});
  const auto hits = search_note(note, terms);
  REQUIRE(hits.size() == 4);
  CHECK(hits[0].line == 2);
  CHECK(hits[0].text == "title: Secure Base");
  CHECK(matched(hits[0]) == std::vector<std::string>{"Base"});
  CHECK(hits[1].line == 3);
  CHECK(hits[1].text == "tags[0]: repair");
  CHECK(hits[2].line == 5);
  CHECK(hits[2].column == 12);
  CHECK(hits[3].line == 7);
  CHECK(hits[3].column == 4);  // the tab is one column
  CHECK(matched(hits[3]) == std::vector<std::string>{"BASE", "base"});
  // One term missing from the note: nothing at all.
  CHECK(search_note(note, parse_search_terms({"base", "shame"})).empty());
  // A phrase must appear whole.
  CHECK(search_note(note, parse_search_terms({"\"secure base\""})).size() == 2);
  CHECK(search_note(note, parse_search_terms({"\"base secure\""})).empty());
}

TEST_CASE("search: Unicode case folding and normalisation map back to the line") {
  // "Straße" folds to "strasse": the match covers the whole original word.
  const Note german = read_note("g.md", "Die Stra\xC3\x9F" "e hier\n");
  const auto hits = search_note(german, parse_search_terms({"STRASSE"}));
  REQUIRE(hits.size() == 1);
  CHECK(matched(hits[0]) == std::vector<std::string>{"Stra\xC3\x9F" "e"});
  CHECK(hits[0].column == 5);
  // A part of an expansion still maps to the whole character.
  CHECK(matched(search_note(german, parse_search_terms({"ras"}))[0]) == std::vector<std::string>{"ra\xC3\x9F"});
  // A line written in NFD matches a term typed in NFC, and is shown in NFC.
  const Note nfd = read_note("c.md", "Le CAFE\xCC\x81 noir\n");
  const auto cafe = search_note(nfd, parse_search_terms({"caf\xC3\xA9"}));
  REQUIRE(cafe.size() == 1);
  CHECK(matched(cafe[0]) == std::vector<std::string>{"CAF\xC3\x89"});
  CHECK(cafe[0].column == 4);
  // Greek and Cyrillic fold too.
  CHECK(search_note(read_note("x.md", "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91\n"), parse_search_terms({"\xCF\x83\xCE\xBF\xCF\x86"})).size() ==
        1);
}

TEST_CASE("search: linear on pathological lines") {
  // A megabyte of 'a' against "aaaaaaaaab": a naive search would compare ~10 bytes per position;
  // KMP stays linear. Mostly this must simply finish quickly.
  std::string body(1u << 20, 'a');
  body += "\n";
  const Note note = read_note("big.md", body);
  const auto start = std::chrono::steady_clock::now();
  CHECK(search_note(note, parse_search_terms({"aaaaaaaaab"})).empty());
  const auto hits = search_note(note, parse_search_terms({"aa"}));
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].spans.size() == 1);  // touching matches merge into one span
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}
