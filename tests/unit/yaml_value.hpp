#pragma once
// Test helper: a YAML text read into a Value, failing the test case when it does not parse.

#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "core/frontmatter.hpp"

namespace mdvault::core::testing {

inline Value yaml(const std::string& text) {
  YamlResult r = parse_yaml(text, "test.yaml");
  REQUIRE_MESSAGE(r.diagnostics.empty(), (r.diagnostics.empty() ? "" : r.diagnostics.front().message));
  REQUIRE(r.value.has_value());
  return std::move(*r.value);
}

}  // namespace mdvault::core::testing
