#include "cli/cli_context.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <system_error>

#include "cli/cache_location.hpp"
#include "core/file_system.hpp"
#include "core/parallel.hpp"
#include "core/privacy/private_notes.hpp"

namespace mdvault::cli {

namespace fs = std::filesystem;

namespace {

/// Absolute, normalised, without a trailing separator.
fs::path absolute_path(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::absolute(p, ec);
  if (ec) out = p;
  out = out.lexically_normal();
  if (!out.has_filename() && out.has_parent_path() && out != out.root_path()) out = out.parent_path();
  return out;
}

/// Checks that `dir` is an existing folder; explains the problem otherwise.
bool check_folder(const fs::path& dir, std::string_view what, std::string_view origin,
                  std::string_view example) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return true;
  const bool exists = fs::exists(dir, ec);
  std::cerr << "mdvault: the " << what << " '" << dir.generic_string() << "'" << origin
            << (exists ? " is a file, not a folder.\n" : " does not exist.\n");
  if (!example.empty()) std::cerr << example << '\n';
  return false;
}

}  // namespace

Context::Context() = default;
Context::~Context() = default;

// What end_of_process keeps: globals with external linkage, so that no store to them is
// optimised away and leak checkers see the notes as still in use.
core::LinkResolver* g_resolver_kept_at_exit = nullptr;
core::Vault* g_vault_kept_at_exit = nullptr;

void Context::end_of_process() {
  m_cache.reset();
  g_resolver_kept_at_exit = m_resolver.release();
  g_vault_kept_at_exit = m_vault.release();
}

ExitCode Context::find_root() {
  constexpr std::string_view k_example =
      "Give the folder that holds your notes, for example: mdvault --vault ~/Notes lint";
  if (!options.vault.empty()) {
    if (!check_folder(options.vault, "vault folder", "", k_example)) return ExitCode::usage;
    m_root = absolute_path(options.vault);
    return ExitCode::ok;
  }
  const char* from_env = std::getenv("MDVAULT_VAULT");
  if (from_env != nullptr && *from_env != '\0') {
    if (!check_folder(from_env, "vault folder", " (from MDVAULT_VAULT)", k_example)) return ExitCode::usage;
    m_root = absolute_path(from_env);
    return ExitCode::ok;
  }
  std::error_code ec;
  const fs::path cwd = absolute_path(fs::current_path(ec));
  if (ec) {
    std::cerr << "mdvault: cannot find the working folder: " << ec.message() << '\n';
    return ExitCode::io;
  }
  for (fs::path dir = cwd;; dir = dir.parent_path()) {
    if (fs::is_directory(dir / ".obsidian", ec) || fs::exists(dir / ".mdvault.yaml", ec)) {
      m_root = dir;
      return ExitCode::ok;
    }
    if (dir == dir.root_path() || !dir.has_parent_path()) break;
  }
  // No vault: reading the working folder anyway would pass silently (or read the whole disk).
  m_root = cwd;
  m_vault_found = false;
  return ExitCode::ok;
}

ExitCode Context::require_vault() {
  if (auto rc = load_settings(); rc != ExitCode::ok) return rc;
  if (m_vault_found) return ExitCode::ok;
  std::cerr << "mdvault: no vault found: neither this folder nor any folder above it holds .obsidian/ or "
               ".mdvault.yaml.\n"
               "Give the folder that holds your notes, for example: mdvault --vault ~/Notes lint\n"
               "(or 'mdvault --vault . lint' to use this folder), or set MDVAULT_VAULT.\n";
  return ExitCode::usage;
}

ExitCode Context::load_settings() {
  if (m_settings_loaded) return ExitCode::ok;
  if (auto rc = find_root(); rc != ExitCode::ok) return rc;
  std::error_code ec;
  fs::path file;
  if (!options.config.empty()) {
    if (!fs::is_regular_file(options.config, ec)) {
      std::cerr << "mdvault: the config file '" << options.config << "' (given with --config) does not exist.\n"
                << "Give the path of a .mdvault.yaml file, for example: mdvault --config ~/Notes/.mdvault.yaml lint\n";
      return ExitCode::usage;
    }
    file = options.config;
  } else if (fs::is_regular_file(m_root / ".mdvault.yaml", ec)) {
    file = m_root / ".mdvault.yaml";
  }
  if (!file.empty()) {
    std::vector<core::Diagnostic> diagnostics;
    m_config = core::load_config(display_path(absolute_path(file)), diagnostics);
    print_file_diagnostics(diagnostics, style(STDERR_FILENO));
    if (has_errors(diagnostics)) return ExitCode::usage;
  }
  m_obsidian = core::load_obsidian_settings(m_root);
  m_settings_loaded = true;
  return ExitCode::ok;
}

