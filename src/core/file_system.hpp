#pragma once
// File access behind an interface, so tests can run on an in-memory file system.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mdvault::core {

/// One regular file found under the vault root.
struct FileEntry {
  std::string path;  ///< relative to the root, '/' separators
  std::uintmax_t size = 0;
  std::int64_t mtime = 0;
};

/// A problem met while walking the tree (unreadable folder, symlink loop, ...).
struct WalkProblem {
  std::string path;
  std::string message;
};

struct WalkResult {
  std::vector<FileEntry> files;  ///< sorted by path
  std::vector<WalkProblem> problems;
};

/// Reading a file: its bytes, or an error message.
struct ReadResult {
  bool ok = false;
  std::string bytes;
  std::string error;
};

class FileSystem {
public:
  virtual ~FileSystem() = default;
  /// Every regular file under `root`, skipping folders whose name starts with '.',
  /// never following symbolic links to folders.
  [[nodiscard]] virtual WalkResult walk(const std::string& root) const = 0;
  /// Reads `root/relative`; refuses files larger than `max_bytes` (error "too large").
  [[nodiscard]] virtual ReadResult read(const std::string& root, const std::string& relative,
                                        std::uintmax_t max_bytes) const = 0;
};

/// The real disk.
class DiskFileSystem final : public FileSystem {
public:
  [[nodiscard]] WalkResult walk(const std::string& root) const override;
  [[nodiscard]] ReadResult read(const std::string& root, const std::string& relative,
                                std::uintmax_t max_bytes) const override;
};

/// Files held in memory, keyed by relative path; for tests.
class MemoryFileSystem final : public FileSystem {
public:
  void add(const std::string& relative, std::string bytes, std::int64_t mtime = 0);
  [[nodiscard]] WalkResult walk(const std::string& root) const override;
  [[nodiscard]] ReadResult read(const std::string& root, const std::string& relative,
                                std::uintmax_t max_bytes) const override;

private:
  std::map<std::string, std::pair<std::string, std::int64_t>> m_files;
};

}  // namespace mdvault::core
