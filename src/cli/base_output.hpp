#pragma once
// Printers for a base view's result: a table for people (display names as headers, a heading
// and the summaries per group, the summaries of all rows at the end), JSON (docs/bases.md),
// JSON Lines, CSV and a Markdown table.

#include <cstddef>
#include <iosfwd>

#include "cli/query_output.hpp"
#include "core/bases/view_runner.hpp"

namespace mdvault::cli {

/// Writes `result` in `format` (the formats of `query`).
void print_view_result(std::ostream& out, const core::bases::ViewResult& result, QueryFormat format);

}  // namespace mdvault::cli
