#include "core/cache/sqlite_note_cache.hpp"

#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace mdvault::core::cache {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notes (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  read_ns INTEGER NOT NULL,
  facts BLOB NOT NULL
);
)sql";

/// The tables' layout: part of the identity, so a database of another layout is made anew.
constexpr const char* k_layout = " layout 3";

/// The files SQLite keeps for one database.
constexpr const char* k_suffixes[] = {"", "-wal", "-shm", "-journal"};

/// True for the errors that mean the file is not a sound database.
bool is_damage(int code) {
  const int primary = code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

/// One prepared statement, finalised when it goes out of scope.
class Statement {
public:
  Statement(sqlite3* db, const char* sql) { m_code = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr); }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  [[nodiscard]] bool ok() const { return m_code == SQLITE_OK; }
  [[nodiscard]] int code() const { return m_code; }
  sqlite3_stmt* get() { return m_stmt; }
  void bind_text(int i, std::string_view s) {
    sqlite3_bind_text(m_stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void bind_blob(int i, std::string_view s) {
    sqlite3_bind_blob(m_stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void bind_int(int i, std::int64_t v) { sqlite3_bind_int64(m_stmt, i, v); }
  /// Runs to the end (a statement without rows); the last result code.
  int run() {
    m_code = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return m_code == SQLITE_DONE ? SQLITE_OK : m_code;
  }
  std::string column_text(int i) {
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, i));
    return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, i)));
  }

private:
  sqlite3_stmt* m_stmt = nullptr;
  int m_code = SQLITE_OK;
};

/// Runs SQL without results; the SQLite result code.
int execute(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

std::string message_of(sqlite3* db, int code) {
  const char* text = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  return text != nullptr ? text : sqlite3_errstr(code);
}

/// The meta value of `key`, or empty.
std::string meta_value(sqlite3* db, const char* key) {
  Statement select(db, "SELECT value FROM meta WHERE key = ?1");
  if (!select.ok()) return {};
  select.bind_text(1, key);
  return sqlite3_step(select.get()) == SQLITE_ROW ? select.column_text(0) : std::string();
}

void remove_database(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : k_suffixes) fs::remove(path + suffix, ec);
}

}  // namespace

std::string database_name(const std::string& vault_root) {
  std::uint64_t h = 14695981039346656037ULL;  // FNV-1a, 64 bits: stable across builds
  for (const char c : vault_root) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.sqlite", static_cast<unsigned long long>(h));
  return name;
}

OpenedCache SqliteNoteCache::open(const std::string& folder, const std::string& vault_root,
                                  const std::string& identity) {
  OpenedCache opened;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder, ec)) {
    opened.notices.push_back("cannot make the cache folder " + folder + " (" +
                             (ec ? ec.message() : std::string("it is not a folder")) +
                             "); every note was read from its file");
    return opened;
  }
  ::chmod(folder.c_str(), 0700);  // the cache holds note text: the owner's alone
  std::unique_ptr<SqliteNoteCache> cache(new SqliteNoteCache());
  cache->m_path = (fs::path(folder) / database_name(vault_root)).string();
  cache->m_identity = identity + k_layout;
  cache->m_vault_root = vault_root;
  if (auto problem = cache->connect()) {
    opened.notices = cache->take_notices();
    opened.notices.push_back("cannot use the cache " + cache->m_path + " (" + *problem +
                             "); every note was read from its file");
    return opened;
  }
  opened.notices = cache->take_notices();
  opened.cache = std::move(cache);
  return opened;
}

