#pragma once
// JSON and JSON Lines exports (SPEC §7, docs/export-format.md): written note by note, so
// memory does not grow with the size of the export.

#include <optional>
#include <ostream>
#include <string>

#include "core/export/note_record.hpp"

namespace mdvault::core::exports {

/// The value of "format" in a JSON export.
inline constexpr const char* k_export_format_name = "mdvault-export";

/// A frontmatter as exported, as compact JSON: the map, or null when it is nullptr.
std::string frontmatter_json_text(const Value* frontmatter);

/// One note as a compact JSON object on one line.
std::string note_json_text(const NoteRecord& record);

/// Writes `{"format":"mdvault-export","version":1,"notes":[` then one note per line and `]}`
/// (lines = false), or one note object per line (lines = true). Nothing when all went well,
/// else why it stopped (a note's file changed while exporting, the stream failed).
std::optional<std::string> write_json_export(std::ostream& out, const RecordBuilder& builder, bool lines,
                                             const Progress& progress = {});

}  // namespace mdvault::core::exports
