#pragma once
// Parsing of link text on plain strings: [[target#sub|display]], ![[embed]], and
// helpers shared by the body parser, frontmatter links and the resolver.

#include <optional>
#include <string>
#include <string_view>

#include "core/note.hpp"

namespace mdvault::core {

/// The parts of a link's inner text.
struct LinkParts {
  std::string target;
  std::string subpath;  ///< without the leading '#'
  std::string display;
  bool has_display = false;
};

/// Splits the text between `[[` and `]]` into target, subpath and display.
/// `\|` (as written inside tables) counts as the display separator.
LinkParts split_link_text(std::string_view inner);

/// When `s` (trimmed) is exactly one wikilink "[[...]]", its parts; else nothing.
std::optional<LinkParts> parse_single_wikilink(std::string_view s);

/// Percent-decodes a Markdown link destination ("My%20Note.md" -> "My Note.md").
std::string url_decode(std::string_view s);

/// Fills the frontmatter links of `note` (kind frontmatter) from its frontmatter:
/// every string value, alone or in a list, that is exactly one wikilink.
void collect_frontmatter_links(Note& note);

}  // namespace mdvault::core
