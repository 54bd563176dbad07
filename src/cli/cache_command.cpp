#include "cli/cache_command.hpp"

#include <iostream>

#include "cli/cache_location.hpp"
#include "cli/output.hpp"
#include "core/cache/sqlite_note_cache.hpp"

namespace mdvault::cli {

namespace {

namespace cache = core::cache;

constexpr const char* k_cache_examples = R"(  mdvault cache status
      where this vault's cache is and how many notes it holds
  mdvault cache clear
      remove it (the next command reads every note from its file again)

mdvault keeps what it read of each note in a cache outside the vault, so that the next
command only reads notes that changed. See docs/cache.md.)";

constexpr const char* k_status_examples = R"(  mdvault cache status
  mdvault --cache-dir /tmp/mdvault-cache cache status)";

constexpr const char* k_clear_examples = R"(  mdvault cache clear
      the cache holds parts of your notes (frontmatter, headings, links): clear it before you hand the computer on)";

/// The cache folder, or a message saying there is none.
std::optional<std::string> folder_or_explain(const Context& context, const char* command) {
  auto folder = cache_folder(context.options);
  if (!folder) {
    std::cerr << "mdvault cache " << command
              << ": there is no cache folder: HOME is not set; give one with --cache-dir DIR or MDVAULT_CACHE_DIR\n";
  }
  return folder;
}

ExitCode run_status(Context& context) {
  if (auto rc = context.require_vault(); rc != ExitCode::ok) return rc;
  const auto folder = folder_or_explain(context, "status");
  if (!folder) return ExitCode::usage;
  const cache::CacheSummary summary = cache::SqliteNoteCache::summarize(*folder, context.root().string(), cache_identity());
  std::cout << "vault: " << display_path(context.root()) << '\n'
            << "cache: " << (std::filesystem::path(*folder) / cache::database_name(context.root().string())).string()
            << '\n';
  if (!summary.exists) {
    std::cout << "state: not made yet (the next command that reads the notes makes it)\n";
  } else {
    std::cout << "notes: " << summary.notes << '\n'
              << "size: " << summary.bytes << " bytes\n"
              << "written by: " << (summary.identity.empty() ? "unknown" : summary.identity) << '\n';
    if (!summary.current) {
      std::cout << "state: written by another build of mdvault; the next command reads every note again\n";
    }
  }
  if (context.options.no_cache) std::cout << "note: --no-cache is given, so commands neither read nor write it\n";
  std::cout.flush();
  return std::cout ? ExitCode::ok : ExitCode::io;
}

ExitCode run_clear(Context& context) {
  if (auto rc = context.require_vault(); rc != ExitCode::ok) return rc;
  const auto folder = folder_or_explain(context, "clear");
  if (!folder) return ExitCode::usage;
  if (auto problem = cache::SqliteNoteCache::clear(*folder, context.root().string())) {
    std::cerr << "mdvault cache clear: " << *problem << '\n';
    return ExitCode::io;
  }
  if (!context.options.quiet) std::cerr << "Removed the cache of " << display_path(context.root()) << ".\n";
  return ExitCode::ok;
}

}  // namespace

Command add_cache(CLI::App& app, Context& context) {
  CLI::App* command = add_command(app, "cache", "Show or remove the cache of notes read before", k_cache_examples);
  CLI::App* status = add_command(*command, "status", "Where the cache is and what it holds", k_status_examples);
  CLI::App* clear = add_command(*command, "clear", "Remove this vault's cache", k_clear_examples);
  return {command, [&context, command, status, clear] {
            if (status->parsed()) return run_status(context);
            if (clear->parsed()) return run_clear(context);
            std::cerr << "mdvault cache: say what to do: 'mdvault cache status' or 'mdvault cache clear'.\n"
                      << "Run '" << command_path(*command) << " --help' to see both, with examples.\n";
            return ExitCode::usage;
          }};
}

}  // namespace mdvault::cli
