// Fuzz target: the body parser (parse_body over cmark-gfm): every fact it finds lies in the
// text, and starting the body on a later file line moves every fact by as many lines.
#include <string>

#include "core/markdown.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {
namespace {

constexpr int k_shift = 4;

void check_in_text(const TextLines& lines, int line, int column, std::string_view what) {
  if (!lines.contains({line, column})) {
    fuzz_fail(std::string(what) + " at " + std::to_string(line) + ":" + std::to_string(column) +
              " lies outside the body");
  }
}

void check_facts(const TextLines& lines, const core::Note& note) {
  for (const core::Link& link : note.links) {
    check_in_text(lines, link.line, link.column, "the link " + link.raw);
  }
  for (const core::Heading& heading : note.headings) {
    check_in_text(lines, heading.line, 1, "a heading");
  }
  for (const core::BlockId& block : note.block_ids) {
    check_in_text(lines, block.line, 1, "the block id " + block.id);
  }
  for (const core::Task& task : note.tasks) {
    check_in_text(lines, task.line, 1, "a task");
  }
  for (const core::InlineField& field : note.fields) {
    check_in_text(lines, field.line, field.column, "the inline field " + field.key);
  }
  for (const core::Tag& tag : note.tags) {
    check_in_text(lines, tag.line, tag.column, "the tag " + tag.name);
  }
}

template <class Fact>
void check_shifted(const std::vector<Fact>& at_one, const std::vector<Fact>& later, std::string_view what) {
  if (at_one.size() != later.size()) {
    fuzz_fail(std::string("a later first line changes the number of ") + std::string(what));
  }
  for (std::size_t i = 0; i < at_one.size(); ++i) {
    if (at_one[i].line + k_shift != later[i].line) {
      fuzz_fail(std::string("a later first line moves ") + std::string(what) + " by the wrong number of lines");
    }
  }
}

}  // namespace

int fuzz_markdown(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  core::Note note;
  core::parse_body(*text, 1, note);
  check_facts(TextLines(*text, 1), note);

  core::Note later;
  core::parse_body(*text, 1 + k_shift, later);
  check_facts(TextLines(*text, 1 + k_shift), later);
  check_shifted(note.links, later.links, "links");
  check_shifted(note.headings, later.headings, "headings");
  check_shifted(note.block_ids, later.block_ids, "block ids");
  check_shifted(note.tasks, later.tasks, "tasks");
  check_shifted(note.fields, later.fields, "inline fields");
  check_shifted(note.tags, later.tags, "tags");
  return 0;
}

}  // namespace mdvault::fuzz
