#pragma once
// "Did you mean" for misspelt names: commands, options, fields, classes, enum values.

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

}  // namespace mdvault::core
