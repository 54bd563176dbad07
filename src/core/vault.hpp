#pragma once
// Scanning a vault folder and reading every note on all cores.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/file_system.hpp"
#include "core/note.hpp"

namespace mdvault::core {

/// Files above this size get file.too-large and are skipped.
inline constexpr std::uintmax_t k_max_note_bytes = 16u * 1024u * 1024u;

struct VaultOptions {
  std::string root;
  unsigned jobs = 0;                ///< 0: hardware threads
  std::vector<std::string> ignore;  ///< globs over vault-relative paths
};

/// Every note, sorted by path, and every other file (attachments).
struct Vault {
  std::string root;
  std::vector<Note> notes;
  std::vector<std::string> attachments;  ///< vault-relative paths, sorted
  std::vector<Diagnostic> diagnostics;   ///< scan-level findings (unreadable folders, loops)
  double parse_seconds = 0;

  /// The note at a vault-relative path ("Styles/Secure.md"), or nullptr.
  [[nodiscard]] const Note* find(std::string_view path) const;
};

/// Reads one note from its bytes: BOM, CRLF, encoding, frontmatter, body, frontmatter links.
Note read_note(const std::string& path, std::string bytes);

/// Scans and reads the vault. Output never depends on `jobs`.
Vault load_vault(const VaultOptions& options, const FileSystem& fs);

}  // namespace mdvault::core
