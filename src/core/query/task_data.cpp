#include "core/query/task_data.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_set>
#include <variant>

#include "core/query/literal_grammar.hpp"
#include "core/query/parser.hpp"
#include "core/regex.hpp"

namespace mdvault::core::query {

namespace {

std::string_view trim_text(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::shared_ptr<const Regex> compile(std::string_view pattern) {
  RegexOptions options;
  options.match_invalid_utf = true;
  auto re = Regex::compile(pattern, options);
  return std::holds_alternative<Regex>(re) ? std::make_shared<const Regex>(std::move(std::get<Regex>(re))) : nullptr;
}

/// A field found in the text: its key, raw value and the bytes it spans.
struct Found {
  TaskField field;
  std::size_t start = 0;
  std::size_t end = 0;
};

/// The value of a bracketed field from `start` to the bracket that closes it (nesting and
/// backslash escapes respected), trimmed, and the position after that bracket.
std::optional<std::pair<std::string, std::size_t>> find_closing(std::string_view line, std::size_t start, char open,
                                                                char close) {
  int nesting = 0;
  bool escaped = false;
  for (std::size_t i = start; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\\') {
      escaped = !escaped;
      continue;
    }
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c == open) ++nesting;
    if (c == close) --nesting;
    if (nesting < 0) return std::make_pair(std::string(trim_text(line.substr(start, i - start))), i + 1);
  }
  return std::nullopt;
}

/// `[key:: value]` or `(key:: value)` starting at the bracket at `start`.
std::optional<Found> bracketed_field(std::string_view line, std::size_t start) {
  const char open = line[start];
  const char close = open == '[' ? ']' : ')';
  const std::size_t separator = line.find("::", start + 1);
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string_view key = trim_text(line.substr(start + 1, separator - start - 1));
  if (key.find_first_of("[]()") != std::string_view::npos) return std::nullopt;
  auto value = find_closing(line, separator + 2, open, close);
  if (!value) return std::nullopt;
  return Found{{std::string(key), std::move(value->first)}, start, value->second};
}

}  // namespace

