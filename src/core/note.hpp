#pragma once
// A note as the tool sees it: path, typed frontmatter and the facts of its body.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core {

struct Heading {
  int level = 1;
  std::string text;  ///< as displayed: inline Markdown rendered to plain text
  int line = 0;
};

struct BlockId {
  std::string id;  ///< without the caret
  int line = 0;    ///< line of the `^id` marker
};

enum class LinkKind { wikilink, embed, markdown, frontmatter };

std::string_view to_string(LinkKind k);

/// One outgoing link, before resolution.
struct Link {
  LinkKind kind = LinkKind::wikilink;
  std::string target;   ///< path or name part, no subpath, no display ("Styles/Secure")
  std::string subpath;  ///< after the first '#', without it: "Heading", "A#B" or "^block"; empty when none
  std::string display;  ///< text after '|' (wikilink) or link text (markdown); empty when none
  bool has_display = false;
  std::string raw;      ///< the link as written, e.g. "[[Secure Attachment#Signs|signs]]"
  std::string field;    ///< frontmatter field path for kind frontmatter ("related[0]"), else empty
  int line = 0;         ///< 1-based file line
  int column = 0;       ///< 1-based column of the first character of the link
};

struct Tag {
  std::string name;  ///< without '#', as written ("attachment/secure")
  int line = 0;      ///< 0 for tags from frontmatter without a position
  int column = 0;
  bool from_frontmatter = false;
};

struct Task {
  std::string status;  ///< the character between the brackets, " " for open
  std::string text;
  int line = 0;
  /// Dataview's `completed`: marked `x` or `X`. A custom status (`[-]`, `[/]`) is checked
  /// but not completed.
  [[nodiscard]] bool is_completed() const { return status == "x" || status == "X"; }
  /// Dataview's `checked`: any status but a space.
  [[nodiscard]] bool is_checked() const { return status != " "; }
};

struct InlineField {
  std::string key;    ///< as written
  std::string value;  ///< raw text, trimmed
  int line = 0;
  int column = 0;
};

/// An x-link class constraint met while validating a frontmatter value: the link written
/// at `position` must open a note of class `class_name` (checked once every note is read).
struct LinkClassCheck {
  Position position;
  std::string class_name;
};

/// Everything read from one Markdown file.
struct Note {
  std::string path;  ///< vault-relative, '/' separators, with ".md"
  std::string name;  ///< file name without ".md"
  std::optional<Value> frontmatter;  ///< a map when the frontmatter parsed, else empty
  bool has_frontmatter_block = false;  ///< a `---` block was found at line 1 (even if invalid)
  int body_first_line = 1;             ///< file line where the body starts
  std::string body;                    ///< text after the frontmatter, LF line endings
  std::size_t body_size = 0;           ///< bytes of the body (only when read with fingerprint_body)
  std::size_t body_hash = 0;           ///< core::body_hash of the body (only when read with fingerprint_body)
  std::vector<Heading> headings;
  std::vector<BlockId> block_ids;
  std::vector<Link> links;  ///< body links and frontmatter links, in file order
  std::vector<Tag> tags;
  std::vector<Task> tasks;
  std::vector<InlineField> fields;
  std::vector<std::string> aliases;
  std::vector<std::string> classes;  ///< from fileClass, or a .mdvault.yaml rule
  std::vector<Diagnostic> diagnostics;  ///< what reading the file found
  std::uintmax_t size = 0;              ///< bytes on disk
  std::int64_t mtime = 0;               ///< seconds since the epoch
  bool readable = true;  ///< false when the file was skipped (encoding, size, I/O)
  bool schemas_checked = false;  ///< schema findings are already in `diagnostics` (early pass)
  std::vector<LinkClassCheck> link_class_checks;  ///< x-link classes still to check (early pass)
};

}  // namespace mdvault::core
