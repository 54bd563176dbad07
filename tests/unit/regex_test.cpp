#include <doctest/doctest.h>

#include <chrono>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/regex.hpp"

using namespace mdvault::core;

namespace {

Regex compile_ok(std::string_view pattern, const RegexOptions& options = {}) {
  auto compiled = Regex::compile(pattern, options);
  REQUIRE(std::holds_alternative<Regex>(compiled));
  return std::move(std::get<Regex>(compiled));
}

// The first match of `pattern` in `subject` from byte `from`; REQUIREs that the search finished.
std::optional<RegexMatch> first_match(std::string_view pattern, std::string_view subject, std::size_t from = 0) {
  auto found = compile_ok(pattern).find(subject, from);
  REQUIRE(std::holds_alternative<std::optional<RegexMatch>>(found));
  return std::get<std::optional<RegexMatch>>(std::move(found));
}

std::string replace_all(std::string_view pattern, std::string_view subject, std::string_view replacement) {
  auto replaced = regex_replace_all(compile_ok(pattern), subject, replacement);
  REQUIRE(std::holds_alternative<std::string>(replaced));
  return std::get<std::string>(std::move(replaced));
}

std::vector<std::string> split(std::string_view pattern, std::string_view subject,
                               std::optional<std::size_t> limit = std::nullopt) {
  auto parts = regex_split(compile_ok(pattern), subject, limit);
  REQUIRE(std::holds_alternative<std::vector<std::string>>(parts));
  return std::get<std::vector<std::string>>(std::move(parts));
}

using Parts = std::vector<std::string>;

}  // namespace

TEST_CASE("regex: patterns follow ECMA-262 on PCRE2") {
  const auto matches = [](std::string_view pattern, std::string_view text) {
    return compile_ok(pattern).search(text) == Regex::Match::yes;
  };
  CHECK(matches("^\\d+$", "123"));
  CHECK_FALSE(matches("^\\d$", "\xD9\xA3"));  // ARABIC-INDIC DIGIT THREE is no \d in ECMA
  CHECK_FALSE(matches("^\\w$", "\xC3\xA9"));  // nor is é a \w
  CHECK(matches("^\\s$", "\xC2\xA0"));        // but NO-BREAK SPACE is \s
  CHECK(matches("^[\\s]$", "\xE3\x80\x80"));
  CHECK_FALSE(matches("^\\S$", "\xC2\xA0"));
  CHECK_FALSE(matches("^a.b$", "a\nb"));
  CHECK_FALSE(matches("^abc$", "abc\n"));  // $ only at the very end
  CHECK(matches("^\\p{Letter}+$", "\xC3\xA9t\xC3\xA9"));
  CHECK(matches("^\\u00e9$", "\xC3\xA9"));
  CHECK(matches("^\\uD83D\\uDE00$", "\xF0\x9F\x98\x80"));
  CHECK(matches("^[^]$", "\n"));
  CHECK_FALSE(matches("[]", "a"));
  CHECK(matches("^[[:a]+$", "[:a"));
  CHECK(matches("a+", "xaax"));  // not anchored
  CHECK(translate_ecma_pattern("\\u{1F600}") == "\\x{1f600}");
  CHECK(compile_ok("^a+$").source() == "^a+$");

  const auto error = std::get<RegexError>(Regex::compile("ab(c"));
  CHECK(error.position == 5);
  CHECK_FALSE(error.message.empty());
  // The position counts characters of the pattern as written, not bytes of the translation.
  CHECK(std::get<RegexError>(Regex::compile("\xC3\xA9\\s(")).position == 5);
}

