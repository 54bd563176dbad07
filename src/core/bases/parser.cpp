#include "core/bases/parser.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mdvault::core::bases {

namespace {

/// Recursive descent over the tokens; every failure is kept in `m_error` and unwinds.
class Parser {
public:
  explicit Parser(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

  std::variant<ExprPtr, ExprError> run() {
    ExprPtr e = parse_or();
    if (!e) return m_error;
    if (peek().kind != Token::Kind::end) {
      return ExprError{"unexpected " + describe(peek()) + " after the expression", peek().offset};
    }
    return e;
  }

private:
  const Token& peek() const { return m_tokens[m_pos]; }
  Token take() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
  bool is_op(std::string_view op) const { return peek().kind == Token::Kind::op && peek().text == op; }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::end: return "end of the expression";
      case Token::Kind::number: return "number";
      case Token::Kind::string: return "string";
      case Token::Kind::regex: return "regular expression";
      case Token::Kind::name: return "name '" + t.text + "'";
      case Token::Kind::op: return "'" + t.text + "'";
    }
    return "token";
  }

  ExprPtr fail(std::string message, std::size_t offset) {
    if (!m_failed) {
      m_error = ExprError{std::move(message), offset};
      m_failed = true;
    }
    return nullptr;
  }

  /// Counts one level of nesting; false (and the error set) past the limit.
  bool enter() {
    if (++m_depth > k_max_expression_depth) {
      too_deep();
      return false;
    }
    return true;
  }

  ExprPtr too_deep() {
    return fail("the expression is nested more than " + std::to_string(k_max_expression_depth) + " levels deep",
                peek().offset);
  }

