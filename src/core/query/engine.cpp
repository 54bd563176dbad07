#include "core/query/engine.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "core/query/evaluator.hpp"
#include "core/query/functions.hpp"
#include "core/query/page_data.hpp"
#include "core/query/task_data.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

constexpr std::size_t k_kept_errors = 3;

struct Row {
  DqlValue id;
  DqlValue data;  ///< an object
};

Scope scope_of(const Row& row) { return Scope{row.data.object_ptr(), {}}; }

/// Function names a query calls that are not built in, with a hint.
std::optional<std::string> check_functions(const Expr* e) {
  if (e == nullptr) return std::nullopt;
  if (e->kind == Expr::Kind::function && e->left->kind == Expr::Kind::variable && !is_function(e->left->name)) {
    std::string message = "unknown function '" + e->left->name + "'";
    if (auto hint = closest_match(e->left->name, function_names())) message += " (did you mean '" + *hint + "'?)";
    return message;
  }
  for (const Expr* child : {e->left.get(), e->right.get()}) {
    if (e->kind == Expr::Kind::function && child == e->left.get()) continue;
    if (auto m = check_functions(child)) return m;
  }
  for (const auto& item : e->items) {
    if (auto m = check_functions(item.get())) return m;
  }
  for (const auto& entry : e->entries) {
    if (auto m = check_functions(entry.second.get())) return m;
  }
  return std::nullopt;
}

template <typename Visit>
void for_each_expr(const Query& q, Visit visit) {
  for (const auto& f : q.fields) visit(f.field.get());
  visit(q.list_format.get());
  for (const auto& op : q.operations) {
    visit(op.expr.get());
    visit(op.named.field.get());
    for (const auto& s : op.sort) visit(s.field.get());
  }
}

std::vector<bool> select(const Source& source, const Vault& vault, PageIndex& pages, std::string& error) {
  const std::size_t n = vault.notes.size();
  std::vector<bool> out(n, false);
  switch (source.kind) {
    case Source::Kind::empty: return out;
    case Source::Kind::folder: {
      std::string folder = source.text;
      while (!folder.empty() && folder.back() == '/') folder.pop_back();
      for (std::size_t i = 0; i < n; ++i) {
        const std::string& path = vault.notes[i].path;
        out[i] = folder.empty() || path.rfind(folder + "/", 0) == 0 || path == folder || path == folder + ".md";
      }
      return out;
    }
    case Source::Kind::tag:
      for (std::size_t i = 0; i < n; ++i) out[i] = has_tag(vault.notes[i], source.text);
      return out;
    case Source::Kind::link: {
      const Note* target = pages.find(source.text);
      if (source.incoming) {
        const std::string path = target ? target->path : source.text;
        const auto& sources = pages.inlinks(path);
        std::set<const Note*> wanted(sources.begin(), sources.end());
        for (std::size_t i = 0; i < n; ++i) out[i] = wanted.count(&vault.notes[i]) > 0;
        if (target == nullptr) {  // unresolved: notes whose link text is the same
          for (std::size_t i = 0; i < n; ++i) {
            for (const auto& link : vault.notes[i].links) {
              if (fold_key(link.target) == fold_key(source.text)) out[i] = true;
            }
          }
        }
      } else if (target != nullptr) {
        const auto& targets = pages.outlink_paths(*target);
        std::set<std::string> wanted(targets.begin(), targets.end());
        for (std::size_t i = 0; i < n; ++i) out[i] = wanted.count(vault.notes[i].path) > 0;
      }
      return out;
    }
    case Source::Kind::csv: error = "csv() sources are not supported by mdvault"; return out;
    case Source::Kind::negate: {
      out = select(*source.left, vault, pages, error);
      out.flip();
      return out;
    }
    case Source::Kind::binaryop: {
      const auto left = select(*source.left, vault, pages, error);
      const auto right = select(*source.right, vault, pages, error);
      for (std::size_t i = 0; i < n; ++i) out[i] = source.op == "&" ? (left[i] && right[i]) : (left[i] || right[i]);
      return out;
    }
  }
  return out;
}