std::optional<std::string> SqliteNoteCache::connect() {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (m_db != nullptr) {
      sqlite3_close(m_db);
      m_db = nullptr;
    }
    // Made 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
    // O_NOFOLLOW: a symbolic link put in the database's place is refused, never written through.
    const int fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return std::string(std::strerror(errno));
    ::fchmod(fd, 0600);
    ::close(fd);
    int code = sqlite3_open_v2(m_path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code == SQLITE_OK) {
      sqlite3_busy_timeout(m_db, 5000);
      code = execute(m_db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL");
    }
    if (code == SQLITE_OK) code = execute(m_db, "BEGIN IMMEDIATE");
    if (code == SQLITE_OK) code = execute(m_db, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    if (code == SQLITE_OK && meta_value(m_db, "identity") != m_identity) {
      // Notes read by another build may hold other facts, in other tables: start again.
      code = execute(m_db, "DROP TABLE IF EXISTS notes; DROP TABLE IF EXISTS bodies");  // bodies: layout 2
      Statement put(m_db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
      if (code == SQLITE_OK && put.ok()) {
        put.bind_text(1, "identity");
        put.bind_text(2, m_identity);
        code = put.run();
        put.bind_text(1, "vault");
        put.bind_text(2, m_vault_root);
        if (code == SQLITE_OK) code = put.run();
      } else if (code == SQLITE_OK) {
        code = put.code();
      }
    }
    if (code == SQLITE_OK) code = execute(m_db, k_schema);
    if (code == SQLITE_OK) code = execute(m_db, "COMMIT");
    if (code == SQLITE_OK) return std::nullopt;
    const std::string why = message_of(m_db, code);
    execute(m_db, "ROLLBACK");
    if (!is_damage(code) || attempt == 1) {
      sqlite3_close(m_db);
      m_db = nullptr;
      return why;
    }
    notice("the cache " + m_path + " was damaged (" + why + "); it was removed and is being built again");
    sqlite3_close(m_db);
    m_db = nullptr;
    remove_database(m_path);
  }
  return std::string("cannot be opened");
}

SqliteNoteCache::~SqliteNoteCache() {
  if (m_db != nullptr) sqlite3_close(m_db);
}

void SqliteNoteCache::notice(const std::string& text) {
  if (std::find(m_noticed.begin(), m_noticed.end(), text) != m_noticed.end()) return;
  m_noticed.push_back(text);
  m_notices.push_back(text);
}

std::vector<std::string> SqliteNoteCache::take_notices() { return std::exchange(m_notices, {}); }

void SqliteNoteCache::rebuild(const std::string& why) {
  notice("the cache " + m_path + " was damaged (" + why + "); it was removed and is being built again");
  sqlite3_close(m_db);
  m_db = nullptr;
  remove_database(m_path);
  if (auto problem = connect()) notice("cannot make the cache " + m_path + " again (" + *problem + ")");
}

std::unordered_map<std::string, CachedNote> SqliteNoteCache::load() {
  std::unordered_map<std::string, CachedNote> entries;
  if (m_db == nullptr) return entries;
  Statement select(m_db, "SELECT path, size, mtime_ns, inode, read_ns, facts FROM notes");
  int code = select.code();
  if (select.ok()) {
    while ((code = sqlite3_step(select.get())) == SQLITE_ROW) {
      CachedNote entry;
      entry.stamp.size = static_cast<std::uintmax_t>(sqlite3_column_int64(select.get(), 1));
      entry.stamp.mtime_ns = sqlite3_column_int64(select.get(), 2);
      entry.stamp.inode = static_cast<std::uint64_t>(sqlite3_column_int64(select.get(), 3));
      entry.read_ns = sqlite3_column_int64(select.get(), 4);
      entry.facts = select.column_text(5);
      entries.emplace(select.column_text(0), std::move(entry));
    }
  }
  if (code == SQLITE_DONE) return entries;
  entries.clear();
  if (is_damage(code)) {
    rebuild(message_of(m_db, code));
  } else {
    notice("cannot read the cache " + m_path + " (" + message_of(m_db, code) + "); every note was read from its file");
  }
  return entries;
}

void SqliteNoteCache::store(std::vector<std::pair<std::string, CachedNote>> changed, std::vector<std::string> removed) {
  if (m_db == nullptr) return;
  int code = execute(m_db, "BEGIN IMMEDIATE");
  if (code == SQLITE_OK) {
    Statement put(m_db,
                  "INSERT OR REPLACE INTO notes (path, size, mtime_ns, inode, read_ns, facts) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    Statement drop(m_db, "DELETE FROM notes WHERE path = ?1");
    code = !put.ok() ? put.code() : drop.code();
    for (std::size_t i = 0; code == SQLITE_OK && i < changed.size(); ++i) {
      const auto& [path, entry] = changed[i];
      put.bind_text(1, path);
      put.bind_int(2, static_cast<std::int64_t>(entry.stamp.size));
      put.bind_int(3, entry.stamp.mtime_ns);
      put.bind_int(4, static_cast<std::int64_t>(entry.stamp.inode));
      put.bind_int(5, entry.read_ns);
      put.bind_blob(6, entry.facts);
      code = put.run();
    }
    for (std::size_t i = 0; code == SQLITE_OK && i < removed.size(); ++i) {
      drop.bind_text(1, removed[i]);
      code = drop.run();
    }
  }
  if (code == SQLITE_OK) code = execute(m_db, "COMMIT");
  if (code == SQLITE_OK) return;
  const std::string why = message_of(m_db, code);
  execute(m_db, "ROLLBACK");
  if (is_damage(code)) {
    rebuild(why);
  } else {
    notice("could not update the cache " + m_path + " (" + why + "); the results are not affected");
  }
}

CacheSummary SqliteNoteCache::summarize(const std::string& folder, const std::string& vault_root,
                                        const std::string& identity) {
  CacheSummary summary;
  const std::string path = (fs::path(folder) / database_name(vault_root)).string();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return summary;
  summary.exists = true;
  for (const char* suffix : k_suffixes) {
    const auto size = fs::file_size(path + suffix, ec);
    if (!ec) summary.bytes += size;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    summary.vault = meta_value(db, "vault");
    summary.identity = meta_value(db, "identity");
    summary.current = summary.identity == identity + k_layout;
    Statement count(db, "SELECT count(*) FROM notes");
    if (count.ok() && sqlite3_step(count.get()) == SQLITE_ROW) {
      summary.notes = static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0));
    }
  }
  sqlite3_close(db);
  return summary;
}

std::optional<std::string> SqliteNoteCache::clear(const std::string& folder, const std::string& vault_root) {
  const std::string path = (fs::path(folder) / database_name(vault_root)).string();
  for (const char* suffix : k_suffixes) {
    std::error_code ec;
    fs::remove(path + suffix, ec);
    if (ec) return "cannot remove " + path + suffix + ": " + ec.message();
  }
  return std::nullopt;
}

}  // namespace mdvault::core::cache
