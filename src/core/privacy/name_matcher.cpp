#include "core/privacy/name_matcher.hpp"

#include <algorithm>

#include "core/unicode.hpp"

namespace mdvault::core::privacy {
namespace {

bool is_ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z'); }

/// Bytes of the letter or digit at s[i], 0 when none stands there; `skip` gets the bytes of
/// whatever character stands there (at least 1).
std::size_t word_char_at(std::string_view s, std::size_t i, std::size_t& skip) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    skip = 1;
    return is_ascii_alnum(c) ? 1 : 0;
  }
  std::size_t length = 0;
  const bool letter = is_letter_or_digit_at(s, i, &length);
  skip = std::max<std::size_t>(length, 1);
  return letter ? skip : 0;
}

/// End of the run of letters and digits starting at `i`; `ascii` tells whether it is all ASCII.
std::size_t run_end(std::string_view s, std::size_t i, bool& ascii) {
  ascii = true;
  std::size_t skip = 0;
  while (i < s.size()) {
    const std::size_t n = word_char_at(s, i, skip);
    if (n == 0) break;
    if (n > 1 || static_cast<unsigned char>(s[i]) >= 0x80) ascii = false;
    i += n;
  }
  return i;
}

/// End of the characters before the next letter or digit.
std::size_t gap_end(std::string_view s, std::size_t i) {
  std::size_t skip = 0;
  while (i < s.size() && word_char_at(s, i, skip) == 0) i += skip;
  return i;
}

/// The folded form of a run of letters and digits.
void fold_run(std::string_view run, bool ascii, std::string& out) {
  if (!ascii) {
    out = fold_key(run);
    return;
  }
  out.assign(run);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

/// Spaces, line breaks, '_' and '-' only: the gaps that may stand between the words of a name.
bool is_soft_gap(std::string_view gap) {
  return !gap.empty() && std::all_of(gap.begin(), gap.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '_' || c == '-';
  });
}

/// True when the word at `begin` is part of a #tag: a '#' earlier in the same run of
/// characters that are not spaces.
bool inside_tag(std::string_view text, std::size_t begin) {
  for (std::size_t i = begin; i-- > 0;) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
    if (c == '#') return true;
  }
  return false;
}

}  // namespace

std::string NameMatcher::styled_replacement(std::string_view text, const Match& match, bool in_tags) const {
  const Name& name = m_names[match.name];
  const std::string_view written = text.substr(match.begin, match.end - match.begin);
  if (written.find_first_of(" \t\n\r") != std::string_view::npos) return name.replacement;
  const bool tag = in_tags || inside_tag(text, match.begin);
  char joiner = '\0';
  if (written.find('_') != std::string_view::npos) {
    joiner = '_';
  } else if (written.find('-') != std::string_view::npos) {
    joiner = '-';
  } else if (!name.joined && !tag) {
    return name.replacement;  // a one-word name in running text
  } else if (tag && !name.joined) {
    joiner = '_';
  }
  std::string out;
  for (const char c : name.replacement) {
    if (c != ' ') {
      out += c;
    } else if (joiner != '\0') {
      out += joiner;
    }
  }
  return out;
}

