// The tools over the whole vault: search (words and phrases), query (Dataview DQL), lint
// (findings for a note or folder) and vault_info (counts, classes, schemas, tags).

#include <algorithm>
#include <map>
#include <set>

#include "core/lint.hpp"
#include "core/mcp/json_build.hpp"
#include "core/mcp/paging.hpp"
#include "core/mcp/tool_arguments.hpp"
#include "core/mcp/tools.hpp"
#include "core/query/engine.hpp"
#include "core/query/parser.hpp"
#include "core/query/result_value.hpp"
#include "core/query/source_check.hpp"
#include "core/search.hpp"
#include "core/search_snippet.hpp"

namespace mdvault::core::mcp {

namespace {

/// The folder `path` lies in is `folder` or under it ("" is the whole vault).
bool is_in_folder(std::string_view path, std::string_view folder) {
  return folder.empty() || (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

std::string_view type_name(query::Query::Type type) {
  switch (type) {
  case query::Query::Type::table: return "table";
  case query::Query::Type::list: return "list";
  case query::Query::Type::task: return "task";
  case query::Query::Type::calendar: return "calendar";
  }
  return "table";
}

std::string folder_of(const VaultIndex& index, ToolArguments& args, std::optional<std::string>& error) {
  const auto given = args.text("folder");
  if (!given) return {};
  auto found = index.find_folder(*given);
  if (found.index() == 1) {
    error = std::get<1>(found);
    return {};
  }
  return std::get<0>(found);
}

}  // namespace

ToolResult run_search(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"query", "folder", "limit", "cursor"});
  const auto words = args.text("query", true);
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 500, 50));
  const std::size_t start = args.cursor();
  std::optional<std::string> folder_error;
  const std::string folder = folder_of(index, args, folder_error);
  if (auto error = args.error()) return tool_failure(*error);
  if (folder_error) return tool_failure(*folder_error);
  const auto terms = parse_search_terms({*words});
  if (terms.empty()) return tool_failure("the query is empty: give words, or \"a phrase in double quotes\"");
  Pager pager(start, limit);
  std::size_t notes = 0;
  for (const auto& note : index.vault().notes) {
    if (!is_in_folder(note.path, folder)) continue;
    const auto hits = search_note(note, terms);
    if (hits.empty()) continue;
    ++notes;
    for (const auto& hit : hits) {
      if (pager.full()) {
        pager.offer(null());  // only counted
        continue;
      }
      pager.offer(object({{"path", text(note.path)},
                          {"line", integer(hit.line)},
                          {"column", integer(hit.column)},
                          {"snippet", text(search_snippet(hit, [](std::string_view m) { return std::string(m); }))}}));
    }
  }
  return ToolResult{object({{"terms", text_list(terms)},
                            {"notes", count(notes)},
                            {"total", count(pager.total())},
                            {"hits", pager.take_items()},
                            {"next_cursor", pager.next_cursor()}}),
                    std::nullopt};
}

ToolResult run_query(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"dql", "limit", "cursor"});
  const auto dql = args.text("dql", true);
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 1000, 100));
  const std::size_t start = args.cursor();
  if (auto error = args.error()) return tool_failure(*error);
  auto parsed = query::parse_query(*dql);
  if (auto* error = std::get_if<query::SyntaxError>(&parsed)) {
    return tool_failure("DQL syntax error at line " + std::to_string(error->line) + ", column " +
                        std::to_string(error->column) + ": " + error->message +
                        ". The language is Dataview's DQL, e.g. TABLE status FROM \"Folder\" WHERE status != "
                        "\"done\" SORT file.name; quote text values that hold spaces.");
  }
  const auto& parsed_query = std::get<query::Query>(parsed);
  auto outcome = query::run_query(parsed_query, index.vault(), index.resolver());
  if (auto* failure = std::get_if<query::QueryFailure>(&outcome))
    return tool_failure("the query failed: " + failure->message);
  const auto& result = std::get<query::QueryResult>(outcome);
  Pager pager(start, limit);
  for (const auto& row : result.rows) {
    if (pager.full()) {
      pager.offer(null());  // only counted
      continue;
    }
    pager.offer(query::row_value(result, row));
  }
  std::vector<std::string> warnings = query::unknown_field_warnings(parsed_query, index.vault());
  for (auto& w : query::unmatched_source_warnings(parsed_query, index.vault(), index.resolver()))
    warnings.push_back(std::move(w));
  for (const auto& e : result.row_errors) warnings.push_back("a row was dropped: " + e);
  std::vector<std::string> headers;
  if (result.grouped) {
    headers = {"key", "rows"};
  } else if (result.show_id) {
    headers = {"File"};
  }
  headers.insert(headers.end(), result.headers.begin(), result.headers.end());
  return ToolResult{object({{"type", text(type_name(result.type))},
                            {"columns", text_list(headers)},
                            {"total", count(pager.total())},
                            {"rows", pager.take_items()},
                            {"next_cursor", pager.next_cursor()},
                            {"warnings", text_list(warnings)}}),
                    std::nullopt};
}