std::vector<std::string> task_tags(std::string_view text) {
  static const auto k_candidate = compile(R"(#[^\s,;\.:!\?'"`()\[\]\{\}]+)");
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  if (!k_candidate) return out;
  std::size_t from = 0;
  while (from < text.size()) {
    auto result = k_candidate->find(text, from, from > 0);
    if (!std::holds_alternative<std::optional<RegexMatch>>(result)) break;
    const auto& m = std::get<std::optional<RegexMatch>>(result);
    if (!m) break;
    const std::string_view candidate = text.substr(m->start, m->end - m->start);
    LiteralGrammar grammar(candidate);
    std::size_t pos = 0;
    if (grammar.tag(pos) && pos == candidate.size() && seen.insert(std::string(candidate)).second) {
      out.emplace_back(candidate);
    }
    from = std::max(m->end, m->start + 1);
  }
  return out;
}

std::vector<TaskField> task_fields(std::string_view text) {
  std::vector<Found> found;
  for (const char open : {'[', '('}) {
    std::size_t at = text.find(open);
    while (at != std::string_view::npos) {
      auto field = bracketed_field(text, at);
      if (!field) {
        at = text.find(open, at + 1);
        continue;
      }
      const std::size_t next = field->end;
      found.push_back(std::move(*field));
      at = text.find(open, next);
    }
  }
  // The Tasks plugin's shorthands: the first date after each emoji.
  static const std::pair<const char*, std::shared_ptr<const Regex>> k_shorthands[] = {
      {"created", compile(R"(\u{2795}\s*(\d{4}-\d{2}-\d{2}))")},
      {"start", compile(R"(\u{1F6EB}\s*(\d{4}-\d{2}-\d{2}))")},
      {"scheduled", compile(R"([\u{23F3}\u{231B}]\s*(\d{4}-\d{2}-\d{2}))")},
      {"due", compile(R"((?:\u{1F4C5}|\u{1F4C6}|\u{1F5D3}\u{FE0F}?)\s*(\d{4}-\d{2}-\d{2}))")},
      {"completion", compile(R"(\u{2705}\s*(\d{4}-\d{2}-\d{2}))")},
  };
  for (const auto& [key, re] : k_shorthands) {
    if (!re) continue;
    auto result = re->find(text);
    if (!std::holds_alternative<std::optional<RegexMatch>>(result)) continue;
    const auto& m = std::get<std::optional<RegexMatch>>(result);
    if (!m || m->groups.empty() || !m->groups[0]) continue;
    const auto [vb, ve] = *m->groups[0];
    found.push_back(Found{{key, std::string(text.substr(vb, ve - vb))}, m->start, m->end});
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.start < b.start; });
  std::vector<TaskField> out;
  std::size_t last_end = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (i > 0 && !out.empty() && last_end >= found[i].start) continue;  // inside the one before
    last_end = found[i].end;
    out.push_back(std::move(found[i].field));
  }
  return out;
}

std::string task_markdown(const Task& task) { return "- [" + task.status + "] " + task.text; }

DqlValue task_object(const Note& note, const Task& task) {
  DqlObject t;
  t.reserve(24);
  Link file;
  file.path = note.path;
  Link section = file;
  for (const auto& heading : note.headings) {
    if (heading.line > task.line) break;
    section = Link::infer(note.path + "#" + heading.text, false, std::nullopt);
    section.path = note.path;
  }
  Link link = section;
  for (const auto& block : note.block_ids) {
    if (block.line == task.line) {
      link = file;
      link.type = Link::Type::block;
      link.subpath = block.id;
    }
  }
  DqlList tags;
  for (auto& tag : task_tags(task.text)) tags.push_back(DqlValue::string(std::move(tag)));
  // The task's own fields: a key seen again collects its values into a list.
  std::vector<std::pair<std::string, DqlList>> fields;
  for (const auto& field : task_fields(task.text)) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == field.key; });
    if (it == fields.end()) {
      fields.emplace_back(field.key, DqlList{});
      it = std::prev(fields.end());
    }
    it->second.push_back(parse_inline_value(field.value));
  }
  t.emplace_back("text", DqlValue::string(task.text));
  t.emplace_back("tags", DqlValue::list(std::move(tags)));
  t.emplace_back("line", DqlValue::number(task.line - 1));  // Obsidian's 0-based line in the file
  t.emplace_back("path", DqlValue::string(note.path));
  t.emplace_back("link", DqlValue::link(link));
  t.emplace_back("section", DqlValue::link(section));
  t.emplace_back("task", DqlValue::boolean(true));
  t.emplace_back("annotated", DqlValue::boolean(!fields.empty()));
  auto set = [&t](const std::string& key, DqlValue value, bool replace) {
    for (auto& [k, v] : t) {
      if (k != key) continue;
      if (replace) v = std::move(value);
      return;
    }
    t.emplace_back(key, std::move(value));
  };
  for (auto& [key, values] : fields) set(key, values.size() == 1 ? values[0] : DqlValue::list(values), false);
  set("status", DqlValue::string(task.status), true);
  set("checked", DqlValue::boolean(task.is_checked()), true);
  set("completed", DqlValue::boolean(task.is_completed()), true);
  set("fullyCompleted", DqlValue::boolean(task.is_completed()), true);
  // Task.created()/due()/completed()/start()/scheduled(): the first value of the first key found.
  auto first_of = [&fields](const std::vector<std::string_view>& keys) -> std::optional<DqlValue> {
    for (const auto key : keys) {
      for (const auto& [k, values] : fields) {
        if (k == key && !values.empty()) return values[0];
      }
    }
    return std::nullopt;
  };
  // JavaScript's truthiness (`if (due)`): a date is true whatever its time.
  auto js_truthy = [](const DqlValue& v) { return v.is_date() || v.is_duration() || is_truthy(v); };
  static const std::vector<std::pair<std::string, std::vector<std::string_view>>> k_dates = {
      {"created", {"created", "ctime", "cday"}},
      {"due", {"due", "duetime", "dueday"}},
      {"completion", {"completed", "completion", "comptime", "compday"}},
      {"start", {"start"}},
      {"scheduled", {"scheduled"}},
  };
  for (const auto& [member, keys] : k_dates) {
    if (auto value = first_of(keys); value && js_truthy(*value)) set(member, *value, true);
  }
  return DqlValue::object(std::move(t));
}

}  // namespace mdvault::core::query
