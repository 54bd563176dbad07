// Fuzz target: a whole note from its bytes (read_note: BOM, CRLF, encoding, frontmatter, body,
// frontmatter links), then its links resolved among the fuzz vault's notes and a search of it.
#include <algorithm>
#include <string>

#include "core/link_resolver.hpp"
#include "core/search.hpp"
#include "core/vault.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/fuzz_vault.hpp"

namespace mdvault::fuzz {
namespace {

void check_in_text(const TextLines& lines, int line, int column, std::string_view what) {
  if (!lines.contains({line, column})) {
    fuzz_fail(std::string(what) + " at " + std::to_string(line) + ":" + std::to_string(column) +
              " lies outside the note");
  }
}

}  // namespace

int fuzz_note(const std::uint8_t* data, std::size_t size) {
  const std::string path = "Fears/Fuzz Note.md";
  core::Note note = core::read_note(path, std::string(as_text(data, size)));
  fuzz_check(note.name == "Fuzz Note", "the note's name is not its file name");
  fuzz_check(note.size == size, "the note's size is not its byte count");
  const std::optional<std::string> text = note_text(data, size);
  fuzz_check(note.readable == text.has_value(), "a note is readable exactly when it is UTF-8 text");
  if (!text) {
    return 0;
  }
  const TextLines lines(*text, 1);
  check_diagnostics(lines, path, note.diagnostics);
  for (const core::Link& link : note.links) {
    check_in_text(lines, link.line, link.column, "the link " + link.raw);
  }
  for (const core::Heading& heading : note.headings) {
    check_in_text(lines, heading.line, 1, "a heading");
  }
  for (const core::Task& task : note.tasks) {
    check_in_text(lines, task.line, 1, "a task");
  }
  for (const core::InlineField& field : note.fields) {
    check_in_text(lines, field.line, field.column, "the inline field " + field.key);
  }
  for (const core::Tag& tag : note.tags) {
    if (!tag.from_frontmatter || tag.line != 0) {
      check_in_text(lines, tag.line, tag.column, "the tag " + tag.name);
    }
  }

  // Resolve its links among the fuzz vault's notes, as lint and the link graph do.
  core::Vault vault;
  vault.root = fuzz_vault().root;
  vault.notes = fuzz_vault().notes;
  vault.attachments = fuzz_vault().attachments;
  vault.notes.push_back(std::move(note));
  std::sort(vault.notes.begin(), vault.notes.end(),
            [](const core::Note& a, const core::Note& b) { return a.path < b.path; });
  const core::Note& source = *vault.find(path);
  const core::LinkResolver resolver(vault);
  for (const core::Link& link : source.links) {
    const core::Resolution r = resolver.resolve(source, link);
    fuzz_check(!(r.note != nullptr && !r.attachment.empty()), "a link resolves to a note and an attachment");
    static_cast<void>(resolver.find_note(link.target));
    if (r.note != nullptr) {
      static_cast<void>(core::LinkResolver::has_heading(*r.note, link.subpath));
    }
  }

  // Search it for words of its own first line.
  const std::string_view first_line = std::string_view(*text).substr(0, std::min<std::size_t>(text->find('\n'), 40));
  const std::vector<std::string> terms = core::parse_search_terms({std::string(first_line), "secure \"the fear\""});
  for (const core::SearchHit& hit : core::search_note(source, terms)) {
    for (const core::SearchSpan& span : hit.spans) {
      fuzz_check(span.begin < span.end && span.end <= hit.text.size(), "a search span lies outside its line");
    }
  }
  return 0;
}

}  // namespace mdvault::fuzz
