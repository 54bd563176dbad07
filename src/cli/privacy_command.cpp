#include "cli/privacy_command.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/output.hpp"
#include "core/file_system.hpp"
#include "core/privacy/names.hpp"
#include "core/privacy/privacy_check.hpp"
#include "core/privacy/private_notes.hpp"

namespace mdvault::cli {

namespace {

namespace fs = std::filesystem;
namespace pv = core::privacy;

struct CheckArgs {
  std::vector<std::string> paths;
  bool show = false;
};

constexpr const char* k_privacy_examples = R"(  mdvault privacy check notes.json
      look through an export for anything the privacy policy withholds)";

constexpr const char* k_check_examples = R"(  mdvault privacy check notes.json
      exit 1, with the place of each find, when the file holds a private note's path or
      name, a client's name that should have been replaced, or an omitted field's value
  mdvault privacy check shared/ vault.db
      every file in a folder, and a SQLite database (its free pages too)
  mdvault privacy check notes.json --show
      also print what was found (on your own screen only: not in a CI log)

What is looked for comes from the privacy: section of .mdvault.yaml and the vault's notes;
see docs/privacy.md.)";

/// Every regular file under the paths given, in order; a missing path is an error.
bool collect_files(const std::vector<std::string>& paths, std::vector<std::string>& files) {
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path().generic_string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path, ec)) {
      files.push_back(path);
    } else {
      std::cerr << "mdvault privacy check: there is no file or folder '" << path << "'\n";
      return false;
    }
  }
  return true;
}

ExitCode run_check(Context& context, const CheckArgs& args) {
  if (auto rc = context.load_settings(); rc != ExitCode::ok) return rc;
  if (!context.config().privacy) {
    std::cerr << "mdvault privacy check: the settings have no privacy: section, so nothing is withheld to look "
                 "for; see docs/privacy.md\n";
    return ExitCode::usage;
  }
  std::vector<std::string> files;
  if (!collect_files(args.paths, files)) return ExitCode::usage;
  if (auto rc = context.load_vault(); rc != ExitCode::ok) return rc;
  const pv::PrivacyPolicy& policy = *context.config().privacy;
  const pv::PrivateNotes private_notes = pv::find_private_notes(context.vault(), context.resolver(), policy);
  print_file_diagnostics(private_notes.problems, context.style(STDERR_FILENO));
  if (has_errors(private_notes.problems)) return ExitCode::usage;
  const auto names = pv::collect_names(context.vault(), context.resolver(), policy);
  const auto withheld = pv::withheld_texts(context.vault(), policy, private_notes, names);
  std::size_t total = 0;
  std::size_t files_hit = 0;
  const core::DiskFileSystem disk;
  for (const auto& file : files) {
    core::ReadResult read = disk.read(".", file, std::numeric_limits<std::uintmax_t>::max());
    if (!read.ok) {
      std::cerr << "mdvault privacy check: cannot read '" << file << "': " << read.error << '\n';
      return ExitCode::io;
    }
    const auto hits = pv::find_withheld(read.bytes, withheld);
    if (!hits.empty()) ++files_hit;
    total += hits.size();
    for (const auto& hit : hits) {
      std::cout << file;
      if (hit.line > 0) {
        std::cout << ':' << hit.line << ':' << hit.column;
      } else {
        std::cout << "@" << hit.offset;
      }
      std::cout << ": withheld: " << withheld[hit.withheld].why;
      if (args.show) std::cout << ": \"" << withheld[hit.withheld].text << '"';
      std::cout << '\n';
    }
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "mdvault privacy check: cannot write to standard output\n";
    return ExitCode::io;
  }
  if (!context.options.quiet) {
    if (total == 0) {
      std::cerr << "No withheld text found in " << count_of(files.size(), "file") << ".\n";
    } else {
      std::cerr << "Found " << count_of(total, "withheld text") << " in " << count_of(files_hit, "file")
                << "; do not share " << (files_hit == 1 ? "it" : "them") << ".\n";
    }
  }
  return total == 0 ? ExitCode::ok : ExitCode::findings;
}

}  // namespace

Command add_privacy(CLI::App& app, Context& context) {
  CLI::App* command = add_command(app, "privacy", "Check files for what the privacy policy withholds", k_privacy_examples);
  auto check_args = std::make_shared<CheckArgs>();
  CLI::App* check = add_command(*command, "check", "Look through files for private notes, names and omitted values",
                                k_check_examples);
  check->add_option("PATH", check_args->paths, "Files or folders to look through")->required()->type_name("");
  check->add_flag("--show", check_args->show, "Also print the text found (not for CI logs)");
  return {command, [&context, command, check, check_args] {
            if (check->parsed()) return run_check(context, *check_args);
            std::cerr << "mdvault privacy: say what to do: 'mdvault privacy check PATH...'.\n"
                      << "Run '" << command_path(*command) << " --help' to see it, with examples.\n";
            return ExitCode::usage;
          }};
}

}  // namespace mdvault::cli
