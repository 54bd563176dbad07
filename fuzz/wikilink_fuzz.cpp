// Fuzz target: wikilink text parsing (find_wikilinks, split_link_text, parse_single_wikilink,
// url_decode, frontmatter links) on each line of the input.
#include <string>

#include "core/wikilink.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {

int fuzz_wikilink(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  core::ValueList strings;
  int line_number = 2;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    const std::string_view line = text.substr(begin, end - begin);

    std::size_t previous_end = 0;
    for (const core::WikilinkSpan& span : core::find_wikilinks(line)) {
      fuzz_check(span.begin >= previous_end, "wikilink spans overlap or go backwards");
      fuzz_check(span.end <= line.size() && span.begin < span.end, "a wikilink span lies outside its line");
      const std::string_view written = line.substr(span.begin, span.end - span.begin);
      fuzz_check(written.starts_with(span.is_embed ? "![[" : "[["), "a wikilink span does not start with [[");
      fuzz_check(written.ends_with("]]") && written.size() >= (span.is_embed ? 5U : 4U),
                 "a wikilink span does not end with ]]");
      const std::string_view inner = span.inner(line);
      fuzz_check(inner.size() + (span.is_embed ? 5U : 4U) == written.size(), "a span's inner text is not its middle");
      const core::LinkParts parts = core::split_link_text(inner);
      fuzz_check(parts.target.size() + parts.subpath.size() + parts.display.size() <= inner.size(),
                 "the parts of a link are longer than its text");
      static_cast<void>(core::has_destination(parts));
      previous_end = span.end;
    }
    if (const auto single = core::parse_single_wikilink(line)) {
      fuzz_check(line.find("[[") != std::string_view::npos, "a single wikilink without [[");
    }
    const std::string decoded = core::url_decode(line);
    fuzz_check(decoded.size() <= line.size(), "url_decode made the text longer");
    strings.push_back(core::Value::make_string(std::string(line), {line_number, 3}));
    ++line_number;
    if (newline == std::string_view::npos) {
      break;
    }
    begin = newline + 1;
  }

  // Every line as a frontmatter list value, then as a map nested in it.
  core::Note note;
  const std::size_t count = strings.size();
  core::ValueMap nested{{"deep", {1, 1}, core::Value::make_list(strings, {1, 1})}};
  core::ValueMap top{{"related", {1, 1}, core::Value::make_list(std::move(strings), {1, 1})},
                     {"meta", {1, 1}, core::Value::make_map(std::move(nested), {1, 1})}};
  note.frontmatter = core::Value::make_map(std::move(top), {1, 1});
  core::collect_frontmatter_links(note);
  fuzz_check(note.links.size() <= 2 * count, "more frontmatter links than strings");
  return 0;
}

}  // namespace mdvault::fuzz
