#pragma once
// The parse tree of a DQL query, shaped like Dataview's own (Fields, Sources, QueryOperation).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/query/dql_value.hpp"

namespace mdvault::core::query {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// An expression node (Dataview's Field): literal, variable, negated, binaryop, list, object,
/// lambda, function (call) or index.
struct Expr {
  enum class Kind { literal, variable, negated, binaryop, list, object, lambda, function, index };
  Kind kind = Kind::literal;
  DqlValue value;                 ///< literal
  std::string name;               ///< variable name; binary operator ("+", "&", "|", "<=", ...)
  ExprPtr left;                   ///< binaryop left, negated child, index object, function callee, lambda body
  ExprPtr right;                  ///< binaryop right, index key
  std::vector<ExprPtr> items;     ///< list values, function arguments
  std::vector<std::pair<std::string, ExprPtr>> entries;  ///< object literal
  std::vector<std::string> params;  ///< lambda parameters
  std::size_t offset = 0;         ///< byte offset in the query text (for messages)
  std::size_t height = 1;         ///< levels of the tree from here down; the parser bounds it
};

struct Source;
using SourcePtr = std::shared_ptr<const Source>;

/// A FROM source: #tag, "folder", [[link]] (incoming), outgoing([[link]]), csv("..."),
/// and/or combinations and negation.
struct Source {
  enum class Kind { tag, folder, link, csv, binaryop, negate, empty };
  Kind kind = Kind::empty;
  std::string text;       ///< tag with '#', folder, link path, csv path
  bool incoming = true;   ///< link: notes linking to it (true) or notes it links to (false)
  std::string op;         ///< binaryop: "&" or "|"
  SourcePtr left;         ///< binaryop left, negate child
  SourcePtr right;
  std::size_t height = 1;  ///< levels of the tree from here down; the parser bounds it
};

/// A column or FLATTEN / GROUP BY target: an expression and the name it is shown under.
struct NamedField {
  std::string name;
  ExprPtr field;
};

/// One SORT key.
struct SortField {
  ExprPtr field;
  bool ascending = true;
};

/// One data command, in the order written.
struct Operation {
  enum class Kind { where, sort, limit, group, flatten, from };
  Kind kind = Kind::where;
  ExprPtr expr;                   ///< where clause, limit amount
  std::vector<SortField> sort;    ///< sort keys
  NamedField named;               ///< group / flatten
  SourcePtr source;               ///< a FROM written after other commands (Dataview rejects it when run)
};

/// A whole query.
struct Query {
  enum class Type { table, list, task, calendar };
  Type type = Type::table;
  bool show_id = true;
  std::vector<NamedField> fields;  ///< TABLE columns (CALENDAR: one)
  ExprPtr list_format;             ///< LIST expression, may be null
  SourcePtr source;                ///< FROM, or the whole vault (folder "")
  std::vector<Operation> operations;
};

}  // namespace mdvault::core::query
