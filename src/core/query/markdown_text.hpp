#pragma once
// Markdown to plain text as DQL's display() shows it: Dataview's normalizeMarkdown (wikilinks
// to their text, then the rules of the remove-markdown package it calls) and a link's
// rendering without its brackets.

#include <string>
#include <string_view>

namespace mdvault::core::query {

/// Dataview's normalizeMarkdown: `[[a]]` -> `a`, the first `[[a|b]]` -> `b`, then emphasis,
/// code, headings, list leaders, quotes, HTML tags, images and Markdown links stripped.
/// Returns the text unchanged when a rule gives up on it (too complex), as remove-markdown does.
std::string normalize_markdown(std::string_view text);

/// A link's Markdown (`[[path|Title > sub]]`, `![[...]]`) with its first `[[...|x]]` (greedy, as
/// Dataview's display() does) replaced by x: `Title > sub`, `!Title`.
std::string link_display_text(std::string_view markdown);

}  // namespace mdvault::core::query
