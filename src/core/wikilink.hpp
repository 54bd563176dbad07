#pragma once
// Parsing of link text on plain strings: [[target#sub|display]], ![[embed]], and
// helpers shared by the body parser, frontmatter links and the resolver.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Where one `[[...]]` or `![[...]]` sits in a line: byte offsets, `end` one past the `]]`.
struct WikilinkSpan {
  std::size_t begin = 0;  ///< offset of the `!` of an embed, else of the first `[`
  std::size_t end = 0;
  bool is_embed = false;
  /// The text between `[[` and `]]` of `line`, the string this span was found in.
  [[nodiscard]] std::string_view inner(std::string_view line) const;
};

/// Every `[[...]]` / `![[...]]` of one line, left to right, in linear time. A `[[` without
/// `]]` later on the line is no link; of two `[[` before one `]]` the later one opens it;
/// a backslash escapes the `[` after it. Empty ones (`[[]]`) are returned too.
std::vector<WikilinkSpan> find_wikilinks(std::string_view line);

/// True when the parts point somewhere: a target or a subpath (`[[#Heading]]`).
/// `[[]]`, `[[|x]]` and `[[#]]` point nowhere and are not links.
bool has_destination(const LinkParts& parts);

/// Percent-decodes a Markdown link destination ("My%20Note.md" -> "My Note.md").
std::string url_decode(std::string_view s);

/// Fills the frontmatter links of `note` (kind frontmatter) from its frontmatter:
/// every string value, alone or in a list, that is exactly one wikilink.
void collect_frontmatter_links(Note& note);

}  // namespace mdvault::core