/// Dataview's "every row failed" rule: the step fails when all incoming rows failed.
std::optional<QueryFailure> all_failed(std::string_view step, const std::vector<std::string>& errors,
                                       std::size_t incoming) {
  if (incoming == 0 || errors.size() < incoming) return std::nullopt;
  std::string message = "every row during operation '" + std::string(step) + "' failed with an error; first " +
                        std::to_string(std::min(k_kept_errors, errors.size())) + ":";
  for (std::size_t i = 0; i < std::min(k_kept_errors, errors.size()); ++i) message += "\n- " + errors[i];
  return QueryFailure{message, false};
}

DqlValue set_key(const DqlValue& object, const std::string& key, const DqlValue& value) {
  DqlObject entries = object.as_object();
  for (auto& [k, v] : entries) {
    if (k == key) {
      v = value;
      return DqlValue::object(std::move(entries));
    }
  }
  entries.emplace_back(key, value);
  return DqlValue::object(std::move(entries));
}

/// TASK rows: each task of a note as Dataview's task object, with the page's fields it does
/// not have itself (Dataview's executeTask), in line order.
void append_task_rows(const Note& note, const DqlValue& id, const DqlValue& page, std::vector<Row>& rows) {
  for (const auto& task : note.tasks) {
    DqlObject data = task_object(note, task).as_object();
    for (const auto& [key, value] : page.as_object()) {
      if (std::none_of(data.begin(), data.end(), [&k = key](const auto& entry) { return entry.first == k; })) {
        data.emplace_back(key, value);
      }
    }
    rows.push_back(Row{id, DqlValue::object(std::move(data))});
  }
}

/// The task lines of a TASK row: its own, or those of every task in a group (`group_levels` deep).
void task_lines(const DqlValue& data, std::size_t group_levels, DqlList& out) {
  if (group_levels > 0) {
    if (const DqlValue* members = data.find("rows"); members && members->is_list()) {
      for (const auto& member : members->as_list()) task_lines(member, group_levels - 1, out);
    }
    return;
  }
  const DqlValue* status = data.find("status");
  const DqlValue* text = data.find("text");
  Task task;
  task.status = status && status->is_string() ? status->as_string() : " ";
  task.text = text && text->is_string() ? text->as_string() : to_dataview_string(text ? *text : DqlValue{});
  out.push_back(DqlValue::string(task_markdown(task)));
}

}  // namespace

std::variant<QueryResult, QueryFailure> run_query(const Query& query, const Vault& vault, const LinkResolver& resolver) {
  return run_query(query, vault, resolver, page_shape(query));
}

