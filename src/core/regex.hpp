#pragma once
// ECMA-262 (JavaScript) regular expressions on PCRE2, with a match limit so that no pattern can
// hang a run: JSON Schema's `pattern` and `patternProperties`, and the DQL functions
// (regextest, regexmatch, regexreplace, split). PCRE2 stays inside regex.cpp.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mdvault::core {

/// Why a pattern could not be compiled.
struct RegexError {
  std::string message;   ///< PCRE2's own words
  std::size_t position;  ///< 1-based character (code point) in the pattern as written
};

/// How a pattern is compiled and run; each caller states what it needs.
struct RegexOptions {
  /// Backtracking steps allowed per search before it gives up as too complex: by default far
  /// above what real patterns on frontmatter need, low enough that `(a+)+$` on hostile input
  /// gives up within milliseconds.
  std::uint32_t match_limit = 200'000;
  /// Nested backtracking allowed per search before it gives up as too complex.
  std::uint32_t depth_limit = 10'000;
  /// Heap for backtracking frames per search (interpreter), in KiB: 64 MiB, not PCRE2's 20 GB.
  std::uint32_t heap_limit_kib = 64U * 1024U;
  /// Work allowed per search, over all start positions and lookarounds (one unit per pattern
  /// item tried and per character moved): this much, plus `work_per_byte` per subject byte, so
  /// any linear search passes and a quadratic one on a long subject gives up in milliseconds.
  std::uint64_t work_limit = 1'000'000;
  /// Work allowed per byte of the subject after the search's start, on top of `work_limit`.
  std::uint64_t work_per_byte = 32;
  /// Case-insensitive matching (PCRE2_CASELESS).
  bool ignore_case = false;
  /// Match in subjects that are not valid UTF-8 (invalid bytes match nothing); without it such
  /// a subject never matches.
  bool match_invalid_utf = false;
};

/// A search ran past a limit (catastrophic backtracking).
struct RegexTooComplex {};

/// One match: the span and each capture group's span (nothing when the group did not take part).
struct RegexMatch {
  std::size_t start = 0;
  std::size_t end = 0;
  std::vector<std::optional<std::pair<std::size_t, std::size_t>>> groups;  ///< groups[0] is group 1
  std::vector<std::pair<std::string, std::size_t>> names;                  ///< named group -> number
};

/// A compiled pattern; immutable once built, so one instance serves every thread.
class Regex {
public:
  /// The outcome of a test: a match limit turns a catastrophic pattern into `too_complex`.
  enum class Match { yes, no, too_complex };

  /// Translates `ecma_pattern` to PCRE2 syntax (see translate_ecma_pattern) and compiles it
  /// with PCRE2_UTF and JIT.
  static std::variant<Regex, RegexError> compile(std::string_view ecma_pattern, const RegexOptions& options = {});

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  /// Unanchored search, as ECMA's `RegExp.prototype.test`; never runs past the match limit.
  [[nodiscard]] Match search(std::string_view subject) const;
  /// The first match at or after byte `from`, nothing, or RegexTooComplex. `utf_checked` says
  /// an earlier find on the same subject from 0 got past PCRE2's UTF-8 check, which is then
  /// skipped (it reads the rest of the subject each time: a loop of finds was quadratic).
  [[nodiscard]] std::variant<std::optional<RegexMatch>, RegexTooComplex> find(std::string_view subject,
                                                                             std::size_t from = 0,
                                                                             bool utf_checked = false) const;
  /// The pattern as written.
  [[nodiscard]] const std::string& source() const { return m_source; }

private:
  struct Code;
  Regex(std::string source, std::unique_ptr<Code> code);
  std::string m_source;
  std::unique_ptr<Code> m_code;
};

/// The PCRE2 pattern that stands for an ECMA-262 pattern: ASCII \d \w \b, Unicode \s, `.` stops
/// at line terminators, `$` only at the end, \uXXXX and \u{X}, long \p{...} names (exposed for
/// tests).
std::string translate_ecma_pattern(std::string_view ecma_pattern);

/// String.prototype.replace with a global regex: every match replaced, `$1`, `$&`, `$<name>`, `$$` expanded.
/// Stops as soon as the result is longer than `max_bytes` (the caller sees a result that long).
std::variant<std::string, RegexTooComplex> regex_replace_all(const Regex& re, std::string_view subject,
                                                             std::string_view replacement,
                                                             std::size_t max_bytes = std::string::npos);

/// String.prototype.split with a regex (captures included, as JavaScript does), at most `limit` parts.
std::variant<std::vector<std::string>, RegexTooComplex> regex_split(const Regex& re, std::string_view subject,
                                                                    std::optional<std::size_t> limit);

}  // namespace mdvault::core
