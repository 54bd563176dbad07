#pragma once
// ECMA-262 patterns (JSON Schema's `pattern`) run on PCRE2; PCRE2 stays inside regex.cpp.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

namespace mdvault::core::schema {

/// Why a pattern could not be compiled.
struct RegexError {
  std::string message;   ///< PCRE2's own words
  std::size_t position;  ///< 1-based character (code point) in the pattern as written
};

/// A compiled pattern; immutable once built, so one instance serves every thread.
class Regex {
public:
  /// The outcome of a search: a match limit turns a catastrophic pattern into `too_complex`.
  enum class Match { yes, no, too_complex };

  /// Translates `ecma_pattern` to PCRE2 syntax (ASCII \d \w \b, Unicode \s, `.` stops at line
  /// terminators, `$` only at the end, \uXXXX) and compiles it with PCRE2_UTF and JIT.
  static std::variant<Regex, RegexError> compile(std::string_view ecma_pattern);

  Regex(Regex&&) noexcept;
  Regex& operator=(Regex&&) noexcept;
  ~Regex();

  /// Unanchored search, as ECMA's `RegExp.prototype.test`; never runs past the match limit.
  [[nodiscard]] Match search(std::string_view subject) const;
  /// The pattern as written in the schema.
  [[nodiscard]] const std::string& source() const { return m_source; }

private:
  struct Code;
  Regex(std::string source, std::unique_ptr<Code> code);
  std::string m_source;
  std::unique_ptr<Code> m_code;
};

/// The PCRE2 pattern that stands for an ECMA-262 pattern (exposed for tests).
std::string translate_ecma_pattern(std::string_view ecma_pattern);

}  // namespace mdvault::core::schema
