#pragma once
// Splitting the `---` frontmatter block off a note (Obsidian's rule) and reading YAML
// into Value with file positions. Only the frontmatter_*.cpp files (and their internal
// frontmatter_value_builder.hpp) include yaml-cpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core {

/// Largest number of nodes a YAML document may expand to through aliases.
inline constexpr std::size_t k_max_yaml_nodes = 100'000;

/// The outcome of reading a note's frontmatter.
struct FrontmatterResult {
  bool has_block = false;           ///< line 1 is `---` and a closing `---` exists
  std::optional<Value> value;       ///< the mapping, when the YAML parsed and is a mapping
  std::size_t body_offset = 0;      ///< byte offset of the body in the text
  int body_first_line = 1;          ///< file line of the body's first line
  std::vector<Diagnostic> diagnostics;  ///< frontmatter.* findings, with file positions
};

/// Splits and parses the frontmatter of `text` (UTF-8, LF line endings, BOM removed).
/// `path` goes into the diagnostics. Never throws; every problem becomes a Diagnostic:
/// frontmatter.unclosed, frontmatter.misplaced, frontmatter.yaml, frontmatter.duplicate-key,
/// frontmatter.not-a-mapping, frontmatter.too-large.
FrontmatterResult parse_frontmatter(std::string_view text, const std::string& path);

/// The result of reading a standalone YAML (or JSON) document.
struct YamlResult {
  std::optional<Value> value;
  std::vector<Diagnostic> diagnostics;  ///< rule "yaml" style findings (frontmatter.yaml etc.)
};

/// Reads a whole YAML document (a schema file, a config file, a data file) into Value.
/// `first_line` is the file line of the text's first line (1 for a whole file).
YamlResult parse_yaml(std::string_view text, const std::string& path, int first_line = 1);

namespace detail {

/// parse_yaml through yaml-cpp only, never the fast reader for simple documents (for tests
/// that compare both readers).
YamlResult parse_yaml_with_yaml_cpp(std::string_view text, const std::string& path,
                                    int first_line = 1);

/// parse_yaml through the fast reader only; nothing when the text is outside its subset.
std::optional<YamlResult> parse_simple_yaml(std::string_view text, const std::string& path,
                                            int first_line = 1);

}  // namespace detail

}  // namespace mdvault::core
