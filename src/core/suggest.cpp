#include "core/suggest.hpp"

#include <algorithm>
#include <cstdint>

#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

// Splits UTF-8 into code points (as strings are compared code point by code point).
std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  out.reserve(s.size());
  std::uint32_t cp = 0;
  int remaining = 0;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0U) == 0x80U && remaining > 0) {
      cp = (cp << 6U) | (c & 0x3FU);
      if (--remaining == 0) {
        out.push_back(cp);
      }
      continue;
    }
    if (c < 0x80U) {
      out.push_back(c);
      remaining = 0;
    } else if ((c & 0xE0U) == 0xC0U) {
      cp = c & 0x1FU;
      remaining = 1;
    } else if ((c & 0xF0U) == 0xE0U) {
      cp = c & 0x0FU;
      remaining = 2;
    } else {
      cp = c & 0x07U;
      remaining = 3;
    }
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto x = code_points(fold_key(a));
  const auto y = code_points(fold_key(b));
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  // Optimal string alignment distance with three rolling rows.
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty()) {
    return std::nullopt;
  }
  const std::string folded = fold_key(word);
  const std::size_t length = count_code_points(word);
  // Up to a third of the word may be wrong, and at least one edit is always allowed.
  const std::size_t limit = std::max<std::size_t>(1, length / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::string other = fold_key(candidate);
    if (other == folded) {
      return candidate;
    }
    std::size_t d = edit_distance(folded, other);
    // A word that is a prefix of a candidate ("Secur" of "Secure") counts as close.
    if (d > limit && other.size() > folded.size() && other.compare(0, folded.size(), folded) == 0 && length >= 3) {
      d = limit;
    }
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace mdvault::core
