#include "core/export/sqlite_export.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <utility>

#include "core/json_value.hpp"

namespace mdvault::core::exports {

namespace {

constexpr const char* k_schema = R"sql(CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  path TEXT UNIQUE NOT NULL,
  name TEXT NOT NULL,
  classes TEXT NOT NULL,
  body TEXT,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL
);
CREATE TABLE fields (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id),
  key TEXT NOT NULL,
  position INTEGER,
  value,
  type TEXT NOT NULL
);
CREATE TABLE links (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id),
  target TEXT NOT NULL,
  subpath TEXT,
  display TEXT,
  kind TEXT NOT NULL,
  field TEXT,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  resolved TEXT,
  resolved_note_id INTEGER REFERENCES notes(id) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE tags (
  note_id INTEGER NOT NULL REFERENCES notes(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (note_id, tag)
);
CREATE TABLE aliases (
  note_id INTEGER NOT NULL REFERENCES notes(id),
  alias TEXT NOT NULL,
  PRIMARY KEY (note_id, alias)
);
CREATE TABLE headings (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id),
  level INTEGER NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id),
  status TEXT NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL,
  completed INTEGER NOT NULL
);
CREATE TABLE inline_fields (
  id INTEGER PRIMARY KEY,
  note_id INTEGER NOT NULL REFERENCES notes(id),
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  line INTEGER NOT NULL
);
CREATE INDEX fields_note ON fields(note_id);
CREATE INDEX fields_key ON fields(key);
CREATE INDEX links_note ON links(note_id);
CREATE INDEX links_resolved ON links(resolved_note_id);
CREATE INDEX tags_tag ON tags(tag);
CREATE INDEX aliases_alias ON aliases(alias);
CREATE INDEX headings_note ON headings(note_id);
CREATE INDEX tasks_note ON tasks(note_id);
CREATE INDEX inline_fields_note ON inline_fields(note_id);
CREATE INDEX inline_fields_key ON inline_fields(key);
CREATE VIEW backlinks AS
  SELECT links.resolved_note_id AS note_id, links.note_id AS source_id, links.kind, links.field,
         links.line, links.col
  FROM links WHERE links.resolved_note_id IS NOT NULL AND links.resolved_note_id != links.note_id;
)sql";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtCloser {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;
using Stmt = std::unique_ptr<sqlite3_stmt, StmtCloser>;

/// The SQLite failure in words.
std::string failure(sqlite3* db, const std::string& what) {
  return what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory");
}

/// A prepared INSERT that binds its parameters left to right.
class Insert {
public:
  Insert(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    m_ok = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) == SQLITE_OK;
    m_stmt.reset(raw);
  }
  [[nodiscard]] bool ok() const { return m_ok; }
  Insert& text(std::string_view s) {
    sqlite3_bind_text(m_stmt.get(), ++m_at, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Insert& text_or_null(std::string_view s) { return s.empty() ? null() : text(s); }
  Insert& integer(std::int64_t i) {
    sqlite3_bind_int64(m_stmt.get(), ++m_at, static_cast<sqlite3_int64>(i));
    return *this;
  }
  Insert& real(double d) {
    sqlite3_bind_double(m_stmt.get(), ++m_at, d);
    return *this;
  }
  Insert& null() {
    sqlite3_bind_null(m_stmt.get(), ++m_at);
    return *this;
  }
  /// Runs the statement; false on failure (the message is in the database handle).
  bool run() {
    const int rc = sqlite3_step(m_stmt.get());
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
    m_at = 0;
    m_ok = m_ok && rc == SQLITE_DONE;
    return rc == SQLITE_DONE;
  }

private:
  Stmt m_stmt;
  int m_at = 0;
  bool m_ok = false;
};

/// The type name stored in fields.type.
std::string type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return "boolean";
    case Value::Kind::integer: return "integer";
    case Value::Kind::floating: return "number";
    case Value::Kind::string: return "string";
    case Value::Kind::list: return "list";
    case Value::Kind::map: return "object";
  }
  return "null";
}

/// Binds a frontmatter value as SQLite's own type: integer, real, text; booleans as 0/1;
/// lists and maps as JSON text.
void bind_value(Insert& insert, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: insert.null(); break;
    case Value::Kind::boolean: insert.integer(value.as_bool() ? 1 : 0); break;
    case Value::Kind::integer: insert.integer(value.as_int()); break;
    case Value::Kind::floating: insert.real(value.as_number()); break;
    case Value::Kind::string: insert.text(value.as_string()); break;
    case Value::Kind::list:
    case Value::Kind::map: insert.text(to_json_text(value)); break;
  }
}

bool exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

/// JSON text of a list of strings.
std::string json_list(const std::vector<std::string>& items) {
  ValueList list;
  for (const auto& item : items) list.push_back(Value::make_string(item));
  return to_json_text(Value::make_list(std::move(list)));
}

