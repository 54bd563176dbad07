// JavaScript's String.prototype.replace (with a global regex) and split (with a regex) on top
// of Regex::find, as Dataview's regexreplace and split call them.
#include <string>
#include <utility>

#include "core/regex.hpp"

namespace mdvault::core {

namespace {

std::size_t utf8_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 1;
  const auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return 1;
  if ((b & 0xE0u) == 0xC0u) return 2;
  if ((b & 0xF0u) == 0xE0u) return 3;
  if ((b & 0xF8u) == 0xF0u) return 4;
  return 1;
}

}  // namespace

std::variant<std::string, RegexTooComplex> regex_replace_all(const Regex& re, std::string_view subject,
                                                             std::string_view replacement, std::size_t max_bytes) {
  std::string out;
  std::size_t last = 0;
  std::size_t from = 0;
  while (from <= subject.size()) {
    if (out.size() > max_bytes) return out;  // `$'` and `$\`` make a result quadratic in the subject
    auto result = re.find(subject, from, from > 0);  // the find from 0 checked the UTF-8
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    const auto& found = std::get<std::optional<RegexMatch>>(result);
    if (!found) break;
    const RegexMatch& m = *found;
    out.append(subject.substr(last, m.start - last));
    auto group_text = [&](std::size_t n) -> std::string {
      if (n == 0) return std::string(subject.substr(m.start, m.end - m.start));
      if (n > m.groups.size() || !m.groups[n - 1]) return {};
      return std::string(subject.substr(m.groups[n - 1]->first, m.groups[n - 1]->second - m.groups[n - 1]->first));
    };
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      const char c = replacement[i];
      if (c != '$' || i + 1 >= replacement.size()) {
        out += c;
        continue;
      }
      const char next = replacement[i + 1];
      if (next == '$') {
        out += '$';
        ++i;
      } else if (next == '&') {
        out += group_text(0);
        ++i;
      } else if (next == '`') {
        out.append(subject.substr(0, m.start));
        ++i;
      } else if (next == '\'') {
        out.append(subject.substr(m.end));
        ++i;
      } else if (next >= '0' && next <= '9') {
        std::size_t n = static_cast<std::size_t>(next - '0');
        std::size_t used = 1;
        if (i + 2 < replacement.size() && replacement[i + 2] >= '0' && replacement[i + 2] <= '9') {
          const std::size_t two = n * 10 + static_cast<std::size_t>(replacement[i + 2] - '0');
          if (two >= 1 && two <= m.groups.size()) {
            n = two;
            used = 2;
          }
        }
        if (n >= 1 && n <= m.groups.size()) {
          out += group_text(n);
          i += used;
        } else {
          out += c;
        }
      } else if (next == '<' && !m.names.empty()) {
        const std::size_t close = replacement.find('>', i + 2);
        if (close == std::string_view::npos) {
          out += c;
          continue;
        }
        const std::string_view name = replacement.substr(i + 2, close - i - 2);
        for (const auto& [group_name, number] : m.names) {
          if (group_name == name) out += group_text(number);
        }
        i = close;
      } else {
        out += c;
      }
    }
    last = m.end;
    from = m.end == m.start ? m.end + utf8_length(subject, m.end) : m.end;
    if (m.end == m.start && m.end < subject.size()) {
      out.append(subject.substr(m.end, from - m.end));
      last = from;
    }
  }
  if (last < subject.size()) out.append(subject.substr(last));
  return out;
}

std::variant<std::vector<std::string>, RegexTooComplex> regex_split(const Regex& re, std::string_view subject,
                                                                    std::optional<std::size_t> limit) {
  std::vector<std::string> out;
  const std::size_t max = limit.value_or(static_cast<std::size_t>(-1));
  if (max == 0) return out;
  if (subject.empty()) {
    auto result = re.find(subject, 0);
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    if (!std::get<std::optional<RegexMatch>>(result)) out.emplace_back();
    return out;
  }
  std::size_t p = 0;
  std::size_t q = 0;
  while (q < subject.size()) {
    auto result = re.find(subject, q, q > 0);
    if (std::holds_alternative<RegexTooComplex>(result)) return RegexTooComplex{};
    const auto& found = std::get<std::optional<RegexMatch>>(result);
    if (!found || found->start >= subject.size()) break;
    const RegexMatch& m = *found;
    if (m.end == p || (m.end == m.start && m.start == p)) {
      q = m.start + utf8_length(subject, m.start);
      continue;
    }
    out.emplace_back(subject.substr(p, m.start - p));
    if (out.size() == max) return out;
    for (const auto& g : m.groups) {
      out.emplace_back(g ? std::string(subject.substr(g->first, g->second - g->first)) : std::string());
      if (out.size() == max) return out;
    }
    p = m.end;
    q = p == m.start ? p + utf8_length(subject, p) : p;
  }
  out.emplace_back(subject.substr(p));
  return out;
}

}  // namespace mdvault::core
