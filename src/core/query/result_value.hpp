#pragma once
// Query results as plain JSON-like values (core::Value): what `query --format json` prints
// and what the MCP query tool returns, shaped once for both.

#include <string>

#include "core/query/dql_value.hpp"
#include "core/query/engine.hpp"
#include "core/value.hpp"

namespace mdvault::core::query {

/// A link as a vault path, with "#heading" or "#^block" when it points into the note.
std::string link_path(const Link& link);

/// A Dataview value as JSON: integral numbers as integers, dates as ISO text, durations as
/// text, links as paths, non-finite numbers as null.
Value plain_value(const DqlValue& value);

/// One result row as a JSON object: {"File": path, column: value, ...}, or for a group
/// {"key": ..., "rows": [{"File": path} or nested groups]}, then the columns.
Value row_value(const QueryResult& result, const ResultRow& row);

}  // namespace mdvault::core::query
