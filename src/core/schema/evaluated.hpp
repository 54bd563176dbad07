#pragma once
// The annotations `unevaluatedProperties` and `unevaluatedItems` read: which fields of an object
// (by their index in the map) or which items of a list some successful schema has evaluated. A
// bitset, one per schema that has an unevaluated keyword and one per alternative branch, so a
// large list costs a few words per branch, never a copy of names per branch.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mdvault::core::schema {

/// A set of indices below a fixed size.
class Evaluated {
public:
  explicit Evaluated(std::size_t size) : m_size(size), m_words((size + 63) / 64, 0) {}

  [[nodiscard]] std::size_t size() const { return m_size; }

  void set(std::size_t i) { m_words[i / 64] |= std::uint64_t{1} << (i % 64); }

  /// Sets [begin, end).
  void set_range(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && i % 64 != 0; ++i) {
      set(i);
      begin = i + 1;
    }
    for (; begin + 64 <= end; begin += 64) {
      m_words[begin / 64] = ~std::uint64_t{0};
    }
    for (; begin < end; ++begin) {
      set(begin);
    }
  }

  [[nodiscard]] bool has(std::size_t i) const { return ((m_words[i / 64] >> (i % 64)) & 1U) != 0; }

  /// Adds the indices of `other` (of the same size).
  void merge(const Evaluated& other) {
    for (std::size_t w = 0; w < std::min(m_words.size(), other.m_words.size()); ++w) {
      m_words[w] |= other.m_words[w];
    }
  }

private:
  std::size_t m_size;
  std::vector<std::uint64_t> m_words;
};

}  // namespace mdvault::core::schema