ToolResult run_lint(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"path", "limit", "cursor"});
  const auto path = args.text("path");
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 1000, 100));
  const std::size_t start = args.cursor();
  if (auto error = args.error()) return tool_failure(*error);
  LintOptions options;
  options.check_schemas = index.facts().has_schema_folder;
  options.skip_folders = index.facts().skip_folders;
  if (path && !path->empty()) {
    std::string target;
    if (auto folder = index.find_folder(*path); folder.index() == 0) {
      target = std::get<0>(folder);
    } else {
      auto note = index.find_note(*path);
      if (auto* error = std::get_if<std::string>(&note)) {
        return tool_failure(*error + " (lint takes a note, or a folder of notes)");
      }
      target = std::get<const Note*>(note)->path;
    }
    if (!target.empty()) options.paths.push_back(target);
  }
  const LintResult result = run_lint(index.vault(), index.schemas(), index.config(), index.resolver(), options);
  Pager pager(start, limit);
  for (const auto& d : result.diagnostics) {
    if (pager.full()) {
      pager.offer(null());
      continue;
    }
    pager.offer(object({{"path", text(d.location.path)},
                        {"line", integer(d.location.line)},
                        {"column", integer(d.location.column)},
                        {"severity", text(to_string(d.severity))},
                        {"rule", text(d.rule)},
                        {"field", d.field.empty() ? null() : text(d.field)},
                        {"message", text(d.message)}}));
  }
  return ToolResult{object({{"checked_notes", count(result.files)},
                            {"errors", count(result.errors)},
                            {"warnings", count(result.warnings)},
                            {"schemas_checked", boolean(options.check_schemas)},
                            {"total", count(pager.total())},
                            {"findings", pager.take_items()},
                            {"next_cursor", pager.next_cursor()}}),
                    std::nullopt};
}

ToolResult run_vault_info(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {});
  if (auto error = args.error()) return tool_failure(*error);
  constexpr std::size_t k_top_tags = 100;
  const auto& notes = index.vault().notes;
  std::map<std::string, std::size_t> classes;
  std::map<std::string, std::size_t> tags;
  std::set<std::string> folders;
  std::size_t tasks = 0;
  std::size_t open_tasks = 0;
  for (const auto& note : notes) {
    for (const auto& c : classes_of(note, index.config())) ++classes[c];
    std::set<std::string> own;
    for (const auto& tag : note.tags) own.insert(tag.name);
    for (const auto& tag : own) ++tags[tag];
    for (auto slash = note.path.find('/'); slash != std::string::npos; slash = note.path.find('/', slash + 1)) {
      folders.insert(note.path.substr(0, slash));
    }
    tasks += note.tasks.size();
    for (const auto& task : note.tasks) open_tasks += task.is_checked() ? 0U : 1U;
  }
  const auto schema_names = index.schemas().class_names();
  Value class_list = list();
  for (const auto& [name, n] : classes) {
    append(
        class_list,
        object({{"name", text(name)}, {"notes", count(n)}, {"has_schema", boolean(index.schemas().has_class(name))}}));
  }
  std::vector<std::pair<std::string, std::size_t>> by_count(tags.begin(), tags.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  Value tag_list = list();
  for (std::size_t i = 0; i < by_count.size() && i < k_top_tags; ++i) {
    append(tag_list, object({{"name", text(by_count[i].first)}, {"notes", count(by_count[i].second)}}));
  }
  Value schemas = list();
  for (const auto& name : schema_names) {
    append(schemas, object({{"class", text(name)}, {"description", text(index.schemas().description_of(name))}}));
  }
  return ToolResult{object({{"notes", count(notes.size())},
                            {"attachments", count(index.vault().attachments.size())},
                            {"folders", count(folders.size())},
                            {"privacy", text(index.facts().privacy)},
                            {"classes", std::move(class_list)},
                            {"schemas", std::move(schemas)},
                            {"tags", count(tags.size())},
                            {"top_tags", std::move(tag_list)},
                            {"tasks", count(tasks)},
                            {"open_tasks", count(open_tasks)},
                            {"broken_links", count(index.graph().broken.size())},
                            {"orphans", count(index.graph().orphans.size())}}),
                    std::nullopt};
}

}  // namespace mdvault::core::mcp
