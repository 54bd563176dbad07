// Fuzz target: the fast reader for simple YAML against yaml-cpp. Whenever the fast reader takes
// a document, both must give the same values, positions and findings (as the unit tests check
// on hand-written and generated documents). The target yaml_oracle also checks both against
// yaml-cpp's own document model.
#include <string>

#include "core/frontmatter.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/yaml_oracle.hpp"

namespace mdvault::fuzz {

int fuzz_yaml_reader(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  const std::string path = "Fuzz/note.md";
  const std::optional<core::YamlResult> fast = core::detail::parse_simple_yaml(*text, path, 2);
  if (!fast) {
    return 0;  // outside the fast reader's subset: yaml-cpp alone reads it
  }
  const core::YamlResult slow = core::detail::parse_yaml_with_yaml_cpp(*text, path, 2);
  if (const std::optional<std::string> difference = compare_yaml_results(*fast, slow)) {
    fuzz_fail("the fast reader (first) and yaml-cpp (second) disagree: " + *difference);
  }
  return 0;
}

}  // namespace mdvault::fuzz
