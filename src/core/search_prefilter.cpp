#include "core/search_prefilter.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

unsigned char lower(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b >= 'A' && b <= 'Z' ? static_cast<unsigned char>(b + ('a' - 'A')) : b;
}

/// Bytes in the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0U) return 1;
  if (lead < 0xE0U) return 2;
  if (lead < 0xF0U) return 3;
  return 4;
}

/// Horspool's search for a lower-case ASCII `term` in `text`, upper and lower case alike:
/// linear at worst, and it skips ahead by up to the term's length on a mismatch.
bool contains_ascii_folded(std::string_view text, std::string_view term) {
  const std::size_t m = term.size();
  if (m == 0) return true;
  if (text.size() < m) return false;
  std::array<std::size_t, 256> skip{};
  skip.fill(m);
  for (std::size_t j = 0; j + 1 < m; ++j) skip[static_cast<unsigned char>(term[j])] = m - 1 - j;
  for (std::size_t i = 0; i + m <= text.size(); i += skip[lower(text[i + m - 1])]) {
    std::size_t k = m;
    while (k > 0 && lower(text[i + k - 1]) == static_cast<unsigned char>(term[k - 1])) --k;
    if (k == 0) return true;
  }
  return false;
}

}  // namespace

BodyPrefilter::BodyPrefilter(std::string_view body) : m_body(body) {
  for (std::size_t i = 0; i < body.size();) {
    const auto lead = static_cast<unsigned char>(body[i]);
    if (lead < 0x80U) {
      ++i;
      continue;
    }
    m_ascii = false;
    const std::size_t n = std::min(sequence_length(lead), body.size() - i);
    if (may_become_ascii(body.substr(i, n))) {
      m_decides = false;
      return;
    }
    i += n;
  }
}

bool BodyPrefilter::may_hold(std::string_view term) const {
  if (!m_decides) return true;
  for (const char c : term) {
    // A folded non-ASCII term may match the body's other characters: only an all-ASCII
    // body can rule it out (its folded text is ASCII too).
    if (static_cast<unsigned char>(c) >= 0x80U) return !m_ascii;
  }
  return contains_ascii_folded(m_body, term);
}

}  // namespace mdvault::core
