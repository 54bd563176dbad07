#include "core/search.hpp"

#include <algorithm>
#include <cstdint>

#include "core/search_prefilter.hpp"
#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
}

/// Bytes in the UTF-8 sequence that starts with `lead` (1 for stray bytes).
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0xC0U) return 1;
  if (lead < 0xE0U) return 2;
  if (lead < 0xF0U) return 3;
  return 4;
}

/// A case-folded copy of a line with, for each folded byte, the original code point it
/// came from: folding code point by code point keeps the cost linear and lets a match be
/// mapped back (one code point may fold to several, "ß" -> "ss").
struct FoldedLine {
  std::string text;
  std::vector<std::uint32_t> from;  ///< original byte offset of the code point of each folded byte
  std::vector<std::uint32_t> to;    ///< one past its last byte
};

void fold_line(std::string_view line, FoldedLine& out) {
  out.text.clear();
  out.from.clear();
  out.to.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    const auto lead = static_cast<unsigned char>(line[i]);
    std::size_t n = std::min(sequence_length(lead), line.size() - i);
    const auto begin = static_cast<std::uint32_t>(i);
    const auto end = static_cast<std::uint32_t>(i + n);
    if (lead < 0x80U) {
      out.text += static_cast<char>(lead >= 'A' && lead <= 'Z' ? lead + ('a' - 'A') : lead);
      out.from.push_back(begin);
      out.to.push_back(end);
    } else {
      const std::string folded = fold_case(line.substr(i, n));
      out.text += folded;
      out.from.insert(out.from.end(), folded.size(), begin);
      out.to.insert(out.to.end(), folded.size(), end);
    }
    i += n;
  }
}

/// Knuth-Morris-Pratt: every occurrence of a term in linear time, whatever the text.
class TermMatcher {
public:
  explicit TermMatcher(std::string term) : m_term(std::move(term)), m_fail(m_term.size(), 0) {
    for (std::size_t i = 1, k = 0; i < m_term.size(); ++i) {
      while (k > 0 && m_term[i] != m_term[k]) k = m_fail[k - 1];
      if (m_term[i] == m_term[k]) ++k;
      m_fail[i] = k;
    }
  }

  /// Calls found(begin, end) for each non-overlapping match in `text` (folded bytes).
  template <typename Found>
  void find_all(std::string_view text, Found found) const {
    const std::size_t m = m_term.size();
    if (m == 0) return;
    for (std::size_t i = 0, k = 0; i < text.size(); ++i) {
      while (k > 0 && text[i] != m_term[k]) k = m_fail[k - 1];
      if (text[i] == m_term[k]) ++k;
      if (k == m) {
        found(i + 1 - m, i + 1);
        k = 0;
      }
    }
  }

private:
  std::string m_term;
  std::vector<std::size_t> m_fail;
};

