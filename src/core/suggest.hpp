#pragma once
// "Did you mean" for misspelt names: commands, options, fields, classes, enum values, notes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core {

/// Edit distance (insert, delete, substitute, transpose) over code points, case-folded.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a distance that scales with the word's length
/// (or one that differs only by case/prefix), or nothing. Among equally close
/// candidates the first in `candidates` wins; one equal after folding wins outright.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// A fixed set of candidates, indexed once, for many "did you mean" questions.
/// The folded candidates form a trie walked with one edit-distance row per trie node,
/// so names that share a beginning share its work, and a branch stops as soon as
/// every name in it is farther than the best found: the cost follows the names near
/// the word, not how many names there are. Answers are remembered (a broken link
/// repeated over a vault is asked once). Safe to ask from several threads at once.
class Suggester {
public:
  explicit Suggester(const std::vector<std::string>& candidates);
  Suggester(Suggester&&) noexcept;
  Suggester& operator=(Suggester&&) noexcept;
  Suggester(const Suggester&) = delete;
  Suggester& operator=(const Suggester&) = delete;
  ~Suggester();

  /// Same answer as closest_match(word, candidates).
  [[nodiscard]] std::optional<std::string> closest(std::string_view word) const;

private:
  static constexpr std::uint32_t k_none = 0xFFFFFFFFU;

  // A trie node: the code point that leads to it, its children (contiguous), the
  // first candidate that ends here and the first candidate anywhere below it.
  struct Node {
    std::uint32_t code_point = 0;
    std::uint32_t first_child = 0;
    std::uint32_t child_count = 0;
    std::uint32_t terminal = k_none;
    std::uint32_t subtree_first = k_none;
  };
  struct Cache;

  [[nodiscard]] std::uint32_t closest_index(const std::string& folded) const;
  [[nodiscard]] std::uint32_t prefix_index(const std::string& folded) const;
  [[nodiscard]] std::uint32_t nearest_in_trie(const std::vector<std::uint32_t>& word, std::size_t limit,
                                              std::size_t best_distance, std::uint32_t best) const;
  [[nodiscard]] std::uint32_t nearest_by_scan(const std::vector<std::uint32_t>& word, std::size_t limit,
                                              std::size_t best_distance, std::uint32_t best) const;
  void build_trie(const std::vector<std::vector<std::uint32_t>>& code_points);

  std::vector<std::string> m_originals;
  // Folded candidates sorted (text, then position): exact and prefix questions.
  std::vector<std::pair<std::string, std::uint32_t>> m_sorted;
  // The least position over each range of m_sorted (a segment tree, leaves at size()).
  std::vector<std::uint32_t> m_first_of_range;
  std::vector<Node> m_nodes;
  std::size_t m_longest = 0;
  std::unique_ptr<Cache> m_cache;
};

}  // namespace mdvault::core
