// Fuzz target: the DQL query parser, and every query that parses run over the fuzz vault (on
// the pages built for what it reads, and on whole pages: both must agree).
#include <string>
#include <variant>

#include "core/query/engine.hpp"
#include "core/query/parser.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/fuzz_vault.hpp"

namespace mdvault::fuzz {
namespace {

// Everything a result shows, to compare two runs.
std::string describe(const std::variant<core::query::QueryResult, core::query::QueryFailure>& outcome) {
  if (const auto* failure = std::get_if<core::query::QueryFailure>(&outcome)) {
    return "FAIL: " + failure->message;
  }
  const auto& result = std::get<core::query::QueryResult>(outcome);
  std::string out;
  for (const std::string& header : result.headers) {
    out += header + "|";
  }
  out += "\n";
  for (const core::query::ResultRow& row : result.rows) {
    out += core::query::to_dataview_string(row.id);
    for (const core::query::DqlValue& value : row.values) {
      out += "|" + core::query::to_dataview_string(value);
    }
    out += "\n";
  }
  for (const std::string& error : result.row_errors) {
    out += "error: " + error + "\n";
  }
  return out;
}

}  // namespace

int fuzz_dql_query(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  auto parsed = core::query::parse_query(text);
  if (const auto* error = std::get_if<core::query::SyntaxError>(&parsed)) {
    fuzz_check(error->offset <= text.size(), "a syntax error past the end of the query");
    fuzz_check(error->line >= 1 && error->column >= 1, "a syntax error without a position");
    fuzz_check(!error->message.empty(), "a syntax error without a message");
    return 0;
  }
  const core::query::Query& query = std::get<core::query::Query>(parsed);
  fuzz_check(query.source != nullptr, "a parsed query without a source");
  const auto shaped = core::query::run_query(query, fuzz_vault(), fuzz_resolver());
  const auto full = core::query::run_query(query, fuzz_vault(), fuzz_resolver(), core::query::PageShape::full());
  const std::string shaped_text = describe(shaped);
  const std::string full_text = describe(full);
  if (shaped_text != full_text) {
    fuzz_fail("the query gives other results on whole pages:\n" + shaped_text + "---\n" + full_text);
  }
  static_cast<void>(core::query::unknown_field_warnings(query, fuzz_vault()));
  return 0;
}

}  // namespace mdvault::fuzz
