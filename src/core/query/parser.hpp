#pragma once
// DQL parsing, rule for rule as Dataview's parsimmon grammar (EXPRESSION and QUERY_LANGUAGE):
// ordered choice with backtracking, the same precedence (and/or share one level), the same
// literals (dates, durations, links) and keywords.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/query/ast.hpp"
#include "core/query/dql_value.hpp"

namespace mdvault::core::query {

/// Why a query did not parse: where (1-based line and column in code points) and what was expected.
struct SyntaxError {
  std::size_t offset = 0;  ///< byte offset of the furthest failure
  int line = 1;
  int column = 1;
  std::string expected;    ///< "'and' or 'or', FROM, WHERE, ..."
  std::string message;     ///< a sentence for people
};

/// Parses a whole query (QUERY_LANGUAGE.query, end of input required).
std::variant<Query, SyntaxError> parse_query(std::string_view text);

/// Parses one expression (EXPRESSION.field, end of input required).
std::variant<ExprPtr, SyntaxError> parse_expression(std::string_view text);

/// Parses one FROM source expression (EXPRESSION.source, end of input required).
std::variant<SourcePtr, SyntaxError> parse_source(std::string_view text);

/// EXPRESSION.date over the whole text ("2025-07-05", "2025-07-05T16:56:00Z"), or nothing.
std::optional<DateTime> parse_date_text(std::string_view text);

/// EXPRESSION.datePlus over the whole text: a date or a shorthand ("today", "eom"...).
std::optional<DateTime> parse_date_plus_text(std::string_view text);

/// EXPRESSION.duration over the whole text ("3 days", "1h 30m"), or nothing.
std::optional<Duration> parse_duration_text(std::string_view text);

/// EXPRESSION.embedLink over the whole text ("[[Note]]", "![[Note|x]]"), or nothing.
std::optional<Link> parse_link_text(std::string_view text);

/// Dataview's parseInlineValue: the typed value of an inline field's text (dates, durations,
/// links, numbers, booleans, quoted strings, tags and comma lists of them), else the text.
DqlValue parse_inline_value(std::string_view text);

}  // namespace mdvault::core::query
