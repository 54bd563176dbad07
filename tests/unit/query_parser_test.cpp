// DQL parser: golden parse trees from Dataview's own parser (tests/query/parser_goldens.txt,
// made by tests/query/gen_parser_goldens.js), printed in the same canonical JSON shape.

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/query/number_format.hpp"
#include "core/query/parser.hpp"

namespace q = mdvault::core::query;

namespace {

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::string print_value(const q::DqlValue& v) {
  using T = q::DqlValue::Type;
  switch (v.type()) {
    case T::null: return "null";
    case T::boolean: return v.as_bool() ? "true" : "false";
    case T::number: return q::format_number(v.as_number());
    case T::string: return json_string(v.as_string());
    case T::date: {
      const auto& d = v.as_date();
      std::string s = "date:" + pad(d.year(), 4) + "-" + pad(d.month(), 2) + "-" + pad(d.day(), 2) + "T" +
                      pad(d.hour(), 2) + ":" + pad(d.minute(), 2) + ":" + pad(d.second(), 2) + "." +
                      pad(d.millisecond(), 3);
      if (d.has_offset) s += "@" + std::to_string(d.offset_minutes);
      return json_string(s);
    }
    case T::duration: {
      std::string s = "dur:";
      bool first = true;
      for (std::size_t i = 0; i < q::k_duration_units; ++i) {
        const double n = v.as_duration().units[i];
        if (n == 0) continue;
        s += (first ? "" : ",") + std::string(q::unit_name(static_cast<q::DurationUnit>(i))) + "=" + q::format_number(n);
        first = false;
      }
      return json_string(s);
    }
    case T::link: {
      const auto& l = v.as_link();
      static const char* k_types[] = {"file", "header", "block"};
      std::string s = "{";
      if (l.display) s += "\"display\":" + json_string(*l.display) + ",";
      s += "\"embed\":" + std::string(l.embed ? "true" : "false") + ",\"path\":" + json_string(l.path) + ",";
      if (l.subpath) s += "\"subpath\":" + json_string(*l.subpath) + ",";
      return s + "\"type\":\"" + k_types[static_cast<int>(l.type)] + "\"}";
    }
    default: return "\"?\"";
  }
}

std::string print_expr(const q::ExprPtr& e);

std::string print_list(const std::vector<q::ExprPtr>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + print_expr(items[i]);
  return out + "]";
}

std::string print_expr(const q::ExprPtr& e) {
  using K = q::Expr::Kind;
  switch (e->kind) {
    case K::literal: return "{\"type\":\"literal\",\"value\":" + print_value(e->value) + "}";
    case K::variable: return "{\"name\":" + json_string(e->name) + ",\"type\":\"variable\"}";
    case K::negated: return "{\"child\":" + print_expr(e->left) + ",\"type\":\"negated\"}";
    case K::binaryop:
      return "{\"left\":" + print_expr(e->left) + ",\"op\":" + json_string(e->name) + ",\"right\":" +
             print_expr(e->right) + ",\"type\":\"binaryop\"}";
    case K::list: return "{\"type\":\"list\",\"values\":" + print_list(e->items) + "}";
    case K::object: {
      auto entries = e->entries;
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      std::string out = "{\"type\":\"object\",\"values\":{";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        out += (i ? "," : "") + json_string(entries[i].first) + ":" + print_expr(entries[i].second);
      }
      return out + "}}";
    }
    case K::lambda: {
      std::string args = "[";
      for (std::size_t i = 0; i < e->params.size(); ++i) args += (i ? "," : "") + json_string(e->params[i]);
      return "{\"arguments\":" + args + "],\"type\":\"lambda\",\"value\":" + print_expr(e->left) + "}";
    }
    case K::function:
      return "{\"arguments\":" + print_list(e->items) + ",\"func\":" + print_expr(e->left) + ",\"type\":\"function\"}";
    case K::index:
      return "{\"index\":" + print_expr(e->right) + ",\"object\":" + print_expr(e->left) + ",\"type\":\"index\"}";
  }
  return "";
}

