// The base tool: one view of an Obsidian base (a .base file of the vault, or a ```base block
// of a note) run over the shared vault, its rows in pages, with groups and summaries.

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <unordered_set>

#include "core/bases/base_file.hpp"
#include "core/bases/code_blocks.hpp"
#include "core/bases/expression_check.hpp"
#include "core/bases/result_json.hpp"
#include "core/bases/view_runner.hpp"
#include "core/file_system.hpp"
#include "core/mcp/json_build.hpp"
#include "core/mcp/paging.hpp"
#include "core/mcp/tool_arguments.hpp"
#include "core/mcp/tools.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::mcp {

namespace {

namespace fs = std::filesystem;

/// Most problems of a base that does not parse a failure names.
constexpr std::size_t k_max_listed_problems = 5;

/// What the base text is and where it came from.
struct BaseSource {
  std::string yaml;
  int first_line = 1;
  bases::FileRef this_file;
};

std::string position_text(const Diagnostic& d) {
  return d.location.path + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
}

/// Every frontmatter key of the vault, each once, in vault order.
std::vector<std::string> frontmatter_keys(const Vault& vault) {
  std::vector<std::string> keys;
  std::unordered_set<std::string> seen;
  for (const auto& note : vault.notes) {
    if (!note.frontmatter || !note.frontmatter->is_map()) continue;
    for (const auto& entry : note.frontmatter->as_map()) {
      if (seen.insert(entry.key).second) keys.push_back(entry.key);
    }
  }
  return keys;
}

/// The text of a .base file the shared vault lists (so none under a private folder), read from
/// disk only when, links followed, it is still a file the shared vault lists.
std::variant<BaseSource, std::string> read_base_file(const VaultIndex& index, const std::string& path) {
  const auto& files = index.vault().attachments;
  if (!std::binary_search(files.begin(), files.end(), path)) {
    std::vector<std::string> bases;
    for (const auto& f : files) {
      if (f.ends_with(".base")) bases.push_back(f);
    }
    const auto hint = closest_match(path, bases);
    return "there is no .base file '" + path + "' in the vault." + (hint ? " Did you mean '" + *hint + "'?" : "") +
           " Give its path from the vault's top folder, e.g. Bases/Projects.base.";
  }
  std::error_code ec;
  const fs::path root = fs::canonical(fs::path(index.vault().root), ec);
  if (ec) return "the vault's folder cannot be read: " + ec.message();
  const fs::path file = fs::canonical(root / fs::path(path), ec);
  // A link may lead only to a file the shared vault lists too (none out of it, none under a private folder).
  const std::string target = file.lexically_relative(root).generic_string();
  if (ec || !is_path_inside(file, root) || !std::binary_search(files.begin(), files.end(), target)) {
    return "'" + path + "' is a symbolic link to a file outside the shared vault; it is not read";
  }
  ReadResult read = read_regular_file(file.string(), k_max_note_bytes);
  if (!read.ok) return "cannot read '" + path + "': " + read.error;
  normalize_note_text(read.bytes);
  return BaseSource{std::move(read.bytes), 1, bases::FileRef{nullptr, path}};
}

/// The `block`th (1-based; 0: the first) ```base block of a note of the shared vault.
std::variant<BaseSource, std::string> read_base_block(const VaultIndex& index, const std::string& path,
                                                      std::int64_t block) {
  auto found = index.find_note(path);
  if (found.index() == 1) return std::get<1>(found);
  const Note* note = std::get<0>(found);
  const auto blocks = bases::find_base_blocks(note->body);
  if (blocks.empty()) {
    return note->path + " has no ```base code block. Give a .base file or a note with a base block.";
  }
  const std::size_t pick = block == 0 ? 0 : static_cast<std::size_t>(block - 1);
  if (pick >= blocks.size()) {
    return "block " + std::to_string(block) + ": " + note->path + " has " + std::to_string(blocks.size()) +
           " base block" + (blocks.size() == 1 ? "" : "s") + " (1 to " + std::to_string(blocks.size()) + ")";
  }
  return BaseSource{blocks[pick].text, blocks[pick].first_line + note->body_first_line - 1,
                    bases::FileRef{note, note->path}};
}

}  // namespace

