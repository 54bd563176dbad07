// Fuzz target: the `---` frontmatter split and the YAML reader (parse_frontmatter, parse_yaml).
#include <string>

#include "core/frontmatter.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {

int fuzz_frontmatter(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  const std::string path = "Fuzz/note.md";
  const TextLines lines(*text, 1);

  const core::FrontmatterResult fm = core::parse_frontmatter(*text, path);
  fuzz_check(fm.body_offset <= text->size(), "the body starts past the end of the text");
  if (fm.has_block) {
    fuzz_check(fm.body_first_line >= 3, "a frontmatter block ends before line 2");
    if (fm.body_offset < text->size()) {
      const std::string_view head = std::string_view(*text).substr(0, fm.body_offset);
      fuzz_check(TextLines(head, 1).last_line() == fm.body_first_line, "body_first_line does not match body_offset");
    }
  } else {
    fuzz_check(fm.body_offset == 0 && fm.body_first_line == 1, "a body offset without a frontmatter block");
    fuzz_check(!fm.value.has_value(), "a frontmatter value without a block");
  }
  if (fm.value) {
    fuzz_check(fm.value->is_map(), "the frontmatter value is not a map");
    check_value_positions(lines, *fm.value);
  }
  check_diagnostics(lines, path, fm.diagnostics);

  // The whole text as a standalone document (schema, config and data files), from line 1 and
  // from a later line, as a YAML block inside a file would be.
  for (const int first_line : {1, 7}) {
    const core::YamlResult yaml = core::parse_yaml(*text, path, first_line);
    const TextLines shifted(*text, first_line);
    if (yaml.value) {
      check_value_positions(shifted, *yaml.value);
    }
    check_diagnostics(shifted, path, yaml.diagnostics);
  }
  return 0;
}

}  // namespace mdvault::fuzz
