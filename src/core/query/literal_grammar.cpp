#include "core/query/literal_grammar.hpp"

#include <cctype>
#include <cstdlib>
#include <utility>

#include "core/query/icu_locale.hpp"
#include "core/query/parser.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool LiteralGrammar::digits(std::size_t& pos, std::size_t count, int* value) {
  std::size_t p = pos;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = m_lex.peek(p);
    if (c < '0' || c > '9') {
      m_lex.expect(p, "digit");
      return false;
    }
    v = v * 10 + (c - '0');
    ++p;
  }
  pos = p;
  if (value) *value = v;
  return true;
}

std::optional<double> LiteralGrammar::number(std::size_t& pos) {
  std::size_t p = pos;
  if (m_lex.peek(p) == '-') ++p;
  const std::size_t digits_start = p;
  while (m_lex.peek(p) >= '0' && m_lex.peek(p) <= '9')
    ++p;
  if (p == digits_start) {
    m_lex.expect(pos, "number");
    return std::nullopt;
  }
  if (m_lex.peek(p) == '.' && m_lex.peek(p + 1) >= '0' && m_lex.peek(p + 1) <= '9') {
    ++p;
    while (m_lex.peek(p) >= '0' && m_lex.peek(p) <= '9')
      ++p;
  }
  const std::string text(m_text.substr(pos, p - pos));
  pos = p;
  return std::strtod(text.c_str(), nullptr);
}

std::optional<std::string> LiteralGrammar::string_literal(std::size_t& pos) {
  if (m_lex.peek(pos) != '"') {
    m_lex.expect(pos, "string");
    return std::nullopt;
  }
  std::size_t p = pos + 1;
  std::string out;
  while (true) {
    if (m_lex.at_end(p)) {
      m_lex.expect(p, "'\"'");
      return std::nullopt;
    }
    const char c = m_text[p];
    if (c == '"') break;
    if (c == '\\') {
      if (m_lex.at_end(p + 1)) {
        m_lex.expect(p + 1, "any character");
        return std::nullopt;
      }
      const std::size_t n = m_lex.char_length(p + 1);
      const std::string_view escaped = m_text.substr(p + 1, n);
      if (escaped == "\"" || escaped == "\\") {
        out += escaped;
      } else {
        out += '\\';
        out += escaped;
      }
      p += 1 + n;
      continue;
    }
    out += c;
    ++p;
  }
  pos = p + 1;
  return out;
}

std::optional<bool> LiteralGrammar::boolean(std::size_t& pos) {
  for (std::string_view word : {"true", "false", "True", "False"}) {
    if (m_text.substr(pos, word.size()) == word) {
      pos += word.size();
      return word[0] == 't' || word[0] == 'T';
    }
  }
  m_lex.expect(pos, "boolean");
  return std::nullopt;
}

std::optional<std::string> LiteralGrammar::tag(std::size_t& pos) {
  if (m_lex.peek(pos) != '#') {
    m_lex.expect(pos, "tag");
    return std::nullopt;
  }
  std::size_t p = pos + 1;
  while (std::size_t n = m_lex.tag_char_length(p))
    p += n;
  std::string out(m_text.substr(pos, p - pos));
  pos = p;
  return out;
}

std::optional<std::string> LiteralGrammar::identifier(std::size_t& pos) {
  std::size_t p = pos;
  std::size_t n = m_lex.letter_length(p);
  if (n == 0) n = m_lex.emoji_length(p);
  if (n == 0) {
    m_lex.expect(pos, "identifier");
    return std::nullopt;
  }
  p += n;
  while (true) {
    const char c = m_lex.peek(p);
    if ((c >= '0' && c <= '9') || c == '_' || c == '-') {
      ++p;
      continue;
    }
    n = m_lex.letter_length(p);
    if (n == 0) n = m_lex.emoji_length(p);
    if (n == 0) break;
    p += n;
  }
  std::string out(m_text.substr(pos, p - pos));
  pos = p;
  return out;
}

