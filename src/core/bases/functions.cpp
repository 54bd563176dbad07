// The functions of Obsidian's help (Functions.md): global ones, then the methods of each type
// (any, date, string, number, list, link, file, object, regular expression).

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <random>
#include <unordered_set>

#include "core/bases/evaluator.hpp"
#include "core/query/number_format.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::bases {

namespace {

using Args = std::vector<BaseValue>;

[[noreturn]] void fail(const std::string& message) { throw EvalError(message); }

void arity(const std::string& name, const Args& a, std::size_t min, std::size_t max) {
  if (a.size() < min || a.size() > max) {
    const std::string count = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
    fail(name + "() takes " + count + " argument" + (max == 1 ? "" : "s") + ", not " + std::to_string(a.size()));
  }
}

const std::string& text_arg(const std::string& name, const Args& a, std::size_t i) {
  if (!a[i].is_string()) {
    fail(name + "() takes a string" + (a.size() > 1 ? " as argument " + std::to_string(i + 1) : "") + ", not a " +
         std::string(type_name(a[i].type())));
  }
  return a[i].as_string();
}

double number_arg(const std::string& name, const Args& a, std::size_t i) {
  if (!a[i].is_number()) {
    fail(name + "() takes a number" + (a.size() > 1 ? " as argument " + std::to_string(i + 1) : "") + ", not a " +
         std::string(type_name(a[i].type())));
  }
  return a[i].as_number();
}

/// The code points of a UTF-8 text, as byte spans.
std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = std::min<std::size_t>(b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1, s.size() - i);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

/// JavaScript's slice(start, end) bounds over a length.
std::pair<std::size_t, std::size_t> slice_bounds(const std::string& name, const Args& a, std::size_t length) {
  arity(name, a, 1, 2);
  const auto bound = [&](double x) {
    const double len = static_cast<double>(length);
    if (std::isnan(x)) x = 0;
    x = std::trunc(x);
    if (x < 0) x = std::max(0.0, len + x);
    return static_cast<std::size_t>(std::min(x, len));
  };
  const std::size_t start = bound(number_arg(name, a, 0));
  const std::size_t end = a.size() > 1 && !a[1].is_null() ? bound(number_arg(name, a, 1)) : length;
  return {start, std::max(start, end)};
}

std::string ascii_upper(std::string s) {
  for (auto& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string lower(std::string_view s) {
  std::string out;
  for (const auto cp : code_points(s)) {
    if (cp.size() == 1) {
      const char c = cp[0];
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else {
      out += fold_case(cp);  // beyond ASCII: Unicode case folding (ß folds to ss)
    }
  }
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/// JavaScript's Number(text).
std::optional<double> parse_number(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return 0.0;
  if (s == "Infinity" || s == "+Infinity") return INFINITY;
  if (s == "-Infinity") return -INFINITY;
  std::string_view body = s;
  if (body.front() == '+') body.remove_prefix(1);
  double n = 0;
  const auto r = std::from_chars(body.data(), body.data() + body.size(), n);
  if (r.ec != std::errc() || r.ptr != body.data() + body.size()) return std::nullopt;
  return n;
}

/// JavaScript's Math.round: halves toward +infinity.
double js_round(double x) { return std::floor(x + 0.5); }

/// String.prototype.replace with a regex without the g flag: the first match, $1..$99, $& and $$.
std::string replace_first(const RegexValue& re, const std::string& subject, const std::string& replacement) {
  const auto found = re.regex->find(subject);
  if (std::holds_alternative<RegexTooComplex>(found)) fail("the regular expression is too complex (match limit reached)");
  const auto& match = std::get<std::optional<RegexMatch>>(found);
  if (!match) return subject;
  std::string out = subject.substr(0, match->start);
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    const char c = replacement[i];
    if (c == '$' && i + 1 < replacement.size()) {
      const char n = replacement[i + 1];
      if (n == '$') {
        out += '$';
        ++i;
        continue;
      }
      if (n == '&') {
        out += subject.substr(match->start, match->end - match->start);
        ++i;
        continue;
      }
      if (n >= '1' && n <= '9') {
        std::size_t group = static_cast<std::size_t>(n - '0');
        std::size_t used = 1;
        if (i + 2 < replacement.size() && replacement[i + 2] >= '0' && replacement[i + 2] <= '9') {
          const std::size_t two = group * 10 + static_cast<std::size_t>(replacement[i + 2] - '0');
          if (two <= match->groups.size()) {
            group = two;
            used = 2;
          }
        }
        if (group <= match->groups.size()) {
          const auto& span = match->groups[group - 1];
          if (span) out += subject.substr(span->first, span->second - span->first);
          i += used;
          continue;
        }
      }
    }
    out += c;
  }
  out += subject.substr(match->end);
  return out;
}

BaseValue list_of(std::vector<std::string> parts) {
  BaseList items;
  for (auto& p : parts) items.push_back(BaseValue::string(std::move(p)));
  return BaseValue::list(std::move(items));
}

/// The numbers of a list (the list methods mean, sum, ... and the summaries skip the rest).
std::vector<double> numbers_of(const BaseList& items) {
  std::vector<double> out;
  for (const auto& v : items) {
    if (v.is_number() && !std::isnan(v.as_number())) out.push_back(v.as_number());
  }
  return out;
}

BaseValue any_method(Evaluator&, const BaseValue& v, const std::string& name, const Args& a, bool& found) {
  found = true;
  if (name == "isTruthy") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(is_truthy(v));
  }
  if (name == "isType") {
    arity(name, a, 1, 1);
    std::string t = lower(text_arg(name, a, 0));
    if (t == "array") t = "list";
    if (t == "regex") t = "regexp";
    if (t == "bool") t = "boolean";
    return BaseValue::boolean(t == type_name(v.type()));
  }
  if (name == "toString") {
    arity(name, a, 0, 0);
    return BaseValue::string(to_text(v));
  }
  found = false;
  return {};
}

BaseValue string_method(Evaluator& ev, const std::string& s, const std::string& name, const Args& a) {
  ev.charge(s.size() / 16);
  if (name == "contains") {
    arity(name, a, 1, 1);
    return BaseValue::boolean(s.find(text_arg(name, a, 0)) != std::string::npos);
  }
  if (name == "containsAll" || name == "containsAny") {
    if (a.empty()) fail(name + "() takes one or more strings");
    bool all = true;
    bool any = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const bool has = s.find(text_arg(name, a, i)) != std::string::npos;
      all = all && has;
      any = any || has;
    }
    return BaseValue::boolean(name == "containsAll" ? all : any);
  }
  if (name == "startsWith" || name == "endsWith") {
    arity(name, a, 1, 1);
    const std::string& q = text_arg(name, a, 0);
    return BaseValue::boolean(name == "startsWith" ? std::string_view(s).starts_with(q) : std::string_view(s).ends_with(q));
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(s.empty());
  }
  if (name == "lower") {
    arity(name, a, 0, 0);
    return BaseValue::string(lower(s));
  }
  if (name == "upper") {
    arity(name, a, 0, 0);
    return BaseValue::string(ascii_upper(s));
  }
  if (name == "title") {
    arity(name, a, 0, 0);
    std::string out = s;
    bool start = true;
    for (auto& c : out) {
      if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      start = is_space(c);
    }
    return BaseValue::string(out);
  }
  if (name == "trim") {
    arity(name, a, 0, 0);
    std::string_view t = s;
    while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
    while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
    return BaseValue::string(std::string(t));
  }
  if (name == "repeat") {
    arity(name, a, 1, 1);
    const double n = number_arg(name, a, 0);
    if (n < 0 || std::isinf(n)) fail("repeat() takes a count of 0 or more");
    const auto count = static_cast<std::size_t>(n);
    if (count > 0 && s.size() > k_max_text_bytes / count) fail("the text would be longer than 16 MiB");
    std::string out;
    out.reserve(s.size() * count);
    for (std::size_t i = 0; i < count; ++i) out += s;
    return BaseValue::string(out);
  }
  if (name == "reverse") {
    arity(name, a, 0, 0);
    auto cps = code_points(s);
    std::string out;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
    return BaseValue::string(out);
  }
  if (name == "slice") {
    const auto cps = code_points(s);
    const auto [start, end] = slice_bounds(name, a, cps.size());
    std::string out;
    for (std::size_t i = start; i < end; ++i) out += cps[i];
    return BaseValue::string(out);
  }
  if (name == "replace") {
    arity(name, a, 2, 2);
    const std::string& replacement = text_arg(name, a, 1);
    if (a[0].is_regex()) {
      const RegexValue& re = a[0].as_regex();
      if (!re.global()) return BaseValue::string(replace_first(re, s, replacement));
      auto out = regex_replace_all(*re.regex, s, replacement, k_max_text_bytes);
      if (std::holds_alternative<RegexTooComplex>(out)) fail("the regular expression is too complex (match limit reached)");
      return BaseValue::string(std::get<std::string>(std::move(out)));
    }
    const std::string& pattern = text_arg(name, a, 0);
    if (pattern.empty()) return BaseValue::string(replacement + s);
    std::string out;
    std::size_t from = 0;
    while (true) {
      const auto at = s.find(pattern, from);
      if (at == std::string::npos) break;
      out += s.substr(from, at - from);
      out += replacement;
      if (out.size() > k_max_text_bytes) fail("the text would be longer than 16 MiB");
      from = at + pattern.size();
    }
    out += s.substr(from);
    return BaseValue::string(out);
  }
  if (name == "split") {
    arity(name, a, 1, 2);
    std::optional<std::size_t> limit;
    if (a.size() > 1 && !a[1].is_null()) {
      const double n = number_arg(name, a, 1);
      limit = n <= 0 ? 0 : static_cast<std::size_t>(std::min(n, 1e9));
    }
    if (a[0].is_regex()) {
      auto parts = regex_split(*a[0].as_regex().regex, s, limit);
      if (std::holds_alternative<RegexTooComplex>(parts)) fail("the regular expression is too complex (match limit reached)");
      if (std::get<std::vector<std::string>>(parts).size() > k_max_list_items) {
        fail("split() would make more than a million items");
      }
      return list_of(std::get<std::vector<std::string>>(std::move(parts)));
    }
    const std::string& sep = text_arg(name, a, 0);
    std::vector<std::string> parts;
    if (sep.empty()) {
      for (const auto cp : code_points(s)) parts.emplace_back(cp);
    } else {
      std::size_t from = 0;
      while (true) {
        const auto at = s.find(sep, from);
        parts.push_back(s.substr(from, at == std::string::npos ? std::string::npos : at - from));
        if (at == std::string::npos) break;
        from = at + sep.size();
      }
    }
    if (limit && parts.size() > *limit) parts.resize(*limit);
    if (parts.size() > k_max_list_items) fail("split() would make more than a million items");
    return list_of(std::move(parts));
  }
  fail(name + "() is not a method of a string");
}

BaseValue number_method(double n, const std::string& name, const Args& a) {
  if (name == "abs") {
    arity(name, a, 0, 0);
    return BaseValue::number(std::fabs(n));
  }
  if (name == "ceil") {
    arity(name, a, 0, 0);
    return BaseValue::number(std::ceil(n));
  }
  if (name == "floor") {
    arity(name, a, 0, 0);
    return BaseValue::number(std::floor(n));
  }
  if (name == "round") {
    arity(name, a, 0, 1);
    if (a.empty() || a[0].is_null()) return BaseValue::number(js_round(n));
    const double digits = std::trunc(number_arg(name, a, 0));
    if (digits < 0 || digits > 100) fail("round() takes 0 to 100 decimal places");
    const double scale = std::pow(10.0, digits);
    const double scaled = n * scale;
    if (!std::isfinite(scaled)) return BaseValue::number(n);
    return BaseValue::number(js_round(scaled) / scale);
  }
  if (name == "toFixed") {
    arity(name, a, 1, 1);
    const double digits = std::trunc(number_arg(name, a, 0));
    if (digits < 0 || digits > 100) fail("toFixed() takes 0 to 100 decimal places");
    if (!std::isfinite(n)) return BaseValue::string(query::format_number(n));
    std::vector<char> buffer(400);
    std::snprintf(buffer.data(), buffer.size(), "%.*f", static_cast<int>(digits), n);
    return BaseValue::string(buffer.data());
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(false);
  }
  fail(name + "() is not a method of a number");
}

BaseValue date_method(Evaluator& ev, const DateTime& d, const std::string& name, const Args& a) {
  if (name == "date") {
    arity(name, a, 0, 0);
    return BaseValue::date(d.start_of_day());
  }
  if (name == "format") {
    arity(name, a, 1, 1);
    return BaseValue::string(format_moment(d, text_arg(name, a, 0)));
  }
  if (name == "time") {
    arity(name, a, 0, 0);
    return BaseValue::string(format_moment(d, "HH:mm:ss"));
  }
  if (name == "relative") {
    arity(name, a, 0, 0);
    return BaseValue::string(relative_time(d, ev.environment().now));
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(false);
  }
  fail(name + "() is not a method of a date");
}

BaseValue list_method(Evaluator& ev, const BaseList& items, const std::string& name, const Args& a) {
  ev.charge(items.size());
  const auto contains = [&](const BaseValue& x) {
    return std::any_of(items.begin(), items.end(), [&](const BaseValue& item) { return ev.equals(item, x); });
  };
  if (name == "contains") {
    arity(name, a, 1, 1);
    return BaseValue::boolean(contains(a[0]));
  }
  if (name == "containsAll" || name == "containsAny") {
    if (a.empty()) fail(name + "() takes one or more values");
    bool all = true;
    bool any = false;
    for (const auto& x : a) {
      const bool has = contains(x);
      all = all && has;
      any = any || has;
    }
    return BaseValue::boolean(name == "containsAll" ? all : any);
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(items.empty());
  }
  if (name == "join") {
    arity(name, a, 0, 1);
    const std::string sep = a.empty() ? "," : text_arg(name, a, 0);
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += sep;
      out += items[i].is_null() ? "" : to_text(items[i]);
      if (out.size() > k_max_text_bytes) fail("the text would be longer than 16 MiB");
    }
    return BaseValue::string(out);
  }
  if (name == "flat") {
    arity(name, a, 0, 0);
    BaseList out;
    for (const auto& item : items) {
      if (item.is_list()) {
        ev.charge(item.as_list().size());
        if (out.size() + item.as_list().size() > k_max_list_items) fail("flat() would make more than a million items");
        out.insert(out.end(), item.as_list().begin(), item.as_list().end());
      } else {
        out.push_back(item);
      }
    }
    return BaseValue::list(std::move(out));
  }
  if (name == "reverse") {
    arity(name, a, 0, 0);
    return BaseValue::list(BaseList(items.rbegin(), items.rend()));
  }
  if (name == "slice") {
    const auto [start, end] = slice_bounds(name, a, items.size());
    return BaseValue::list(BaseList(items.begin() + static_cast<std::ptrdiff_t>(start),
                                    items.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  if (name == "sort") {
    arity(name, a, 0, 0);
    BaseList out = items;
    std::stable_sort(out.begin(), out.end(), [](const BaseValue& x, const BaseValue& y) {
      if (x.is_null() != y.is_null()) return y.is_null();
      return compare_values(x, y) < 0;
    });
    return BaseValue::list(std::move(out));
  }
  if (name == "unique") {
    arity(name, a, 0, 0);
    BaseList out;
    std::unordered_set<std::string> seen;
    for (const auto& item : items) {
      if (seen.insert(ev.identity(item)).second) out.push_back(item);
    }
    return BaseValue::list(std::move(out));
  }
  if (name == "mean" || name == "average" || name == "sum" || name == "min" || name == "max" || name == "median") {
    arity(name, a, 0, 0);
    std::vector<double> n = numbers_of(items);
    if (name == "sum") {
      double total = 0;
      for (const double x : n) total += x;
      return BaseValue::number(total);
    }
    if (n.empty()) return {};
    if (name == "min") return BaseValue::number(*std::min_element(n.begin(), n.end()));
    if (name == "max") return BaseValue::number(*std::max_element(n.begin(), n.end()));
    if (name == "median") {
      std::sort(n.begin(), n.end());
      const std::size_t mid = n.size() / 2;
      return BaseValue::number(n.size() % 2 == 1 ? n[mid] : (n[mid - 1] + n[mid]) / 2);
    }
    double total = 0;
    for (const double x : n) total += x;
    return BaseValue::number(total / static_cast<double>(n.size()));
  }
  if (name == "filter" || name == "map" || name == "reduce") fail(name + "() takes an expression");
  fail(name + "() is not a method of a list");
}

BaseValue file_method(Evaluator& ev, const FileRef& f, const std::string& name, const Args& a) {
  if (name == "asLink") {
    arity(name, a, 0, 1);
    LinkValue link;
    link.target = f.path;
    if (!a.empty() && !a[0].is_null()) link.display = to_text(a[0]);
    return BaseValue::link(std::move(link));
  }
  if (name == "hasLink") {
    arity(name, a, 1, 1);
    std::optional<std::string> target;
    if (a[0].is_file()) {
      target = a[0].as_file().path;
    } else if (a[0].is_link()) {
      target = ev.resolve_link(a[0].as_link());
    } else if (a[0].is_string()) {
      if (const auto file = ev.find_file(a[0].as_string())) target = file->path;
    } else if (!a[0].is_null()) {
      fail("hasLink() takes a file, a link or a path, not a " + std::string(type_name(a[0].type())));
    }
    return BaseValue::boolean(target && ev.has_link_to(f, *target));
  }
  if (name == "hasProperty") {
    arity(name, a, 1, 1);
    const std::string& key = text_arg(name, a, 0);
    return BaseValue::boolean(f.note != nullptr && f.note->frontmatter && f.note->frontmatter->find(key) != nullptr);
  }
  if (name == "hasTag") {
    if (a.empty()) fail("hasTag() takes one or more tags");
    if (f.note == nullptr) return BaseValue::boolean(false);
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (has_tag(*f.note, text_arg(name, a, i))) return BaseValue::boolean(true);
    }
    return BaseValue::boolean(false);
  }
  if (name == "inFolder") {
    arity(name, a, 1, 1);
    std::string folder = text_arg(name, a, 0);
    while (!folder.empty() && folder.back() == '/') folder.pop_back();
    while (!folder.empty() && folder.front() == '/') folder.erase(0, 1);
    if (folder.empty()) return BaseValue::boolean(true);
    return BaseValue::boolean(f.path.size() > folder.size() && f.path.compare(0, folder.size(), folder) == 0 &&
                              f.path[folder.size()] == '/');
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(false);
  }
  fail(name + "() is not a method of a file");
}

BaseValue link_method(Evaluator& ev, const LinkValue& l, const std::string& name, const Args& a) {
  if (name == "asFile") {
    arity(name, a, 0, 0);
    const auto path = ev.resolve_link(l);
    if (!path) return {};
    const auto file = ev.find_file(*path);
    return file ? BaseValue::file(*file) : BaseValue();
  }
  if (name == "linksTo") {
    arity(name, a, 1, 1);
    const auto path = ev.resolve_link(l);
    const auto from = path ? ev.find_file(*path) : std::nullopt;
    if (!from) return BaseValue::boolean(false);
    return file_method(ev, *from, "hasLink", a);
  }
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(l.target.empty());
  }
  fail(name + "() is not a method of a link");
}

BaseValue object_method(const BaseObject& o, const std::string& name, const Args& a) {
  if (name == "isEmpty") {
    arity(name, a, 0, 0);
    return BaseValue::boolean(o.empty());
  }
  if (name == "keys" || name == "values") {
    arity(name, a, 0, 0);
    BaseList out;
    for (const auto& [k, v] : o) out.push_back(name == "keys" ? BaseValue::string(k) : v);
    return BaseValue::list(std::move(out));
  }
  fail(name + "() is not a method of an object");
}

BaseValue duration_of(const std::string& name, const BaseValue& v) {
  if (v.is_duration()) return v;
  if (v.is_number()) {
    Duration d;
    d.at(query::DurationUnit::milliseconds) = v.as_number();
    return BaseValue::duration(d);
  }
  if (!v.is_string()) fail(name + "() takes a string such as \"1d\" or \"2 hours\"");
  const auto d = parse_duration(v.as_string());
  if (!d) fail("'" + v.as_string() + "' is no duration (write \"1d\", \"2 hours\", \"1M\"...)");
  return BaseValue::duration(*d);
}

}  // namespace

BaseValue call_function(Evaluator& ev, const std::string& name, const std::vector<BaseValue>& a) {
  if (name == "date") {
    arity(name, a, 1, 1);
    if (a[0].is_date()) return a[0];
    if (a[0].is_null()) return {};
    const std::string& text = text_arg(name, a, 0);
    const auto d = parse_date(text);
    if (!d) fail("date() cannot read '" + text + "': write YYYY-MM-DD or YYYY-MM-DD HH:mm:ss");
    return BaseValue::date(*d);
  }
  if (name == "duration") {
    arity(name, a, 1, 1);
    return duration_of(name, a[0]);
  }
  if (name == "now" || name == "today") {
    arity(name, a, 0, 0);
    return BaseValue::date(name == "now" ? ev.environment().now : ev.environment().now.start_of_day());
  }
  if (name == "number") {
    arity(name, a, 1, 1);
    const BaseValue& v = a[0];
    if (v.is_number()) return v;
    if (v.is_bool()) return BaseValue::number(v.as_bool() ? 1 : 0);
    if (v.is_date()) return BaseValue::number(static_cast<double>(v.as_date().instant()));
    if (v.is_duration()) return BaseValue::number(v.as_duration().to_millis());
    if (v.is_null()) return {};
    if (v.is_string()) {
      if (const auto n = parse_number(v.as_string())) return BaseValue::number(*n);
      fail("number() cannot read '" + v.as_string() + "' as a number");
    }
    fail("number() cannot read a " + std::string(type_name(v.type())) + " as a number");
  }
  if (name == "list") {
    arity(name, a, 1, 1);
    if (a[0].is_list()) return a[0];
    if (a[0].is_null()) return BaseValue::list({});
    return BaseValue::list({a[0]});
  }
  if (name == "max" || name == "min") {
    if (a.empty()) fail(name + "() takes one or more numbers");
    std::optional<double> best;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null()) continue;
      const double n = number_arg(name, a, i);
      if (std::isnan(n)) return BaseValue::number(NAN);
      if (!best || (name == "max" ? n > *best : n < *best)) best = n;
    }
    return best ? BaseValue::number(*best) : BaseValue();
  }
  if (name == "link") {
    arity(name, a, 1, 2);
    LinkValue link;
    if (a[0].is_file()) {
      link.target = a[0].as_file().path;
    } else if (a[0].is_link()) {
      link = a[0].as_link();
    } else {
      const std::string text = a[0].is_string() ? a[0].as_string() : to_text(a[0]);
      if (const auto parts = parse_single_wikilink(text)) {
        link.target = parts->target + (parts->subpath.empty() ? "" : "#" + parts->subpath);
        if (parts->has_display) link.display = parts->display;
      } else {
        link.target = text;
      }
    }
    if (a.size() > 1 && !a[1].is_null()) link.display = to_text(a[1]);
    return BaseValue::link(std::move(link));
  }
  if (name == "file") {
    arity(name, a, 1, 1);
    if (a[0].is_file()) return a[0];
    std::optional<FileRef> f;
    if (a[0].is_link()) {
      if (const auto path = ev.resolve_link(a[0].as_link())) f = ev.find_file(*path);
    } else {
      f = ev.find_file(text_arg(name, a, 0));
    }
    return f ? BaseValue::file(*f) : BaseValue();
  }
  if (name == "escapeHTML") {
    arity(name, a, 1, 1);
    std::string out;
    for (const char c : to_text(a[0])) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
    return BaseValue::string(out);
  }
  if (name == "html" || name == "icon") {
    arity(name, a, 1, 1);
    return BaseValue::string(text_arg(name, a, 0));  // rendered as text outside the app
  }
  if (name == "image") {
    arity(name, a, 1, 1);
    if (a[0].is_file()) return BaseValue::link(LinkValue{a[0].as_file().path, std::nullopt});
    if (a[0].is_link()) return a[0];
    return BaseValue::link(LinkValue{text_arg(name, a, 0), std::nullopt});
  }
  if (name == "random") {
    arity(name, a, 0, 0);
    thread_local std::mt19937_64 generator{std::random_device{}()};
    return BaseValue::number(std::uniform_real_distribution<double>(0.0, 1.0)(generator));
  }
  if (name == "if") fail("if() takes a condition, a result and an optional other result");
  std::string message = "unknown function '" + name + "'";
  if (name == "taggedWith") {
    message += ": it was renamed, write file.hasTag(\"tag\")";
  } else if (name == "linksTo") {
    message += ": it was renamed, write file.hasLink(\"note\")";
  } else if (name == "inFolder") {
    message += ": write file.inFolder(\"folder\")";
  } else if (const auto close = closest_match(name, function_names())) {
    message += "; did you mean '" + *close + "'?";
  }
  fail(message);
}

