#include "cli/base_command.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <unordered_set>

#include "cli/base_output.hpp"
#include "cli/output.hpp"
#include "cli/share_options.hpp"
#include "core/bases/code_blocks.hpp"
#include "core/bases/expression_check.hpp"
#include "core/bases/view_runner.hpp"
#include "core/file_system.hpp"
#include "core/suggest.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

namespace {

struct BaseArgs {
  std::string file;
  std::string view;
  bool list_views = false;
  int block = 0;  ///< 1-based; 0: the first
  std::string this_note;
  std::string format = "table";
  ShareArgs share;
};

constexpr const char* k_examples = R"(  mdvault base Sessions.base
  mdvault base Sessions.base --view "By client" --format json
  mdvault base Sessions.base --list-views
  mdvault base "Start Here.md" --block 2
  mdvault base Related.base --this "Styles/Secure Attachment"

Runs one view of an Obsidian base (Obsidian 1.9 and later): the global and view filters,
formulas, columns with their display names, sort, groupBy, limit and summaries. Without
--view, the first view. See docs/bases.md.)";

constexpr const char* k_name = "mdvault base";

/// Reads FILE as notes are read: no FIFO or device opened (it would block), at most 16 MiB, the
/// byte order mark and CR line endings taken out. False (and `error` set) when it cannot.
bool read_file(const std::string& path, std::string& out, std::string& error) {
  core::ReadResult read = core::read_regular_file(path, core::k_max_note_bytes);
  if (!read.ok) {
    error = read.error;
    return false;
  }
  out = std::move(read.bytes);
  core::normalize_note_text(out);
  return true;
}

