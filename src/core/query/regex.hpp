#pragma once
// JavaScript regular expressions for the DQL functions (regextest, regexmatch, regexreplace,
// split), run on PCRE2 with a match limit so that no pattern from a query can hang a run.
// PCRE2 stays inside regex.cpp; patterns are translated by the schema engine's ECMA translator.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mdvault::core::query {

/// A pattern ran past PCRE2's match limit (catastrophic backtracking): the query fails instead.
struct RegexTooComplex {};

/// One match: the span and each capture group's span (nothing when the group did not take part).
struct RegexMatch {
  std::size_t start = 0;
  std::size_t end = 0;
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> groups;  ///< groups[0] is group 1
  std::vector<std::pair<std::string, std::size_t>> names;                  ///< named group -> number
};

/// A compiled pattern, reusable for many subjects.
class QueryRegex {
public:
  /// Compiles an ECMA-262 pattern; the error text on failure.
  static std::variant<std::shared_ptr<const QueryRegex>, std::string> compile(std::string_view pattern,
                                                                              bool ignore_case = false);
  ~QueryRegex();
  QueryRegex(const QueryRegex&) = delete;
  QueryRegex& operator=(const QueryRegex&) = delete;

  /// The first match at or after byte `from`, nothing, or RegexTooComplex.
  [[nodiscard]] std::variant<std::optional<RegexMatch>, RegexTooComplex> search(std::string_view subject,
                                                                               std::size_t from = 0) const;

  struct Code;
  explicit QueryRegex(std::unique_ptr<Code> code);

private:
  std::unique_ptr<Code> m_code;
};

/// String.prototype.replace with a global regex: every match replaced, `$1`, `$&`, `$<name>`, `$$` expanded.
std::variant<std::string, RegexTooComplex> regex_replace_all(const QueryRegex& re, std::string_view subject,
                                                             std::string_view replacement);

/// String.prototype.split with a regex (captures included, as JavaScript does), at most `limit` parts.
std::variant<std::vector<std::string>, RegexTooComplex> regex_split(const QueryRegex& re, std::string_view subject,
                                                                    std::optional<std::size_t> limit);

}  // namespace mdvault::core::query
