#pragma once
// Running one view of a base over the vault: every file, the global and the view filters
// (ANDed), the columns of `order` with their display names, `sort`, `groupBy`, `limit`, and the
// summaries of each column per group and over all rows.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/bases/base_file.hpp"
#include "core/bases/base_value.hpp"
#include "core/bases/evaluator.hpp"

namespace mdvault::core::bases {

struct Column {
  std::string id;    ///< as written in `order` ("note.status", "file.name", "formula.ppu")
  std::string name;  ///< the display name
};

struct ViewRow {
  FileRef file;
  std::vector<BaseValue> values;  ///< one per column
};

/// One summary of one column: over a group, or over all rows.
struct SummaryCell {
  std::string column;   ///< the property as the view's summaries name it
  std::string column_name;  ///< its display name
  std::string summary;  ///< "Average", or a custom summary's name
  BaseValue value;
  std::string error;    ///< the custom formula's failure, else empty
};

/// Rows [begin, end) of the result share the group's key.
struct Group {
  BaseValue key;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<SummaryCell> summaries;
};

struct ViewResult {
  std::string name;
  std::string type;
  std::vector<Column> columns;
  std::vector<ViewRow> rows;
  std::optional<std::string> group_by;  ///< the groupBy property, when the view groups
  std::string group_by_name;            ///< its display name
  std::vector<Group> groups;
  std::vector<SummaryCell> summaries;  ///< over every row shown
  std::size_t matched = 0;             ///< rows that passed the filters, before the limit
  std::vector<std::string> errors;     ///< evaluation failures (the first few: "path: message")
  std::size_t error_count = 0;
};

/// The index of the view named `name`, or nothing.
std::optional<std::size_t> find_view(const BaseFile& base, std::string_view name);

/// The files a base looks at: every note and every other file of the vault, by path.
std::vector<FileRef> vault_files(const Vault& vault);

/// Runs view `view` (an index into base.views; a base without views runs a table of file.name).
ViewResult run_view(const BaseFile& base, std::optional<std::size_t> view, const EvalEnvironment& env);

/// A summary over the values of one column: a default one of the help, or the base's custom
/// summary formula with `values` bound to them. Throws EvalError (custom formulas).
BaseValue summarize(const BaseFile& base, std::string_view summary, const BaseList& values, Evaluator& ev);

}  // namespace mdvault::core::bases