ExitCode Context::load_schemas(bool strict) {
  if (m_schemas_loaded) return ExitCode::ok;
  if (auto rc = options.schemas.empty() ? require_vault() : load_settings(); rc != ExitCode::ok) return rc;
  fs::path dir;
  std::error_code ec;
  if (!options.schemas.empty()) {
    if (!check_folder(options.schemas, "schema folder", " (given with --schemas)", "")) return ExitCode::usage;
    dir = options.schemas;
  } else if (m_config.schemas) {
    const std::string origin = " (named in " + m_config.file + ")";
    if (!check_folder(*m_config.schemas, "schema folder", origin, "")) return ExitCode::usage;
    dir = *m_config.schemas;
  } else if (fs::is_directory(m_root / "schemas", ec)) {
    dir = m_root / "schemas";
  }
  if (!dir.empty()) {
    m_schema_folder = display_path(absolute_path(dir));
    m_schemas = core::schema::SchemaSet::load_directory(m_schema_folder, m_schema_diagnostics);
  }
  m_schemas_loaded = true;
  if (!strict) return ExitCode::ok;
  print_file_diagnostics(m_schema_diagnostics, style(STDERR_FILENO));
  return has_errors(m_schema_diagnostics) ? ExitCode::usage : ExitCode::ok;
}

ExitCode Context::load_vault(std::function<void(core::Note&)> after_read, NoteNeeds needs) {
  if (m_vault_loaded) return ExitCode::ok;
  if (auto rc = require_vault(); rc != ExitCode::ok) return rc;
  std::error_code ec;
  fs::directory_iterator probe(m_root, ec);
  if (ec) {
    std::cerr << "mdvault: cannot read the vault folder '" << display_path(m_root) << "': " << ec.message()
              << '\n';
    return ExitCode::io;
  }
  core::VaultOptions vault_options;
  vault_options.root = m_root.string();
  vault_options.jobs = options.jobs;
  vault_options.ignore = m_config.ignore;
  // Obsidian's "Excluded files" are not read either.
  vault_options.ignore.insert(vault_options.ignore.end(), m_obsidian.ignore.begin(), m_obsidian.ignore.end());
  vault_options.class_rules = m_config.classes;
  vault_options.fingerprint_body = needs.fingerprint;
  vault_options.cache = open_cache();
  if (m_sharing.active && !m_config.privacy && m_sharing.required) {
    std::cerr << m_sharing.command
              << ": --share applies the privacy policy, but the settings have none; add a privacy: section to "
                 ".mdvault.yaml (see docs/privacy.md)\n";
    return ExitCode::usage;
  }
  const bool sharing = m_sharing.active && m_config.privacy.has_value();
  if (!sharing) {
    vault_options.after_read = std::move(after_read);
    vault_options.keep_body = needs.body;
    vault_options.body_facts = needs.body_facts;
  } else {
    vault_options.keep_body = true;  // the policy edits the text; the command's hook runs on the shared notes
  }
  m_vault = std::make_unique<core::Vault>(core::load_vault(vault_options, core::DiskFileSystem{}));
  if (m_cache) print_cache_notices(m_cache->take_notices());
  m_resolver = std::make_unique<core::LinkResolver>(*m_vault);
  if (sharing) {
    if (auto rc = share_vault(needs.body); rc != ExitCode::ok) return rc;
    if (after_read) {
      auto& notes = m_vault->notes;
      core::parallel_for(notes.size(), options.jobs, [&](std::size_t i) { after_read(notes[i]); });
      m_resolver = std::make_unique<core::LinkResolver>(*m_vault);
    }
  }
  m_vault_loaded = true;
  return ExitCode::ok;
}

core::cache::NoteCache* Context::open_cache() {
  if (options.no_cache) return nullptr;
  const auto folder = cache_folder(options);
  if (!folder) return nullptr;
  auto opened = core::cache::SqliteNoteCache::open(*folder, m_root.string(), cache_identity());
  print_cache_notices(std::move(opened.notices));
  m_cache = std::move(opened.cache);
  return m_cache.get();
}

void Context::print_cache_notices(std::vector<std::string> notices) const {
  for (const auto& notice : notices) std::cerr << "mdvault: " << notice << '\n';
}

std::vector<std::string> Context::field_keys() const {
  return m_shared ? m_owner_field_keys : core::privacy::vault_field_keys(*m_vault);
}

fs::path Context::file_base() const {
  std::error_code ec;
  const fs::path cwd = absolute_path(fs::current_path(ec));
  const char* workspace = std::getenv("GITHUB_WORKSPACE");
  if (workspace == nullptr || *workspace == '\0') return cwd;
  const fs::path base = absolute_path(workspace);
  const std::string inside = m_root.lexically_relative(base).generic_string();
  return !inside.empty() && inside != ".." && inside.rfind("../", 0) != 0 ? base : cwd;
}

bool Context::is_vault_under_base() const {
  const std::string inside = m_root.lexically_relative(file_base()).generic_string();
  return !inside.empty() && inside != ".." && inside.rfind("../", 0) != 0;
}

std::string Context::file_path(std::string_view vault_path) const {
  if (vault_path.empty()) return {};
  const fs::path full = m_root / fs::path(std::string(vault_path));
  const fs::path relative = full.lexically_relative(file_base());
  return relative.empty() ? full.generic_string() : relative.generic_string();
}

std::optional<std::string> Context::vault_relative(std::string_view argument) const {
  std::string trimmed(argument);
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  const fs::path relative = absolute_path(trimmed).lexically_relative(m_root);
  const std::string text = relative.generic_string();
  if (relative.empty() || text == ".." || text.rfind("../", 0) == 0) return std::nullopt;
  if (text == ".") return std::string{};
  return text;
}

Style Context::style(int fd) const {
  const auto mode = parse_color_mode(options.color).value_or(ColorMode::automatic);
  return Style{should_color(mode, fd)};
}

}  // namespace mdvault::cli