std::optional<Link> LiteralGrammar::link(std::size_t& pos) {
  if (m_text.substr(pos, 2) != "[[") {
    m_lex.expect(pos, "[[link]]");
    return std::nullopt;
  }
  std::size_t p = pos + 2;
  while (!m_lex.at_end(p) && m_text[p] != '[' && m_text[p] != ']')
    ++p;
  if (m_text.substr(p, 2) != "]]") {
    m_lex.expect(p, "']]'");
    return std::nullopt;
  }
  const std::string_view inner = m_text.substr(pos + 2, p - pos - 2);
  pos = p + 2;
  // splitOnUnescapedPipe
  std::size_t pipe = 0;
  while ((pipe = inner.find('|', pipe)) != std::string_view::npos) {
    if (pipe > 0 && inner[pipe - 1] == '\\') {
      ++pipe;
      continue;
    }
    break;
  }
  auto unescape = [](std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '|') continue;
      out += s[i];
    }
    return out;
  };
  if (pipe == std::string_view::npos) return Link::infer(unescape(inner), false, std::nullopt);
  return Link::infer(unescape(inner.substr(0, pipe)), false, std::string(inner.substr(pipe + 1)));
}

std::optional<Link> LiteralGrammar::embed_link(std::size_t& pos) {
  std::size_t p = pos;
  const bool embed = m_lex.peek(p) == '!';
  if (embed) ++p;
  auto l = link(p);
  if (!l) return std::nullopt;
  l->embed = embed;
  pos = p;
  return l;
}

std::optional<DateTime> LiteralGrammar::date(std::size_t& pos) {
  std::size_t p = pos;
  int year = 0;
  int month = 0;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  if (!digits(p, 4, &year) || !m_lex.literal(p, "-") || !digits(p, 2, &month)) return std::nullopt;
  std::optional<int> offset;
  std::optional<std::string> zone_text;
  std::size_t q = p;
  if (m_lex.literal(q, "-") && digits(q, 2, &day)) {
    p = q;
    if (m_lex.literal(q, "T") && digits(q, 2, &hour)) {
      p = q;
      if (m_lex.literal(q, ":") && digits(q, 2, &minute)) {
        p = q;
        if (m_lex.literal(q, ":") && digits(q, 2, &second)) {
          p = q;
          if (m_lex.literal(q, ".") && digits(q, 3, &millisecond)) p = q;
          q = p;
          offset = zone(q);
          if (offset) {
            p = q;
          } else if (auto name = zone_name(q)) {
            zone_text = std::move(*name);
            p = q;
          }
        }
      }
    }
  }
  // DateTime.fromObject({year, month}) checks the month; the later set({day}), set({hour})...
  // roll over as Luxon's do: 2021-02-30 is 2021-03-02, T24:00 the next midnight.
  auto dt = DateTime::from_fields(year, month, 1);
  if (!dt) {
    m_lex.expect(p, "valid date");
    return std::nullopt;
  }
  dt->local_ms += (std::int64_t{day} - 1) * 86'400'000 + std::int64_t{hour} * 3'600'000 + std::int64_t{minute} * 60'000 +
                  std::int64_t{second} * 1000 + millisecond;
  if (zone_text) {
    // setZone(name, {keepLocalTime: true}): the wall-clock time stays, the zone's offset at it
    // is taken; an unknown zone makes the date invalid.
    offset = zone_offset(*zone_text, dt->local_ms);
    if (!offset) {
      m_lex.expect(p, "valid date");
      return std::nullopt;
    }
  }
  if (offset) {
    dt->has_offset = true;
    dt->offset_minutes = *offset;
  }
  pos = p;
  return dt;
}

std::optional<int> LiteralGrammar::zone(std::size_t& pos) {
  const char c = m_lex.peek(pos);
  if (c == '+' || c == '-') {
    std::size_t p = pos + 1;
    int hours = 0;
    int minutes = 0;
    if (!digits(p, 1, &hours)) return std::nullopt;
    int more = 0;
    std::size_t r = p;
    if (digits(r, 1, &more)) {
      hours = hours * 10 + more;
      p = r;
    }
    r = p;
    if (m_lex.literal(r, ":") && digits(r, 2, &minutes)) p = r;
    pos = p;
    const int total = hours * 60 + minutes;
    return c == '-' ? -total : total;
  }
  if (c == 'Z') {
    ++pos;
    return 0;
  }
  return std::nullopt;
}

