#include "core/suggest.hpp"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <utility>

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

// One row of the optimal string alignment distance: `cur` from the two rows above it,
// for the row's code point `y` (and `y_before`, the one above, for transpositions).
// Returns the row's least cell.
std::size_t next_row(const std::vector<std::uint32_t>& x, std::uint32_t y, std::uint32_t y_before, std::size_t row,
                     const std::size_t* prev2, const std::size_t* prev, std::size_t* cur) {
  const std::size_t m = x.size();
  cur[0] = row;
  std::size_t row_min = row;
  for (std::size_t j = 1; j <= m; ++j) {
    const std::size_t cost = x[j - 1] == y ? 0 : 1;
    std::size_t v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    if (row > 1 && j > 1 && x[j - 2] == y && x[j - 1] == y_before) {
      v = std::min(v, prev2[j - 2] + 1);
    }
    cur[j] = v;
    row_min = std::min(row_min, v);
  }
  return row_min;
}

// Optimal string alignment distance; stops once every path exceeds `limit` (then
// returns a value above it). Exact when the distance is at most `limit`.
std::size_t bounded_distance(const std::vector<std::uint32_t>& x, const std::vector<std::uint32_t>& y,
                             std::size_t limit) {
  const std::size_t n = y.size();
  const std::size_t m = x.size();
  if ((n > m ? n - m : m - n) > limit) {
    return limit + 1;
  }
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    prev[j] = j;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    if (next_row(x, y[i - 1], i > 1 ? y[i - 2] : 0, i, prev2.data(), prev.data(), cur.data()) > limit) {
      return limit + 1;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

// Above this many cells (trie depth times word length) the rows of a trie walk would
// take too much memory; such questions (a very long word and very long candidates)
// measure each candidate on its own instead.
constexpr std::size_t k_max_trie_cells = std::size_t{1} << 22U;

// Answers kept per Suggester before the cache starts over (a long-lived MCP index).
constexpr std::size_t k_max_cached = 65536;

}  // namespace

struct Suggester::Cache {
  std::mutex mutex;
  std::unordered_map<std::string, std::uint32_t> answers;
};

Suggester::Suggester(Suggester&&) noexcept = default;
Suggester& Suggester::operator=(Suggester&&) noexcept = default;
Suggester::~Suggester() = default;

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const auto x = code_points(fold_key(a));
  const auto y = code_points(fold_key(b));
  return bounded_distance(x, y, std::max(x.size(), y.size()));
}

Suggester::Suggester(const std::vector<std::string>& candidates)
    : m_originals(candidates), m_cache(std::make_unique<Cache>()) {
  m_sorted.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    m_sorted.emplace_back(fold_key(candidates[i]), static_cast<std::uint32_t>(i));
  }
  // By position first: the trie's terminals are then the first candidate of each text.
  std::vector<std::vector<std::uint32_t>> points(candidates.size());
  for (const auto& [folded, index] : m_sorted) {
    points[index] = code_points(folded);
    m_longest = std::max(m_longest, points[index].size());
  }
  build_trie(points);
  std::sort(m_sorted.begin(), m_sorted.end());
  const std::size_t n = m_sorted.size();
  m_first_of_range.assign(2 * n, k_none);
  for (std::size_t i = 0; i < n; ++i) {
    m_first_of_range[n + i] = m_sorted[i].second;
  }
  for (std::size_t i = n; i-- > 1;) {
    m_first_of_range[i] = std::min(m_first_of_range[2 * i], m_first_of_range[2 * i + 1]);
  }
}

void Suggester::build_trie(const std::vector<std::vector<std::uint32_t>>& points) {
  std::vector<std::uint32_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = static_cast<std::uint32_t>(i);
  }
  // Sorted by code points, ties by position: each node's candidates are one range,
  // those ending at the node first, the first candidate first among equal texts.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return points[a] < points[b]; });
  struct Pending {
    std::uint32_t node;
    std::size_t lo, hi, depth;
  };
  m_nodes.assign(1, Node{});
  std::vector<Pending> pending{{0, 0, order.size(), 0}};
  while (!pending.empty()) {
    const Pending p = pending.back();
    pending.pop_back();
    std::size_t lo = p.lo;
    if (lo < p.hi && points[order[lo]].size() == p.depth) {
      m_nodes[p.node].terminal = order[lo];
    }
    while (lo < p.hi && points[order[lo]].size() == p.depth) {
      ++lo;
    }
    const auto first_child = static_cast<std::uint32_t>(m_nodes.size());
    for (std::size_t i = lo; i < p.hi;) {
      const std::uint32_t cp = points[order[i]][p.depth];
      std::size_t j = i;
      while (j < p.hi && points[order[j]][p.depth] == cp) {
        ++j;
      }
      Node child;
      child.code_point = cp;
      pending.push_back({static_cast<std::uint32_t>(m_nodes.size()), i, j, p.depth + 1});
      m_nodes.push_back(child);
      i = j;
    }
    m_nodes[p.node].first_child = first_child;
    m_nodes[p.node].child_count = static_cast<std::uint32_t>(m_nodes.size()) - first_child;
    std::uint32_t first = k_none;
    for (std::size_t i = p.lo; i < p.hi; ++i) {
      first = std::min(first, order[i]);
    }
    m_nodes[p.node].subtree_first = first;
  }
}

