#include "core/note.hpp"

namespace mdvault::core {

std::string_view to_string(LinkKind k) {
  switch (k) {
    case LinkKind::wikilink:
      return "wikilink";
    case LinkKind::embed:
      return "embed";
    case LinkKind::markdown:
      return "markdown";
    case LinkKind::frontmatter:
      return "frontmatter";
  }
  return "wikilink";
}

}  // namespace mdvault::core