ToolResult run_base(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"path", "view", "block", "limit", "cursor"});
  const auto path = args.text("path", true);
  const auto view_name = args.text("view");
  const std::int64_t block = args.integer("block", 1, 1000000, 0);
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 1000, 100));
  const std::size_t start = args.cursor();
  if (auto error = args.error()) return tool_failure(*error);
  if (path->empty()) return tool_failure("the path is empty: give a .base file or a note with ```base blocks");
  if (auto problem = VaultIndex::path_problem(*path)) return tool_failure(*problem);
  const bool is_base_file = path->ends_with(".base");
  if (is_base_file && block != 0) {
    return tool_failure("block picks a ```base block of a note; '" + *path + "' is a .base file");
  }
  auto source = is_base_file ? read_base_file(index, *path) : read_base_block(index, *path, block);
  if (source.index() == 1) return tool_failure(std::get<1>(source));
  const BaseSource& base_source = std::get<0>(source);

  auto parsed = bases::parse_base(base_source.yaml, base_source.this_file.path, base_source.first_line);
  sort_diagnostics(parsed.diagnostics);
  std::vector<std::string> warnings;
  std::vector<std::string> problems;
  for (const auto& d : parsed.diagnostics) {
    (d.severity == Severity::error ? problems : warnings).push_back(position_text(d) + ": " + d.message);
  }
  if (parsed.has_errors()) {
    std::string message = base_source.this_file.path + " is not a base mdvault can run:";
    for (std::size_t i = 0; i < problems.size() && i < k_max_listed_problems; ++i) message += "\n" + problems[i];
    if (problems.size() > k_max_listed_problems) {
      message += "\n... and " + std::to_string(problems.size() - k_max_listed_problems) + " more";
    }
    return tool_failure(message + "\n(docs/bases.md describes the syntax)");
  }
  const auto& base = parsed.base;
  for (const auto& d : bases::unknown_property_warnings(base, frontmatter_keys(index.vault()))) {
    warnings.push_back(position_text(d) + ": " + d.message);
  }
  std::vector<std::string> names;
  for (const auto& v : base.views) names.push_back(v.name);
  std::optional<std::size_t> view;
  if (!base.views.empty()) view = 0;
  if (view_name) {
    view = bases::find_view(base, *view_name);
    if (!view) {
      const auto hint = closest_match(*view_name, names);
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + ("'" + n + "'");
      return tool_failure(base_source.this_file.path + " has no view '" + *view_name + "'." +
                          (hint ? " Did you mean '" + *hint + "'?" : "") +
                          (known.empty() ? " It has no views." : " Its views: " + known + "."));
    }
  }

  bases::EvalEnvironment env;
  env.vault = &index.vault();
  env.resolver = &index.resolver();
  env.property_types = &index.facts().property_types;
  env.base = &base;
  env.this_file = base_source.this_file;
  const auto result = bases::run_view(base, view, env);
  if (result.error_count > 0) {
    warnings.push_back(std::to_string(result.error_count) + " evaluation" + (result.error_count == 1 ? "" : "s") +
                       " failed (a failing filter leaves its row out)");
    for (const auto& e : result.errors) warnings.push_back(e);
  }

  Pager pager(start, limit);
  for (const auto& row : result.rows) {
    if (pager.full()) {
      pager.offer(null());  // only counted
      continue;
    }
    pager.offer(object({{"path", text(row.file.path)}, {"values", bases::row_values(result, row)}}));
  }
  Value out = object({{"view", text(result.name)},
                      {"type", text(result.type)},
                      {"views", text_list(names)},
                      {"columns", bases::columns_value(result)},
                      {"total", count(pager.total())},
                      {"rows", pager.take_items()},
                      {"next_cursor", pager.next_cursor()}});
  if (result.group_by) {
    set(out, "groupBy", text(*result.group_by));
    set(out, "groups", bases::groups_value(result));
  }
  set(out, "summaries", bases::summaries_value(result.summaries));
  set(out, "warnings", text_list(warnings));
  return ToolResult{std::move(out), std::nullopt};
}

}  // namespace mdvault::core::mcp