void NameMatcher::add(std::string_view name, std::string replacement) {
  const std::string folded = fold_key(name);
  Name entry;
  std::size_t i = gap_end(folded, 0);
  bool ascii = true;
  while (i < folded.size()) {
    const std::size_t end = run_end(folded, i, ascii);
    entry.words.emplace_back(folded.substr(i, end - i));
    const std::size_t next = gap_end(folded, end);
    if (next < folded.size()) {
      const std::string_view gap = std::string_view(folded).substr(end, next - end);
      entry.separators.emplace_back(is_soft_gap(gap) ? std::string() : std::string(gap));
    }
    i = next;
  }
  if (entry.words.empty()) return;
  std::string key;
  for (std::size_t w = 0; w < entry.words.size(); ++w) {
    key += entry.words[w];
    if (w < entry.separators.size()) key += entry.separators[w].empty() ? std::string(" ") : entry.separators[w];
  }
  if (m_by_key.count(key) > 0) return;
  const bool joinable = entry.words.size() > 1 &&
                        std::all_of(entry.separators.begin(), entry.separators.end(), [](const std::string& sep) { return sep.empty(); });
  std::string joined;
  if (joinable) {
    for (const auto& word : entry.words) joined += word;
  }
  entry.original = std::string(name);
  entry.replacement = std::move(replacement);
  const std::size_t index = m_names.size();
  m_by_key.emplace(std::move(key), index);
  m_first_bytes[static_cast<unsigned char>(entry.words.front().front())] = true;
  auto& bucket = m_by_first[entry.words.front()];
  const std::size_t words = entry.words.size();
  m_names.push_back(std::move(entry));
  // Longest names first, in the order added among names of one length.
  const auto at = std::upper_bound(bucket.begin(), bucket.end(), words, [this](std::size_t count, std::size_t other) {
    return count > m_names[other].words.size();
  });
  bucket.insert(at, index);
  if (joinable) {
    add(joined, m_names[index].replacement);
    if (m_names.size() > index + 1) m_names.back().joined = true;
  }
}

std::optional<std::size_t> NameMatcher::match_at(const Name& name, std::string_view text, std::size_t first_end,
                                                  std::vector<FollowingWord>& following) const {
  for (std::size_t w = 1; w < name.words.size(); ++w) {
    // The words after the first are read once per place, whichever names are tried there.
    while (following.size() < w) {
      const std::size_t at = following.empty() ? first_end : following.back().end;
      FollowingWord word;
      word.gap_begin = at;
      word.begin = gap_end(text, at);
      bool ascii = true;
      word.end = word.begin < text.size() ? run_end(text, word.begin, ascii) : text.size();
      fold_run(text.substr(word.begin, word.end - word.begin), ascii, word.folded);
      following.push_back(std::move(word));
    }
    const FollowingWord& word = following[w - 1];
    if (word.begin >= text.size()) return std::nullopt;
    const std::string_view gap = text.substr(word.gap_begin, word.begin - word.gap_begin);
    const std::string& separator = name.separators[w - 1];
    if (separator.empty() ? !is_soft_gap(gap) : fold_key(gap) != separator) return std::nullopt;
    if (word.folded != name.words[w]) return std::nullopt;
  }
  return name.words.size() == 1 ? first_end : following[name.words.size() - 2].end;
}

std::vector<NameMatcher::Match> NameMatcher::find_all(std::string_view text) const {
  std::vector<Match> matches;
  if (m_names.empty()) return matches;
  std::string folded;
  std::vector<FollowingWord> following;
  std::size_t i = 0;
  std::size_t skip = 0;
  while (i < text.size()) {
    if (word_char_at(text, i, skip) == 0) {
      i += skip;
      continue;
    }
    bool ascii = true;
    const std::size_t end = run_end(text, i, ascii);
    if (ascii) {
      auto first = static_cast<unsigned char>(text[i]);
      if (first >= 'A' && first <= 'Z') first = static_cast<unsigned char>(first | 0x20U);
      if (!m_first_bytes[first]) {
        i = end;
        continue;
      }
    }
    fold_run(text.substr(i, end - i), ascii, folded);
    std::size_t next = end;
    if (const auto it = m_by_first.find(folded); it != m_by_first.end()) {
      following.clear();
      for (const std::size_t index : it->second) {
        if (const auto stop = match_at(m_names[index], text, end, following)) {
          matches.push_back({i, *stop, index});
          next = *stop;
          break;
        }
      }
    }
    i = next;
  }
  return matches;
}

std::optional<std::string> NameMatcher::replace(std::string_view text, bool in_tags) const {
  const auto matches = find_all(text);
  if (matches.empty()) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const Match& m : matches) {
    out.append(text.substr(at, m.begin - at));
    out += styled_replacement(text, m, in_tags);
    // A name split across lines keeps its line breaks, so the lines after it keep their numbers.
    const std::string_view written = text.substr(m.begin, m.end - m.begin);
    out.append(static_cast<std::size_t>(std::count(written.begin(), written.end(), '\n')), '\n');
    at = m.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace mdvault::core::privacy
