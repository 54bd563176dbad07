#include "core/bases/view_runner.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace mdvault::core::bases {

namespace {

constexpr std::size_t k_max_reported_errors = 10;

/// Errors of one run: counted, the first few kept with the file they happened on.
struct ErrorLog {
  ViewResult& result;
  void add(const FileRef& file, const std::string& where, const std::string& message) {
    ++result.error_count;
    if (result.errors.size() < k_max_reported_errors) result.errors.push_back(file.path + ": " + where + ": " + message);
  }
};

/// True when the row passes the filter; a failing statement excludes the row.
bool passes(const FilterNode& node, Evaluator& ev, ErrorLog& log) {
  switch (node.kind) {
    case FilterNode::Kind::statement: {
      if (!node.statement.expr) return false;
      auto v = ev.try_evaluate(*node.statement.expr);
      if (auto* error = std::get_if<std::string>(&v)) {
        log.add(ev.row(), "filter '" + node.statement.text + "'", *error);
        return false;
      }
      return is_truthy(std::get<BaseValue>(v));
    }
    case FilterNode::Kind::all:
      for (const auto& c : node.children) {
        if (!passes(c, ev, log)) return false;
      }
      return true;
    case FilterNode::Kind::any:
      for (const auto& c : node.children) {
        if (passes(c, ev, log)) return true;
      }
      return false;
    case FilterNode::Kind::none:
      for (const auto& c : node.children) {
        if (passes(c, ev, log)) return false;
      }
      return true;
  }
  return false;
}

/// Sort order of one key: empty values (and NaN) last, values of different types by type, in both
/// directions.
int compare_key(const BaseValue& a, const BaseValue& b, bool descending) {
  const auto empty = [](const BaseValue& v) { return is_empty_value(v) || (v.is_number() && std::isnan(v.as_number())); };
  const bool ea = empty(a);
  const bool eb = empty(b);
  if (ea || eb) return ea == eb ? 0 : (ea ? 1 : -1);
  if (a.type() != b.type()) return compare_values(a, b);  // types keep their order both ways
  const int c = compare_values(a, b);
  return descending ? -c : c;
}

double stddev(const std::vector<double>& n) {
  double mean = 0;
  for (const double x : n) mean += x;
  mean /= static_cast<double>(n.size());
  double sq = 0;
  for (const double x : n) sq += (x - mean) * (x - mean);
  return std::sqrt(sq / static_cast<double>(n.size()));
}

BaseValue evaluate_property(Evaluator& ev, const std::string& id, ErrorLog& log) {
  try {
    return ev.property(id);
  } catch (const EvalError& error) {
    log.add(ev.row(), id, error.what());
    return {};
  }
}

}  // namespace

std::optional<std::size_t> find_view(const BaseFile& base, std::string_view name) {
  for (std::size_t i = 0; i < base.views.size(); ++i) {
    if (base.views[i].name == name) return i;
  }
  return std::nullopt;
}

std::vector<FileRef> vault_files(const Vault& vault) {
  std::vector<FileRef> files;
  files.reserve(vault.notes.size() + vault.attachments.size());
  for (const auto& note : vault.notes) files.push_back({&note, note.path});
  for (const auto& path : vault.attachments) files.push_back({nullptr, path});
  std::sort(files.begin(), files.end(), [](const FileRef& a, const FileRef& b) { return a.path < b.path; });
  return files;
}