/// Every frontmatter key of the vault, each once, in vault order.
std::vector<std::string> frontmatter_keys(const core::Vault& vault) {
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

bool ends_with_md(const std::string& path) {
  return path.size() > 3 && (path.ends_with(".md") || path.ends_with(".MD") || path.ends_with(".Md"));
}

ExitCode run(Context& context, const BaseArgs& args) {
  if (!check_choice(k_name, "--format", args.format, {"table", "json", "jsonl", "csv", "md"})) return ExitCode::usage;
  const Style err_style = context.style(STDERR_FILENO);
  std::string text;
  std::string error;
  if (!read_file(args.file, text, error)) {
    std::cerr << k_name << ": cannot read " << args.file << ": " << error << '\n';
    return ExitCode::io;
  }
  if (auto rc = request_sharing(context, args.share, k_name, {false, false, {}})) return *rc;
  if (auto rc = context.load_vault(); rc != ExitCode::ok) return rc;
  const core::Vault& vault = context.vault();
  const auto inside = context.vault_relative(args.file);
  const std::string shown_path = display_path(args.file);

  core::bases::EvalEnvironment env;
  env.vault = &vault;
  env.resolver = &context.resolver();
  env.property_types = &context.obsidian().property_types;
  if (inside) {
    const core::Note* note = vault.find(*inside);
    env.this_file = core::bases::FileRef{note, *inside};
  } else {
    env.this_file = core::bases::FileRef{nullptr, shown_path};
  }

  std::string yaml = text;
  int first_line = 1;
  if (ends_with_md(args.file)) {
    const auto blocks = core::bases::find_base_blocks(text);
    if (blocks.empty()) {
      std::cerr << k_name << ": " << shown_path << " has no ```base code block\n";
      return ExitCode::usage;
    }
    const std::size_t pick = args.block == 0 ? 0 : static_cast<std::size_t>(args.block - 1);
    if (args.block < 0 || pick >= blocks.size()) {
      std::cerr << k_name << ": --block " << args.block << ": " << shown_path << " has " << count_of(blocks.size(), "base block")
                << " (1 to " << blocks.size() << ")\n";
      return ExitCode::usage;
    }
    yaml = blocks[pick].text;
    first_line = blocks[pick].first_line;
  } else if (args.block != 0) {
    std::cerr << k_name << ": --block picks a ```base block of a note; " << shown_path << " is no Markdown note\n";
    return ExitCode::usage;
  }
  if (!args.this_note.empty()) {
    const auto match = context.resolver().match_note(args.this_note);
    if (match.note == nullptr) {
      std::cerr << k_name << ": --this: there is no note '" << args.this_note << "' in the vault\n";
      return ExitCode::usage;
    }
    env.this_file = core::bases::FileRef{match.note, match.note->path};
  }

  auto parsed = core::bases::parse_base(yaml, shown_path, first_line);
  core::sort_diagnostics(parsed.diagnostics);
  SourceCache sources{""};
  for (const auto& d : parsed.diagnostics) {
    if (d.severity == core::Severity::warning && context.options.quiet) continue;
    print_diagnostic(std::cerr, d, err_style, &sources);
  }
  if (parsed.has_errors()) return ExitCode::usage;
  const auto& base = parsed.base;
  env.base = &base;
  if (!context.options.quiet) {
    for (const auto& d : core::bases::unknown_property_warnings(base, frontmatter_keys(vault))) {
      print_diagnostic(std::cerr, d, err_style, &sources);
    }
  }

  if (args.list_views) {
    for (const auto& view : base.views) std::cout << view.name << " (" << view.type << ")\n";
    return ExitCode::ok;
  }
  std::optional<std::size_t> view;
  if (!base.views.empty()) view = 0;
  if (!args.view.empty()) {
    view = core::bases::find_view(base, args.view);
    if (!view) {
      std::vector<std::string> names;
      for (const auto& v : base.views) names.push_back(v.name);
      std::cerr << k_name << ": " << shown_path << " has no view '" << args.view << "'.";
      if (const auto hint = core::closest_match(args.view, names)) std::cerr << " Did you mean '" << *hint << "'?";
      std::cerr << " (--list-views names them)\n";
      return ExitCode::usage;
    }
  }
  const auto result = core::bases::run_view(base, view, env);
  if (result.error_count > 0 && !context.options.quiet) {
    std::cerr << err_style.bold(std::string(k_name) + ":") << " " << err_style.yellow("warning") << ": "
              << count_of(result.error_count, "evaluation") << " failed (a failing filter leaves its row out):\n";
    for (const auto& e : result.errors) std::cerr << "  " << e << '\n';
    if (result.error_count > result.errors.size()) {
      std::cerr << "  ... and " << result.error_count - result.errors.size() << " more\n";
    }
  }
  QueryFormat format = QueryFormat::table;
  if (args.format == "json") format = QueryFormat::json;
  if (args.format == "jsonl") format = QueryFormat::jsonl;
  if (args.format == "csv") format = QueryFormat::csv;
  if (args.format == "md") format = QueryFormat::md;
  print_view_result(std::cout, result, format);
  if (result.rows.empty() && !context.options.quiet && isatty(STDOUT_FILENO) != 0) std::cerr << "No results.\n";
  return ExitCode::ok;
}

}  // namespace

Command add_base(CLI::App& app, Context& context) {
  auto args = std::make_shared<BaseArgs>();
  CLI::App* command = add_command(app, "base", "Run a view of an Obsidian base: a .base file or a base code block", k_examples);
  command->add_option("file", args->file, "The .base file, or a note with base code blocks")->required()->type_name("FILE");
  command->add_option("--view", args->view, "The view to run (default: the first)")->type_name("NAME");
  command->add_flag("--list-views", args->list_views, "Print the names of the views and stop");
  command->add_option("--block", args->block, "The base code block of a note to run, from 1 (default: the first)")
      ->type_name("N");
  command->add_option("--this", args->this_note, "The note that this stands for, as when the base is embedded in it")
      ->type_name("NOTE");
  command->add_option("--format", args->format, "table (default), json, jsonl, csv or md")->type_name("FORMAT");
  add_share_options(*command, args->share, false);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
