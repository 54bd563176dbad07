// Fuzz target: mdvault's YAML readers (the fast reader and the yaml-cpp path) against yaml-cpp's
// own document model (fuzz/yaml_oracle.cpp). The input is a frontmatter text as it stands
// between the `---` lines: line endings as read_note leaves them, a BOM at its start kept.
#include "fuzz/fuzz_targets.hpp"
#include "fuzz/yaml_oracle.hpp"

namespace mdvault::fuzz {

int fuzz_yaml_oracle(const std::uint8_t* data, std::size_t size) {
  const bool bom = as_text(data, size).substr(0, 3) == "\xEF\xBB\xBF";
  const std::size_t skip = bom ? 3 : 0;
  std::optional<std::string> text = note_text(data + skip, size - skip);
  if (!text) {
    return 0;
  }
  if (bom) {
    text->insert(0, "\xEF\xBB\xBF");
  }
  if (const std::optional<std::string> divergence = find_yaml_divergence(*text)) {
    fuzz_fail(*divergence);
  }
  return 0;
}

}  // namespace mdvault::fuzz