std::string print_source(const q::SourcePtr& s) {
  using K = q::Source::Kind;
  switch (s->kind) {
    case K::tag: return "{\"tag\":" + json_string(s->text) + ",\"type\":\"tag\"}";
    case K::folder: return "{\"folder\":" + json_string(s->text) + ",\"type\":\"folder\"}";
    case K::csv: return "{\"path\":" + json_string(s->text) + ",\"type\":\"csv\"}";
    case K::link:
      return std::string("{\"direction\":\"") + (s->incoming ? "incoming" : "outgoing") + "\",\"file\":" +
             json_string(s->text) + ",\"type\":\"link\"}";
    case K::negate: return "{\"child\":" + print_source(s->left) + ",\"type\":\"negate\"}";
    case K::binaryop:
      return "{\"left\":" + print_source(s->left) + ",\"op\":" + json_string(s->op) + ",\"right\":" +
             print_source(s->right) + ",\"type\":\"binaryop\"}";
    case K::empty: return "{\"type\":\"empty\"}";
  }
  return "";
}

std::string print_named(const q::NamedField& f) {
  return "{\"field\":" + print_expr(f.field) + ",\"name\":" + json_string(f.name) + "}";
}

}  // namespace

/// The query tree in Dataview's JSON shape, keys sorted (as gen_parser_goldens.js prints it).
std::string print_query(const q::Query& query) {
  std::string header;
  if (query.type == q::Query::Type::table) {
    header = "{\"fields\":[";
    for (std::size_t i = 0; i < query.fields.size(); ++i) header += (i ? "," : "") + print_named(query.fields[i]);
    header += "],\"showId\":" + std::string(query.show_id ? "true" : "false") + ",\"type\":\"table\"}";
  } else {
    header = "{";
    if (query.list_format) header += "\"format\":" + print_expr(query.list_format) + ",";
    header += "\"showId\":" + std::string(query.show_id ? "true" : "false") + ",\"type\":\"list\"}";
  }
  std::string ops = "[";
  for (std::size_t i = 0; i < query.operations.size(); ++i) {
    const auto& op = query.operations[i];
    ops += i ? "," : "";
    switch (op.kind) {
      case q::Operation::Kind::where: ops += "{\"clause\":" + print_expr(op.expr) + ",\"type\":\"where\"}"; break;
      case q::Operation::Kind::limit: ops += "{\"amount\":" + print_expr(op.expr) + ",\"type\":\"limit\"}"; break;
      case q::Operation::Kind::group: ops += "{\"field\":" + print_named(op.named) + ",\"type\":\"group\"}"; break;
      case q::Operation::Kind::flatten: ops += "{\"field\":" + print_named(op.named) + ",\"type\":\"flatten\"}"; break;
      case q::Operation::Kind::from: ops += print_source(op.source); break;
      case q::Operation::Kind::sort: {
        ops += "{\"fields\":[";
        for (std::size_t k = 0; k < op.sort.size(); ++k) {
          ops += (k ? "," : "") + std::string("{\"direction\":\"") + (op.sort[k].ascending ? "ascending" : "descending") +
                 "\",\"field\":" + print_expr(op.sort[k].field) + "}";
        }
        ops += "],\"type\":\"sort\"}";
        break;
      }
    }
  }
  ops += "]";
  return "{\"header\":" + header + ",\"operations\":" + ops + ",\"source\":" + print_source(query.source) + "}";
}

