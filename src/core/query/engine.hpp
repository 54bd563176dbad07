#pragma once
// Running a parsed query over a loaded vault, as Dataview's executeTable/executeList do:
// the FROM source picks notes, the data commands run in the order written, then the
// columns are evaluated. Rows whose evaluation fails are dropped (as in Dataview), and the
// query fails only when every row of a step failed.

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/query/ast.hpp"
#include "core/query/dql_value.hpp"
#include "core/query/page_shape.hpp"
#include "core/vault.hpp"

namespace mdvault::core::query {

/// One result row: its id (a link to the note, or a group key), its column values, and the row data.
struct ResultRow {
  DqlValue id;
  std::vector<DqlValue> values;  ///< TABLE columns; LIST: the LIST expression's value, when given
  DqlValue data;                 ///< the row object (a page, or {key, rows, name} for a group)
};

/// What a query returns.
struct QueryResult {
  Query::Type type = Query::Type::table;
  bool show_id = true;
  std::string id_header = "File";    ///< "File", or the GROUP BY name
  bool grouped = false;              ///< the rows are groups (GROUP BY)
  std::vector<std::string> headers;  ///< column names (without the id column)
  std::vector<ResultRow> rows;
  std::vector<std::string> row_errors;  ///< evaluation failures of dropped rows (first few)
};

/// A query that could not run: unknown function, unsupported source, every row failing.
struct QueryFailure {
  std::string message;
  bool usage = false;  ///< a problem of the query itself (exit 2), not of the data (exit 1)
};

/// Runs `query` over the vault, building only the page parts it reads (page_shape(query)).
std::variant<QueryResult, QueryFailure> run_query(const Query& query, const Vault& vault, const LinkResolver& resolver);
/// Runs `query` with pages of the given shape (PageShape::full() builds whole pages: tests
/// compare both).
std::variant<QueryResult, QueryFailure> run_query(const Query& query, const Vault& vault, const LinkResolver& resolver,
                                                  const PageShape& shape);

/// Field names the query reads that no note has, each with a "did you mean" when one is close.
/// `field_keys`, when given, are every field key of the vault in vault order (NoteTrimmer's,
/// when the notes were trimmed as they were read); otherwise they are read from the notes.
std::vector<std::string> unknown_field_warnings(const Query& query, const Vault& vault,
                                                const std::vector<std::string>* field_keys = nullptr);

}  // namespace mdvault::core::query
