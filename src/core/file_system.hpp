#pragma once
// File access behind an interface, so tests can run on an in-memory file system.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mdvault::core {

/// One regular file found under the vault root.
struct FileEntry {
  std::string path;  ///< relative to the root, '/' separators
  std::uintmax_t size = 0;
  std::int64_t mtime = 0;     ///< seconds since the epoch
  std::int64_t mtime_ns = 0;  ///< the same, in nanoseconds (as precise as the file system keeps it)
  std::uint64_t inode = 0;    ///< 0 in memory
};

/// A problem met while walking the tree (unreadable folder, symlink loop, a link out of the vault, ...).
struct WalkProblem {
  std::string path;
  std::string message;
  std::string rule = "file.unreadable";  ///< the lint rule: file.unreadable, file.outside-vault, file.special
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
  std::string rule = "file.unreadable";  ///< when not ok: file.unreadable, file.outside-vault or file.special
};

/// Reads one regular file without blocking and without following a symbolic link in its last
/// component: a FIFO, device or socket is refused before it is opened (lstat) and after (fstat).
/// Files larger than `max_bytes` are refused (error "too large").
ReadResult read_regular_file(const std::string& path, std::uintmax_t max_bytes);

/// True when `path` is `folder` or lies under it; both must be canonical (no "..", no link).
bool is_path_inside(const std::filesystem::path& path, const std::filesystem::path& folder);

class FileSystem {
public:
  virtual ~FileSystem() = default;
  /// Every regular file under `root`, skipping folders whose name starts with '.', never
  /// following symbolic links to folders, and following a symbolic link to a file only when its
  /// target (resolved) stays inside `root`; other links and special files become problems.
  [[nodiscard]] virtual WalkResult walk(const std::string& root) const = 0;
  /// Reads `root/relative`; refuses files larger than `max_bytes` (error "too large"), special
  /// files, and symbolic links whose target lies outside `root`.
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