TEST_CASE("regex: the match limit turns catastrophic backtracking into too complex") {
  const std::string hostile = std::string(40, 'a') + "!";
  const Regex re = compile_ok("^(a+)+$");
  CHECK(re.search(hostile) == Regex::Match::too_complex);
  CHECK(std::holds_alternative<RegexTooComplex>(re.find(hostile)));
  CHECK(std::holds_alternative<RegexTooComplex>(regex_replace_all(re, hostile, "x")));
  CHECK(std::holds_alternative<RegexTooComplex>(regex_split(re, hostile, std::nullopt)));
  // A simple pattern on a long subject stays far below the limit.
  CHECK(compile_ok("b$").search(std::string(50'000, 'a') + "b") == Regex::Match::yes);
}

TEST_CASE("regex: lookarounds and repeats over long subjects are bounded too") {
  // Each start position scans to the end: quadratic, and PCRE2's match limit (reset at each
  // start, blind to possessive repeats) let `a(?=[a]*c)` on 300,000 characters run 13-19 s.
  const std::string long_a(300'000, 'a');
  const auto started = std::chrono::steady_clock::now();
  for (const std::string_view pattern : {"a(?=[a]*c)", "(?<=a)(?=a*b)", "a(?=a*c)|b"}) {
    INFO(std::string(pattern));
    CHECK(compile_ok(pattern).search(long_a) == Regex::Match::too_complex);
  }
  CHECK(std::holds_alternative<RegexTooComplex>(compile_ok("a(?=[a]*c)").find(long_a)));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  // Linear work on a long subject is not refused.
  CHECK(compile_ok("a(?=[a]*$)").search(long_a) == Regex::Match::yes);
  CHECK(compile_ok("(?=b)").search(long_a + "b") == Regex::Match::yes);
  CHECK(compile_ok("[a-z]+\\d").search(long_a) == Regex::Match::too_complex);  // quadratic as well
  const auto spaced = [] {
    std::string s;
    for (int i = 0; i < 3000; ++i) s += "word ";
    return s;
  }();
  CHECK(compile_ok("[a-z]+\\d").search(spaced) == Regex::Match::no);
  CHECK(std::get<std::string>(regex_replace_all(compile_ok("o(?=r)"), spaced, "0")).size() == spaced.size());
}

TEST_CASE("regex: replace and split over many matches are linear") {
  // Each find checked the UTF-8 of the rest of the subject: 30,000 matches in 150 KB took 6 s.
  std::string words;
  for (int i = 0; i < 60'000; ++i) words += "w\xC3\xB6rd ";
  const auto started = std::chrono::steady_clock::now();
  const auto replaced = regex_replace_all(compile_ok("\xC3\xB6(?=r)"), words, "o");
  REQUIRE(std::holds_alternative<std::string>(replaced));
  CHECK(std::get<std::string>(replaced).size() == words.size() - 60'000);
  const auto parts = regex_split(compile_ok(" "), words, std::nullopt);
  REQUIRE(std::holds_alternative<std::vector<std::string>>(parts));
  CHECK(std::get<std::vector<std::string>>(parts).size() == 60'001);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  // A subject that is not UTF-8 still never matches, past its first find too.
  CHECK(std::get<std::string>(regex_replace_all(compile_ok("a"), "a\xFF" "a", "b")) == "a\xFF" "a");
}

TEST_CASE("regex: options for case and invalid UTF-8; a long repetition under JIT") {
  RegexOptions caseless;
  caseless.ignore_case = true;
  CHECK(compile_ok("^abc$", caseless).search("AbC") == Regex::Match::yes);
  CHECK(compile_ok("^abc$").search("AbC") == Regex::Match::no);

  // Without match_invalid_utf a subject that is not UTF-8 never matches.
  const std::string_view invalid = "a\xFF"
                                   "b";
  RegexOptions lenient_utf;
  lenient_utf.match_invalid_utf = true;
  CHECK(compile_ok("b", lenient_utf).search(invalid) == Regex::Match::yes);
  CHECK(compile_ok("b").search(invalid) == Regex::Match::no);

  // PCRE2's own 32 KiB JIT stack ran out here; each thread's 1 MiB stack holds it, and
  // running out of it is "too complex", never a silent "no".
  const std::string many = std::string(1000, 'a');
  CHECK(compile_ok("^(?:(a)|b)*$").search(many) == Regex::Match::yes);
  CHECK(compile_ok("^(?:(a)|b)*$").search(many + "c") == Regex::Match::no);
  const std::string huge = std::string(2'000'000, 'a');
  CHECK(compile_ok("^(?:(a)|b)*$").search(huge) == Regex::Match::too_complex);
}

TEST_CASE("regex: find gives spans, capture groups and group names") {
  const auto m = first_match("(?<year>\\d{4})-(x)?", "on 2024-05");
  REQUIRE(m.has_value());
  CHECK(m->start == 3);
  CHECK(m->end == 8);
  REQUIRE(m->groups.size() == 2);
  CHECK(m->groups[0] == std::make_pair(std::size_t{3}, std::size_t{7}));
  CHECK_FALSE(m->groups[1].has_value());
  REQUIRE(m->names.size() == 1);
  CHECK(m->names[0] == std::make_pair(std::string("year"), std::size_t{1}));

  const auto later = first_match("\\d", "a1b2", 2);
  REQUIRE(later.has_value());
  CHECK(later->start == 3);
  CHECK_FALSE(first_match("\\d", "abc").has_value());
}

TEST_CASE("regex: replace all as JavaScript's String.prototype.replace with /g") {
  CHECK(replace_all("l", "Hello", "L") == "HeLLo");
  CHECK(replace_all("(H)(e)", "Hello", "$2$1") == "eHllo");
  CHECK(replace_all("(?<first>H)", "Hello", "<$<first>>") == "<H>ello");
  CHECK(replace_all("e", "Hello", "[$&|$`|$'|$$]") == "H[e|H|llo|$]llo");
  CHECK(replace_all("x*", "abc", "-") == "-a-b-c-");
  CHECK(replace_all("(a)", "a", "$2") == "$2");  // no group 2: kept as written
  CHECK(replace_all("z", "Hello", "Z") == "Hello");
}

TEST_CASE("regex: split as JavaScript's String.prototype.split") {
  CHECK(split("\\d", "a1b2c") == Parts{"a", "b", "c"});
  CHECK(split("(\\d)", "a1b2c") == Parts{"a", "1", "b", "2", "c"});
  CHECK(split("\\d", "a1b2c", 2) == Parts{"a", "b"});
  CHECK(split("\\d", "a1b2c", 0).empty());
  CHECK(split("", "abc") == Parts{"a", "b", "c"});
  CHECK(split(",", "") == Parts{""});
  CHECK(split("x*", "").empty());
}
