#include <doctest/doctest.h>

#include "core/suggest.hpp"

#include <algorithm>
#include <cstdint>

#include "core/unicode.hpp"

using namespace mdvault::core;

TEST_CASE("suggest: edit distance counts transpositions as one edit") {
  CHECK(edit_distance("lint", "lint") == 0);
  CHECK(edit_distance("lnit", "lint") == 1);
  CHECK(edit_distance("Secur", "Secure") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("SECURE", "secure") == 0);
}

TEST_CASE("suggest: closest match within a third of the word") {
  const std::vector<std::string> styles{"Secure", "Anxious", "Avoidant", "Disorganized"};
  CHECK(closest_match("Secur", styles) == std::optional<std::string>("Secure"));
  CHECK(closest_match("anxous", styles) == std::optional<std::string>("Anxious"));
  CHECK(closest_match("Avoidnat", styles) == std::optional<std::string>("Avoidant"));
  CHECK_FALSE(closest_match("Banana", styles).has_value());
  CHECK_FALSE(closest_match("", styles).has_value());
}

namespace {

// The linear answer the Suggester must reproduce: every candidate measured in order.
std::optional<std::string> linear_closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) {
    return std::nullopt;
  }
  const std::string w = fold_key(word);
  const std::size_t length = count_code_points(w);
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::string f = fold_key(c);
    if (f == w) {
      return c;
    }
    std::size_t d = edit_distance(word, c);
    const bool prefix = length >= 3 && f.size() > w.size() && f.compare(0, w.size(), w) == 0;
    if (d > limit && prefix) {
      d = limit;
    }
    if (d < best_distance) {
      best_distance = d;
      best = &c;
    }
  }
  return best == nullptr ? std::nullopt : std::optional<std::string>(*best);
}

// A small deterministic generator (the test must not depend on the library's engines).
struct Lcg {
  std::uint64_t state;
  std::size_t below(std::size_t n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>((state >> 33U) % n);
  }
};

// Letters chosen so that names collide often: case pairs, a folded pair (ß/ss), accents.
const std::vector<std::string> k_letters{"a", "b", "c", "A", "B", "s", "S", "ß", "é", "É", " ", "1", "Σ", "σ"};

std::string random_text(Lcg& rng, std::size_t max_letters) {
  std::string out;
  const std::size_t n = rng.below(max_letters + 1);
  for (std::size_t i = 0; i < n; ++i) {
    out += k_letters[rng.below(k_letters.size())];
  }
  return out;
}

// `text` with a few random edits: a deleted, inserted, replaced or swapped letter.
std::string mutate(Lcg& rng, const std::string& text) {
  std::vector<std::string> letters;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0U) == 0x80U) {
      ++n;
    }
    letters.push_back(text.substr(i, n));
    i += n;
  }
  const std::size_t edits = rng.below(4);
  for (std::size_t e = 0; e < edits; ++e) {
    const std::size_t at = letters.empty() ? 0 : rng.below(letters.size());
    switch (rng.below(4)) {
      case 0:
        if (!letters.empty()) letters.erase(letters.begin() + static_cast<std::ptrdiff_t>(at));
        break;
      case 1:
        letters.insert(letters.begin() + static_cast<std::ptrdiff_t>(at), k_letters[rng.below(k_letters.size())]);
        break;
      case 2:
        if (!letters.empty()) letters[at] = k_letters[rng.below(k_letters.size())];
        break;
      default:
        if (at + 1 < letters.size()) std::swap(letters[at], letters[at + 1]);
        break;
    }
  }
  if (rng.below(5) == 0 && letters.size() > 3) {
    letters.resize(3 + rng.below(letters.size() - 3));  // a prefix
  }
  std::string out;
  for (const auto& l : letters) {
    out += l;
  }
  return out;
}

}  // namespace

TEST_CASE("suggest: the index gives the linear answer, ties and prefixes included") {
  Lcg rng{20261206};
  std::size_t questions = 0;
  std::size_t answered = 0;
  for (int round = 0; round < 60; ++round) {
    std::vector<std::string> names;
    const std::size_t count = 1 + rng.below(round < 30 ? 40 : 400);
    for (std::size_t i = 0; i < count; ++i) {
      names.push_back(i > 0 && rng.below(6) == 0 ? mutate(rng, names[rng.below(i)]) : random_text(rng, 10));
    }
    const Suggester index(names);
    for (int q = 0; q < 150; ++q) {
      const std::string word = rng.below(3) == 0 ? random_text(rng, 12) : mutate(rng, names[rng.below(names.size())]);
      const auto expected = linear_closest(word, names);
      INFO("word: \"" << word << "\", round " << round);
      CHECK(index.closest(word) == expected);
      CHECK(index.closest(word) == expected);  // asked again: from the cache
      ++questions;
      if (expected) {
        ++answered;
      }
    }
  }
  // The questions must exercise both outcomes.
  CHECK(answered > questions / 4);
  CHECK(answered < questions);
}

TEST_CASE("suggest: gen-vault names, a broken target and a typo") {
  std::vector<std::string> names;
  for (int i = 0; i < 2000; ++i) {
    names.push_back(std::string(i % 2 == 0 ? "Abandonment" : "Mistrust") + (i % 3 == 0 ? " Anxious " : " Secure ") +
                    std::to_string(10000 + i));
  }
  const Suggester index(names);
  for (const std::string word : {"Nowhere 1751752628955", "Missing Note 1751752568955", "Mistrust Secure 10001",
                                 "mistrust secur 10001", "Abandonment Anxous 1000", "Abandonment"}) {
    INFO(word);
    CHECK(index.closest(word) == linear_closest(word, names));
  }
  CHECK(index.closest("Mistrust Secure 1001") == std::optional<std::string>("Mistrust Secure 10001"));
  CHECK_FALSE(index.closest("Nowhere 1751752628955").has_value());
}

TEST_CASE("suggest: a very long word against very long names is measured name by name") {
  // (2,100 + 1) x (2,050 + 1) cells are more than the trie walk keeps: the scan answers.
  const std::string base(2100, 'a');
  const std::vector<std::string> names{base + "b", base.substr(0, 2000) + std::string(100, 'c'), base};
  const Suggester index(names);
  const std::string word = base.substr(0, 2050);
  CHECK(index.closest(word) == linear_closest(word, names));
  CHECK(index.closest(word) == std::optional<std::string>(base));
}