/// Inserts every record; the statements are finalized on return.
std::optional<std::string> write_rows(sqlite3* db, const RecordBuilder& builder, const Progress& progress) {
  Insert notes(db, "INSERT INTO notes(id, path, name, classes, body, size, mtime) VALUES (?,?,?,?,?,?,?)");
  Insert fields(db, "INSERT INTO fields(note_id, key, position, value, type) VALUES (?,?,?,?,?)");
  Insert links(db,
               "INSERT INTO links(note_id, target, subpath, display, kind, field, line, col, resolved, "
               "resolved_note_id) VALUES (?,?,?,?,?,?,?,?,?,?)");
  Insert tags(db, "INSERT OR IGNORE INTO tags(note_id, tag) VALUES (?,?)");
  Insert aliases(db, "INSERT OR IGNORE INTO aliases(note_id, alias) VALUES (?,?)");
  Insert headings(db, "INSERT INTO headings(note_id, level, text, line) VALUES (?,?,?,?)");
  Insert tasks(db, "INSERT INTO tasks(note_id, status, text, line, completed) VALUES (?,?,?,?,?)");
  Insert inline_fields(db, "INSERT INTO inline_fields(note_id, key, value, line) VALUES (?,?,?,?)");
  const auto all_ok = [&] {
    for (const Insert* insert : {&notes, &fields, &links, &tags, &aliases, &headings, &tasks, &inline_fields}) {
      if (!insert->ok()) return false;
    }
    return true;
  };
  if (!all_ok()) return failure(db, "cannot prepare the inserts");

  const std::size_t total = builder.notes().size();
  for (std::size_t i = 0; i < total; ++i) {
    const NoteRecord record = builder.build(i);
    if (!record.error.empty()) return record.error;
    const Note& note = *record.note;
    const auto id = static_cast<std::int64_t>(i + 1);
    notes.integer(id).text(note.path).text(note.name).text(json_list(note.classes));
    if (record.has_body) {
      notes.text(record.body());
    } else {
      notes.null();
    }
    notes.integer(static_cast<std::int64_t>(note.size)).integer(note.mtime).run();
    if (record.frontmatter.value != nullptr) {
      for (const auto& entry : record.frontmatter.value->as_map()) {
        const Value& value = entry.value;
        if (value.is_list() && !value.as_list().empty()) {
          std::int64_t position = 0;
          for (const auto& item : value.as_list()) {
            fields.integer(id).text(entry.key).integer(position++);
            bind_value(fields, item);
            fields.text(type_name(item)).run();
          }
        } else if (value.is_list()) {  // an empty list: one row, no item
          fields.integer(id).text(entry.key).null().null().text("list").run();
        } else {
          fields.integer(id).text(entry.key).null();
          bind_value(fields, value);
          fields.text(type_name(value)).run();
        }
      }
    }
    for (const auto& item : record.links) {
      const Link& link = *item.link;
      links.integer(id).text(link.target).text_or_null(link.subpath);
      if (link.has_display) {
        links.text(link.display);
      } else {
        links.null();
      }
      links.text(std::string(to_string(link.kind))).text_or_null(link.field).integer(link.line).integer(link.column);
      links.text_or_null(item.resolved);
      if (item.resolved_note >= 0) {
        links.integer(static_cast<std::int64_t>(item.resolved_note) + 1);
      } else {
        links.null();
      }
      links.run();
    }
    for (const auto& tag : record.tags) tags.integer(id).text(tag).run();
    for (const auto& alias : record.aliases) aliases.integer(id).text(alias).run();
    for (const auto& heading : note.headings) {
      headings.integer(id).integer(heading.level).text(heading.text).integer(heading.line).run();
    }
    for (const auto& task : note.tasks) {
      tasks.integer(id).text(task.status).text(task.text).integer(task.line).integer(task.is_completed() ? 1 : 0).run();
    }
    for (const InlineField* field : record.fields) {
      inline_fields.integer(id).text(field->key).text(field->value).integer(field->line).run();
    }
    if (!all_ok()) return failure(db, "cannot write " + note.path);
    if (progress) progress(i + 1, total);
  }
  return std::nullopt;
}

}  // namespace

std::string sqlite_schema_sql() { return k_schema; }

std::optional<std::string> write_sqlite_export(const std::string& file, const RecordBuilder& builder,
                                               const Progress& progress) {
  sqlite3* raw = nullptr;
  const int open_rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Db db(raw);
  if (open_rc != SQLITE_OK) return failure(raw, "cannot open the database");
  // The file is a fresh temporary one, renamed into place only when complete: no journal on disk.
  if (!exec(db.get(), "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;")) {
    return failure(db.get(), "cannot set up the database");
  }
  if (!exec(db.get(), "BEGIN")) return failure(db.get(), "cannot start the transaction");
  if (!exec(db.get(), k_schema)) return failure(db.get(), "cannot create the tables");
  if (!exec(db.get(), ("PRAGMA user_version = " + std::to_string(k_export_version)).c_str())) {
    return failure(db.get(), "cannot set the version");
  }
  if (auto error = write_rows(db.get(), builder, progress)) return error;
  if (!exec(db.get(), "COMMIT")) return failure(db.get(), "cannot finish the database");
  sqlite3* handle = db.release();
  if (sqlite3_close(handle) != SQLITE_OK) return failure(handle, "cannot close the database");
  return std::nullopt;
}

}  // namespace mdvault::core::exports
