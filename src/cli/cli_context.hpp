#pragma once
// What every command shares: the global options, and the vault root, config, notes,
// schemas and link resolver they lead to, each loaded once and only when asked for.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/cache/sqlite_note_cache.hpp"
#include "core/config.hpp"
#include "core/link_resolver.hpp"
#include "core/obsidian_settings.hpp"
#include "core/schema/schema_set.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

/// The options that come before (or after) any command (SPEC §1).
struct GlobalOptions {
  std::string vault;      ///< --vault DIR
  std::string config;     ///< --config FILE
  std::string schemas;    ///< --schemas DIR
  unsigned jobs = 0;      ///< --jobs N; 0: all cores
  std::string color = "auto";  ///< --color auto|always|never
  bool quiet = false;     ///< -q: only the findings, no summaries
  std::string cache_dir;  ///< --cache-dir DIR (docs/cache.md)
  bool no_cache = false;  ///< --no-cache: read every note from its file, keep nothing
};

/// How a command shares the vault under the privacy policy (docs/privacy.md). Export and
/// graph share by default; query, search, show and links with --share.
struct SharingRequest {
  bool active = false;        ///< apply the policy when .mdvault.yaml has one
  bool required = false;      ///< --share: a missing policy is a mistake (exit 2)
  std::string command;        ///< "mdvault export", for messages
  std::string pseudonym_map;  ///< --pseudonym-map FILE, or empty
  bool map_required = false;  ///< export: pseudonyms must be kept in a file
  std::string out;            ///< the export's file: the map may not lie in its folder
  bool dates_year = false;    ///< --dates year
};

/// What a command needs of each note besides its frontmatter (see core::VaultOptions).
struct NoteNeeds {
  bool body = false;         ///< the body text
  bool fingerprint = false;  ///< the body's size and hash
  bool body_facts = true;    ///< links, tags, tasks, inline fields, headings (always with --share)
};

/// Lazily loaded state for one run. Each load_* prints its own problems to stderr and
/// returns ExitCode::ok, or the code the command should stop with.
class Context {
public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  GlobalOptions options;

  /// Called once the command has finished, just before the process ends: closes the cache,
  /// and keeps the notes from being freed one by one (the system takes the process's memory
  /// back at once; freeing 10,000 notes costs a tenth of a run that took them from the cache).
  void end_of_process();

  /// Finds the vault root and reads the config file (if any).
  ExitCode load_settings();
  /// load_settings; exit 2 with a hint to pass --vault when no vault was found (no --vault,
  /// no MDVAULT_VAULT, no .obsidian/ or .mdvault.yaml here or above).
  ExitCode require_vault();
  /// require_vault (load_settings only when --schemas is given), then reads the schema folder. When `strict`, problems in schema files
  /// are printed and give usage; otherwise they are kept in schema_diagnostics() only.
  ExitCode load_schemas(bool strict = true);
  /// require_vault, then reads every note and builds the link resolver. `after_read` runs
  /// in the reading threads on each note (see core::VaultOptions).
  ExitCode load_vault(std::function<void(core::Note&)> after_read = {}, NoteNeeds needs = {});

  /// Asks load_vault to share the vault (see SharingRequest); call before load_vault.
  void request_sharing(SharingRequest request) { m_sharing = std::move(request); }
  /// True when the loaded vault is the shared one (a policy was applied).
  [[nodiscard]] bool is_shared() const { return m_shared; }
  /// Every frontmatter and inline field key of the owner's vault (before the policy), in
  /// vault order, as far as the notes still hold them.
  [[nodiscard]] std::vector<std::string> field_keys() const;

  /// The vault root: absolute and normalised.
  [[nodiscard]] const std::filesystem::path& root() const { return m_root; }
  [[nodiscard]] const core::Config& config() const { return m_config; }
  /// The vault's .obsidian settings (excluded files, Templates folder, property types).
  [[nodiscard]] const core::ObsidianSettings& obsidian() const { return m_obsidian; }
  [[nodiscard]] const core::schema::SchemaSet& schemas() const { return m_schemas; }
  /// Problems found in the schema files (rule schema.file).
  [[nodiscard]] const std::vector<core::Diagnostic>& schema_diagnostics() const { return m_schema_diagnostics; }
  /// The schema folder read (as displayed), or empty when there is none.
  [[nodiscard]] const std::string& schema_folder() const { return m_schema_folder; }
  [[nodiscard]] const core::Vault& vault() const { return *m_vault; }
  [[nodiscard]] const core::LinkResolver& resolver() const { return *m_resolver; }

  /// The folder file paths are printed from: $GITHUB_WORKSPACE when it is set and holds the
  /// vault (the repository checkout in Actions), else the working folder; absolute.
  [[nodiscard]] std::filesystem::path file_base() const;
  /// True when the vault lies inside file_base().
  [[nodiscard]] bool is_vault_under_base() const;
  /// A vault-relative path as seen from file_base() ('/' separators, "../" when the vault lies
  /// outside it): the one path basis of lint's text, GitHub and SARIF output and JSON's "file".
  [[nodiscard]] std::string file_path(std::string_view vault_path) const;

  /// A path given on the command line, relative to the working directory, turned into a
  /// vault-relative one when it names something inside the vault; nothing otherwise.
  [[nodiscard]] std::optional<std::string> vault_relative(std::string_view argument) const;

  /// Styling for stdout (fd 1) or stderr (fd 2), following --color and NO_COLOR.
  [[nodiscard]] Style style(int fd) const;

private:
  ExitCode find_root();
  /// Replaces the loaded vault by the one the privacy policy lets be shared.
  ExitCode share_vault(bool keep_body);

  SharingRequest m_sharing;
  bool m_shared = false;
  std::vector<std::string> m_owner_field_keys;  ///< field_keys() of the vault before sharing
  bool m_settings_loaded = false;
  bool m_schemas_loaded = false;
  bool m_vault_loaded = false;
  bool m_vault_found = true;  ///< false when find_root fell back to the working folder
  std::filesystem::path m_root;
  core::Config m_config;
  core::ObsidianSettings m_obsidian;
  core::schema::SchemaSet m_schemas;
  std::vector<core::Diagnostic> m_schema_diagnostics;
  std::string m_schema_folder;
  /// Opens the note cache unless --no-cache; problems are printed once and reading goes on.
  core::cache::NoteCache* open_cache();
  /// Prints what the cache met (once per run).
  void print_cache_notices(std::vector<std::string> notices) const;

  std::unique_ptr<core::cache::SqliteNoteCache> m_cache;
  std::unique_ptr<core::Vault> m_vault;  ///< heap-held: the resolver keeps a reference
  std::unique_ptr<core::LinkResolver> m_resolver;
};

}  // namespace mdvault::cli
