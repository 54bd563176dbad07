#pragma once
// Whether anything under the vault changed since the last look, for `mdvault mcp`: inotify
// on every folder (nothing to do while nothing changes), or, when inotify cannot be used
// (the watch limit reached, a queue overflow), a walk over the files' metadata (paths, sizes,
// modification times). .git and Obsidian's workspace*.json are left out: they change nothing
// mdvault reads.

#include <cstdint>
#include <filesystem>
#include <unordered_set>
#include <vector>

namespace mdvault::cli {

class FileWatch {
public:
  /// `roots`: folders watched with all they hold, and single files (a --config elsewhere).
  explicit FileWatch(std::vector<std::filesystem::path> roots);
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

  /// Looks afresh: changed() then tells of changes after this call. Call before reading the files.
  void arm();
  /// True when something changed since arm().
  [[nodiscard]] bool changed();

private:
  [[nodiscard]] std::uint64_t fingerprint() const;
  bool watch_all();
  void close_watch();

  std::vector<std::filesystem::path> m_roots;
  int m_fd = -1;                       ///< the inotify descriptor, or -1 (walk instead)
  std::unordered_set<int> m_obsidian;  ///< watches of .obsidian folders (workspace files ignored there)
  std::uint64_t m_fingerprint = 0;     ///< of the walk, when inotify is not used
};

}  // namespace mdvault::cli
