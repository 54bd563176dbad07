#include "cli/lint_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <system_error>

#include "cli/lint_output.hpp"
#include "core/bases/base_lint.hpp"
#include "core/lint.hpp"
#include "core/suggest.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::vector<std::string> formats;  ///< FORMAT or FORMAT=FILE, repeatable; none: text
  int max_warnings = -1;  ///< -1: any number of warnings passes
};

constexpr const char* k_examples = R"(  mdvault lint                           check every note in the vault
  mdvault lint Sessions                  check only the notes in the folder Sessions
  mdvault lint "Styles/Secure.md"        check one note
  mdvault lint --max-warnings 0          fail on warnings too, not only on errors
  mdvault lint --format github           in a GitHub Actions step: findings appear on the files
  mdvault lint --format sarif > lint.sarif   for GitHub code scanning
  mdvault lint --format sarif=lint.sarif --format github   both in one run
  mdvault lint --format gitlab=gl-code-quality-report.json   for GitLab's Code Quality

Each finding shows the file, line and column, what is wrong and the rule's name
in [brackets]; rules can be switched off or made warnings under 'rules:' in .mdvault.yaml.
Exit status: 0 no errors, 1 errors found (or more warnings than --max-warnings),
2 a mistake in the command, the settings or a schema file, 3 the vault could not be read.)";

