#pragma once
// A base view's result as plain JSON-like values (core::Value): what `base --format json` and
// `--format jsonl` print and what the MCP base tool returns, shaped once for both.

#include "core/bases/base_value.hpp"
#include "core/bases/view_runner.hpp"
#include "core/value.hpp"

namespace mdvault::core::bases {

/// A base value as JSON: integral numbers as integers, non-finite ones as null, dates as ISO
/// text, durations as milliseconds, links as "[[target|display]]", files as their path.
Value plain_value(const BaseValue& value);

/// One row's values as a JSON object keyed by column id.
Value row_values(const ViewResult& result, const ViewRow& row);

/// Summaries as [{"column", "summary", "value", "error"?}].
Value summaries_value(const std::vector<SummaryCell>& cells);

/// The columns as [{"id", "name"}].
Value columns_value(const ViewResult& result);

/// The groups as [{"key", "rows": [path...], "summaries"}].
Value groups_value(const ViewResult& result);

/// The whole result: {"view", "type", "columns", "rows": [{"path", "values"}], "groupBy"?,
/// "groups"?, "summaries"} (docs/bases.md).
Value result_value(const ViewResult& result);

}  // namespace mdvault::core::bases
