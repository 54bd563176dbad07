#pragma once
// The note cache in an SQLite database, one per vault, outside the vault (docs/cache.md).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <unordered_map>
#include <vector>

#include "core/cache/note_cache.hpp"

struct sqlite3;

namespace mdvault::core::cache {

/// What `mdvault cache status` tells of one database.
struct CacheSummary {
  bool exists = false;
  std::string vault;         ///< the vault root the database was made for
  std::string identity;      ///< the mdvault build that wrote its notes
  bool current = false;      ///< written by the build asking, in this layout: its notes are used
  std::size_t notes = 0;
  std::uintmax_t bytes = 0;  ///< the database's files on disk
};

/// The file name of a vault's database inside the cache folder: a hash of its root path, so
/// the name tells nothing of the vault.
std::string database_name(const std::string& vault_root);

class SqliteNoteCache;

/// A cache opened, or nothing with the reason in `notices`.
struct OpenedCache {
  std::unique_ptr<SqliteNoteCache> cache;
  std::vector<std::string> notices;
};

class SqliteNoteCache final : public NoteCache {
public:
  /// Opens (or creates) `folder`/database_name(vault_root), the folder 0700 and the file 0600.
  /// A database written by another build (`identity`: version and build) is emptied; a damaged
  /// one is removed and made again. Nothing when the cache cannot be used; the reason is then
  /// in the notices.
  static OpenedCache open(const std::string& folder, const std::string& vault_root, const std::string& identity);
  ~SqliteNoteCache() override;
  SqliteNoteCache(const SqliteNoteCache&) = delete;
  SqliteNoteCache& operator=(const SqliteNoteCache&) = delete;

  std::unordered_map<std::string, CachedNote> load() override;
  void store(std::vector<std::pair<std::string, CachedNote>> changed, std::vector<std::string> removed) override;

  /// Problems met since the last call (each kind once), in plain words, for stderr.
  std::vector<std::string> take_notices();

  /// What the database of `vault_root` in `folder` holds, without creating it; `identity` is
  /// the asking build's, as given to open.
  static CacheSummary summarize(const std::string& folder, const std::string& vault_root, const std::string& identity);
  /// Removes the database of `vault_root` in `folder`: nothing when it is gone, else why not.
  static std::optional<std::string> clear(const std::string& folder, const std::string& vault_root);

private:
  SqliteNoteCache() = default;
  /// Opens m_path and makes its tables; the SQLite error message when that fails.
  std::optional<std::string> connect();
  /// Records a problem once.
  void notice(const std::string& text);
  /// After an error that says the database is damaged: removes it and starts an empty one.
  void rebuild(const std::string& why);

  sqlite3* m_db = nullptr;
  std::string m_path;
  std::string m_identity;
  std::string m_vault_root;
  std::vector<std::string> m_notices;
  std::vector<std::string> m_noticed;
};

}  // namespace mdvault::core::cache
