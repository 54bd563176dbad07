#pragma once
// The index `mdvault mcp` answers from, kept fresh: before a request that reads the vault it
// looks at the files' metadata (paths, sizes, modification times, no contents) and, when
// anything changed, reads the vault again the way the command line does (Context::load_vault,
// the privacy policy applied as export applies it). A burst of requests on unchanged files
// reads nothing again.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "cli/cli_context.hpp"
#include "cli/exit_code.hpp"
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
  /// A hash of every path, size and modification time under the root (and of --config and
  /// --schemas when they lie elsewhere).
  [[nodiscard]] std::uint64_t fingerprint() const;
  ExitCode reload();

  GlobalOptions m_options;
  SharingRequest m_sharing;
  bool m_include_private = false;
  std::filesystem::path m_root;
  std::unique_ptr<Context> m_context;
  std::unique_ptr<core::mcp::VaultIndex> m_index;
  std::uint64_t m_fingerprint = 0;
};

}  // namespace mdvault::cli
