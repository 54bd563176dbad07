#include "core/query/parser.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "core/query/literal_grammar.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

constexpr std::string_view k_keywords[] = {"FROM", "WHERE", "LIMIT", "GROUP", "FLATTEN"};

// Deeper nesting of (, [, {, ! and - is a syntax error rather than a risk to the stack.
constexpr int k_max_nesting = 256;
// A taller tree (a chain of 1,000 operators is 1,000 levels) would overflow the stack of every
// walk over it (evaluation, the checks, the destructor): a syntax error too.
constexpr std::size_t k_max_height = 1000;

// 1 + the tallest child: the children's heights are already known.
std::size_t height_of(const Expr& e) {
  std::size_t h = 0;
  for (const ExprPtr& c : {e.left, e.right}) {
    if (c) h = std::max(h, c->height);
  }
  for (const ExprPtr& c : e.items) {
    if (c) h = std::max(h, c->height);
  }
  for (const auto& entry : e.entries) {
    if (entry.second) h = std::max(h, entry.second->height);
  }
  return h + 1;
}

ExprPtr make_literal(DqlValue value, std::size_t offset) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::literal;
  e->value = std::move(value);
  e->offset = offset;
  return e;
}

ExprPtr make_binary(ExprPtr left, std::string op, ExprPtr right, std::size_t offset) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::binaryop;
  e->left = std::move(left);
  e->name = std::move(op);
  e->right = std::move(right);
  e->offset = offset;
  e->height = height_of(*e);
  return e;
}

SourcePtr make_source(Source::Kind kind, std::string text, bool incoming = true) {
  auto s = std::make_shared<Source>();
  s->kind = kind;
  s->text = std::move(text);
  s->incoming = incoming;
  return s;
}

/// Dataview's stripNewlines: lines trimmed and joined without separator.
std::string strip_newlines(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(i, end - i);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    out += line;
    i = end + 1;
  }
  return out;
}

class Grammar : public LiteralGrammar {
public:
  explicit Grammar(std::string_view text) : LiteralGrammar(text) {}

  /// One level deeper for the life of a rule; false (and the whole parse fails) past the limit.
  class Nesting {
  public:
    Nesting(Grammar& g, std::size_t pos) : m_g(g) {
      if (++m_g.m_depth > k_max_nesting && !m_g.m_too_deep_at) m_g.m_too_deep_at = pos;
    }
    ~Nesting() { --m_g.m_depth; }
    Nesting(const Nesting&) = delete;
    Nesting& operator=(const Nesting&) = delete;
    [[nodiscard]] bool ok() const { return !m_g.m_too_deep_at; }

  private:
    Grammar& m_g;
  };

  /// Sets the node's height; a tree taller than the limit fails the whole parse.
  template <class Node> void seal(Node& node, std::size_t at) {
    if constexpr (std::is_same_v<Node, Expr>) {
      node.height = height_of(node);
    } else {
      node.height = 1 + std::max(node.left ? node.left->height : 0, node.right ? node.right->height : 0);
    }
    check_height(node.height, at);
  }

  void check_height(std::size_t height, std::size_t at) {
    if (height > k_max_height && !m_too_deep_at) {
      m_too_deep_at = at;
      m_too_tall = true;
    }
  }

  // ---- expressions ------------------------------------------------------------------

  ExprPtr field(std::size_t& pos) { return binary_level(pos, 0); }

  std::optional<std::string> binary_operator(std::size_t& pos, int level) {
    const char c = m_lex.peek(pos);
    switch (level) {
      case 0: {
        std::size_t p = pos;
        if (m_lex.keyword(p, "AND", "'and' or 'or'")) {
          pos = p;
          return "&";
        }
        if (m_lex.keyword(p, "OR", "'and' or 'or'")) {
          pos = p;
          return "|";
        }
        if (c == '&' || c == '|') {
          ++pos;
          return std::string(1, c);
        }
        return std::nullopt;
      }
      case 1:
        for (std::string_view op : {">=", "<=", "!=", ">", "<", "="}) {
          if (m_text.substr(pos, op.size()) == op) {
            pos += op.size();
            return std::string(op);
          }
        }
        m_lex.expect(pos, "'>=' or '<=' or '!=' or '=' or '>' or '<'");
        return std::nullopt;
      case 2:
        if (c == '+' || c == '-') {
          ++pos;
          return std::string(1, c);
        }
        m_lex.expect(pos, "'+' or '-'");
        return std::nullopt;
      default:
        if (c == '*' || c == '/' || c == '%') {
          ++pos;
          return std::string(1, c);
        }
        m_lex.expect(pos, "'*' or '/' or '%'");
        return std::nullopt;
    }
  }

