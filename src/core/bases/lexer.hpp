#pragma once
// Tokens of the Bases expression language: numbers, strings in single or double quotes,
// names, operators, brackets, and `/regex/flags` literals where an operand may start.

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mdvault::core::bases {

struct Token {
  enum class Kind { number, string, regex, name, op, end };
  Kind kind = Kind::end;
  std::string text;   ///< the name or operator; the string's value; the regex source
  std::string flags;  ///< regex flags
  double number = 0;
  std::size_t offset = 0;  ///< byte offset in the expression
};

/// A problem in an expression's text, at a byte offset of it.
struct ExprError {
  std::string message;
  std::size_t offset = 0;
};

/// Longest expression text read: 64 KiB (a formula is a line, not a document).
inline constexpr std::size_t k_max_expression_bytes = 64U * 1024U;

/// Splits `text` into tokens ending with one `end`, or the first lexical error.
std::variant<std::vector<Token>, ExprError> tokenize(std::string_view text);

}  // namespace mdvault::core::bases
