#pragma once
// What the frontmatter_*.cpp files share: the rule names, scalar resolution by the YAML 1.2
// core schema, the fast reader for simple YAML and the reading of one YAML document. Only
// the frontmatter files include this header; it names no yaml-cpp type but EventHandler.

#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"
#include "core/frontmatter.hpp"
#include "core/value.hpp"

namespace YAML {
class EventHandler;
}  // namespace YAML

namespace mdvault::core::frontmatter_detail {

inline constexpr std::string_view k_rule_yaml = "frontmatter.yaml";
inline constexpr std::string_view k_rule_duplicate = "frontmatter.duplicate-key";
inline constexpr std::string_view k_rule_too_large = "frontmatter.too-large";

/// An error Diagnostic at `pos` of `path`.
Diagnostic make_diagnostic(const std::string& path, Position pos, std::string_view rule,
                           std::string field, std::string message);

inline bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// `~`, `null`, `Null`, `NULL` or nothing: a plain scalar the core schema reads as null.
bool is_null_literal(std::string_view s);

/// A plain scalar resolved by the YAML 1.2 core schema (null, bool, int, float or string).
Value resolve_plain(const std::string& s, Position pos);

/// A scalar with a tag: `!!str` (and every tag but the core ones) keeps the text.
Value resolve_tagged(std::string_view tag, const std::string& s, Position pos);

/// Sends the events of `text` to `out` as yaml-cpp would, when the text is in the simple
/// subset (frontmatter_fast_reader.cpp); false otherwise, and the events sent must then be
/// discarded.
bool read_simple_yaml(std::string_view text, YAML::EventHandler& out);

/// Which readers read_yaml may use.
enum class Reader { any, yaml_cpp_only, simple_only };

/// Reads one YAML document; `first_line` is the file line of the text's first line. Returns
/// nothing only for Reader::simple_only when the text is outside the simple subset.
std::optional<YamlResult> read_yaml(std::string_view text, const std::string& path, int first_line,
                                    Reader reader);

}  // namespace mdvault::core::frontmatter_detail