BaseValue summarize(const BaseFile& base, std::string_view summary, const BaseList& values, Evaluator& ev) {
  std::vector<double> numbers;
  std::vector<DateTime> dates;
  for (const auto& v : values) {
    if (v.is_number() && !std::isnan(v.as_number())) numbers.push_back(v.as_number());
    if (v.is_date()) dates.push_back(v.as_date());
  }
  const auto by_instant = [](const DateTime& a, const DateTime& b) { return a.instant() < b.instant(); };
  const auto count = [&](auto predicate) {
    return BaseValue::number(static_cast<double>(std::count_if(values.begin(), values.end(), predicate)));
  };
  if (summary == "Average" || summary == "Sum") {
    if (numbers.empty()) return summary == "Sum" ? BaseValue::number(0) : BaseValue();
    double total = 0;
    for (const double x : numbers) total += x;
    return BaseValue::number(summary == "Sum" ? total : total / static_cast<double>(numbers.size()));
  }
  if (summary == "Min" || summary == "Max") {
    if (numbers.empty()) return {};
    return BaseValue::number(summary == "Min" ? *std::min_element(numbers.begin(), numbers.end())
                                              : *std::max_element(numbers.begin(), numbers.end()));
  }
  if (summary == "Median") {
    if (numbers.empty()) return {};
    std::sort(numbers.begin(), numbers.end());
    const std::size_t mid = numbers.size() / 2;
    return BaseValue::number(numbers.size() % 2 == 1 ? numbers[mid] : (numbers[mid - 1] + numbers[mid]) / 2);
  }
  if (summary == "Stddev") return numbers.empty() ? BaseValue() : BaseValue::number(stddev(numbers));
  if (summary == "Range") {
    // Numbers when the column has numbers, else dates (Latest - Earliest as a duration).
    if (!numbers.empty()) {
      return BaseValue::number(*std::max_element(numbers.begin(), numbers.end()) -
                               *std::min_element(numbers.begin(), numbers.end()));
    }
    if (dates.empty()) return {};
    const auto [lo, hi] = std::minmax_element(dates.begin(), dates.end(), by_instant);
    Duration d;
    d.at(query::DurationUnit::milliseconds) = static_cast<double>(hi->instant() - lo->instant());
    return BaseValue::duration(query::normalize(d));
  }
  if (summary == "Earliest" || summary == "Latest") {
    if (dates.empty()) return {};
    return BaseValue::date(summary == "Earliest" ? *std::min_element(dates.begin(), dates.end(), by_instant)
                                                 : *std::max_element(dates.begin(), dates.end(), by_instant));
  }
  if (summary == "Checked") return count([](const BaseValue& v) { return v.is_bool() && v.as_bool(); });
  if (summary == "Unchecked") return count([](const BaseValue& v) { return v.is_bool() && !v.as_bool(); });
  if (summary == "Empty") return count([](const BaseValue& v) { return is_empty_value(v); });
  if (summary == "Filled") return count([](const BaseValue& v) { return !is_empty_value(v); });
  if (summary == "Unique") {
    std::unordered_set<std::string> seen;
    for (const auto& v : values) {
      if (!is_empty_value(v)) seen.insert(ev.identity(v));
    }
    return BaseValue::number(static_cast<double>(seen.size()));
  }
  const Formula* custom = base.summary(summary);
  if (custom == nullptr) throw EvalError("no summary is named '" + std::string(summary) + "'");
  if (!custom->source.expr) throw EvalError("the summary '" + std::string(summary) + "' has a syntax error");
  ev.set_row(FileRef{});
  ev.push_local("values", BaseValue::list(values));
  struct Pop {
    Evaluator& ev;
    ~Pop() { ev.pop_local(); }
  } pop{ev};
  return ev.evaluate(*custom->source.expr);
}