std::optional<std::string> LiteralGrammar::zone_name(std::size_t& pos) {
  // Dataview's `[` [0-9A-Za-z+-\/]+ `]`: the class runs from '+' to '/' (so ',' and '.' too, no '_').
  if (m_lex.peek(pos) != '[') return std::nullopt;
  std::size_t p = pos + 1;
  while (!m_lex.at_end(p) && (std::isalnum(static_cast<unsigned char>(m_text[p])) || (m_text[p] >= '+' && m_text[p] <= '/'))) {
    ++p;
  }
  if (p == pos + 1 || m_lex.peek(p) != ']') return std::nullopt;
  std::string name(m_text.substr(pos + 1, p - pos - 1));
  pos = p + 1;
  return name;
}

std::optional<int> LiteralGrammar::zone_offset(std::string_view name, std::int64_t local_ms) {
  // Luxon's normalizeZone: "utc"/"gmt", "UTC+2"/"UTC-03:30", else an IANA name.
  const std::string upper = upper_ascii(name);
  if (upper == "UTC" || upper == "GMT") return 0;
  if (upper.rfind("UTC", 0) == 0 && upper.size() > 3) {
    LiteralGrammar g(std::string_view(name).substr(3));
    std::size_t p = 0;
    auto offset = g.zone(p);
    if (offset && p == name.size() - 3 && (name[3] == '+' || name[3] == '-')) return offset;
    return std::nullopt;
  }
  return zone_offset_at_local(name, local_ms);
}

std::optional<DateTime> LiteralGrammar::date_shorthand(std::size_t& pos) {
  static constexpr std::string_view k_words[] = {"start-of-month",
                                                 "start-of-week",
                                                 "start-of-year",
                                                 "end-of-month",
                                                 "end-of-week",
                                                 "end-of-year",
                                                 "yesterday",
                                                 "tomorrow",
                                                 "today",
                                                 "now",
                                                 "sow",
                                                 "eow",
                                                 "soy",
                                                 "eoy",
                                                 "som",
                                                 "eom"};
  for (std::string_view word : k_words) {
    if (m_text.substr(pos, word.size()) != word) continue;
    pos += word.size();
    return shorthand_value(word);
  }
  m_lex.expect(pos, "date shorthand");
  return std::nullopt;
}

DateTime LiteralGrammar::shorthand_value(std::string_view word) {
  const DateTime now = DateTime::now();
  const DateTime today = now.start_of_day();
  Duration one_day;
  one_day.at(DurationUnit::days) = 1;
  const auto start_of_week = add(today, scale(one_day, -(today.weekday() - 1)));
  const auto start_of_month = *DateTime::from_fields(today.year(), today.month(), 1);
  const auto start_of_year = *DateTime::from_fields(today.year(), 1, 1);
  auto end_before = [](DateTime d) {
    d.local_ms -= 1;
    return d;
  };
  Duration unit;
  if (word == "now") return now;
  if (word == "today") return today;
  if (word == "yesterday") return add(today, one_day, -1);
  if (word == "tomorrow") return add(today, one_day);
  if (word == "sow" || word == "start-of-week") return start_of_week;
  if (word == "eow" || word == "end-of-week") return end_before(add(start_of_week, scale(one_day, 7)));
  if (word == "som" || word == "start-of-month") return start_of_month;
  if (word == "soy" || word == "start-of-year") return start_of_year;
  if (word == "eom" || word == "end-of-month") {
    unit.at(DurationUnit::months) = 1;
    return end_before(add(start_of_month, unit));
  }
  unit.at(DurationUnit::years) = 1;
  return end_before(add(start_of_year, unit)); // eoy
}

std::optional<DateTime> LiteralGrammar::date_plus(std::size_t& pos) {
  if (auto d = date_shorthand(pos)) return d;
  return date(pos);
}

std::optional<Duration> LiteralGrammar::duration_item(std::size_t& pos) {
  std::size_t p = pos;
  auto count = number(p);
  if (!count) return std::nullopt;
  m_lex.opt_whitespace(p);
  for (std::string_view word : duration_words()) {
    if (m_text.substr(p, word.size()) == word) {
      Duration d;
      d.at(*duration_unit(word)) = *count;
      pos = p + word.size();
      return d;
    }
  }
  m_lex.expect(p, "duration unit (days, hours, ...)");
  return std::nullopt;
}

