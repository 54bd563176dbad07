#pragma once
// CSV export (RFC 4180): one row per note, columns path, name, then one per frontmatter key
// (or the chosen --fields); lists joined with "; ", maps as JSON; CRLF line ends; UTF-8.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/export/note_record.hpp"

namespace mdvault::core::exports {

/// A field quoted by RFC 4180 when it holds '"', ',', CR or LF (quotes doubled); one that a
/// spreadsheet would run as a formula (=, +, -, @, tab or CR first, not a plain number) is
/// quoted with a ' in front (OWASP's advice on CSV injection).
std::string csv_quote(std::string_view field);

/// The text of one frontmatter value in a CSV cell.
std::string csv_cell(const Value& value);

/// The frontmatter columns: options().csv_fields when given, else every key in order of first appearance.
std::vector<std::string> csv_columns(const RecordBuilder& builder);

/// Writes the CSV (with a UTF-8 byte order mark when options().csv_bom). False when the stream failed.
bool write_csv_export(std::ostream& out, const RecordBuilder& builder, const Progress& progress = {});

}  // namespace mdvault::core::exports
