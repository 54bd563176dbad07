#include "cli/mcp_index_source.hpp"

#include <iostream>
#include <system_error>
#include <vector>

namespace mdvault::cli {

namespace fs = std::filesystem;

DiskIndexSource::DiskIndexSource(GlobalOptions options, SharingRequest sharing, bool include_private)
    : m_options(std::move(options)), m_sharing(std::move(sharing)), m_include_private(include_private) {}

DiskIndexSource::~DiskIndexSource() {
  m_index.reset();  // before the context it points into
}

fs::path DiskIndexSource::root() const { return m_root; }

ExitCode DiskIndexSource::reload() {
  auto context = std::make_unique<Context>();
  context->options = m_options;
  context->request_sharing(m_sharing);
  if (auto rc = context->load_vault({}, {.body = true}); rc != ExitCode::ok) return rc;
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
  facts.property_types = context->obsidian().property_types;
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
  std::vector<fs::path> watched{m_root};
  for (const std::string& extra : {m_options.config, m_options.schemas}) {
    if (!extra.empty()) watched.emplace_back(extra);
  }
  m_watch = std::make_unique<FileWatch>(std::move(watched));
  // Armed before reading, so that a file changed while the vault is read is read again.
  m_watch->arm();
  return reload();
}

std::variant<const core::mcp::VaultIndex*, std::string> DiskIndexSource::index() {
  if (m_watch->changed()) {
    m_watch->arm();
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
