#pragma once
// Where the facts of notes read before are kept between runs (docs/cache.md): an interface,
// so the vault reader knows nothing of SQLite and tests can keep the cache in memory.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace mdvault::core::cache {

/// What identifies one version of a file: a note is read again when any of these changed.
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;  ///< modification time, nanoseconds since the epoch
  std::uint64_t inode = 0;    ///< 0 where the file system has none (memory)
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

/// One note as the cache holds it.
struct CachedNote {
  FileStamp stamp;
  /// When the file was read for this entry (same clock as mtime_ns): a stamp this close to it
  /// is not trusted, since a change within the file system's time granularity keeps the stamp.
  std::int64_t read_ns = 0;
  std::string facts;  ///< encode_note; the body is not kept (it is read from the file, and
                      ///< checked against the fingerprint in the facts)
};

/// The cache of one vault. Implementations never throw; a failure turns into a notice and
/// the reader goes on without the cache (results never depend on it).
class NoteCache {
public:
  virtual ~NoteCache() = default;
  /// Every entry, by vault-relative path.
  virtual std::unordered_map<std::string, CachedNote> load() = 0;
  /// Replaces the entries of `changed` (path → entry) and removes `removed`.
  virtual void store(std::vector<std::pair<std::string, CachedNote>> changed, std::vector<std::string> removed) = 0;
};

}  // namespace mdvault::core::cache
