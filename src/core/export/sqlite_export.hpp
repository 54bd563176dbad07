#pragma once
// SQLite export (docs/export-format.md): tables notes, fields, links, tags, aliases, headings,
// tasks and inline_fields with keys and indexes, written in one transaction. SQLite stays
// inside sqlite_export.cpp.

#include <optional>
#include <string>

#include "core/export/note_record.hpp"

namespace mdvault::core::exports {

/// The SQL that creates the tables, indexes and views (also printed in the docs).
std::string sqlite_schema_sql();

/// Writes the database into `file` (an empty or new file). Nothing on success, else why not.
std::optional<std::string> write_sqlite_export(const std::string& file, const RecordBuilder& builder,
                                               const Progress& progress = {});

}  // namespace mdvault::core::exports