  ExprPtr binary_level(std::size_t& pos, int level) {
    ExprPtr first = level == 3 ? index_field(pos) : binary_level(pos, level + 1);
    if (!first) return nullptr;
    while (true) {
      std::size_t q = pos;
      m_lex.opt_whitespace(q);
      const std::size_t op_offset = q;
      auto op = binary_operator(q, level);
      if (!op) break;
      m_lex.opt_whitespace(q);
      ExprPtr rhs = level == 3 ? index_field(q) : binary_level(q, level + 1);
      if (!rhs) break;
      first = make_binary(first, *op, rhs, op_offset);
      check_height(first->height, op_offset);
      if (m_too_deep_at) return nullptr;  // stop building: the tree must stay short enough to free
      pos = q;
    }
    return first;
  }

  /// indexField, memoised by position: `!a(` tries the same postfix from two rules (the negated
  /// atom's own indexField and the one around it), which without memo doubles per repeat.
  ExprPtr index_field(std::size_t& pos) {
    if (const auto it = m_index_memo.find(pos); it != m_index_memo.end()) {
      if (it->second.first) pos = it->second.second;
      return it->second.first;
    }
    const std::size_t start = pos;
    ExprPtr result = index_field_uncached(pos);
    if (!m_too_deep_at) m_index_memo.emplace(start, std::make_pair(result, pos));
    return result;
  }

  ExprPtr index_field_uncached(std::size_t& pos) {
    ExprPtr result = atom_field(pos);
    if (!result) return nullptr;
    while (true) {
      std::size_t q = pos;
      const char c = m_lex.peek(q);
      if (c == '.') {
        ++q;
        auto name = identifier(q);
        if (!name) break;
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::index;
        e->left = result;
        e->right = make_literal(DqlValue::string(*name), pos + 1);
        e->offset = pos;
        seal(*e, pos);
        if (m_too_deep_at) return nullptr;
        result = e;
      } else if (c == '[') {
        ++q;
        m_lex.opt_whitespace(q);
        ExprPtr key = field(q);
        if (!key) break;
        m_lex.opt_whitespace(q);
        if (!m_lex.literal(q, "]")) break;
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::index;
        e->left = result;
        e->right = key;
        e->offset = pos;
        seal(*e, pos);
        if (m_too_deep_at) return nullptr;
        result = e;
      } else if (c == '(') {
        ++q;
        m_lex.opt_whitespace(q);
        auto args = field_list(q);
        m_lex.opt_whitespace(q);
        if (!m_lex.literal(q, ")")) break;
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::function;
        e->left = result;
        e->items = std::move(args);
        e->offset = result->offset;
        seal(*e, pos);
        if (m_too_deep_at) return nullptr;
        result = e;
      } else {
        m_lex.expect(q, "'.' or '[' or '('");
        break;
      }
      pos = q;
    }
    return result;
  }

  /// field.sepBy(",".trim(optWhitespace)): zero or more.
  std::vector<ExprPtr> field_list(std::size_t& pos) {
    std::vector<ExprPtr> out;
    std::size_t p = pos;
    ExprPtr first = field(p);
    if (!first) return out;
    out.push_back(first);
    pos = p;
    while (true) {
      std::size_t q = pos;
      if (!comma(q)) break;
      ExprPtr next = field(q);
      if (!next) break;
      out.push_back(next);
      pos = q;
    }
    return out;
  }