/// True when some note of the vault lies in `folder` (vault-relative, no trailing '/').
bool is_folder_of_notes(const core::Vault& vault, const std::string& folder) {
  const std::string prefix = folder + "/";
  for (const auto& note : vault.notes) {
    if (note.path.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

/// Why a path given on the command line that exists on disk is not something lint can check
/// (outside the vault, ignored, not Markdown, no notes in it); nothing when it is.
/// pre-commit passes every changed file, so these are skipped with a notice, not an error.
std::optional<std::string> skip_reason(const Context& context, const std::string& argument) {
  std::error_code ec;
  if (!std::filesystem::exists(argument, ec)) return std::nullopt;
  const auto inside = context.vault_relative(argument);
  if (!inside) return "it lies outside the vault";
  if (inside->empty() || context.vault().find(*inside) != nullptr ||
      is_folder_of_notes(context.vault(), *inside)) {
    return std::nullopt;
  }
  if (core::is_ignored(*inside, context.obsidian().ignore)) {
    return "Obsidian excludes it (userIgnoreFilters in .obsidian/app.json)";
  }
  if (core::is_ignored(*inside, context.config().ignore)) {
    return "the settings ignore it ('ignore:' in " + display_path(context.config().file) + ")";
  }
  if (std::filesystem::is_directory(argument, ec)) return "the folder holds no notes of the vault";
  if (std::filesystem::path(*inside).extension() != ".md") return "it is not a Markdown note (.md)";
  return "it is not a note of the vault";
}

/// One --format: the format and the file it goes to (empty: standard output).
struct LintOutput {
  std::string format;
  std::string file;
};

/// "sarif=lint.sarif" and "github" into outputs; at most one goes to standard output.
std::optional<std::vector<LintOutput>> parse_outputs(const std::vector<std::string>& formats) {
  std::vector<LintOutput> outputs;
  for (const auto& given : formats) {
    const auto equals = given.find('=');
    LintOutput output{given.substr(0, equals), equals == std::string::npos ? "" : given.substr(equals + 1)};
    if (!check_choice("mdvault lint", "--format", output.format, lint_format_names())) return std::nullopt;
    if (equals != std::string::npos && output.file.empty()) {
      std::cerr << "mdvault lint: --format " << given << " names no file; write --format " << output.format
                << "=FILE, or --format " << output.format << " for standard output.\n";
      return std::nullopt;
    }
    if (output.file == "-") output.file.clear();
    outputs.push_back(std::move(output));
  }
  if (outputs.empty()) outputs.push_back({"text", ""});
  if (std::count_if(outputs.begin(), outputs.end(), [](const LintOutput& o) { return o.file.empty(); }) > 1) {
    std::cerr << "mdvault lint: only one --format can go to standard output; give the others a file, "
                 "for example --format sarif=lint.sarif --format github.\n";
    return std::nullopt;
  }
  return outputs;
}

/// Prints the report in one format.
void print_report(std::ostream& out, const Context& context, const core::LintResult& result,
                  const std::string& format, const Style& style) {
  ReportPaths paths;
  paths.file = [&context](std::string_view path) { return context.file_path(path); };
  paths.vault_outside = !context.is_vault_under_base();
  paths.vault_uri = "file://" + context.root().generic_string() + "/";
  if (format == "json") {
    print_lint_json(out, result, paths);
  } else if (format == "github") {
    print_lint_github(out, result, paths);
  } else if (format == "sarif") {
    print_lint_sarif(out, result, paths);
  } else if (format == "gitlab") {
    print_lint_gitlab(out, result, paths);
  } else if (format == "markdown") {
    print_lint_markdown(out, result, paths);
  } else {
    SourceCache sources{context.file_base()};
    print_lint_text(out, result, style, sources, context.options.quiet, paths);
  }
}

/// Writes every report: files first, then standard output; a file that cannot be written is exit 3.
ExitCode write_outputs(const Context& context, const core::LintResult& result, const std::vector<LintOutput>& outputs) {
  for (const auto& output : outputs) {
    if (output.file.empty()) continue;
    std::ofstream file(output.file, std::ios::binary | std::ios::trunc);
    if (file) print_report(file, context, result, output.format, Style{false});
    file.close();
    if (!file) {
      std::cerr << "mdvault lint: cannot write '" << output.file << "' (--format " << output.format
                << "): " << std::strerror(errno) << ".\n";
      return ExitCode::io;
    }
  }
  for (const auto& output : outputs) {
    if (output.file.empty()) print_report(std::cout, context, result, output.format, context.style(STDOUT_FILENO));
  }
  return ExitCode::ok;
}

/// With no schema folder, one notice instead of a "has no schema" warning on every note
/// that names a class.
void report_missing_schema_folder(const Context& context) {
  std::size_t with_class = 0;
  for (const auto& note : context.vault().notes) {
    if (!note.classes.empty()) ++with_class;
  }
  if (with_class == 0) return;
  std::cerr << "mdvault lint: notice: " << count_of(with_class, "note") << (with_class == 1 ? " names" : " name") << " a class, but there is no schema folder (no schemas/ in the vault); their frontmatter is not checked.\n"
            << "Give the folder with --schemas DIR or 'schemas:' in .mdvault.yaml.\n";
}

/// Adds the findings of the vault's `.base` files (docs/bases.md), at the configured severities.
void add_base_findings(const Context& context, core::LintResult& result) {
  const auto files = core::bases::base_files(context.vault());
  if (files.empty()) return;
  result.files += files.size();
  for (auto& d : core::bases::lint_base_files(context.vault(), core::DiskFileSystem{})) {
    const core::RuleInfo* rule = core::find_rule(d.rule);
    const auto severity = core::rule_severity(context.config(), d.rule, rule ? rule->default_severity : d.severity);
    if (!severity) continue;
    d.severity = *severity;
    ++(d.severity == core::Severity::error ? result.errors : result.warnings);
    result.diagnostics.push_back(std::move(d));
  }
  core::sort_diagnostics(result.diagnostics);
}

ExitCode run(Context& context, const LintArgs& args) {
  const auto outputs = parse_outputs(args.formats);
  if (!outputs) return ExitCode::usage;
  if (args.max_warnings < -1) {
    std::cerr << "mdvault lint: --max-warnings needs 0 or more, for example --max-warnings 0.\n";
    return ExitCode::usage;
  }
  if (auto rc = context.load_schemas(); rc != ExitCode::ok) return rc;
  // Schemas are checked while the notes are read, on all cores.
  const core::schema::SchemaSet& schemas = context.schemas();
  const bool with_schemas = !context.schema_folder().empty();
  const core::ObsidianSettings& obsidian = context.obsidian();
  if (auto rc = context.load_vault([&schemas, with_schemas, &obsidian](core::Note& note) {
        core::check_property_types(note, obsidian);
        if (with_schemas) core::check_schemas_early(note, schemas);
      });
      rc != ExitCode::ok) {
    return rc;
  }
  if (!with_schemas) report_missing_schema_folder(context);

  core::LintOptions options;
  std::size_t skipped = 0;
  bool whole_vault = false;
  for (const auto& argument : args.paths) {
    if (const auto reason = skip_reason(context, argument)) {
      std::cerr << "mdvault lint: skipping '" << argument << "': " << *reason << ".\n";
      ++skipped;
      continue;
    }
    auto target = find_lint_target(context, "mdvault lint", argument);
    if (!target) return ExitCode::usage;
    if (target->empty()) {  // the whole vault
      options.paths.clear();
      whole_vault = true;
      break;
    }
    options.paths.push_back(*target);
  }
  // Every path skipped: check nothing (an empty report), not the whole vault.
  options.only_paths = skipped > 0 && options.paths.empty() && !whole_vault;
  options.check_schemas = with_schemas;
  options.skip_folders = context.obsidian().template_folders;
  options.jobs = context.options.jobs;
  auto result = core::run_lint(context.vault(), context.schemas(), context.config(), context.resolver(), options);
  if (options.paths.empty() && !options.only_paths) add_base_findings(context, result);

  if (auto rc = write_outputs(context, result, *outputs); rc != ExitCode::ok) return rc;

  if (result.errors > 0) return ExitCode::findings;
  if (args.max_warnings >= 0 && result.warnings > static_cast<std::size_t>(args.max_warnings)) {
    std::cerr << "mdvault lint: " << count_of(result.warnings, "warning") << " found, but --max-warnings allows "
              << args.max_warnings << ".\n";
    return ExitCode::findings;
  }
  return ExitCode::ok;
}

}  // namespace

const core::Note* find_named_note(const Context& context, const std::string& command,
                                  const std::string& argument) {
  const auto match = context.resolver().match_note(argument);
  if (match.note == nullptr) return nullptr;
  if (match.by_alias) {
    std::cerr << command << ": '" << argument << "' is an alias of " << match.note->path << "; using that note.\n";
  } else if (match.candidates.size() > 1) {
    std::cerr << command << ": " << match.candidates.size() << " notes are named '" << argument << "':";
    for (const auto& c : match.candidates) std::cerr << ' ' << c << (&c == &match.candidates.back() ? ";" : ",");
    std::cerr << " using " << match.note->path << ", the one [[" << argument
              << "]] opens from the vault's top folder (the shortest path). Give the path to choose another.\n";
  }
  return match.note;
}

std::optional<std::string> find_lint_target(const Context& context, const std::string& command,
                                            const std::string& argument) {
  const auto& vault = context.vault();
  // 1. A path from the working directory that exists and lies inside the vault.
  std::error_code ec;
  if (std::filesystem::exists(argument, ec)) {
    if (const auto inside = context.vault_relative(argument)) {
      if (inside->empty() || vault.find(*inside) != nullptr || is_folder_of_notes(vault, *inside)) return inside;
    }
  }
  // 2. A vault-relative note or folder path.
  std::string path = argument;
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty() || path == ".") return std::string{};
  if (vault.find(path) != nullptr || is_folder_of_notes(vault, path)) return path;
  // 3. A note name or a path without ".md", resolved like a wikilink, or an alias.
  if (const core::Note* note = find_named_note(context, command, argument)) return note->path;

  std::set<std::string> candidates;  // note names (or paths), and folders
  const bool by_path = argument.find('/') != std::string::npos;
  for (const auto& note : vault.notes) {
    candidates.insert(by_path ? note.path : note.name);
    for (auto slash = note.path.find('/'); slash != std::string::npos; slash = note.path.find('/', slash + 1)) {
      candidates.insert(note.path.substr(0, slash));
    }
  }
  std::cerr << command << ": there is no note or folder '" << argument << "' in the vault.";
  if (const auto hint = core::closest_match(argument, {candidates.begin(), candidates.end()})) {
    std::cerr << " Did you mean '" << *hint << "'?";
  }
  std::cerr << '\n';
  return std::nullopt;
}

Command add_lint(CLI::App& app, Context& context) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* command = add_command(app, "lint", "Check your notes: frontmatter, schemas and links", k_examples);
  command->add_option("PATH", args->paths, "Notes or folders to check (default: the whole vault)")
      ->type_name("");
  command->add_option("--format", args->formats,
                      "text, json, github, sarif, gitlab or markdown; =FILE writes it to a file (repeatable)")
      ->type_name("FORMAT[=FILE]")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--max-warnings", args->max_warnings, "Also fail (exit 1) when there are more warnings")
      ->type_name("N");
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
