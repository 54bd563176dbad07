#include "core/privacy/privacy_check.hpp"

#include <algorithm>
#include <set>

#include "core/link_graph.hpp"
#include "core/privacy/field_set.hpp"
#include "core/privacy/name_matcher.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::privacy {
namespace {

/// Omitted values shorter than this ("yes", "4") would be found everywhere.
constexpr std::size_t k_min_value_length = 4;

/// True when `text` is one word (no space): such a title is matched with its case.
bool is_one_word(std::string_view text) { return text.find_first_of(" \t") == std::string_view::npos; }

/// The strings of a frontmatter value, numbers as written.
void value_texts(const Value& value, std::vector<std::string>& out) {
  if (value.is_string()) {
    out.push_back(value.as_string());
  } else if (value.is_number() && !value.is_bool()) {
    out.push_back(to_display(value));
  } else if (value.is_list()) {
    for (const auto& item : value.as_list()) value_texts(item, out);
  } else if (value.is_map()) {
    for (const auto& entry : value.as_map()) value_texts(entry.value, out);
  }
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// Line and column of `offset` in `text`, counting from `from` (a known line start).
void locate(std::string_view text, std::size_t offset, CheckHit& hit) {
  const std::size_t line_start = offset == 0 ? 0 : text.rfind('\n', offset - 1) + 1;
  hit.line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(line_start), '\n')) + 1;
  hit.column = column_at(text.substr(line_start), offset - line_start);
}

/// `text` with JSON's backslash escapes (`\n`, `\"`, `\u00e9`) and URL-encoded spaces (`%20`)
/// turned into spaces of the same length, so "\nJane" and "Jane%20Doe" are still found.
std::string blank_escapes(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '%' && i + 2 < out.size() && out[i + 1] == '2' && out[i + 2] == '0') {
      out[i] = out[i + 1] = out[i + 2] = ' ';  // a space in a link's destination
      i += 2;
      continue;
    }
    if (out[i] != '\\') continue;
    const char c = out[i + 1];
    std::size_t n = 0;
    if (c == 'n' || c == 'r' || c == 't' || c == 'b' || c == 'f' || c == '"' || c == '\\' || c == '/') n = 2;
    if (c == 'u' && i + 6 <= out.size()) n = 6;
    for (std::size_t k = 0; k < n; ++k) out[i + k] = ' ';
    if (n > 0) i += n - 1;
  }
  return out;
}

}  // namespace

std::vector<WithheldText> withheld_texts(const Vault& vault, const PrivacyPolicy& policy,
                                         const PrivateNotes& private_notes, const std::vector<NameGroup>& names) {
  std::vector<WithheldText> out;
  std::set<std::string> seen;
  auto add = [&](std::string text, const std::string& why, bool any_case = true) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
    if (text.empty() || !seen.insert(fold_key(text)).second) return;
    out.push_back({std::move(text), why, any_case});
  };
  for (const auto& group : names) {
    for (const auto& name : group.names) add(name, "a name the policy replaces by a pseudonym");
  }
  for (std::size_t i = 0; i < vault.notes.size(); ++i) {
    if (!private_notes.is_private[i]) continue;
    const Note& note = vault.notes[i];
    add(note.path, "the path of a private note");
    add(note.path.substr(0, note.path.size() - (note.path.size() > 3 ? 3 : 0)), "the path of a private note");
    add(note.name, "the name of a private note", !is_one_word(note.name));
    const std::string title = note_title(note);
    add(title, "the title of a private note", !is_one_word(title));
    for (const auto& alias : note.aliases) add(alias, "an alias of a private note", !is_one_word(alias));
  }
  std::vector<std::string> omitted;
  for (const auto& item : policy.omit) omitted.push_back(item.text);
  const FieldSet omit(omitted);
  if (!omit.empty()) {
    for (const auto& note : vault.notes) {
      std::vector<std::string> values;
      if (note.frontmatter && note.frontmatter->is_map()) {
        for (const auto& entry : note.frontmatter->as_map()) {
          if (omit.contains(entry.key)) value_texts(entry.value, values);
        }
      }
      for (const auto& field : note.fields) {
        if (omit.contains(field.key)) values.push_back(field.value);
      }
      for (auto& value : values) {
        if (count_code_points(value) >= k_min_value_length) add(std::move(value), "the value of an omitted field");
      }
    }
  }
  return out;
}

std::vector<CheckHit> find_withheld(std::string_view bytes, const std::vector<WithheldText>& withheld) {
  std::vector<CheckHit> hits;
  if (is_valid_utf8(bytes)) {
    NameMatcher matcher;
    std::vector<std::size_t> index_of;  // matcher name index: withheld index
    for (std::size_t i = 0; i < withheld.size(); ++i) {
      const std::size_t before = matcher.size();
      matcher.add(withheld[i].text, std::to_string(i));
      for (std::size_t k = before; k < matcher.size(); ++k) index_of.push_back(i);
    }
    const std::string searched = blank_escapes(bytes);
    for (const auto& match : matcher.find_all(searched)) {
      const std::size_t w = index_of[match.name];
      if (!withheld[w].any_case) {
        const std::string_view found = std::string_view(searched).substr(match.begin, match.end - match.begin);
        if (found != withheld[w].text) continue;
      }
      CheckHit hit;
      hit.offset = match.begin;
      hit.withheld = w;
      locate(bytes, match.begin, hit);
      hits.push_back(hit);
    }
    return hits;
  }
  const std::string haystack = ascii_lower(bytes);
  for (std::size_t w = 0; w < withheld.size(); ++w) {
    const std::string needle = withheld[w].any_case ? ascii_lower(withheld[w].text) : withheld[w].text;
    const std::string_view hay = withheld[w].any_case ? std::string_view(haystack) : bytes;
    for (std::size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + 1)) {
      hits.push_back({at, 0, 0, w});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const CheckHit& a, const CheckHit& b) { return a.offset < b.offset; });
  return hits;
}

}  // namespace mdvault::core::privacy
