#pragma once
// The index `mdvault mcp` answers from, kept fresh: before a request that reads the vault it
// asks the FileWatch whether anything changed (inotify, else the files' metadata) and, when
// anything did, reads the vault again the way the command line does (Context::load_vault,
// the privacy policy applied as export applies it). A burst of requests on unchanged files
// reads nothing again.

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "cli/cli_context.hpp"
#include "cli/exit_code.hpp"
#include "cli/mcp_file_watch.hpp"
#include "core/mcp/vault_index.hpp"

namespace mdvault::cli {

class DiskIndexSource final : public core::mcp::IndexSource {
public:
  /// `include_private`: --include-private was given (the policy is off).
  DiskIndexSource(GlobalOptions options, SharingRequest sharing, bool include_private);
  ~DiskIndexSource() override;

  /// The first load; its problems are printed on stderr and end the command.
  ExitCode load();

  std::variant<const core::mcp::VaultIndex*, std::string> index() override;

  /// The vault root (after load).
  [[nodiscard]] std::filesystem::path root() const;

private:
  ExitCode reload();

  GlobalOptions m_options;
  SharingRequest m_sharing;
  bool m_include_private = false;
  std::filesystem::path m_root;
  std::unique_ptr<Context> m_context;
  std::unique_ptr<core::mcp::VaultIndex> m_index;
  std::unique_ptr<FileWatch> m_watch;  ///< the vault root, and --config and --schemas when given
};

}  // namespace mdvault::cli
