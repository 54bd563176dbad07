#pragma once
// The literals of DQL, rule for rule as Dataview's EXPRESSION grammar: numbers, strings,
// booleans, tags, identifiers, links, dates (with zones and shorthands like "today") and
// durations. The query parser builds on it; so do the typing of frontmatter and inline values.
// Internal to src/core/query.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/query/date_time.hpp"
#include "core/query/dql_value.hpp"
#include "core/query/lexer.hpp"

namespace mdvault::core::query {

/// ASCII upper case (keywords and date shorthands are matched without case).
std::string upper_ascii(std::string_view s);

/// The literal rules over one text. Each rule takes a position, advances it on success, and
/// records what it expected at the furthest failure in the lexer.
class LiteralGrammar {
public:
  explicit LiteralGrammar(std::string_view text) : m_lex(text), m_text(text) {}

  Lexer& lexer() { return m_lex; }

  /// Exactly `count` ASCII digits; their value in `value` when given.
  bool digits(std::size_t& pos, std::size_t count, int* value);
  /// EXPRESSION.number: -?[0-9]+(\.[0-9]+)?
  std::optional<double> number(std::size_t& pos);
  /// EXPRESSION.string: a double-quoted string, its escapes resolved.
  std::optional<std::string> string_literal(std::size_t& pos);
  /// EXPRESSION.bool: true or false.
  std::optional<bool> boolean(std::size_t& pos);
  /// EXPRESSION.tag: "#" and tag characters, with the "#".
  std::optional<std::string> tag(std::size_t& pos);
  /// EXPRESSION.identifier: a letter or emoji, then letters, digits, "_", "-" or emoji.
  std::optional<std::string> identifier(std::size_t& pos);
  /// EXPRESSION.link: [[path#sub|display]].
  std::optional<Link> link(std::size_t& pos);
  /// EXPRESSION.embedLink: a link, optionally "!"-prefixed.
  std::optional<Link> embed_link(std::size_t& pos);
  /// EXPRESSION.date: an ISO date, optionally with a time and a zone.
  std::optional<DateTime> date(std::size_t& pos);
  /// The zone after a date's time ("Z", "+02:00"...): its offset in minutes.
  std::optional<int> zone(std::size_t& pos);
  /// A bracketed zone after a date's time ("[Europe/Paris]"): the name.
  std::optional<std::string> zone_name(std::size_t& pos);
  /// The offset in minutes of a zone named in brackets at a wall-clock time: "UTC", "GMT",
  /// "UTC+2", or an IANA name from ICU's zone database; nothing for an unknown zone.
  static std::optional<int> zone_offset(std::string_view name, std::int64_t local_ms);
  /// A date shorthand ("today", "sow", "eom"...).
  std::optional<DateTime> date_shorthand(std::size_t& pos);
  /// The date a shorthand word stands for, from now.
  static DateTime shorthand_value(std::string_view word);
  /// EXPRESSION.datePlus: a shorthand or a date.
  std::optional<DateTime> date_plus(std::size_t& pos);
  /// One "3 days" / "1h" item of a duration.
  std::optional<Duration> duration_item(std::size_t& pos);
  /// EXPRESSION.duration: one or more duration items ("1h 30m").
  std::optional<Duration> duration(std::size_t& pos);
  /// `sep` trimmed by optional white space: ",".trim(optWhitespace).
  bool comma(std::size_t& pos);

protected:
  Lexer m_lex;
  std::string_view m_text;
};

} // namespace mdvault::core::query
