#include "core/query/lexer.hpp"

#include <algorithm>

#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

constexpr char32_t k_replacement = 0xFFFD;

// The code point at s[pos] and its length in bytes. A byte that does not start a complete
// sequence (a stray continuation byte, a lead byte whose continuation bytes are missing or
// are not 10xxxxxx) is one byte long and reads as U+FFFD, so no caller steps past the text.
char32_t decode(std::string_view s, std::size_t pos, std::size_t* length) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  *length = 1;
  if (b0 < 0x80) {
    return b0;
  }
  std::size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0u) == 0xC0u) {
    n = 2;
    cp = b0 & 0x1Fu;
  } else if ((b0 & 0xF0u) == 0xE0u) {
    n = 3;
    cp = b0 & 0x0Fu;
  } else if ((b0 & 0xF8u) == 0xF0u) {
    n = 4;
    cp = b0 & 0x07u;
  } else {
    return k_replacement;
  }
  if (pos + n > s.size()) {
    return k_replacement;
  }
  for (std::size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0u) != 0x80u) {
      return k_replacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  *length = n;
  return cp;
}

bool is_emoji_code_point(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
         cp == 0x00A9 || cp == 0x00AE || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF);
}

}  // namespace

std::size_t Lexer::char_length(std::size_t pos) const {
  std::size_t length = 1;
  decode(m_text, pos, &length);
  return pos + length <= m_text.size() ? length : m_text.size() - pos;
}

bool Lexer::literal(std::size_t& pos, std::string_view word, std::string_view expected) {
  if (m_text.substr(pos, word.size()) == word) {
    pos += word.size();
    return true;
  }
  expect(pos, expected.empty() ? "'" + std::string(word) + "'" : std::string(expected));
  return false;
}

bool Lexer::keyword(std::size_t& pos, std::string_view word, std::string_view expected) {
  if (pos + word.size() <= m_text.size()) {
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i) {
      char c = m_text[pos + i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == word[i];
    }
    if (same) {
      pos += word.size();
      return true;
    }
  }
  expect(pos, expected.empty() ? std::string(word) : std::string(expected));
  return false;
}

std::size_t Lexer::space_length(std::size_t pos) const {
  if (pos >= m_text.size()) return 0;
  const char c = m_text[pos];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  std::size_t length = 0;
  const char32_t cp = decode(m_text, pos, &length);
  if (cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
      cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF) {
    return length;
  }
  return 0;
}

bool Lexer::whitespace(std::size_t& pos) {
  if (space_length(pos) == 0) {
    expect(pos, "whitespace");
    return false;
  }
  opt_whitespace(pos);
  return true;
}

void Lexer::opt_whitespace(std::size_t& pos) const {
  while (std::size_t n = space_length(pos)) pos += n;
}

std::size_t Lexer::letter_length(std::size_t pos) const {
  if (pos >= m_text.size()) return 0;
  const char c = m_text[pos];
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  if (static_cast<unsigned char>(c) < 0x80) return 0;
  std::size_t length = 0;
  if (core::is_alnum_at(m_text, pos, &length) && length > 0) {
    std::size_t decoded = 0;
    const char32_t cp = decode(m_text, pos, &decoded);
    // Decimal digits of other scripts are not letters.
    if ((cp >= 0x660 && cp <= 0x669) || (cp >= 0x6F0 && cp <= 0x6F9) || (cp >= 0x966 && cp <= 0x96F) ||
        (cp >= 0xFF10 && cp <= 0xFF19)) {
      return 0;
    }
    return length;
  }
  return 0;
}

std::size_t Lexer::emoji_length(std::size_t pos) const {
  if (pos >= m_text.size() || static_cast<unsigned char>(m_text[pos]) < 0x80) return 0;
  std::size_t length = 0;
  const char32_t cp = decode(m_text, pos, &length);
  if (!is_emoji_code_point(cp)) return 0;
  std::size_t end = pos + length;
  while (end < m_text.size()) {
    std::size_t next = 0;
    const char32_t more = decode(m_text, end, &next);
    if (more == 0xFE0F || (more >= 0x1F3FB && more <= 0x1F3FF)) {
      end += next;
    } else if (more == 0x200D && end + next < m_text.size()) {
      std::size_t after = 0;
      const char32_t joined = decode(m_text, end + next, &after);
      if (!is_emoji_code_point(joined)) break;
      end += next + after;
    } else {
      break;
    }
  }
  return std::min(end, m_text.size()) - pos;
}

std::size_t Lexer::tag_char_length(std::size_t pos) const {
  if (pos >= m_text.size()) return 0;
  if (space_length(pos) > 0) return 0;
  const char c = m_text[pos];
  if (static_cast<unsigned char>(c) < 0x80) {
    static constexpr std::string_view k_excluded = "'!\"#$%&()*+,.:;<=>?@^`{|}~[]\\";
    return k_excluded.find(c) == std::string_view::npos ? 1 : 0;
  }
  std::size_t length = 0;
  const char32_t cp = decode(m_text, pos, &length);
  if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x2E00 && cp <= 0x2E7F)) return 0;
  return char_length(pos);
}

void Lexer::describe(std::size_t pos, std::string_view what) {
  if (pos != m_furthest) return;
  m_expected.clear();
  m_expected.insert(std::string(what));
}

void Lexer::expect(std::size_t pos, std::string_view what) {
  if (pos > m_furthest) {
    m_furthest = pos;
    m_expected.clear();
  }
  if (pos == m_furthest) m_expected.insert(std::string(what));
}

}  // namespace mdvault::core::query