std::optional<Duration> LiteralGrammar::duration(std::size_t& pos) {
  auto total = duration_item(pos);
  if (!total) return std::nullopt;
  while (true) {
    std::size_t q = pos;
    std::size_t comma = q;
    m_lex.opt_whitespace(comma);
    if (m_lex.peek(comma) == ',') {
      ++comma;
      m_lex.opt_whitespace(comma);
      q = comma;
    } else {
      m_lex.opt_whitespace(q);
    }
    auto next = duration_item(q);
    if (!next) break;
    *total = plus(*total, *next);
    pos = q;
  }
  return total;
}

bool LiteralGrammar::comma(std::size_t& pos) {
  std::size_t p = pos;
  m_lex.opt_whitespace(p);
  if (!m_lex.literal(p, ",")) return false;
  m_lex.opt_whitespace(p);
  pos = p;
  return true;
}

std::optional<DateTime> parse_date_text(std::string_view text) {
  LiteralGrammar g(text);
  std::size_t pos = 0;
  auto d = g.date(pos);
  if (d && pos == text.size()) return d;
  return std::nullopt;
}

std::optional<DateTime> parse_date_plus_text(std::string_view text) {
  LiteralGrammar g(text);
  std::size_t pos = 0;
  auto d = g.date_plus(pos);
  if (d && pos == text.size()) return d;
  return std::nullopt;
}

std::optional<Duration> parse_duration_text(std::string_view text) {
  LiteralGrammar g(text);
  std::size_t pos = 0;
  auto d = g.duration(pos);
  if (d && pos == text.size()) return d;
  return std::nullopt;
}

std::optional<Link> parse_link_text(std::string_view text) {
  LiteralGrammar g(text);
  std::size_t pos = 0;
  auto l = g.embed_link(pos);
  if (l && pos == text.size()) return l;
  return std::nullopt;
}

namespace {

/// atomInlineField: date, duration (normalized), string, tag, embed link, boolean, number, "null".
std::optional<DqlValue> inline_atom(LiteralGrammar& g, std::size_t& pos) {
  std::size_t p = pos;
  if (auto d = g.date(p)) {
    pos = p;
    return DqlValue::date(*d);
  }
  p = pos;
  if (auto d = g.duration(p)) {
    pos = p;
    return DqlValue::duration(normalize(*d));
  }
  p = pos;
  if (auto s = g.string_literal(p)) {
    pos = p;
    return DqlValue::string(*s);
  }
  p = pos;
  if (auto t = g.tag(p)) {
    pos = p;
    return DqlValue::string(*t);
  }
  p = pos;
  if (auto l = g.embed_link(p)) {
    pos = p;
    return DqlValue::link(*l);
  }
  p = pos;
  if (auto b = g.boolean(p)) {
    pos = p;
    return DqlValue::boolean(*b);
  }
  p = pos;
  if (auto n = g.number(p)) {
    pos = p;
    return DqlValue::number(*n);
  }
  if (g.lexer().text().substr(pos, 4) == "null") {
    pos += 4;
    return DqlValue::string("null");
  }
  return std::nullopt;
}

} // namespace

DqlValue parse_inline_value(std::string_view text) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
    trimmed.remove_prefix(1);
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
    trimmed.remove_suffix(1);
  if (trimmed.empty()) return DqlValue{};
  LiteralGrammar g(trimmed);
  std::size_t pos = 0;
  auto first = inline_atom(g, pos);
  if (first) {
    if (pos == trimmed.size()) return *first;
    // inlineField: an atom, a comma, then atoms each after a comma (none at all: `[[a]],` is a
    // list of one); a comma not followed by an atom ends the list.
    DqlList items{*first};
    std::size_t p = pos;
    if (g.comma(p)) {
      pos = p;
      std::size_t q = p;
      if (auto next = inline_atom(g, q)) {
        items.push_back(*next);
        pos = q;
        while (true) {
          std::size_t r = pos;
          if (!g.comma(r)) break;
          auto more = inline_atom(g, r);
          if (!more) break;
          items.push_back(*more);
          pos = r;
        }
      }
      if (pos == trimmed.size()) return DqlValue::list(std::move(items));
    }
  }
  return DqlValue::string(std::string(trimmed));
}

} // namespace mdvault::core::query