/// Spans sorted by start, overlapping or touching ones merged.
void merge_spans(std::vector<SearchSpan>& spans) {
  std::sort(spans.begin(), spans.end(), [](const SearchSpan& a, const SearchSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<SearchSpan> merged;
  for (const auto& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  spans = std::move(merged);
}

/// Looks for every term in `text`; marks the terms found and returns the matched spans
/// (byte offsets into `text`, after NFC normalisation when the text is not ASCII).
class LineSearcher {
public:
  explicit LineSearcher(const std::vector<std::string>& terms) : m_found(terms.size(), false) {
    for (const auto& t : terms) m_matchers.emplace_back(t);
  }

  /// Spans of an ASCII line where any term matches: its folded form is its lower case, byte
  /// for byte, so no normalising and no offset tables.
  std::vector<SearchSpan> search_ascii(std::string_view text) {
    m_lowered.assign(text);
    for (char& c : m_lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    }
    std::vector<SearchSpan> spans;
    for (std::size_t t = 0; t < m_matchers.size(); ++t) {
      m_matchers[t].find_all(m_lowered, [&](std::size_t b, std::size_t e) {
        m_found[t] = true;
        spans.push_back({b, e});
      });
    }
    merge_spans(spans);
    return spans;
  }

  /// Spans of `text` (which may be replaced by its NFC form) where any term matches.
  std::vector<SearchSpan> search(std::string& text) {
    if (!is_ascii(text)) {
      text = normalize_nfc(text);
    }
    fold_line(text, m_folded);
    std::vector<SearchSpan> spans;
    for (std::size_t t = 0; t < m_matchers.size(); ++t) {
      m_matchers[t].find_all(m_folded.text, [&](std::size_t b, std::size_t e) {
        m_found[t] = true;
        spans.push_back({m_folded.from[b], m_folded.to[e - 1]});
      });
    }
    merge_spans(spans);
    return spans;
  }

  [[nodiscard]] bool found_all() const {
    return std::all_of(m_found.begin(), m_found.end(), [](bool b) { return b; });
  }
  [[nodiscard]] bool found(std::size_t term) const { return m_found[term]; }

private:
  std::vector<TermMatcher> m_matchers;
  std::vector<bool> m_found;
  FoldedLine m_folded;
  std::string m_lowered;
};

/// One frontmatter value still to visit, with its field path.
struct Pending {
  const Value* value = nullptr;
  std::string path;
};

void search_frontmatter(const Note& note, LineSearcher& searcher, std::vector<SearchHit>& hits) {
  if (!note.frontmatter || !note.frontmatter->is_map()) return;
  std::vector<Pending> stack;
  const ValueMap& top = note.frontmatter->as_map();
  for (auto it = top.rbegin(); it != top.rend(); ++it) stack.push_back({&it->value, it->key});
  while (!stack.empty()) {
    Pending item = std::move(stack.back());
    stack.pop_back();
    const Value& v = *item.value;
    if (v.is_list()) {
      const ValueList& list = v.as_list();
      for (std::size_t k = list.size(); k-- > 0;) stack.push_back({&list[k], item.path + "[" + std::to_string(k) + "]"});
      continue;
    }
    if (v.is_map()) {
      const ValueMap& map = v.as_map();
      for (auto it = map.rbegin(); it != map.rend(); ++it) stack.push_back({&it->value, item.path + "." + it->key});
      continue;
    }
    if (v.is_null()) continue;
    // A multi-line value (a block scalar) is searched and shown as one line.
    std::string value = v.is_string() ? v.as_string() : to_display(v);
    while (!value.empty() && is_space(value.back())) value.pop_back();
    std::replace_if(value.begin(), value.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    auto spans = searcher.search(value);
    if (spans.empty()) continue;
    const std::string prefix = item.path + ": ";
    for (auto& s : spans) {
      s.begin += prefix.size();
      s.end += prefix.size();
    }
    hits.push_back({v.position.line, v.position.column, prefix + value, std::move(spans)});
  }
}

}  // namespace

std::vector<std::string> parse_search_terms(const std::vector<std::string>& arguments) {
  std::vector<std::string> terms;
  auto add = [&terms](std::string_view raw) {
    // Runs of white space inside a phrase count as one space.
    std::string collapsed;
    bool space = false;
    for (const char c : raw) {
      if (is_space(c)) {
        space = !collapsed.empty();
        continue;
      }
      if (space) collapsed += ' ';
      space = false;
      collapsed += c;
    }
    if (collapsed.empty()) return;
    std::string term = fold_key(collapsed);
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  };
  for (const auto& argument : arguments) {
    if (argument.find('"') == std::string::npos) {
      const bool phrase = std::any_of(argument.begin(), argument.end(), is_space);
      if (phrase) {
        add(argument);
        continue;
      }
    }
    // Words and "quoted phrases"; an unclosed quote runs to the end.
    std::size_t i = 0;
    while (i < argument.size()) {
      if (is_space(argument[i])) {
        ++i;
      } else if (argument[i] == '"') {
        const std::size_t close = argument.find('"', i + 1);
        const std::size_t end = close == std::string::npos ? argument.size() : close;
        add(std::string_view(argument).substr(i + 1, end - i - 1));
        i = end + 1;
      } else {
        std::size_t end = i;
        while (end < argument.size() && !is_space(argument[end]) && argument[end] != '"') ++end;
        add(std::string_view(argument).substr(i, end - i));
        i = end;
      }
    }
  }
  return terms;
}

std::vector<SearchHit> search_note(const Note& note, const std::vector<std::string>& terms) {
  std::vector<SearchHit> hits;
  if (terms.empty()) return hits;
  LineSearcher searcher(terms);
  search_frontmatter(note, searcher, hits);
  const std::string_view body = note.body;
  // Most notes lack a term: the byte scan says so without folding a line.
  const BodyPrefilter prefilter(body);
  for (std::size_t t = 0; t < terms.size(); ++t) {
    if (!searcher.found(t) && !prefilter.may_hold(terms[t])) return {};
  }
  std::size_t start = 0;
  int line = note.body_first_line;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view view = body.substr(start, end - start);
    if (is_ascii(view)) {
      auto spans = searcher.search_ascii(view);
      if (!spans.empty()) hits.push_back({line, static_cast<int>(spans.front().begin) + 1, std::string(view), std::move(spans)});
    } else {
      std::string text(view);
      auto spans = searcher.search(text);
      if (!spans.empty()) {
        const int column = column_at(text, spans.front().begin);
        hits.push_back({line, column, std::move(text), std::move(spans)});
      }
    }
    start = end + 1;
    ++line;
  }
  if (!searcher.found_all()) hits.clear();
  return hits;
}

}  // namespace mdvault::core