namespace {

/// Decodes the JSON string literal the generator wrote for the query text.
std::string decode_json_string(const std::string& s) {
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n') out += '\n';
    else if (c == 't') out += '\t';
    else if (c == 'r') out += '\r';
    else out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("query parser: golden parse trees from Dataview's parser") {
  std::ifstream in(std::string(MDVAULT_SOURCE_DIR) + "/tests/query/parser_goldens.txt");
  REQUIRE(in.good());
  std::string line;
  std::string query;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.rfind("query: ", 0) == 0) {
      query = decode_json_string(line.substr(7));
      continue;
    }
    if (line.rfind("tree: ", 0) != 0) continue;
    const std::string expected = line.substr(6);
    ++cases;
    CAPTURE(query);
    auto parsed = q::parse_query(query);
    if (expected == "ERROR") {
      CHECK(std::holds_alternative<q::SyntaxError>(parsed));
      continue;
    }
    REQUIRE_MESSAGE(std::holds_alternative<q::Query>(parsed),
                    (std::holds_alternative<q::SyntaxError>(parsed) ? std::get<q::SyntaxError>(parsed).message : ""));
    CHECK(print_query(std::get<q::Query>(parsed)) == expected);
  }
  CHECK(cases >= 40);
}

TEST_CASE("query parser: a syntax error points at the furthest column with what was expected") {
  auto parsed = q::parse_query("TABLE x WHERE a = = 1");
  REQUIRE(std::holds_alternative<q::SyntaxError>(parsed));
  const auto& e = std::get<q::SyntaxError>(parsed);
  CHECK(e.line == 1);
  CHECK(e.column == 19);
  CHECK(e.expected == "an expression");
  auto second = q::parse_query("TABLE x\nFROM \"a\" WHER a");
  REQUIRE(std::holds_alternative<q::SyntaxError>(second));
  CHECK(std::get<q::SyntaxError>(second).line == 2);
  CHECK(std::get<q::SyntaxError>(second).column == 10);
}

namespace {

std::string repeat(std::string_view part, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += part;
  return out;
}

}  // namespace

TEST_CASE("query parser: nesting past 256 levels is a located syntax error, not a crash") {
  // 5,000 parentheses, 50,000 '!' or '[' overflowed the stack (SIGSEGV).
  for (const std::string_view level : {"(", "!", "[", "{k: "}) {
    auto parsed = q::parse_expression(repeat(level, 50000) + "a");
    REQUIRE(std::holds_alternative<q::SyntaxError>(parsed));
    const auto& e = std::get<q::SyntaxError>(parsed);
    CHECK(e.line == 1);
    CHECK(e.column == static_cast<int>(256 * level.size() + 1));
    CHECK(e.message.starts_with("the query nests more than 256 levels deep here"));
  }
  auto source = q::parse_query("LIST FROM " + repeat("-(", 5000) + "#a");
  REQUIRE(std::holds_alternative<q::SyntaxError>(source));
  CHECK(std::get<q::SyntaxError>(source).message.starts_with("the query nests more than 256"));
  // 256 levels still parse.
  CHECK(std::holds_alternative<q::ExprPtr>(q::parse_expression(repeat("(", 255) + "a" + repeat(")", 255))));
  CHECK(std::holds_alternative<q::ExprPtr>(q::parse_expression(repeat("!", 255) + "a")));
}

TEST_CASE("query parser: a tree more than 1,000 operators tall is a syntax error") {
  // 5,000 "1+" overflowed the stack of the evaluator; 50,000 ".a" or " or #a" the same.
  for (const std::string& text : {"1" + repeat("+1", 5000), "a" + repeat(".a", 50000), "f" + repeat("()", 5000)}) {
    auto parsed = q::parse_expression(text);
    REQUIRE(std::holds_alternative<q::SyntaxError>(parsed));
    CHECK(std::get<q::SyntaxError>(parsed).message.starts_with("the query is more than 1000 operators deep here"));
  }
  auto source = q::parse_query("LIST FROM #a" + repeat(" or #a", 5000));
  REQUIRE(std::holds_alternative<q::SyntaxError>(source));
  CHECK(std::get<q::SyntaxError>(source).message.starts_with("the query is more than 1000 operators deep"));
  auto tall = q::parse_expression("1" + repeat("+1", 999));
  REQUIRE(std::holds_alternative<q::ExprPtr>(tall));
  CHECK(std::get<q::ExprPtr>(tall)->height == 1000);
}