BaseValue call_method(Evaluator& ev, const BaseValue& v, const std::string& name, const std::vector<BaseValue>& a) {
  bool found = false;
  BaseValue any = any_method(ev, v, name, a, found);
  if (found) return any;
  if (std::find(method_names().begin(), method_names().end(), name) == method_names().end()) {
    std::string message = "unknown method '" + name + "()'";
    if (const auto close = closest_match(name, method_names())) message += "; did you mean '" + *close + "()'?";
    fail(message);
  }
  switch (v.type()) {
    case BaseValue::Type::null:
      // A missing property: isEmpty() is true, every other method gives null (no error per row).
      if (name == "isEmpty") return BaseValue::boolean(true);
      return {};
    case BaseValue::Type::string: return string_method(ev, v.as_string(), name, a);
    case BaseValue::Type::number: return number_method(v.as_number(), name, a);
    case BaseValue::Type::date: return date_method(ev, v.as_date(), name, a);
    case BaseValue::Type::list: return list_method(ev, v.as_list(), name, a);
    case BaseValue::Type::file: return file_method(ev, v.as_file(), name, a);
    case BaseValue::Type::link: {
      if (name == "asFile" || name == "linksTo" || name == "isEmpty") return link_method(ev, v.as_link(), name, a);
      // Other methods of a link are those of the file it opens (link.hasTag("x")).
      const auto path = ev.resolve_link(v.as_link());
      const auto file = path ? ev.find_file(*path) : std::nullopt;
      if (file) return file_method(ev, *file, name, a);
      fail(name + "() is not a method of a link");
    }
    case BaseValue::Type::object: return object_method(v.as_object(), name, a);
    case BaseValue::Type::regex:
      if (name == "matches") {
        arity(name, a, 1, 1);
        const auto r = v.as_regex().regex->search(text_arg(name, a, 0));
        if (r == Regex::Match::too_complex) fail("the regular expression is too complex (match limit reached)");
        return BaseValue::boolean(r == Regex::Match::yes);
      }
      fail(name + "() is not a method of a regexp");
    case BaseValue::Type::boolean:
      if (name == "isEmpty") return BaseValue::boolean(false);
      fail(name + "() is not a method of a boolean");
    case BaseValue::Type::duration:
      if (name == "isEmpty") return BaseValue::boolean(false);
      fail(name + "() is not a method of a duration");
  }
  fail(name + "() is not a method of a " + std::string(type_name(v.type())));
}

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> names{"date", "duration", "escapeHTML", "file",   "html",   "icon",
                                              "if",   "image",    "link",       "list",   "max",    "min",
                                              "now",  "number",   "random",     "today"};
  return names;
}

