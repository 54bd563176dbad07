#include "core/search_snippet.hpp"

#include <algorithm>

namespace mdvault::core {

namespace {

/// Moves `i` back to the start of the UTF-8 sequence it lies in.
std::size_t code_point_start(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0U) == 0x80U) --i;
  return i;
}

}  // namespace

std::string search_snippet(const SearchHit& hit, const std::function<std::string(std::string_view)>& mark) {
  const std::string_view text = hit.text;
  std::size_t begin = 0;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  std::size_t end = text.size();
  const std::size_t first = hit.spans.empty() ? begin : hit.spans.front().begin;
  if (end - begin > k_snippet_bytes) {
    if (first > begin + k_snippet_bytes / 3) {
      begin = code_point_start(text, first - k_snippet_bytes / 3);
      // Start at a word when one starts soon after.
      const std::size_t space = text.find(' ', begin);
      if (space != std::string_view::npos && space < first && space - begin < 20) begin = space + 1;
    }
    if (end - begin > k_snippet_bytes) end = code_point_start(text, begin + k_snippet_bytes);
  }
  std::string out = begin > 0 && text.substr(0, begin).find_first_not_of(" \t") != std::string_view::npos ? "…" : "";
  std::size_t at = begin;
  for (const auto& span : hit.spans) {
    if (span.end <= begin || span.begin >= end) continue;
    const std::size_t b = std::max(span.begin, begin);
    const std::size_t e = std::min(span.end, end);
    out += text.substr(at, b - at);
    out += mark(text.substr(b, e - b));
    at = e;
  }
  out += text.substr(at, end - at);
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace mdvault::core
