#include "core/mcp/paging.hpp"

#include <charconv>

#include "core/json_value.hpp"

namespace mdvault::core::mcp {

namespace {
constexpr std::string_view k_prefix = "mdvault-page-";
}

std::string cursor_for(std::size_t offset) { return std::string(k_prefix) + std::to_string(offset); }

std::optional<std::size_t> offset_of(std::string_view cursor) {
  if (!cursor.starts_with(k_prefix)) return std::nullopt;
  cursor.remove_prefix(k_prefix.size());
  if (cursor.empty() || cursor.size() > 12) return std::nullopt;
  std::size_t offset = 0;
  const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), offset);
  if (ec != std::errc{} || end != cursor.data() + cursor.size()) return std::nullopt;
  return offset;
}

bool PageBudget::take(const Value& item) {
  const std::size_t size = to_json_text(item).size() + 1;
  if (m_any && m_used + size > k_max_page_bytes) return false;
  m_used += size;
  m_any = true;
  return true;
}

void Pager::offer(Value item) {
  const std::size_t position = m_total++;
  if (position < m_start || m_kept >= m_limit || m_next != 0) return;
  if (!m_budget.take(item)) {
    m_next = position;
    return;
  }
  m_items.as_list().push_back(std::move(item));
  ++m_kept;
}

Value Pager::next_cursor() const {
  std::size_t next = m_next;
  const std::size_t end = m_start + m_kept;
  if (next == 0 && end < m_total) next = end;
  return next != 0 ? Value::make_string(cursor_for(next)) : Value::make_null();
}

}  // namespace mdvault::core::mcp