  ExprPtr atom_field(std::size_t& pos) {
    const std::size_t start = pos;
    const Nesting nesting(*this, start);
    if (!nesting.ok()) return nullptr;
    std::size_t p = pos;
    if (auto l = embed_link(p)) {
      pos = p;
      return make_literal(DqlValue::link(std::move(*l)), start);
    }
    p = pos;
    if (m_lex.peek(p) == '!') {
      ++p;
      if (ExprPtr child = index_field(p)) {
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::negated;
        e->left = child;
        e->offset = start;
        seal(*e, start);
        pos = p;
        return e;
      }
    }
    p = pos;
    if (ExprPtr e = list_field(p)) {
      pos = p;
      return e;
    }
    p = pos;
    if (ExprPtr e = object_field(p)) {
      pos = p;
      return e;
    }
    p = pos;
    if (ExprPtr e = lambda_field(p)) {
      pos = p;
      return e;
    }
    p = pos;
    if (m_lex.literal(p, "(")) {
      m_lex.opt_whitespace(p);
      if (ExprPtr inner = field(p)) {
        m_lex.opt_whitespace(p);
        if (m_lex.literal(p, ")")) {
          pos = p;
          return inner;
        }
      }
    }
    p = pos;
    if (auto b = boolean(p)) {
      pos = p;
      return make_literal(DqlValue::boolean(*b), start);
    }
    p = pos;
    if (auto n = number(p)) {
      pos = p;
      return make_literal(DqlValue::number(*n), start);
    }
    p = pos;
    if (auto s = string_literal(p)) {
      pos = p;
      return make_literal(DqlValue::string(std::move(*s)), start);
    }
    p = pos;
    if (m_lex.literal(p, "date(")) {
      m_lex.opt_whitespace(p);
      if (auto d = date_plus(p)) {
        m_lex.opt_whitespace(p);
        if (m_lex.literal(p, ")")) {
          pos = p;
          return make_literal(DqlValue::date(*d), start);
        }
      }
    }
    p = pos;
    if (m_lex.literal(p, "dur(")) {
      m_lex.opt_whitespace(p);
      if (auto d = duration(p)) {
        m_lex.opt_whitespace(p);
        if (m_lex.literal(p, ")")) {
          pos = p;
          return make_literal(DqlValue::duration(*d), start);
        }
      }
    }
    p = pos;
    if (m_text.substr(p, 4) == "null") {
      pos = p + 4;
      return make_literal(DqlValue{}, start);
    }
    p = pos;
    if (auto name = identifier(p)) {
      const std::string upper = upper_ascii(*name);
      for (std::string_view keyword : k_keywords) {
        if (upper == keyword) {
          m_lex.expect(pos, "a field name that is not a keyword (FROM, WHERE, LIMIT, GROUP, FLATTEN)");
          return nullptr;
        }
      }
      auto e = std::make_shared<Expr>();
      e->kind = Expr::Kind::variable;
      e->name = std::move(*name);
      e->offset = start;
      pos = p;
      return e;
    }
    m_lex.expect(start, "an expression");
    m_lex.describe(start, "an expression");
    return nullptr;
  }