const std::vector<std::string>& method_names() {
  static const std::vector<std::string> names{
      "isTruthy", "isType",  "toString", "date",     "format",     "time",     "relative",    "isEmpty",
      "contains", "containsAll", "containsAny", "endsWith", "lower", "upper", "replace", "repeat", "reverse", "slice",
      "split",    "startsWith", "title", "trim",     "abs",        "ceil",     "floor",       "round",
      "toFixed",  "filter",  "flat",     "join",     "map",        "reduce",   "sort",        "unique",
      "mean",     "average", "sum",      "min",      "max",        "median",   "asFile",      "linksTo",
      "asLink",   "hasLink", "hasProperty", "hasTag", "inFolder",  "keys",     "values",      "matches"};
  return names;
}

const std::vector<std::string>& methods_of(BaseValue::Type t) {
  static const std::vector<std::string> any{"isTruthy", "isType", "toString", "isEmpty"};
  const auto with_any = [](std::vector<std::string> names) {
    names.insert(names.end(), any.begin(), any.end());
    return names;
  };
  static const std::vector<std::string> string_methods = with_any(
      {"contains", "containsAll", "containsAny", "endsWith", "lower", "upper", "replace", "repeat", "reverse", "slice",
       "split", "startsWith", "title", "trim"});
  static const std::vector<std::string> number_methods = with_any({"abs", "ceil", "floor", "round", "toFixed"});
  static const std::vector<std::string> date_methods = with_any({"date", "format", "time", "relative"});
  static const std::vector<std::string> list_methods = with_any(
      {"contains", "containsAll", "containsAny", "filter", "flat", "join", "map", "reduce", "reverse", "slice", "sort",
       "unique", "mean", "average", "sum", "min", "max", "median"});
  static const std::vector<std::string> object_methods = with_any({"keys", "values"});
  static const std::vector<std::string> regex_methods = with_any({"matches"});
  switch (t) {
    case BaseValue::Type::string: return string_methods;
    case BaseValue::Type::number: return number_methods;
    case BaseValue::Type::date: return date_methods;
    case BaseValue::Type::list: return list_methods;
    case BaseValue::Type::object: return object_methods;
    case BaseValue::Type::regex: return regex_methods;
    default: return any;
  }
}

}  // namespace mdvault::core::bases
