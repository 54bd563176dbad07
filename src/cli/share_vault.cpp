// Context::share_vault: the privacy policy applied to the loaded vault (docs/privacy.md).

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include "cli/cli_context.hpp"
#include "core/export/atomic_file.hpp"
#include "core/privacy/name_matcher.hpp"
#include "core/privacy/names.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/privacy/pseudonym_map.hpp"
#include "core/privacy/shared_vault.hpp"

namespace mdvault::cli {

namespace {

namespace fs = std::filesystem;
namespace pv = core::privacy;

/// True when `path` is `folder` or lies under it (both made absolute, links followed as far as they exist).
bool is_within(const fs::path& path, const fs::path& folder) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path f = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  const std::string relative = p.lexically_relative(f).generic_string();
  return !relative.empty() && relative != ".." && relative.rfind("../", 0) != 0;
}

/// Reads the pseudonym map at `path` (an empty map when there is no file yet).
std::variant<pv::PseudonymMap, std::string> read_map(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::symlink_status(path, ec);
  if (!fs::exists(status)) return pv::PseudonymMap{};
  if (!fs::is_regular_file(fs::status(path, ec))) return std::string("it is not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::string("it cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return pv::PseudonymMap::parse(text.str());
}

}  // namespace

ExitCode Context::share_vault(bool keep_body) {
  const pv::PrivacyPolicy& policy = *m_config.privacy;
  const std::string& cmd = m_sharing.command;
  pv::PrivateNotes private_notes = pv::find_private_notes(*m_vault, *m_resolver, policy);
  print_file_diagnostics(private_notes.problems, style(STDERR_FILENO));
  if (has_errors(private_notes.problems)) return ExitCode::usage;
  if (!private_notes.unreadable.empty()) {
    const auto& unreadable = private_notes.unreadable;
    constexpr std::size_t k_named = 10;
    std::cerr << cmd << ": kept private, because their frontmatter could not be read (run mdvault lint): ";
    for (std::size_t i = 0; i < unreadable.size() && i < k_named; ++i) std::cerr << (i == 0 ? "" : ", ") << unreadable[i];
    if (unreadable.size() > k_named) std::cerr << " and " << (unreadable.size() - k_named) << " more";
    std::cerr << '\n';
  }
  pv::NameMatcher names;
  if (!policy.pseudonymize.empty()) {
    const std::string& file = m_sharing.pseudonym_map;
    if (file.empty() && m_sharing.map_required) {
      std::cerr << cmd << ": the privacy policy replaces names (pseudonymize: " << policy.pseudonymize.front().text
                << "), so give --pseudonym-map FILE: a file outside the vault where mdvault keeps which pseudonym "
                   "stands for which name, e.g. --pseudonym-map ~/private/pseudonyms.json\n";
      return ExitCode::usage;
    }
    if (!file.empty() && is_within(file, m_root)) {
      std::cerr << cmd << ": the pseudonym map '" << file
                << "' lies inside the vault, where it could be shared with the notes; keep it outside the vault\n";
      return ExitCode::usage;
    }
    if (!file.empty() && !m_sharing.out.empty() && is_within(file, fs::absolute(m_sharing.out).parent_path())) {
      std::cerr << cmd << ": the pseudonym map '" << file
                << "' lies in the folder the export is written to, where it would travel with it; keep it elsewhere\n";
      return ExitCode::usage;
    }
    pv::PseudonymMap map;
    if (!file.empty()) {
      auto read = read_map(file);
      if (auto* error = std::get_if<std::string>(&read)) {
        std::cerr << cmd << ": cannot use the pseudonym map '" << file << "': " << *error
                  << "; mdvault never replaces a map it cannot read: fix it, or give a new file\n";
        return ExitCode::usage;
      }
      map = std::move(std::get<pv::PseudonymMap>(read));
    }
    for (const auto& group : pv::collect_names(*m_vault, *m_resolver, policy)) map.assign(group.names, group.label);
    if (!file.empty() && map.changed()) {
      // Written before anything is shared: an export whose pseudonyms could not be kept
      // could never be read back by its owner.
      auto created = core::exports::AtomicFile::create(file);
      if (auto* error = std::get_if<std::string>(&created)) {
        std::cerr << cmd << ": cannot write the pseudonym map: " << *error << '\n';
        return ExitCode::io;
      }
      auto& atomic = std::get<core::exports::AtomicFile>(created);
      {
        std::ofstream out(atomic.temp_path(), std::ios::binary | std::ios::trunc);
        out << map.to_json();
        out.close();
        if (!out) {
          std::cerr << cmd << ": cannot write the pseudonym map '" << file << "' (is the disk full?)\n";
          return ExitCode::io;
        }
      }
      if (auto error = atomic.commit(true)) {
        std::cerr << cmd << ": " << *error << '\n';
        return ExitCode::io;
      }
    }
    for (const auto& entry : map.entries()) {
      for (const auto& name : entry.names) names.add(name, entry.pseudonym);
    }
  }
  pv::ShareOptions share_options;
  share_options.dates_year = m_sharing.dates_year;
  share_options.keep_body = keep_body;
  share_options.jobs = options.jobs;
  m_owner_field_keys = pv::vault_field_keys(*m_vault);  // before share_vault takes the notes
  auto shared = std::make_unique<core::Vault>(
      pv::share_vault(*m_vault, *m_resolver, policy, private_notes, names, share_options));
  m_resolver.reset();
  m_vault = std::move(shared);
  m_resolver = std::make_unique<core::LinkResolver>(*m_vault);
  m_shared = true;
  return ExitCode::ok;
}

}  // namespace mdvault::cli
