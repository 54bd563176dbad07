#pragma once
// Printers for query results: an aligned table for people (wrapped to the terminal), JSON,
// JSON Lines, CSV (RFC 4180) and a Markdown table to paste into a note.

#include <cstddef>
#include <iosfwd>
#include <string>

#include "core/query/engine.hpp"

namespace mdvault::cli {

/// The formats `query --format` accepts.
enum class QueryFormat { table, json, jsonl, csv, md };

/// Writes `result` in `format`; `width` is the terminal width the table fits into.
void print_query_result(std::ostream& out, const core::query::QueryResult& result, QueryFormat format,
                        std::size_t width);

/// One value as the table and CSV show it (lists joined with `separator`, links as titles).
std::string render_cell(const core::query::DqlValue& value, const std::string& separator, bool markdown);

}  // namespace mdvault::cli
