#include "cli/lint_command.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <set>
#include <system_error>

#include "cli/lint_output.hpp"
#include "core/lint.hpp"
#include "core/suggest.hpp"

namespace mdvault::cli {

namespace {

struct LintArgs {
  std::vector<std::string> paths;
  std::string format = "text";
  int max_warnings = -1;  ///< -1: any number of warnings passes
};

constexpr const char* k_examples = R"(  mdvault lint                           check every note in the vault
  mdvault lint Sessions                  check only the notes in the folder Sessions
  mdvault lint "Styles/Secure.md"        check one note
  mdvault lint --max-warnings 0          fail on warnings too, not only on errors
  mdvault lint --format github           in a GitHub Actions step: findings appear on the files
  mdvault lint --format sarif > lint.sarif   for GitHub code scanning

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

ExitCode run(Context& context, const LintArgs& args) {
  if (!check_choice("mdvault lint", "--format", args.format, lint_format_names())) return ExitCode::usage;
  if (args.max_warnings < -1) {
    std::cerr << "mdvault lint: --max-warnings needs 0 or more, for example --max-warnings 0.\n";
    return ExitCode::usage;
  }
  if (auto rc = context.load_schemas(); rc != ExitCode::ok) return rc;
  // Schemas are checked while the notes are read, on all cores.
  const core::schema::SchemaSet& schemas = context.schemas();
  if (auto rc = context.load_vault([&schemas](core::Note& note) { core::check_schemas_early(note, schemas); });
      rc != ExitCode::ok) {
    return rc;
  }

  core::LintOptions options;
  for (const auto& argument : args.paths) {
    auto target = find_lint_target(context, "mdvault lint", argument);
    if (!target) return ExitCode::usage;
    if (target->empty()) {  // the whole vault
      options.paths.clear();
      break;
    }
    options.paths.push_back(*target);
  }
  const auto result =
      core::run_lint(context.vault(), context.schemas(), context.config(), context.resolver(), options);

  const PathMapper map_path = [&context](std::string_view path) { return context.path_from_cwd(path); };
  if (args.format == "json") {
    print_lint_json(std::cout, result);
  } else if (args.format == "github") {
    print_lint_github(std::cout, result, map_path);
  } else if (args.format == "sarif") {
    print_lint_sarif(std::cout, result, map_path);
  } else {
    SourceCache sources{context.root()};
    print_lint_text(std::cout, result, context.style(STDOUT_FILENO), sources, context.options.quiet);
  }
  std::cout.flush();

  if (result.errors > 0) return ExitCode::findings;
  if (args.max_warnings >= 0 && result.warnings > static_cast<std::size_t>(args.max_warnings)) {
    std::cerr << "mdvault lint: " << count_of(result.warnings, "warning") << " found, but --max-warnings allows "
              << args.max_warnings << ".\n";
    return ExitCode::findings;
  }
  return ExitCode::ok;
}

}  // namespace

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
  // 3. A note name or a path without ".md", resolved like a wikilink.
  if (const core::Note* note = context.resolver().find_note(argument)) return note->path;

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
  command->add_option("--format", args->format, "How to print the findings: text, json, github or sarif")
      ->type_name("FORMAT");
  command->add_option("--max-warnings", args->max_warnings, "Also fail (exit 1) when there are more warnings")
      ->type_name("N");
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
