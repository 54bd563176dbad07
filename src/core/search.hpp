#pragma once
// Full-text search of notes: case-insensitive (Unicode case folding), words and quoted
// phrases, every term required somewhere in the note (as Obsidian's search does).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/note.hpp"

namespace mdvault::core {

/// The terms of a search, case-folded. Each command-line argument is split into words,
/// except that "double-quoted phrases" stay whole; an argument that holds spaces but no
/// quotes (the shell already took them off: search "secure base") is one phrase.
std::vector<std::string> parse_search_terms(const std::vector<std::string>& arguments);

/// A matched stretch of SearchHit::text, in bytes.
struct SearchSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// One line of a note where a term was found.
struct SearchHit {
  int line = 0;    ///< 1-based file line
  int column = 0;  ///< 1-based code-point column of the first match (frontmatter: of the value)
  std::string text;  ///< the line (NFC); for a frontmatter value "field: value"
  std::vector<SearchSpan> spans;  ///< every match on the line, sorted and merged
};

/// Searches one note's body (Note::body, which must have been kept) and frontmatter values.
/// When every term occurs in the note, returns each line holding a term, in file order
/// (frontmatter first); otherwise nothing. Linear in the size of the note.
std::vector<SearchHit> search_note(const Note& note, const std::vector<std::string>& terms);

}  // namespace mdvault::core
