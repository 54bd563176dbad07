#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/search_prefilter.hpp"
#include "core/unicode.hpp"

using namespace mdvault::core;

TEST_CASE("search prefilter: an ASCII body rules out the terms it does not hold, in any case") {
  const BodyPrefilter body("A Secure BASE\nrepair after rupture\n");
  CHECK(body.may_hold("secure base"));
  CHECK(body.may_hold("repair"));
  CHECK_FALSE(body.may_hold("shame"));
  CHECK_FALSE(body.may_hold("base secure"));
  CHECK_FALSE(body.may_hold("caf\xC3\xA9"));  // a non-ASCII term cannot match ASCII text
  CHECK(body.may_hold(""));
}

TEST_CASE("search prefilter: emoji keep the answer exact; characters that fold into ASCII make it 'maybe'") {
  const BodyPrefilter emoji("## \xF0\x9F\xA7\xA0 What it proposes\n");  // 🧠
  CHECK(emoji.may_hold("proposes"));
  CHECK_FALSE(emoji.may_hold("shame"));
  CHECK(emoji.may_hold("\xF0\x9F\xA7\xA0"));  // non-ASCII terms are searched line by line
  // The Kelvin sign folds to k, sharp s to ss, e with a combining accent composes to é.
  CHECK(BodyPrefilter("\xE2\x84\xAA" "elvin\n").may_hold("kelvin"));
  CHECK(BodyPrefilter("Stra\xC3\x9F" "e\n").may_hold("strasse"));
  CHECK(BodyPrefilter("Caf\xC3\xA9\n").may_hold("cafe"));
  CHECK(may_become_ascii("\xE2\x84\xAA"));
  CHECK(may_become_ascii("\xC3\x89"));
  CHECK_FALSE(may_become_ascii("\xF0\x9F\x94\x92"));  // 🔒
  CHECK_FALSE(may_become_ascii("\xE4\xB8\xAD"));      // 中
}

TEST_CASE("search prefilter: never says no where a folded, normalised line holds the term") {
  // Pieces that fold, compose or decompose into ASCII, beside ones that never do.
  const std::vector<std::string> pieces = {
      "a", "B", "s", "S", "k", "K", "e", " ", "\n", "\xE2\x84\xAA", "\xC3\x9F", "\xC5\xBF", "\xC3\xA9",
      "\xCC\x81", "\xC4\xB0", "\xEF\xAC\x81", "\xF0\x9F\x94\x92", "\xE4\xB8\xAD", "\xCE\xA3", "i", "f"};
  const std::vector<std::string> terms = {"ss", "k", "ke", "fi", "se", "e", "i", "sk", "a b", "bs"};
  std::mt19937 random(20261206);
  for (int round = 0; round < 3000; ++round) {
    std::string body;
    const int length = static_cast<int>(random() % 12);
    for (int i = 0; i < length; ++i) body += pieces[random() % pieces.size()];
    const BodyPrefilter prefilter(body);
    for (const auto& term : terms) {
      bool held = false;
      std::size_t start = 0;
      while (start <= body.size() && !held) {
        std::size_t end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        held = fold_case(normalize_nfc(body.substr(start, end - start))).find(term) != std::string::npos;
        start = end + 1;
      }
      if (held) {
        INFO("body: " << body << " term: " << term);
        CHECK(prefilter.may_hold(term));
      }
    }
  }
}
