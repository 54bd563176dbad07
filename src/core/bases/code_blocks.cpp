#include "core/bases/code_blocks.hpp"

namespace mdvault::core::bases {

namespace {

struct Fence {
  char marker = 0;
  std::size_t length = 0;
  std::string_view info;
};

/// The fence that opens or closes on `line`, if any.
bool read_fence(std::string_view line, Fence& out) {
  std::size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
  const char marker = line[i];
  std::size_t n = 0;
  while (i + n < line.size() && line[i + n] == marker) ++n;
  if (n < 3) return false;
  std::string_view info = line.substr(i + n);
  while (!info.empty() && (info.front() == ' ' || info.front() == '\t')) info.remove_prefix(1);
  while (!info.empty() && (info.back() == ' ' || info.back() == '\t' || info.back() == '\r')) info.remove_suffix(1);
  if (marker == '`' && info.find('`') != std::string_view::npos) return false;
  out = {marker, n, info};
  return true;
}

}  // namespace

std::vector<CodeBlock> find_base_blocks(std::string_view text) {
  std::vector<CodeBlock> blocks;
  bool open = false;
  bool is_base = false;
  Fence opening;
  CodeBlock current;
  int line_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    ++line_number;
    Fence fence;
    if (!open) {
      if (read_fence(line, fence)) {
        open = true;
        opening = fence;
        const std::string_view word = fence.info.substr(0, fence.info.find_first_of(" \t"));
        is_base = word == "base";
        current = CodeBlock{"", line_number + 1, line_number};
      }
    } else if (read_fence(line, fence) && fence.marker == opening.marker && fence.length >= opening.length &&
               fence.info.empty()) {
      open = false;
      if (is_base) blocks.push_back(std::move(current));
    } else if (is_base) {
      current.text += line;
      current.text += '\n';
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (open && is_base) blocks.push_back(std::move(current));  // an unclosed block runs to the end
  return blocks;
}

}  // namespace mdvault::core::bases
