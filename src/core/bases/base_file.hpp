#pragma once
// The `.base` file (Obsidian's help, "Bases syntax"): global filters, formulas, property display
// names, custom summaries and views, read from YAML with a located diagnostic for each problem.
// The same model serves a ```base code block of a note.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bases/expression.hpp"
#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core::bases {

/// An expression as written in the file, parsed (nullptr when it has a syntax error).
struct SourceExpr {
  std::string text;
  SourceLocation location;  ///< where the YAML scalar holding it starts
  int text_column = 0;      ///< column of the text's first character on that line; 0 when the
                            ///< scalar does not hold the text as written (escapes, folding, block)
  ExprPtr expr;

  /// The file position of byte `offset` of the text (the scalar's start in a block scalar).
  [[nodiscard]] SourceLocation location_of(std::size_t offset) const;
};

/// A filter: one statement, or `and` (all), `or` (any), `not` (none) of a list of filters.
struct FilterNode {
  enum class Kind { statement, all, any, none };
  Kind kind = Kind::statement;
  SourceExpr statement;
  std::vector<FilterNode> children;
};

struct Formula {
  std::string name;
  SourceExpr source;
};

/// One sort key (a view's `sort` entry, or its `groupBy`).
struct SortKey {
  std::string property;  ///< as written ("note.age", "age", "formula.ppu", "file.name")
  bool descending = false;
};

/// A view's summary of one column: the property and a default or custom summary name.
struct ColumnSummary {
  std::string property;
  std::string summary;
  SourceLocation location;
};

struct View {
  std::string type;  ///< "table", "cards", "list", "map" or a plugin's
  std::string name;
  SourceLocation location;
  std::optional<FilterNode> filters;
  std::vector<std::string> order;  ///< the columns, as written
  std::vector<SourceLocation> order_locations;  ///< where each column is written
  std::vector<SortKey> sort;
  std::optional<SortKey> group_by;
  std::optional<std::size_t> limit;
  std::vector<ColumnSummary> summaries;
};

struct BaseFile {
  std::string path;  ///< as given to parse_base, for messages
  std::optional<FilterNode> filters;
  std::vector<Formula> formulas;
  std::vector<std::pair<std::string, std::string>> display_names;  ///< property id (normalized) -> displayName
  std::vector<Formula> summaries;  ///< custom summary formulas
  std::vector<View> views;

  /// The formula of that name, or nullptr.
  [[nodiscard]] const Formula* formula(std::string_view name) const;
  /// The custom summary of that name, or nullptr.
  [[nodiscard]] const Formula* summary(std::string_view name) const;
  /// The display name of a property (`properties:`), else its name without `note.`/`formula.`.
  [[nodiscard]] std::string display_name(std::string_view property) const;
};

/// The base and every problem found in it (rules bases.*, and frontmatter.yaml for YAML errors).
struct BaseParse {
  BaseFile base;
  std::vector<Diagnostic> diagnostics;
  [[nodiscard]] bool has_errors() const;
};

/// Reads a `.base` document. `first_line` is the file line of the text's first line (a code
/// block's YAML starts below its fence). Never throws.
BaseParse parse_base(std::string_view text, const std::string& path, int first_line = 1);

/// "note.x" for a bare "x"; "file.x", "formula.x" and "note.x" as they are.
std::string normalize_property(std::string_view property);

/// The summaries the help lists by default: Average, Min, Max, Sum, Range, Median, Stddev,
/// Earliest, Latest, Checked, Unchecked, Empty, Filled, Unique.
const std::vector<std::string>& default_summary_names();

}  // namespace mdvault::core::bases