std::variant<QueryResult, QueryFailure> run_query(const Query& query, const Vault& vault, const LinkResolver& resolver,
                                                  const PageShape& shape) {
  std::optional<std::string> bad_function;
  for_each_expr(query, [&](const Expr* e) {
    if (!bad_function) bad_function = check_functions(e);
  });
  if (bad_function) return QueryFailure{*bad_function, true};

  PageIndex pages(vault, resolver, shape);
  std::string source_error;
  const auto selected = select(*query.source, vault, pages, source_error);
  if (!source_error.empty()) return QueryFailure{source_error, true};

  LinkHandler links;
  links.normalize = [&pages](const std::string& path) { return pages.normalize(path); };
  links.resolve = [&pages](const std::string& path) {
    const Note* note = pages.find(path);
    return note ? pages.page(*note) : DqlValue{};
  };
  Evaluator evaluator(links, DqlObject{{"this", DqlValue::object(DqlObject{})}});

  std::vector<Row> rows;
  rows.reserve(static_cast<std::size_t>(std::count(selected.begin(), selected.end(), true)));
  for (std::size_t i = 0; i < vault.notes.size(); ++i) {
    if (!selected[i]) continue;
    Link id;
    id.path = vault.notes[i].path;
    if (query.type == Query::Type::task) {
      append_task_rows(vault.notes[i], DqlValue::link(id), pages.page(vault.notes[i]), rows);
    } else {
      rows.push_back(Row{DqlValue::link(id), pages.page(vault.notes[i])});
    }
  }

  QueryResult result;
  result.type = query.type;
  result.show_id = query.show_id;
  std::vector<std::string> group_names;  // Dataview's IdentifierMeaning stack
  std::vector<std::string> errors;
  for (const auto& op : query.operations) {
    const std::size_t incoming = rows.size();
    std::vector<std::string> step_errors;
    auto note_error = [&](const std::string& message) {
      step_errors.push_back(message);
      if (errors.size() < k_kept_errors) errors.push_back(message);
    };
    std::string step;
    switch (op.kind) {
      case Operation::Kind::from:
        return QueryFailure{"FROM must come right after LIST or TABLE (Dataview: unrecognized query operation)", true};
      case Operation::Kind::where: {
        step = "where";
        std::vector<Row> kept;
        for (auto& row : rows) {
          auto value = evaluator.try_evaluate(*op.expr, scope_of(row));
          if (auto* message = std::get_if<std::string>(&value)) {
            note_error(*message);
          } else if (is_truthy(std::get<DqlValue>(value))) {
            kept.push_back(std::move(row));
          }
        }
        rows = std::move(kept);
        break;
      }
      case Operation::Kind::sort: {
        step = "sort";
        std::vector<std::pair<std::vector<DqlValue>, Row>> tagged;
        for (auto& row : rows) {
          std::vector<DqlValue> keys;
          bool ok = true;
          for (const auto& key : op.sort) {
            auto value = evaluator.try_evaluate(*key.field, scope_of(row));
            if (auto* message = std::get_if<std::string>(&value)) {
              note_error(*message);
              ok = false;
              break;
            }
            keys.push_back(std::get<DqlValue>(std::move(value)));
          }
          if (ok) tagged.emplace_back(std::move(keys), std::move(row));
        }
        std::stable_sort(tagged.begin(), tagged.end(), [&](const auto& a, const auto& b) {
          for (std::size_t i = 0; i < op.sort.size(); ++i) {
            const int c = evaluator.compare(a.first[i], b.first[i]);
            if (c != 0) return op.sort[i].ascending ? c < 0 : c > 0;
          }
          return false;
        });
        rows.clear();
        for (auto& [keys, row] : tagged) rows.push_back(std::move(row));
        break;
      }
      case Operation::Kind::limit: {
        auto value = evaluator.try_evaluate(*op.expr, Scope{});
        if (auto* message = std::get_if<std::string>(&value)) {
          return QueryFailure{"Failed to execute 'limit' statement: " + *message, false};
        }
        const DqlValue& amount = std::get<DqlValue>(value);
        if (!amount.is_number()) {
          return QueryFailure{"Failed to execute 'limit' statement: limit should be a number, but got '" +
                                  std::string(type_name(amount.type())) + "' (" + to_dataview_string(amount) + ")",
                              false};
        }
        double n = std::trunc(amount.as_number());
        if (std::isnan(n)) n = 0;
        const auto size = static_cast<double>(rows.size());
        if (n < 0) n = std::max(0.0, size + n);
        if (n < size) rows.resize(static_cast<std::size_t>(n));
        continue;
      }
      case Operation::Kind::group: {
        step = "group";
        std::vector<std::pair<DqlValue, Row>> keyed;
        for (auto& row : rows) {
          auto value = evaluator.try_evaluate(*op.named.field, scope_of(row));
          if (auto* message = std::get_if<std::string>(&value)) {
            note_error(*message);
            continue;
          }
          keyed.emplace_back(std::get<DqlValue>(std::move(value)), std::move(row));
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [&](const auto& a, const auto& b) { return evaluator.compare(a.first, b.first) < 0; });
        std::vector<Row> groups;
        std::vector<DqlList> members;
        for (std::size_t i = 0; i < keyed.size(); ++i) {
          if (i == 0 || evaluator.compare(keyed[i].first, keyed[i - 1].first) != 0) {
            groups.push_back(Row{keyed[i].first, DqlValue{}});
            members.emplace_back();
          }
          members.back().push_back(keyed[i].second.data);
        }
        for (std::size_t g = 0; g < groups.size(); ++g) {
          DqlObject data;
          data.emplace_back("key", groups[g].id);
          data.emplace_back("rows", DqlValue::list(std::move(members[g])));
          if (op.named.name == "key" || op.named.name == "rows") {
            data = DqlObject{{"key", groups[g].id}, {"rows", data[1].second}};
            for (auto& [k, v] : data) {
              if (k == op.named.name) v = groups[g].id;
            }
          } else {
            data.emplace_back(op.named.name, groups[g].id);
          }
          groups[g].data = DqlValue::object(std::move(data));
        }
        rows = std::move(groups);
        group_names.push_back(op.named.name);
        break;
      }
      case Operation::Kind::flatten: {
        step = "flatten";
        std::vector<Row> flattened;
        for (auto& row : rows) {
          auto value = evaluator.try_evaluate(*op.named.field, scope_of(row));
          if (auto* message = std::get_if<std::string>(&value)) {
            note_error(*message);
            continue;
          }
          const DqlValue& v = std::get<DqlValue>(value);
          const DqlList points = v.is_list() ? v.as_list() : DqlList{v};
          for (const auto& point : points) flattened.push_back(Row{row.id, set_key(row.data, op.named.name, point)});
        }
        rows = std::move(flattened);
        if (!group_names.empty() && group_names.back() == op.named.name) group_names.pop_back();
        break;
      }
    }
    if (auto failure = all_failed(step, step_errors, incoming)) return *failure;
  }

  result.grouped = !group_names.empty();
  if (result.grouped) result.id_header = group_names.back();
  if (query.type == Query::Type::task) {
    // The tasks as their lines ("- [x] text"), each with its note; a group lists its tasks' lines.
    result.headers.push_back("Task");
    for (auto& row : rows) {
      DqlList lines;
      task_lines(row.data, group_names.size(), lines);
      DqlValue value = result.grouped ? DqlValue::list(std::move(lines)) : (lines.empty() ? DqlValue{} : lines[0]);
      result.rows.push_back(ResultRow{row.id, {std::move(value)}, row.data});
    }
    result.row_errors = std::move(errors);
    return result;
  }
  std::vector<std::pair<std::string, const Expr*>> columns;
  if (query.type == Query::Type::table || query.type == Query::Type::calendar) {
    for (const auto& f : query.fields) columns.emplace_back(f.name, f.field.get());
  } else if (query.list_format) {
    columns.emplace_back("value", query.list_format.get());
  }
  for (const auto& c : columns) result.headers.push_back(c.first);
  std::vector<std::string> extract_errors;
  for (auto& row : rows) {
    ResultRow out{row.id, {}, row.data};
    bool ok = true;
    for (const auto& [name, expr] : columns) {
      auto value = evaluator.try_evaluate(*expr, scope_of(row));
      if (auto* message = std::get_if<std::string>(&value)) {
        extract_errors.push_back(*message);
        if (errors.size() < k_kept_errors) errors.push_back(*message);
        ok = false;
        break;
      }
      out.values.push_back(std::get<DqlValue>(std::move(value)));
    }
    // CALENDAR shows the rows whose field is a date (Dataview's executeCalendar).
    if (ok && query.type == Query::Type::calendar && (out.values.empty() || !out.values[0].is_date())) continue;
    if (ok) result.rows.push_back(std::move(out));
  }
  if (auto failure = all_failed("extract", extract_errors, rows.size())) return *failure;
  result.row_errors = std::move(errors);
  return result;
}

