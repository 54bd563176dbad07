#pragma once
// "Did you mean" for misspelt names: commands, options, fields, classes, enum values.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core {

/// Edit distance (insert, delete, substitute, transpose) over code points, case-folded.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The closest candidate within a distance that scales with the word's length
/// (or one that differs only by case/prefix), or nothing.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

/// A fixed set of candidates, folded once, for many "did you mean" questions.
/// Candidates that cannot be close are ruled out by a character-count bound before
/// any edit distance is measured, so asking costs little even over 10,000 names.
class Suggester {
public:
  explicit Suggester(const std::vector<std::string>& candidates);

  /// Same answer as closest_match(word, candidates).
  [[nodiscard]] std::optional<std::string> closest(std::string_view word) const;

private:
  struct Entry {
    std::string original;
    std::string folded;
    std::vector<std::uint32_t> code_points;
    std::array<std::uint8_t, 32> histogram{};
  };
  static Entry make_entry(std::string original);
  std::vector<Entry> m_entries;
};

}  // namespace mdvault::core
