#pragma once
// The ```base code blocks of a note: a base written inside a Markdown file.

#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core::bases {

struct CodeBlock {
  std::string text;    ///< the YAML between the fences
  int first_line = 0;  ///< file line of the YAML's first line
  int fence_line = 0;  ///< file line of the opening fence
};

/// Every fenced block whose info string is `base` (``` or ~~~, up to three spaces of indent),
/// in file order. `text` is the whole note, LF line endings.
std::vector<CodeBlock> find_base_blocks(std::string_view text);

}  // namespace mdvault::core::bases
