#include "core/query/markdown_text.hpp"

#include <array>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

#include "core/regex.hpp"

namespace mdvault::core::query {

namespace {

/// One rewriting step: every match (or the first) of an ECMA pattern replaced as String.replace does.
struct Rule {
  std::string_view pattern;
  std::string_view replacement;
  bool global = true;
};

// Dataview's own two link rules, then remove-markdown 0.5's rules in its order (options: list
// leaders stripped, GitHub-flavoured, image alt text kept). `(?m)` stands for JavaScript's m flag.
constexpr std::array<Rule, 2> k_link_rules = {{
    {R"(\[\[([^\|]*?)\]\])", "$1", true},
    {R"(\[\[.*?\|(.*?)\]\])", "$1", false},
}};

constexpr std::array<Rule, 21> k_markdown_rules = {{
    {R"((?m)^(-\s*?|\*\s*?|_\s*?){3,}\s*)", ""},              // horizontal rules
    {R"((?m)^([\s\t]*)([\*\-\+]|\d+\.)\s+)", "$1"},           // list leaders
    {R"(\n={2,})", "\n"},                                      // setext underline
    {R"(~{3}.*\n)", ""},                                       // ~~~ fences
    {R"(~~)", ""},                                             // strikethrough
    {"`{3}.*\\n", ""},                                         // ``` fences
    {R"(<[^>]*>)", ""},                                        // HTML tags
    {R"(<[^>]*>)", ""},                                        // (remove-markdown runs it twice)
    {R"(^[=\-]{2,}\s*$)", ""},                                 // setext headers
    {R"(\[\^.+?\](\: .*?$)?)", ""},                            // footnotes
    {R"(\s{0,2}\[.*?\]: .*?$)", ""},                           // footnote definitions
    {R"(\!\[(.*?)\][\[\(].*?[\]\)])", "$1"},                   // images: alt text
    {R"(\[([^\]]*?)\][\[\(].*?[\]\)])", "$1"},                 // inline links: their text
    {R"((?m)^(\n)?\s{0,3}>\s?)", "$1"},                        // block quotes
    {R"(^\s{1,2}\[(.*?)\]: (\S+)( ".*?")?\s*$)", ""},          // reference links
    {R"((?m)^(\n)?\s{0,}#{1,6}\s*( (.+))? +#+$|^(\n)?\s{0,}#{1,6}\s*( (.+))?$)", "$1$3$4$6"},  // ATX headings
    {R"(([\*]+)(\S)(.*?\S)??\1)", "$2$3"},                     // * emphasis
    {R"((^|\W)([_]+)(\S)(.*?\S)??\2($|\W))", "$1$3$4$5"},      // _ emphasis, not inside snake_case
    {"(?m)(`{3,})(.*?)\\1", "$2"},                             // code blocks
    {"`(.+?)`", "$1"},                                         // inline code
    {R"(~(.*?)~)", "$1"},                                      // strikethrough with one ~
}};

RegexOptions options() {
  RegexOptions o;
  o.match_limit = 1'000'000;
  o.match_invalid_utf = true;
  return o;
}

/// The compiled patterns of `rules` (every pattern here compiles; one that did not would be skipped).
template <std::size_t N>
std::vector<std::shared_ptr<const Regex>> compile_rules(const std::array<Rule, N>& rules) {
  std::vector<std::shared_ptr<const Regex>> out;
  for (const Rule& rule : rules) {
    auto re = Regex::compile(rule.pattern, options());
    out.push_back(std::holds_alternative<Regex>(re) ? std::make_shared<const Regex>(std::move(std::get<Regex>(re)))
                                                    : nullptr);
  }
  return out;
}

/// String.replace with a pattern that is not global: the first match only, `$n` expanded.
std::optional<std::string> replace_first(const Regex& re, std::string_view subject, std::string_view replacement) {
  auto result = re.find(subject);
  if (std::holds_alternative<RegexTooComplex>(result)) return std::nullopt;
  const auto& found = std::get<std::optional<RegexMatch>>(result);
  if (!found) return std::string(subject);
  std::string out(subject.substr(0, found->start));
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '1' && replacement[i + 1] <= '9') {
      const auto n = static_cast<std::size_t>(replacement[i + 1] - '0');
      if (n <= found->groups.size()) {
        if (const auto& g = found->groups[n - 1]) out.append(subject.substr(g->first, g->second - g->first));
        ++i;
        continue;
      }
    }
    out += c;
  }
  out.append(subject.substr(found->end));
  return out;
}

std::optional<std::string> apply(const Rule& rule, const Regex* re, const std::string& text) {
  if (re == nullptr) return text;
  if (!rule.global) return replace_first(*re, text, rule.replacement);
  auto result = regex_replace_all(*re, text, rule.replacement);
  if (std::holds_alternative<RegexTooComplex>(result)) return std::nullopt;
  return std::get<std::string>(std::move(result));
}

}  // namespace

std::string normalize_markdown(std::string_view text) {
  static const auto k_links = compile_rules(k_link_rules);
  static const auto k_rules = compile_rules(k_markdown_rules);
  std::string out(text);
  for (std::size_t i = 0; i < k_link_rules.size(); ++i) {
    auto next = apply(k_link_rules[i], k_links[i].get(), out);
    if (!next) return std::string(text);
    out = std::move(*next);
  }
  const std::string before_markdown = out;
  for (std::size_t i = 0; i < k_markdown_rules.size(); ++i) {
    auto next = apply(k_markdown_rules[i], k_rules[i].get(), out);
    if (!next) return before_markdown;  // remove-markdown returns its input when a rule throws
    out = std::move(*next);
  }
  return out;
}

std::string link_display_text(std::string_view markdown) {
  static const std::array<Rule, 1> k_rule = {{{R"(\[\[.*\|(.*)\]\])", "$1", false}}};
  static const auto k_compiled = compile_rules(k_rule);
  auto out = apply(k_rule[0], k_compiled[0].get(), std::string(markdown));
  return out ? *out : std::string(markdown);
}

}  // namespace mdvault::core::query