TEST_CASE("query parser: no exponential backtracking") {
  // "!a(" 24 times took 14 s, doubling with each repeat; memoised, 2,000 repeats take milliseconds.
  const auto started = std::chrono::steady_clock::now();
  auto parsed = q::parse_expression(repeat("!a(", 24));
  CHECK(std::holds_alternative<q::SyntaxError>(parsed));
  CHECK(std::holds_alternative<q::SyntaxError>(q::parse_expression(repeat("!a(", 80) + repeat("!a[", 80))));
  CHECK(std::holds_alternative<q::ExprPtr>(q::parse_expression(repeat("!a(", 80) + "1" + repeat(")", 80))));
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
}

TEST_CASE("query parser: keywords cannot be fields; and/or are one level, left to right") {
  CHECK(std::holds_alternative<q::SyntaxError>(q::parse_query("TABLE where")));
  auto e = q::parse_expression("a or b and c");
  REQUIRE(std::holds_alternative<q::ExprPtr>(e));
  const auto& root = std::get<q::ExprPtr>(e);
  CHECK(root->name == "&");
  CHECK(root->left->name == "|");
}

TEST_CASE("query parser: literal helpers used for frontmatter typing") {
  CHECK(q::parse_date_text("2025-07-05").has_value());
  CHECK(q::parse_date_text("2025-07-05T16:56").has_value());
  CHECK_FALSE(q::parse_date_text("2025-07-05 16:56").has_value());
  CHECK_FALSE(q::parse_date_text("2025-13-05").has_value());
  CHECK_FALSE(q::parse_date_text("2025-00-05").has_value());
  // Days and times past their end roll over, as Luxon's set() does.
  CHECK(q::iso_date(*q::parse_date_text("2021-02-30")) == "2021-03-02");
  CHECK(q::iso_date(*q::parse_date_text("2021-03-00")) == "2021-02-28");
  CHECK(q::iso_date(*q::parse_date_text("2021-12-31T24:00")) == "2022-01-01");
  CHECK(q::iso_date(*q::parse_date_text("2021-01-01T10:75:90")) == "2021-01-01T11:16:30");
  CHECK(q::parse_duration_text("3 days").has_value());
  CHECK(q::parse_link_text("[[Note]]").has_value());
  CHECK_FALSE(q::parse_link_text("see [[Note]]").has_value());
  CHECK(q::parse_inline_value("7").as_number() == 7);
  CHECK(q::parse_inline_value("1, 2, 3").as_list().size() == 3);
  CHECK(q::parse_inline_value("[[test]],").as_list().size() == 1);  // a trailing comma makes a list
  CHECK(q::parse_inline_value("1, 2,").as_string() == "1, 2,");  // only a list of one may end on a comma
  CHECK(q::parse_inline_value("1, 2, x").as_string() == "1, 2, x");   // a comma not before an atom
  CHECK(q::parse_inline_value("1,, 2").as_string() == "1,, 2");
  CHECK(q::parse_inline_value("anxious at the start, calmer").as_string() == "anxious at the start, calmer");
  CHECK(q::parse_inline_value("  ").is_null());
}

TEST_CASE("query parser: a truncated or broken UTF-8 sequence is one unknown character, never read past") {
  // "\xE3" alone once decoded as U+3000 (ideographic space) three bytes long: the parser stepped
  // past the end of the text and threw std::out_of_range (found by fuzz/dql_query).
  for (const std::string text : {"\xE3", "LIST\xE3", "LIST \xE3\x80", "TABLE a WHERE b\xF0\x9F"}) {
    CAPTURE(text);
    auto parsed = q::parse_query(text);
    REQUIRE(std::holds_alternative<q::SyntaxError>(parsed));
    CHECK(std::get<q::SyntaxError>(parsed).offset <= text.size());
  }
  // A lead byte does not swallow the ASCII after it: "\xE3\x80@" is no ideographic space.
  CHECK(std::holds_alternative<q::SyntaxError>(q::parse_query("LIST\xE3\x80@FROM #tag")));
  // A whole ideographic space still is white space.
  CHECK(std::holds_alternative<q::Query>(q::parse_query("LIST\xE3\x80\x80"
                                                        "FROM #tag")));
}
