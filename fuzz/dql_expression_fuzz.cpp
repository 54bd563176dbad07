// Fuzz target: the DQL expression and source parsers and the literal readers (dates, durations,
// links, inline values); an expression that parses is also evaluated as a TABLE column over the
// fuzz vault.
#include <string>
#include <variant>

#include "core/query/engine.hpp"
#include "core/query/parser.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/fuzz_vault.hpp"

namespace mdvault::fuzz {

int fuzz_dql_expression(const std::uint8_t* data, std::size_t size) {
  namespace q = core::query;
  const std::string_view text = as_text(data, size);

  auto source = q::parse_source(text);
  if (const auto* error = std::get_if<q::SyntaxError>(&source)) {
    fuzz_check(error->offset <= text.size(), "a source syntax error past the end of the text");
  }
  static_cast<void>(q::parse_date_text(text));
  static_cast<void>(q::parse_date_plus_text(text));
  static_cast<void>(q::parse_duration_text(text));
  static_cast<void>(q::parse_link_text(text));
  static_cast<void>(q::to_dataview_string(q::parse_inline_value(text)));

  auto expression = q::parse_expression(text);
  if (const auto* error = std::get_if<q::SyntaxError>(&expression)) {
    fuzz_check(error->offset <= text.size(), "an expression syntax error past the end of the text");
    return 0;
  }
  q::Query query;
  query.type = q::Query::Type::table;
  auto whole_vault = std::make_shared<q::Source>();
  whole_vault->kind = q::Source::Kind::folder;
  query.source = whole_vault;
  query.fields.push_back({"value", std::get<q::ExprPtr>(expression)});
  const auto outcome = q::run_query(query, fuzz_vault(), fuzz_resolver());
  if (const auto* result = std::get_if<q::QueryResult>(&outcome)) {
    for (const q::ResultRow& row : result->rows) {
      fuzz_check(row.values.size() == 1, "a TABLE row without its one column");
      static_cast<void>(q::to_dataview_string(row.values.front()));
    }
  }
  return 0;
}

}  // namespace mdvault::fuzz
