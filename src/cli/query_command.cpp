#include "cli/query_command.hpp"

#include <unistd.h>

#include <fstream>
#include <optional>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/output.hpp"
#include "cli/share_options.hpp"
#include "cli/query_output.hpp"
#include "core/query/engine.hpp"
#include "core/query/page_data.hpp"
#include "core/query/parser.hpp"
#include "core/query/source_check.hpp"
#include "core/unicode.hpp"

namespace mdvault::cli {

namespace {

struct QueryArgs {
  ShareArgs share;
  std::string query;
  std::string file;
  std::string format = "table";
};

constexpr const char* k_examples = R"(  mdvault query 'LIST FROM "Core Fears"'
  mdvault query 'TABLE status, core_fears FROM "Core Fears" WHERE status != "🟩 complete" SORT file.name'
  mdvault query --file open-work.dql --format csv > open-work.csv
  mdvault query 'TABLE rows.file.link AS Notes GROUP BY status' --format json

The language is Dataview's DQL: LIST or TABLE [WITHOUT ID], FROM #tag, "folder", [[link]],
outgoing([[link]]) with and/or/-, then WHERE, SORT, GROUP BY, FLATTEN and LIMIT in the order
written. See docs/query.md and docs/query-examples.md.)";

/// Prints the query line that holds the error, with a caret under the column.
void print_syntax_error(const std::string& text, const core::query::SyntaxError& error, const Style& style) {
  std::cerr << style.bold("mdvault query:") << " " << style.red("syntax error") << " at line " << error.line
            << ", column " << error.column << ": " << error.message << '\n';
  std::istringstream lines(text);
  std::string line;
  for (int i = 1; std::getline(lines, line); ++i) {
    if (i != error.line) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::cerr << "  " << line << '\n';
    const std::string pad = core::caret_padding(line, error.column);
    std::cerr << "  " << pad << style.green("^") << '\n';
  }
  if (error.offset >= text.size() && (text.empty() || text.back() == '\n')) {
    std::cerr << "  " << style.green("^") << '\n';
  }
}

/// When the syntax error follows a comparison with an unquoted text value that has spaces or
/// emoji (`status = 🟩 complete`), the same comparison with the value in quotes.
std::optional<std::string> quote_hint(const std::string& text, const core::query::SyntaxError& error) {
  if (error.offset == 0 || error.offset > text.size()) return std::nullopt;
  const auto op = text.find_last_of("=<>", error.offset - 1);
  if (op == std::string::npos) return std::nullopt;
  auto start = text.find_first_not_of(' ', op + 1);
  if (start == std::string::npos || start > error.offset || text[start] == '"' || text[start] == '\'') {
    return std::nullopt;
  }
  // The value runs to the end of the line or the next keyword.
  auto end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  for (const char* keyword : {" AND ", " OR ", " and ", " or ", " SORT ", " GROUP ", " LIMIT ", " FLATTEN ", " WHERE "}) {
    const auto at = text.find(keyword, start);
    if (at != std::string::npos && at < end && at >= error.offset) end = at;
  }
  std::string value = text.substr(start, end - start);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.pop_back();
  if (value.empty() || std::string_view("=<>!([{-+0123456789").find(value.front()) != std::string_view::npos) {
    return std::nullopt;
  }
  bool wide = false;
  for (const char c : value) wide = wide || c == ' ' || static_cast<unsigned char>(c) >= 0x80;
  if (!wide) return std::nullopt;
  auto lhs_start = text.find_last_of("\n", op);
  lhs_start = lhs_start == std::string::npos ? 0 : lhs_start + 1;
  std::string before = text.substr(lhs_start, start - lhs_start);
  for (const char* keyword : {"WHERE ", "where ", "AND ", "and ", "OR ", "or "}) {
    const auto at = before.rfind(keyword);
    if (at != std::string::npos) before = before.substr(at + std::string(keyword).size());
  }
  return "the text value " + value + " has spaces or emoji: quote it, like " + before + "\"" + value + "\"";
}

ExitCode run(Context& context, const QueryArgs& args) {
  if (!check_choice("mdvault query", "--format", args.format, {"table", "json", "jsonl", "csv", "md"})) {
    return ExitCode::usage;
  }
  if (args.query.empty() == args.file.empty()) {
    std::cerr << "mdvault query: give the query as an argument or with --file FILE (one of the two)\n";
    return ExitCode::usage;
  }
  std::string text = args.query;
  if (!args.file.empty()) {
    std::ifstream in(args.file, std::ios::binary);
    if (!in) {
      std::cerr << "mdvault query: cannot read " << args.file << '\n';
      return ExitCode::io;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  }
  const Style err_style = context.style(STDERR_FILENO);
  if (straighten_quotes(text)) {
    std::cerr << "mdvault query: note: read the curly quotes (“ ” ‘ ’) as straight quotes (\" ').\n";
  }
  auto parsed = core::query::parse_query(text);
  if (auto* error = std::get_if<core::query::SyntaxError>(&parsed)) {
    print_syntax_error(text, *error, err_style);
    if (const auto hint = quote_hint(text, *error)) std::cerr << "Hint: " << *hint << '\n';
    return ExitCode::usage;
  }
  const auto& query = std::get<core::query::Query>(parsed);
  // What the query never reads is dropped as each note is read, in the reading threads.
  core::query::NoteTrimmer trimmer(core::query::page_shape(query));
  if (auto rc = request_sharing(context, args.share, "mdvault query", {false, false, {}})) return *rc;
  if (auto rc = context.load_vault([&trimmer](core::Note& note) { trimmer(note); }); rc != ExitCode::ok) return rc;
  auto outcome = core::query::run_query(query, context.vault(), context.resolver());
  if (auto* failure = std::get_if<core::query::QueryFailure>(&outcome)) {
    std::cerr << err_style.bold("mdvault query:") << " " << err_style.red("error") << ": " << failure->message << '\n';
    return failure->usage ? ExitCode::usage : ExitCode::findings;
  }
  if (!context.options.quiet) {
    const std::vector<std::string> keys = trimmer.field_keys();  // empty when the vault was read before
    for (const auto& warning : core::query::unknown_field_warnings(query, context.vault(), keys.empty() ? nullptr : &keys)) {
      std::cerr << err_style.bold("mdvault query:") << " " << err_style.yellow("warning") << ": " << warning << '\n';
    }
    for (const auto& warning : core::query::unmatched_source_warnings(query, context.vault(), context.resolver())) {
      std::cerr << err_style.bold("mdvault query:") << " " << err_style.yellow("warning") << ": " << warning << '\n';
    }
  }
  const auto& result = std::get<core::query::QueryResult>(outcome);
  QueryFormat format = QueryFormat::table;
  if (args.format == "json") format = QueryFormat::json;
  if (args.format == "jsonl") format = QueryFormat::jsonl;
  if (args.format == "csv") format = QueryFormat::csv;
  if (args.format == "md") format = QueryFormat::md;
  print_query_result(std::cout, result, format, terminal_width());
  // An empty table or list prints nothing; a person at a terminal is told so.
  if (result.rows.empty() && !context.options.quiet && isatty(STDOUT_FILENO) != 0) std::cerr << "No results.\n";
  return ExitCode::ok;
}

}  // namespace

Command add_query(CLI::App& app, Context& context) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* command = add_command(app, "query", "Run a Dataview (DQL) query: LIST or TABLE over the notes", k_examples);
  command->add_option("query", args->query, "The query, e.g. 'TABLE status FROM \"Core Fears\"'")->type_name("DQL");
  command->add_option("--file", args->file, "Read the query from a file")->type_name("FILE");
  command->add_option("--format", args->format, "table (default), json, jsonl, csv or md")->type_name("FORMAT");
  add_share_options(*command, args->share, false);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
