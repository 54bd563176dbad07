#include "cli/mcp_index_source.hpp"

#include <iostream>
#include <system_error>

namespace mdvault::cli {

namespace {

namespace fs = std::filesystem;

/// FNV-1a over bytes.
void mix(std::uint64_t& hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
}

void mix_number(std::uint64_t& hash, std::uint64_t n) {
  mix(hash, std::string_view(reinterpret_cast<const char*>(&n), sizeof n));  // NOLINT: bytes of a number
}

/// Mixes every entry under `dir` (links not followed; .git and Obsidian's workspace files left out) into `hash`.
void mix_tree(std::uint64_t& hash, const fs::path& dir) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const fs::path name = entry.path().filename();
    if (name == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    // Obsidian rewrites its window layout whenever the app is used; it changes nothing mdvault reads.
    if (entry.path().parent_path().filename() == ".obsidian" && name.string().starts_with("workspace")) continue;
    std::error_code stat_ec;
    const auto status = entry.symlink_status(stat_ec);
    mix(hash, entry.path().native());
    mix_number(hash, static_cast<std::uint64_t>(status.type()));
    if (fs::is_regular_file(status)) {
      mix_number(hash, static_cast<std::uint64_t>(entry.file_size(stat_ec)));
      mix_number(hash, static_cast<std::uint64_t>(entry.last_write_time(stat_ec).time_since_epoch().count()));
    }
  }
}

}  // namespace

DiskIndexSource::DiskIndexSource(GlobalOptions options, SharingRequest sharing, bool include_private)
    : m_options(std::move(options)), m_sharing(std::move(sharing)), m_include_private(include_private) {}

DiskIndexSource::~DiskIndexSource() {
  m_index.reset();  // before the context it points into
}

fs::path DiskIndexSource::root() const { return m_root; }

std::uint64_t DiskIndexSource::fingerprint() const {
  std::uint64_t hash = 14695981039346656037ULL;
  mix_tree(hash, m_root);
  for (const std::string& extra : {m_options.config, m_options.schemas}) {
    if (extra.empty()) continue;
    std::error_code ec;
    mix(hash, extra);
    if (fs::is_directory(extra, ec)) {
      mix_tree(hash, extra);
    } else if (fs::is_regular_file(extra, ec)) {
      mix_number(hash, static_cast<std::uint64_t>(fs::file_size(extra, ec)));
      mix_number(hash, static_cast<std::uint64_t>(fs::last_write_time(extra, ec).time_since_epoch().count()));
    }
  }
  return hash;
}

ExitCode DiskIndexSource::reload() {
  auto context = std::make_unique<Context>();
  context->options = m_options;
  context->request_sharing(m_sharing);
  if (auto rc = context->load_vault({}, true); rc != ExitCode::ok) return rc;
  if (auto rc = context->load_schemas(false); rc != ExitCode::ok) return rc;
  core::mcp::IndexFacts facts;
  if (context->is_shared()) {
    facts.privacy = "applied";
  } else if (m_include_private && context->config().privacy) {
    facts.privacy = "off";
  }
  facts.has_schema_folder = !context->schema_folder().empty();
  facts.skip_folders = context->obsidian().template_folders;
  facts.jobs = m_options.jobs;
  auto index = std::make_unique<core::mcp::VaultIndex>(context->vault(), context->resolver(), context->config(),
                                                       context->schemas(), std::move(facts));
  m_root = context->root();
  m_index = std::move(index);
  m_context = std::move(context);
  return ExitCode::ok;
}

ExitCode DiskIndexSource::load() {
  {
    Context settings;
    settings.options = m_options;
    if (auto rc = settings.require_vault(); rc != ExitCode::ok) return rc;
    m_root = settings.root();
  }
  // Taken before reading, so that a file changed while the vault is read is read again.
  m_fingerprint = fingerprint();
  return reload();
}

std::variant<const core::mcp::VaultIndex*, std::string> DiskIndexSource::index() {
  if (const std::uint64_t now = fingerprint(); now != m_fingerprint) {
    m_fingerprint = now;
    m_index.reset();
    m_context.reset();
    if (reload() != ExitCode::ok) {
      std::cerr << "mdvault mcp: the vault could not be read again (see above); answering with an error until the "
                   "files change\n";
    } else {
      std::cerr << "mdvault mcp: files changed; read the vault again (" << m_context->vault().notes.size()
                << " notes)\n";
    }
  }
  if (m_index == nullptr) {
    return std::string("the vault could not be read (the server's log on stderr says why); once its files are "
                       "fixed, ask again");
  }
  return m_index.get();
}

}  // namespace mdvault::cli