std::vector<std::string> unknown_field_warnings(const Query& query, const Vault& vault,
                                                const std::vector<std::string>* field_keys) {
  std::set<std::string> known = {"file", "row", "this", "key", "rows"};
  std::vector<std::string> candidates;
  std::unordered_set<std::string> seen;  // keys already handled (most notes share their keys)
  auto add_key = [&](const std::string& key) {
    if (!seen.insert(key).second) return;
    if (known.insert(key).second) candidates.push_back(key);
    known.insert(canonical_field_name(key));
  };
  if (field_keys != nullptr) {
    for (const auto& key : *field_keys) add_key(key);
  } else {
    for (const auto& note : vault.notes) {
      if (note.frontmatter && note.frontmatter->is_map()) {
        for (const auto& entry : note.frontmatter->as_map()) add_key(entry.key);
      }
      for (const auto& field : note.fields) add_key(field.key);
    }
  }
  for (const auto& op : query.operations) {
    if (op.kind == Operation::Kind::group || op.kind == Operation::Kind::flatten) known.insert(op.named.name);
  }
  if (query.type == Query::Type::task) {  // a TASK row is a task object first
    for (const char* member : {"text", "tags", "line", "path", "link", "section", "task", "annotated", "status",
                               "checked", "completed", "fullyCompleted", "created", "due", "completion", "start",
                               "scheduled"}) {
      known.insert(member);
    }
  }
  // TABLE columns named with AS: a data command that reads the name means the column, which
  // Dataview has not computed yet (its issue #1717).
  std::set<std::string> aliases;
  if (query.type == Query::Type::table) {
    for (const auto& f : query.fields) {
      if (!(f.field->kind == Expr::Kind::variable && f.field->name == f.name)) aliases.insert(f.name);
    }
  }
  const char* step = nullptr;  // the data command being looked at, or nullptr for the columns
  std::set<std::string> reported;
  std::vector<std::string> warnings;
  std::function<void(const Expr*, const std::set<std::string>&)> visit = [&](const Expr* e,
                                                                           const std::set<std::string>& bound) {
    if (e == nullptr) return;
    if (e->kind == Expr::Kind::variable) {
      if (!known.count(e->name) && !bound.count(e->name) && reported.insert(e->name).second) {
        std::string message = "no note has a field '" + e->name + "'";
        if (step != nullptr && aliases.count(e->name)) {
          message += "; " + std::string(step) + " runs before the columns: repeat the expression of column '" +
                     e->name + "', not its name";
        } else if (auto hint = closest_match(e->name, candidates)) {
          message += "; did you mean '" + *hint + "'?";
        }
        warnings.push_back(message);
      }
      return;
    }
    std::set<std::string> inner = bound;
    if (e->kind == Expr::Kind::lambda) inner.insert(e->params.begin(), e->params.end());
    if (e->kind != Expr::Kind::function || e->left->kind != Expr::Kind::variable) visit(e->left.get(), inner);
    visit(e->right.get(), inner);  // `a.b` is a literal there, `a[b]` the variable b
    for (const auto& item : e->items) visit(item.get(), inner);
    for (const auto& entry : e->entries) visit(entry.second.get(), inner);
  };
  for (const auto& f : query.fields) visit(f.field.get(), {});
  visit(query.list_format.get(), {});
  for (const auto& op : query.operations) {
    step = op.kind == Operation::Kind::sort    ? "SORT"
           : op.kind == Operation::Kind::where ? "WHERE"
           : op.kind == Operation::Kind::group ? "GROUP BY"
           : op.kind == Operation::Kind::flatten ? "FLATTEN"
                                                 : "LIMIT";
    visit(op.expr.get(), {});
    visit(op.named.field.get(), {});
    for (const auto& key : op.sort) visit(key.field.get(), {});
  }
  return warnings;
}

}  // namespace mdvault::core::query
