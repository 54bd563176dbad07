#pragma once
// The part of a search hit's line that is shown: leading white space dropped, a long line cut
// around its first match (with "…" where text was left out), each match passed through `mark`.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/search.hpp"

namespace mdvault::core {

/// Longest snippet, in bytes of the line (about two terminal lines).
inline constexpr std::size_t k_snippet_bytes = 200;

/// The snippet of `hit`; `mark` wraps each matched stretch (colour, or nothing).
std::string search_snippet(const SearchHit& hit, const std::function<std::string(std::string_view)>& mark);

}  // namespace mdvault::core
