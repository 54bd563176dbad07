#include "core/suggest.hpp"

#include <algorithm>
#include <cstdint>

#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

// Splits UTF-8 into code points (strings are compared code point by code point).
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

// Optimal string alignment distance; stops early once every path exceeds `limit`
// (then returns limit + 1).
std::size_t bounded_distance(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y,
                             std::size_t limit) {
  const std::size_t n = x.size();
  const std::size_t m = y.size();
  if ((n > m ? n - m : m - n) > limit) {
    return limit + 1;
  }
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) {
      return limit + 1;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

// Counts of code points by their low five bits: half the difference of two such
// histograms is a lower bound of the edit distance.
std::array<std::uint8_t, 32> histogram_of(const std::vector<std::uint32_t>& cps) {
  std::array<std::uint8_t, 32> h{};
  for (const auto cp : cps) {
    auto& bin = h[cp & 31U];
    if (bin < 255) {
      ++bin;
    }
  }
  return h;
}

std::size_t histogram_bound(const std::array<std::uint8_t, 32>& a, const std::array<std::uint8_t, 32>& b) {
  std::size_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff += a[i] > b[i] ? std::size_t{a[i]} - b[i] : std::size_t{b[i]} - a[i];
  }
  return (diff + 1) / 2;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto x = code_points(fold_key(a));
  const auto y = code_points(fold_key(b));
  return bounded_distance(x, y, std::max(x.size(), y.size()));
}

Suggester::Entry Suggester::make_entry(std::string original) {
  Entry e;
  e.folded = fold_key(original);
  e.code_points = code_points(e.folded);
  e.histogram = histogram_of(e.code_points);
  e.original = std::move(original);
  return e;
}

Suggester::Suggester(const std::vector<std::string>& candidates) {
  m_entries.reserve(candidates.size());
  for (const auto& c : candidates) {
    m_entries.push_back(make_entry(c));
  }
}

std::optional<std::string> Suggester::closest(std::string_view word) const {
  if (word.empty()) {
    return std::nullopt;
  }
  const Entry w = make_entry(std::string(word));
  // Up to a third of the word may be wrong, and at least one edit is always allowed.
  const std::size_t limit = std::max<std::size_t>(1, w.code_points.size() / 3);
  const Entry* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const auto& e : m_entries) {
    if (e.folded == w.folded) {
      return e.original;
    }
    std::size_t d = limit + 1;
    // A word that is a prefix of a candidate ("Secur" of "Secure") counts as close.
    const bool prefix = w.code_points.size() >= 3 && e.folded.size() > w.folded.size() &&
                        e.folded.compare(0, w.folded.size(), w.folded) == 0;
    if (histogram_bound(w.histogram, e.histogram) < best_distance) {
      d = bounded_distance(w.code_points, e.code_points, best_distance - 1);
    }
    if (d > limit && prefix) {
      d = limit;
    }
    if (d < best_distance) {
      best_distance = d;
      best = &e;
    }
  }
  if (best == nullptr) {
    return std::nullopt;
  }
  return best->original;
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  return Suggester(candidates).closest(word);
}

}  // namespace mdvault::core