  static ExprPtr node(Expr::Kind kind, std::size_t offset) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->offset = offset;
    return e;
  }

  ExprPtr binary(std::string op, ExprPtr left, ExprPtr right, std::size_t offset) {
    auto e = node(Expr::Kind::binary, offset);
    e->name = std::move(op);
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    return e;
  }

  /// One precedence level of left-associative binary operators.
  template <typename Next>
  ExprPtr level(std::initializer_list<std::string_view> ops, Next next) {
    ExprPtr left = (this->*next)();
    std::size_t chain = 0;  // a left-deep chain `a + b + c` is as deep as it is long
    while (left) {
      std::string op;
      for (const auto candidate : ops) {
        if (is_op(candidate)) op = std::string(candidate);
      }
      if (op.empty()) break;
      if (m_depth + ++chain > k_max_expression_depth) return too_deep();
      const std::size_t offset = take().offset;
      ExprPtr right = (this->*next)();
      if (!right) return nullptr;
      left = binary(std::move(op), std::move(left), std::move(right), offset);
    }
    return left;
  }

  ExprPtr parse_or() { return level({"||"}, &Parser::parse_and); }
  ExprPtr parse_and() { return level({"&&"}, &Parser::parse_equality); }
  ExprPtr parse_equality() { return level({"==", "!="}, &Parser::parse_comparison); }
  ExprPtr parse_comparison() { return level({"<", ">", "<=", ">="}, &Parser::parse_additive); }
  ExprPtr parse_additive() { return level({"+", "-"}, &Parser::parse_multiplicative); }
  ExprPtr parse_multiplicative() { return level({"*", "/", "%"}, &Parser::parse_unary); }

  ExprPtr parse_unary() {
    if (is_op("!") || is_op("-") || is_op("+")) {
      if (!enter()) return nullptr;
      const Token op = take();
      ExprPtr operand = parse_unary();
      if (!operand) return nullptr;
      --m_depth;
      if (op.text == "+") return operand;
      auto e = node(Expr::Kind::unary, op.offset);
      e->name = op.text;
      e->args.push_back(std::move(operand));
      return e;
    }
    return parse_postfix();
  }

  /// Arguments up to the closing `close`, after the opening bracket was taken.
  bool parse_arguments(std::vector<ExprPtr>& out, std::string_view close, std::size_t open_offset) {
    if (is_op(close)) {
      take();
      return true;
    }
    while (true) {
      ExprPtr arg = parse_or();
      if (!arg) return false;
      out.push_back(std::move(arg));
      if (is_op(",")) {
        take();
        if (is_op(close)) {  // a trailing comma, as JavaScript allows
          take();
          return true;
        }
        continue;
      }
      if (is_op(close)) {
        take();
        return true;
      }
      if (peek().kind == Token::Kind::end) {
        fail("'" + std::string(close) + "' is missing: the bracket opened here is never closed", open_offset);
      } else {
        fail("expected ',' or '" + std::string(close) + "', found " + describe(peek()), peek().offset);
      }
      return false;
    }
  }

  ExprPtr parse_postfix() {
    ExprPtr e = parse_primary();
    std::size_t chain = 0;
    while (e) {
      if (is_op(".")) {
        take();
        if (peek().kind != Token::Kind::name) return fail("expected a name after '.', found " + describe(peek()), peek().offset);
        const Token name = take();
        if (is_op("(")) {
          const std::size_t open = take().offset;
          auto call = node(Expr::Kind::method, name.offset);
          call->name = name.text;
          call->args.push_back(std::move(e));
          if (!enter() || !parse_arguments(call->args, ")", open)) return nullptr;
          --m_depth;
          e = std::move(call);
        } else {
          auto member = node(Expr::Kind::member, name.offset);
          member->name = name.text;
          member->args.push_back(std::move(e));
          e = std::move(member);
        }
      } else if (is_op("[")) {
        const std::size_t open = take().offset;
        auto index = node(Expr::Kind::index, open);
        index->args.push_back(std::move(e));
        if (!enter()) return nullptr;
        ExprPtr key = parse_or();
        if (!key) return nullptr;
        index->args.push_back(std::move(key));
        if (!is_op("]")) {
          return fail(peek().kind == Token::Kind::end ? "']' is missing: the bracket opened here is never closed"
                                                      : "expected ']', found " + describe(peek()),
                      peek().kind == Token::Kind::end ? open : peek().offset);
        }
        take();
        --m_depth;
        e = std::move(index);
      } else if (is_op("(")) {
        return fail("only a function name or a method can be called", peek().offset);
      } else {
        break;
      }
      if (m_depth + ++chain > k_max_expression_depth) return too_deep();
    }
    return e;
  }

  ExprPtr parse_primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Token::Kind::number: {
        auto e = node(Expr::Kind::number_literal, t.offset);
        e->number = take().number;
        return e;
      }
      case Token::Kind::string: {
        auto e = node(Expr::Kind::string_literal, t.offset);
        e->name = take().text;
        return e;
      }
      case Token::Kind::regex: {
        auto e = node(Expr::Kind::regex_literal, t.offset);
        Token r = take();
        e->name = std::move(r.text);
        e->flags = std::move(r.flags);
        return e;
      }
      case Token::Kind::name: {
        Token name = take();
        if (name.text == "true" || name.text == "false") {
          auto e = node(Expr::Kind::bool_literal, name.offset);
          e->boolean = name.text == "true";
          return e;
        }
        if (name.text == "null") return node(Expr::Kind::null_literal, name.offset);
        if (is_op("(")) {
          const std::size_t open = take().offset;
          auto call = node(Expr::Kind::call, name.offset);
          call->name = std::move(name.text);
          if (!enter() || !parse_arguments(call->args, ")", open)) return nullptr;
          --m_depth;
          return call;
        }
        auto e = node(Expr::Kind::identifier, name.offset);
        e->name = std::move(name.text);
        return e;
      }
      case Token::Kind::op: break;
      case Token::Kind::end: return fail("the expression ends where a value is expected", t.offset);
    }
    if ((t.text == "(" || t.text == "[" || t.text == "{") && !enter()) return nullptr;
    const auto leave = [this](ExprPtr e) {
      --m_depth;
      return e;
    };
    if (t.text == "(") {
      const std::size_t open = take().offset;
      ExprPtr inner = parse_or();
      if (!inner) return nullptr;
      if (!is_op(")")) {
        return fail(peek().kind == Token::Kind::end ? "')' is missing: the parenthesis opened here is never closed"
                                                    : "expected ')', found " + describe(peek()),
                    peek().kind == Token::Kind::end ? open : peek().offset);
      }
      take();
      return leave(std::move(inner));
    }
    if (t.text == "[") {
      const std::size_t open = take().offset;
      auto e = node(Expr::Kind::list, open);
      if (!parse_arguments(e->args, "]", open)) return nullptr;
      return leave(std::move(e));
    }
    if (t.text == "{") {
      const std::size_t open = take().offset;
      auto e = node(Expr::Kind::object, open);
      if (is_op("}")) {
        take();
        return leave(std::move(e));
      }
      while (true) {
        if (peek().kind != Token::Kind::string && peek().kind != Token::Kind::name) {
          return fail("expected a key (a name or a string), found " + describe(peek()), peek().offset);
        }
        e->keys.push_back(take().text);
        if (!is_op(":")) return fail("expected ':' after the key, found " + describe(peek()), peek().offset);
        take();
        ExprPtr value = parse_or();
        if (!value) return nullptr;
        e->args.push_back(std::move(value));
        if (is_op(",")) {
          take();
          if (is_op("}")) break;
          continue;
        }
        if (is_op("}")) break;
        if (peek().kind == Token::Kind::end) return fail("'}' is missing: the brace opened here is never closed", open);
        return fail("expected ',' or '}', found " + describe(peek()), peek().offset);
      }
      take();
      return leave(std::move(e));
    }
    if (t.text == ")" || t.text == "]" || t.text == "}") {
      return fail("'" + t.text + "' closes nothing: no bracket is open here", t.offset);
    }
    return fail("unexpected " + describe(t) + " where a value is expected", t.offset);
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  std::size_t m_depth = 0;
  bool m_failed = false;
  ExprError m_error;
};

}  // namespace

std::variant<ExprPtr, ExprError> parse_expression(std::string_view text) {
  auto tokens = tokenize(text);
  if (auto* error = std::get_if<ExprError>(&tokens)) return *error;
  Parser parser(std::get<std::vector<Token>>(std::move(tokens)));
  return parser.run();
}

}  // namespace mdvault::core::bases