std::optional<std::string> Suggester::closest(std::string_view word) const {
  if (word.empty()) {
    return std::nullopt;
  }
  std::string folded = fold_key(word);
  {
    const std::lock_guard<std::mutex> lock(m_cache->mutex);
    if (const auto it = m_cache->answers.find(folded); it != m_cache->answers.end()) {
      return it->second == k_none ? std::nullopt : std::optional<std::string>(m_originals[it->second]);
    }
  }
  const std::uint32_t index = closest_index(folded);
  {
    const std::lock_guard<std::mutex> lock(m_cache->mutex);
    if (m_cache->answers.size() >= k_max_cached) {
      m_cache->answers.clear();
    }
    m_cache->answers.emplace(std::move(folded), index);
  }
  return index == k_none ? std::nullopt : std::optional<std::string>(m_originals[index]);
}

std::uint32_t Suggester::closest_index(const std::string& folded) const {
  // A candidate equal after folding wins outright (the first of them).
  const auto equal = std::lower_bound(m_sorted.begin(), m_sorted.end(), std::make_pair(folded, std::uint32_t{0}));
  if (equal != m_sorted.end() && equal->first == folded) {
    return equal->second;
  }
  const auto word = code_points(folded);
  // Up to a third of the word may be wrong, and at least one edit is always allowed.
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  // A word that is a prefix of a candidate ("Secur" of "Secure") counts as `limit` away.
  const std::uint32_t prefixed = word.size() >= 3 ? prefix_index(folded) : k_none;
  const std::size_t best_distance = prefixed == k_none ? limit + 1 : limit;
  if (word.size() > m_longest + limit) {
    return prefixed;  // every candidate is too short to be near
  }
  if ((m_longest + 1) * (word.size() + 1) > k_max_trie_cells) {
    return nearest_by_scan(word, limit, best_distance, prefixed);
  }
  return nearest_in_trie(word, limit, best_distance, prefixed);
}

std::uint32_t Suggester::prefix_index(const std::string& folded) const {
  const auto begin = std::lower_bound(m_sorted.begin(), m_sorted.end(), std::make_pair(folded, std::uint32_t{0}));
  const auto end = std::partition_point(begin, m_sorted.end(), [&](const auto& entry) {
    return entry.first.size() > folded.size() && entry.first.compare(0, folded.size(), folded) == 0;
  });
  // The least position in [lo, hi) of m_sorted, from the segment tree.
  const std::size_t n = m_sorted.size();
  std::uint32_t first = k_none;
  for (std::size_t lo = static_cast<std::size_t>(begin - m_sorted.begin()) + n,
                   hi = static_cast<std::size_t>(end - m_sorted.begin()) + n;
       lo < hi; lo /= 2, hi /= 2) {
    if ((lo & 1U) != 0) {
      first = std::min(first, m_first_of_range[lo++]);
    }
    if ((hi & 1U) != 0) {
      first = std::min(first, m_first_of_range[--hi]);
    }
  }
  return first;
}

std::uint32_t Suggester::nearest_in_trie(const std::vector<std::uint32_t>& word, std::size_t limit,
                                         std::size_t best_distance, std::uint32_t best) const {
  const std::size_t width = word.size() + 1;
  // Row d of the walk is the edit-distance row of the current node at depth d.
  std::vector<std::size_t> rows(width);
  std::vector<std::uint32_t> path(1, 0);
  for (std::size_t j = 0; j < width; ++j) {
    rows[j] = j;
  }
  // (d, candidate) beats the best when nearer, or as near and earlier in the list.
  const auto take = [&](std::size_t d, std::uint32_t candidate) {
    if (candidate != k_none && d <= limit && (d < best_distance || (d == best_distance && candidate < best))) {
      best_distance = d;
      best = candidate;
    }
  };
  // Nothing below a node can beat the best once its row's least cell is past it.
  const auto hopeless = [&](std::size_t row_min, const Node& node) {
    return row_min > limit || row_min > best_distance || (row_min == best_distance && node.subtree_first > best);
  };
  take(word.size(), m_nodes[0].terminal);
  struct Visit {
    std::uint32_t node;
    std::uint32_t depth;
    std::size_t parent_min;
  };
  std::vector<Visit> stack;
  const auto push_children = [&](const Node& node, std::size_t depth, std::size_t row_min) {
    for (std::uint32_t c = node.child_count; c-- > 0;) {
      if (!hopeless(row_min, m_nodes[node.first_child + c])) {
        stack.push_back({node.first_child + c, static_cast<std::uint32_t>(depth + 1), row_min});
      }
    }
  };
  push_children(m_nodes[0], 0, 0);
  while (!stack.empty()) {
    const Visit v = stack.back();
    stack.pop_back();
    const Node& node = m_nodes[v.node];
    if (hopeless(v.parent_min, node)) {
      continue;  // the best improved since this node was put on the stack
    }
    const std::size_t depth = v.depth;
    if (rows.size() < (depth + 1) * width) {
      rows.resize((depth + 1) * width);
      path.resize(depth + 1);
    }
    path[depth] = node.code_point;
    const std::size_t* prev = rows.data() + (depth - 1) * width;
    const std::size_t* prev2 = depth >= 2 ? rows.data() + (depth - 2) * width : prev;
    std::size_t* cur = rows.data() + depth * width;
    const std::size_t row_min = next_row(word, node.code_point, path[depth - 1], depth, prev2, prev, cur);
    take(cur[word.size()], node.terminal);
    push_children(node, depth, row_min);
  }
  return best;
}

std::uint32_t Suggester::nearest_by_scan(const std::vector<std::uint32_t>& word, std::size_t limit,
                                         std::size_t best_distance, std::uint32_t best) const {
  for (const auto& [folded, index] : m_sorted) {
    const std::size_t bound = best_distance;
    const std::size_t d = bounded_distance(word, code_points(folded), bound);
    if (d <= limit && (d < best_distance || (d == best_distance && index < best))) {
      best_distance = d;
      best = index;
    }
  }
  return best;
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  return Suggester(candidates).closest(word);
}

}  // namespace mdvault::core