  ExprPtr list_field(std::size_t& pos) {
    std::size_t p = pos;
    if (!m_lex.literal(p, "[")) return nullptr;
    m_lex.opt_whitespace(p);
    auto items = field_list(p);
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, "]")) return nullptr;
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::list;
    e->items = std::move(items);
    e->offset = pos;
    seal(*e, pos);
    pos = p;
    return e;
  }

  bool object_entry(std::size_t& pos, std::pair<std::string, ExprPtr>& entry) {
    std::size_t p = pos;
    auto key = identifier(p);
    if (!key) key = string_literal(p);
    if (!key) return false;
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, ":")) return false;
    m_lex.opt_whitespace(p);
    ExprPtr value = field(p);
    if (!value) return false;
    entry = {std::move(*key), value};
    pos = p;
    return true;
  }

  ExprPtr object_field(std::size_t& pos) {
    std::size_t p = pos;
    if (!m_lex.literal(p, "{")) return nullptr;
    m_lex.opt_whitespace(p);
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::object;
    e->offset = pos;
    std::pair<std::string, ExprPtr> entry;
    if (object_entry(p, entry)) {
      e->entries.push_back(entry);
      while (true) {
        std::size_t q = p;
        if (!comma(q) || !object_entry(q, entry)) break;
        e->entries.push_back(entry);
        p = q;
      }
    }
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, "}")) return nullptr;
    // Later keys replace earlier ones, as in a JavaScript object.
    std::vector<std::pair<std::string, ExprPtr>> unique;
    for (auto& item : e->entries) {
      bool replaced = false;
      for (auto& existing : unique) {
        if (existing.first == item.first) {
          existing.second = item.second;
          replaced = true;
        }
      }
      if (!replaced) unique.push_back(item);
    }
    e->entries = std::move(unique);
    seal(*e, pos);
    pos = p;
    return e;
  }

  ExprPtr lambda_field(std::size_t& pos) {
    std::size_t p = pos;
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, "(")) return nullptr;
    m_lex.opt_whitespace(p);
    std::vector<std::string> params;
    if (auto first = identifier(p)) {
      params.push_back(*first);
      while (true) {
        std::size_t q = p;
        if (!comma(q)) break;
        auto next = identifier(q);
        if (!next) break;
        params.push_back(*next);
        p = q;
      }
    }
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, ")")) return nullptr;
    m_lex.opt_whitespace(p);
    if (!m_lex.literal(p, "=>")) return nullptr;
    m_lex.opt_whitespace(p);
    ExprPtr body = field(p);
    if (!body) return nullptr;
    auto e = std::make_shared<Expr>();
    e->kind = Expr::Kind::lambda;
    e->params = std::move(params);
    e->left = body;
    e->offset = pos;
    seal(*e, pos);
    pos = p;
    return e;
  }

  // ---- sources ----------------------------------------------------------------------

  SourcePtr source(std::size_t& pos) {
    SourcePtr first = atom_source(pos);
    if (!first) return nullptr;
    while (true) {
      std::size_t q = pos;
      m_lex.opt_whitespace(q);
      auto op = binary_operator(q, 0);
      if (!op) break;
      m_lex.opt_whitespace(q);
      SourcePtr rhs = atom_source(q);
      if (!rhs) break;
      auto s = std::make_shared<Source>();
      s->kind = Source::Kind::binaryop;
      s->left = first;
      s->op = *op;
      s->right = rhs;
      seal(*s, q);
      if (m_too_deep_at) return nullptr;
      first = s;
      pos = q;
    }
    return first;
  }

  SourcePtr atom_source(std::size_t& pos) {
    const std::size_t start = pos;
    const Nesting nesting(*this, start);
    if (!nesting.ok()) return nullptr;
    std::size_t p = pos;
    if (m_lex.literal(p, "(")) {
      m_lex.opt_whitespace(p);
      if (SourcePtr inner = source(p)) {
        m_lex.opt_whitespace(p);
        if (m_lex.literal(p, ")")) {
          pos = p;
          return inner;
        }
      }
    }
    p = pos;
    if (m_lex.peek(p) == '-' || m_lex.peek(p) == '!') {
      ++p;
      if (SourcePtr child = atom_source(p)) {
        auto s = std::make_shared<Source>();
        s->kind = Source::Kind::negate;
        s->left = child;
        seal(*s, start);
        pos = p;
        return s;
      }
    }
    p = pos;
    if (m_lex.literal(p, "outgoing(")) {
      m_lex.opt_whitespace(p);
      if (auto l = link(p)) {
        if (m_lex.literal(p, ")")) {
          pos = p;
          return make_source(Source::Kind::link, l->path, false);
        }
      }
    }
    p = pos;
    if (auto l = link(p)) {
      pos = p;
      return make_source(Source::Kind::link, l->path);
    }
    p = pos;
    if (auto folder = string_literal(p)) {
      pos = p;
      return make_source(Source::Kind::folder, *folder);
    }
    p = pos;
    if (auto t = tag(p)) {
      pos = p;
      return make_source(Source::Kind::tag, *t);
    }
    p = pos;
    if (m_lex.literal(p, "csv(")) {
      m_lex.opt_whitespace(p);
      if (auto path = string_literal(p)) {
        if (m_lex.literal(p, ")")) {
          pos = p;
          return make_source(Source::Kind::csv, *path);
        }
      }
    }
    m_lex.expect(start, "a source (#tag, \"folder\", [[link]], outgoing([[link]]))");
    m_lex.describe(start, "a source (#tag, \"folder\", [[link]], outgoing([[link]]))");
    return nullptr;
  }

  // ---- the query --------------------------------------------------------------------

  /// optionalWhitespaceOrComment: white space and `//` comment lines.
  void skip_space_and_comments(std::size_t& pos) {
    while (true) {
      const std::size_t before = pos;
      m_lex.opt_whitespace(pos);
      if (m_text.substr(pos, 2) == "//") {
        const std::size_t end = m_text.find('\n', pos);
        pos = end == std::string_view::npos ? m_text.size() : end;
      }
      if (pos == before) return;
    }
  }

  std::optional<NamedField> named_field(std::size_t& pos) {
    const std::size_t start = pos;
    std::size_t p = pos;
    ExprPtr f = field(p);
    if (!f) return std::nullopt;
    std::size_t q = p;
    if (m_lex.whitespace(q) && m_lex.keyword(q, "AS") && m_lex.whitespace(q)) {
      auto name = identifier(q);
      if (!name) name = string_literal(q);
      if (name) {
        pos = q;
        return NamedField{*name, f};
      }
    }
    pos = p;
    return NamedField{strip_newlines(m_text.substr(start, p - start)), f};
  }

  bool without_id(std::size_t& pos) {
    std::size_t p = pos;
    if (!m_lex.keyword(p, "WITHOUT") || !m_lex.whitespace(p) || !m_lex.keyword(p, "ID")) return false;
    m_lex.opt_whitespace(p);
    pos = p;
    return true;
  }

  bool header(std::size_t& pos, Query& query) {
    std::size_t p = pos;
    std::string type;
    for (std::string_view word : {"TABLE", "LIST", "TASK", "CALENDAR"}) {
      if (m_lex.keyword(p, word, "TABLE or LIST or TASK or CALENDAR")) {
        type = word;
        break;
      }
    }
    if (type.empty()) return false;
    if (type == "TASK") {
      query.type = Query::Type::task;
      pos = p;
      return true;
    }
    if (type == "CALENDAR") {
      query.type = Query::Type::calendar;
      if (!m_lex.whitespace(p)) return false;
      auto f = named_field(p);
      if (!f) return false;
      query.fields.push_back(*f);
      pos = p;
      return true;
    }
    query.type = type == "TABLE" ? Query::Type::table : Query::Type::list;
    if (m_lex.at_end(p)) {
      pos = p;
      return true;
    }
    if (!m_lex.whitespace(p)) return false;
    query.show_id = !without_id(p);
    if (query.type == Query::Type::list) {
      std::size_t q = p;
      if (ExprPtr f = field(q)) {
        query.list_format = f;
        p = q;
      }
    } else {
      std::size_t q = p;
      if (auto first = named_field(q)) {
        query.fields.push_back(*first);
        p = q;
        while (true) {
          q = p;
          if (!comma(q)) break;
          auto next = named_field(q);
          if (!next) break;
          query.fields.push_back(*next);
          p = q;
        }
      }
    }
    pos = p;
    return true;
  }

  std::optional<SourcePtr> from_clause(std::size_t& pos) {
    std::size_t p = pos;
    if (!m_lex.keyword(p, "FROM") || !m_lex.whitespace(p)) return std::nullopt;
    SourcePtr s = source(p);
    if (!s) return std::nullopt;
    pos = p;
    return s;
  }

  std::optional<Operation> clause(std::size_t& pos) {
    Operation op;
    std::size_t p = pos;
    if (auto s = from_clause(p)) {
      op.kind = Operation::Kind::from;
      op.source = *s;
      pos = p;
      return op;
    }
    p = pos;
    if (m_lex.keyword(p, "WHERE") && m_lex.whitespace(p)) {
      if (ExprPtr f = field(p)) {
        op.kind = Operation::Kind::where;
        op.expr = f;
        pos = p;
        return op;
      }
    }
    p = pos;
    if (m_lex.keyword(p, "SORT") && m_lex.whitespace(p)) {
      op.kind = Operation::Kind::sort;
      while (true) {
        std::size_t q = p;
        if (!op.sort.empty() && !comma(q)) break;
        ExprPtr f = field(q);
        if (!f) break;
        m_lex.opt_whitespace(q);
        SortField key{f, true};
        bool found = false;
        for (std::string_view dir : {"ASCENDING", "DESCENDING", "ASC", "DESC"}) {
          std::size_t r = q;
          if (m_lex.keyword(r, dir, "ASC or DESC")) {
            key.ascending = dir[0] == 'A';
            q = r;
            found = true;
            break;
          }
        }
        (void)found;
        op.sort.push_back(key);
        p = q;
      }
      if (!op.sort.empty()) {
        pos = p;
        return op;
      }
    }
    p = pos;
    if (m_lex.keyword(p, "LIMIT") && m_lex.whitespace(p)) {
      if (ExprPtr f = field(p)) {
        op.kind = Operation::Kind::limit;
        op.expr = f;
        pos = p;
        return op;
      }
    }
    p = pos;
    if (m_lex.keyword(p, "GROUP BY") && m_lex.whitespace(p)) {
      if (auto f = named_field(p)) {
        op.kind = Operation::Kind::group;
        op.named = *f;
        pos = p;
        return op;
      }
    }
    p = pos;
    if (m_lex.keyword(p, "FLATTEN") && m_lex.whitespace(p)) {
      if (auto f = named_field(p)) {
        op.kind = Operation::Kind::flatten;
        op.named = *f;
        pos = p;
        return op;
      }
    }
    return std::nullopt;
  }

  std::optional<Query> query(std::size_t& pos) {
    Query q;
    std::size_t p = pos;
    skip_space_and_comments(p);
    if (!header(p, q)) return std::nullopt;
    skip_space_and_comments(p);
    if (auto s = from_clause(p)) {
      q.source = *s;
      skip_space_and_comments(p);
    } else {
      q.source = make_source(Source::Kind::folder, "");
    }
    while (true) {
      std::size_t r = p;
      skip_space_and_comments(r);
      auto op = clause(r);
      if (!op) break;
      q.operations.push_back(std::move(*op));
      skip_space_and_comments(r);
      p = r;
    }
    pos = p;
    return q;
  }

  /// True when nesting went past the limit somewhere (the parse then fails).
  [[nodiscard]] bool too_deep() const { return m_too_deep_at.has_value(); }

  /// True at the end of the text; otherwise records what else could have come.
  bool end(std::size_t pos) {
    if (m_lex.at_end(pos)) return true;
    m_lex.expect(pos, "end of query");
    return false;
  }

  SyntaxError error() const {
    SyntaxError e;
    e.offset = m_too_deep_at ? *m_too_deep_at : m_lex.furthest();
    const std::string_view before = m_text.substr(0, e.offset);
    const std::size_t line_start = before.rfind('\n');
    e.line = 1;
    for (char c : before) {
      if (c == '\n') ++e.line;
    }
    const std::string_view line =
        line_start == std::string_view::npos ? before : before.substr(line_start + 1);
    e.column = static_cast<int>(core::count_code_points(line)) + 1;
    std::string expected;
    std::size_t i = 0;
    for (const auto& label : m_lex.expected()) {
      if (i > 0) expected += i + 1 == m_lex.expected().size() ? " or " : ", ";
      expected += label;
      ++i;
    }
    e.expected = expected;
    if (m_too_tall) {
      e.expected = "at most " + std::to_string(k_max_height) + " levels of operators";
      e.message = "the query is more than " + std::to_string(k_max_height) +
                  " operators deep here (a chain of operators counts one level each); split it";
      return e;
    }
    if (m_too_deep_at) {
      e.expected = "at most " + std::to_string(k_max_nesting) + " levels of nesting";
      e.message = "the query nests more than " + std::to_string(k_max_nesting) +
                  " levels deep here (parentheses, brackets, braces, '!' and '-'); write it with fewer levels";
      return e;
    }
    const std::string found = e.offset >= m_text.size()
                                  ? std::string("the end of the query")
                                  : "'" + std::string(m_text.substr(e.offset, m_lex.char_length(e.offset))) + "'";
    e.message = "expected " + (expected.empty() ? std::string("something else") : expected) + ", found " + found;
    return e;
  }

private:
  int m_depth = 0;
  std::optional<std::size_t> m_too_deep_at;  ///< where nesting (or the tree's height) first went past its limit
  bool m_too_tall = false;                    ///< the tree's height, not the nesting
  std::unordered_map<std::size_t, std::pair<ExprPtr, std::size_t>> m_index_memo;  ///< pos -> result, end
};

}  // namespace

std::variant<Query, SyntaxError> parse_query(std::string_view text) {
  Grammar g(text);
  std::size_t pos = 0;
  auto q = g.query(pos);
  if (q && g.end(pos) && !g.too_deep()) return std::move(*q);
  return g.error();
}

std::variant<ExprPtr, SyntaxError> parse_expression(std::string_view text) {
  Grammar g(text);
  std::size_t pos = 0;
  ExprPtr e = g.field(pos);
  if (e && g.end(pos) && !g.too_deep()) return e;
  return g.error();
}

std::variant<SourcePtr, SyntaxError> parse_source(std::string_view text) {
  Grammar g(text);
  std::size_t pos = 0;
  SourcePtr s = g.source(pos);
  if (s && g.end(pos) && !g.too_deep()) return s;
  return g.error();
}

}  // namespace mdvault::core::query
