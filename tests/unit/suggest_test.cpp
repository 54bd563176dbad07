#include <doctest/doctest.h>

#include "core/suggest.hpp"

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
