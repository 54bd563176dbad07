#pragma once
// The Bases expression parser: JavaScript's precedence (|| below &&, then equality, comparison,
// + and -, * / %, the unary ! and -, then member access, indexing and calls), with a depth limit.

#include <cstddef>
#include <string_view>
#include <variant>

#include "core/bases/expression.hpp"
#include "core/bases/lexer.hpp"

namespace mdvault::core::bases {

/// Deepest nesting of brackets and operators an expression may have.
inline constexpr std::size_t k_max_expression_depth = 200;

/// The tree of `text`, or the first syntax error with its byte offset.
std::variant<ExprPtr, ExprError> parse_expression(std::string_view text);

}  // namespace mdvault::core::bases