ViewResult run_view(const BaseFile& base, std::optional<std::size_t> view_index, const EvalEnvironment& env) {
  ViewResult result;
  View default_view;  // a base without views: a table of file.name
  default_view.type = "table";
  const View& view = view_index && *view_index < base.views.size() ? base.views[*view_index] : default_view;
  result.name = view.name;
  result.type = view.type;
  const std::vector<std::string> order = view.order.empty() ? std::vector<std::string>{"file.name"} : view.order;
  for (const auto& id : order) result.columns.push_back({id, base.display_name(id)});
  ErrorLog log{result};
  Evaluator ev(env);

  struct Candidate {
    FileRef file;
    std::vector<BaseValue> keys;  ///< groupBy first, then each sort key
  };
  std::vector<Candidate> rows;
  std::vector<SortKey> keys;
  if (view.group_by) keys.push_back(*view.group_by);
  keys.insert(keys.end(), view.sort.begin(), view.sort.end());
  for (const auto& file : vault_files(*env.vault)) {
    ev.set_row(file);
    if (base.filters && !passes(*base.filters, ev, log)) continue;
    if (view.filters && !passes(*view.filters, ev, log)) continue;
    Candidate c{file, {}};
    for (const auto& k : keys) c.keys.push_back(evaluate_property(ev, k.property, log));
    rows.push_back(std::move(c));
  }
  result.matched = rows.size();
  std::stable_sort(rows.begin(), rows.end(), [&keys](const Candidate& a, const Candidate& b) {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const int c = compare_key(a.keys[i], b.keys[i], keys[i].descending);
      if (c != 0) return c < 0;
    }
    return false;
  });
  if (view.limit && rows.size() > *view.limit) rows.resize(*view.limit);

  // Columns, and the values of summarized properties that are no column.
  std::vector<std::string> summary_ids;
  for (const auto& s : view.summaries) {
    if (std::find(summary_ids.begin(), summary_ids.end(), s.property) == summary_ids.end()) summary_ids.push_back(s.property);
  }
  std::vector<BaseList> summary_values(summary_ids.size());
  for (const auto& c : rows) {
    ev.set_row(c.file);
    ViewRow row{c.file, {}};
    for (const auto& id : order) row.values.push_back(evaluate_property(ev, id, log));
    for (std::size_t s = 0; s < summary_ids.size(); ++s) {
      const auto col = std::find_if(order.begin(), order.end(), [&](const std::string& id) {
        return normalize_property(id) == normalize_property(summary_ids[s]);
      });
      summary_values[s].push_back(col != order.end() ? row.values[static_cast<std::size_t>(col - order.begin())]
                                                     : evaluate_property(ev, summary_ids[s], log));
    }
    result.rows.push_back(std::move(row));
  }

  const auto summaries_of = [&](std::size_t begin, std::size_t end) {
    std::vector<SummaryCell> cells;
    for (const auto& s : view.summaries) {
      const auto index = static_cast<std::size_t>(std::find(summary_ids.begin(), summary_ids.end(), s.property) -
                                                  summary_ids.begin());
      const auto& all = summary_values[index];
      const BaseList values(all.begin() + static_cast<std::ptrdiff_t>(begin), all.begin() + static_cast<std::ptrdiff_t>(end));
      SummaryCell cell{s.property, base.display_name(s.property), s.summary, {}, {}};
      try {
        cell.value = summarize(base, s.summary, values, ev);
      } catch (const EvalError& error) {
        cell.error = error.what();
      }
      cells.push_back(std::move(cell));
    }
    return cells;
  };

  if (view.group_by) {
    result.group_by = view.group_by->property;
    result.group_by_name = base.display_name(view.group_by->property);
    std::size_t begin = 0;
    for (std::size_t i = 1; i <= rows.size(); ++i) {
      if (i < rows.size()) {
        const BaseValue& a = rows[i].keys[0];
        const BaseValue& b = rows[begin].keys[0];
        const bool same = is_empty_value(a) || is_empty_value(b) ? is_empty_value(a) && is_empty_value(b) : ev.equals(a, b);
        if (same) continue;
      }
      Group g;
      g.key = is_empty_value(rows[begin].keys[0]) ? BaseValue() : rows[begin].keys[0];
      g.begin = begin;
      g.end = i;
      g.summaries = summaries_of(begin, i);
      result.groups.push_back(std::move(g));
      begin = i;
    }
  }
  result.summaries = summaries_of(0, result.rows.size());
  return result;
}

}  // namespace mdvault::core::bases
