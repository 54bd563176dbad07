#pragma once
// The character level of DQL (Dataview's parser has no separate token stream): a cursor over
// the query text with the character classes its regular expressions use, and the furthest
// failure seen, so that a syntax error points where parsing got furthest.

#include <cstddef>
#include <set>
#include <string>
#include <string_view>

namespace mdvault::core::query {

/// A position in the query text, and what was expected at the furthest failure.
class Lexer {
public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  [[nodiscard]] std::string_view text() const { return m_text; }
  [[nodiscard]] bool at_end(std::size_t pos) const { return pos >= m_text.size(); }
  [[nodiscard]] char peek(std::size_t pos) const { return pos < m_text.size() ? m_text[pos] : '\0'; }

  /// Matches `word` exactly at pos (advances on success; records the failure otherwise).
  bool literal(std::size_t& pos, std::string_view word, std::string_view expected = {});
  /// Matches `word` ignoring ASCII case (Dataview's /WORD/i).
  bool keyword(std::size_t& pos, std::string_view word, std::string_view expected = {});
  /// One or more white-space characters (JavaScript's \s+).
  bool whitespace(std::size_t& pos);
  /// Zero or more white-space characters.
  void opt_whitespace(std::size_t& pos) const;
  /// Length of the white-space character at pos, or 0.
  [[nodiscard]] std::size_t space_length(std::size_t pos) const;

  /// Length of a letter (\p{Letter}) at pos, or 0.
  [[nodiscard]] std::size_t letter_length(std::size_t pos) const;
  /// Length of an emoji (with variation selectors and joiners) at pos, or 0.
  [[nodiscard]] std::size_t emoji_length(std::size_t pos) const;
  /// Length of one character allowed in a tag after '#', or 0.
  [[nodiscard]] std::size_t tag_char_length(std::size_t pos) const;
  /// Length of the UTF-8 sequence starting at pos (1 for invalid bytes).
  [[nodiscard]] std::size_t char_length(std::size_t pos) const;

  /// Records that `what` was expected at pos (kept when pos is the furthest so far).
  void expect(std::size_t pos, std::string_view what);
  /// Replaces what was expected at pos by one description (parsimmon's desc()).
  void describe(std::size_t pos, std::string_view what);
  [[nodiscard]] std::size_t furthest() const { return m_furthest; }
  [[nodiscard]] const std::set<std::string>& expected() const { return m_expected; }

private:
  std::string_view m_text;
  std::size_t m_furthest = 0;
  std::set<std::string> m_expected;
};

}  // namespace mdvault::core::query
