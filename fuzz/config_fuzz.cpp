// Fuzz target: the .mdvault.yaml reader (parse_config) and glob matching. The first line of the
// input is also tried as a glob against the second, and compared with a plain recursive matcher.
#include <array>
#include <string>

#include "core/config.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {
namespace {

// glob_match's meaning, written as the obvious backtracking recursion (exponential: short
// inputs only): `*` within a segment, `**` across segments, `**/` also zero folders, `?` one
// character other than '/'.
bool reference_glob(std::string_view pattern, std::string_view path) {
  if (pattern.empty()) {
    return path.empty();
  }
  if (pattern.starts_with("**")) {
    if (pattern.size() > 2 && pattern[2] == '/' && reference_glob(pattern.substr(3), path)) {
      return true;
    }
    return reference_glob(pattern.substr(2), path) || (!path.empty() && reference_glob(pattern, path.substr(1)));
  }
  if (pattern.front() == '*') {
    return reference_glob(pattern.substr(1), path) ||
           (!path.empty() && path.front() != '/' && reference_glob(pattern, path.substr(1)));
  }
  if (path.empty()) {
    return false;
  }
  if (pattern.front() == '?' ? path.front() == '/' : pattern.front() != path.front()) {
    return false;
  }
  return reference_glob(pattern.substr(1), path.substr(1));
}

constexpr std::size_t k_reference_max = 14;

constexpr std::array<std::string_view, 6> k_paths{
    "Start Here.md", "Sessions/2025/Session 1.md", "Templates/a.md", "x/y/drafts/a.md", "", "a/b/c/d/e/f/g.md"};

}  // namespace

int fuzz_config(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  const std::string file = "/vault/.mdvault.yaml";
  std::vector<core::Diagnostic> diagnostics;
  const core::Config config = core::parse_config(*text, file, diagnostics);
  fuzz_check(config.file == file, "the config does not name its file");
  check_diagnostics(TextLines(*text, 1), file, diagnostics);
  for (const std::string& glob : config.ignore) {
    for (const std::string_view path : k_paths) {
      static_cast<void>(core::glob_match(glob, path));
    }
  }
  for (const core::ClassRule& rule : config.classes) {
    fuzz_check(!rule.class_name.empty() && (!rule.folder.empty() || !rule.tag.empty()),
               "a class rule without class, folder or tag");
  }
  for (const auto& [rule, severity] : config.rules) {
    static_cast<void>(core::rule_severity(config, rule, core::Severity::warning));
  }

  const std::size_t newline = text->find('\n');
  const std::string_view pattern = std::string_view(*text).substr(0, newline);
  const std::string_view path =
      newline == std::string::npos ? std::string_view() : std::string_view(*text).substr(newline + 1);
  if (pattern.size() <= k_reference_max && path.size() <= k_reference_max) {
    const bool fast = core::glob_match(pattern, path);
    if (fast != reference_glob(pattern, path)) {
      fuzz_fail("glob_match(\"" + std::string(pattern) + "\", \"" + std::string(path) + "\") gives " +
                (fast ? "true" : "false") + ", the recursive matcher the opposite");
    }
  }
  return 0;
}

}  // namespace mdvault::fuzz
