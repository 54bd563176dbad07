#pragma once
// Cursors of paged lists (resources/list and the tools' "cursor" argument): opaque to the
// client, here the offset of the next item. A cursor is only a position: after the vault
// changes, the next page starts at the same offset of the new list. Pages are bounded in
// items and in bytes.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/value.hpp"

namespace mdvault::core::mcp {

/// The cursor of the page that starts at `offset`.
std::string cursor_for(std::size_t offset);

/// The offset a cursor stands for, or nothing when it is not one of ours.
std::optional<std::size_t> offset_of(std::string_view cursor);

/// Most bytes of JSON one page of a tool's items may hold; a page ends early past it.
inline constexpr std::size_t k_max_page_bytes = 256u * 1024u;

/// Counts the JSON bytes of a page's items: the first item always fits, later ones while the
/// page stays under k_max_page_bytes.
class PageBudget {
public:
  /// True when `item` still fits (and counts it).
  bool take(const Value& item);

private:
  std::size_t m_used = 0;
  bool m_any = false;
};

/// Collects one page of a tool's items: counts every item offered, keeps those from `start`
/// while the page has room (items and bytes), and knows where the next page starts.
class Pager {
public:
  Pager(std::size_t start, std::size_t limit) : m_start(start), m_limit(limit) {}

  /// Counts `item`, and keeps it when it belongs to this page.
  void offer(Value item);
  /// True when the page is full: later items are only counted (offer them as null).
  [[nodiscard]] bool full() const { return m_next != 0 || m_kept >= m_limit; }
  [[nodiscard]] std::size_t total() const { return m_total; }
  /// The kept items (call once, after the last offer).
  [[nodiscard]] Value take_items() { return std::move(m_items); }
  /// The cursor of the next page, or null on the last one.
  [[nodiscard]] Value next_cursor() const;

private:
  std::size_t m_start;
  std::size_t m_limit;
  std::size_t m_total = 0;
  std::size_t m_next = 0;
  std::size_t m_kept = 0;
  Value m_items = Value::make_list({});
  PageBudget m_budget;
};

}  // namespace mdvault::core::mcp
