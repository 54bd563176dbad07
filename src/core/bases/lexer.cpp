#include "core/bases/lexer.hpp"

#include <charconv>
#include <cctype>
#include <string>

#include "core/unicode.hpp"

namespace mdvault::core::bases {

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

/// True when the token before allows an operand next (so a '/' opens a regex literal).
bool operand_expected(const std::vector<Token>& tokens) {
  if (tokens.empty()) return true;
  const Token& last = tokens.back();
  if (last.kind != Token::Kind::op) return false;
  return last.text != ")" && last.text != "]" && last.text != "}";
}


}  // namespace

std::variant<std::vector<Token>, ExprError> tokenize(std::string_view text) {
  if (text.size() > k_max_expression_bytes) {
    return ExprError{"the expression is longer than 64 KiB", 0};
  }
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    Token token;
    token.offset = i;
    if (c >= '0' && c <= '9') {
      std::size_t end = i;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      if (end + 1 < text.size() && text[end] == '.' && text[end + 1] >= '0' && text[end + 1] <= '9') {
        ++end;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      }
      if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
        std::size_t k = end + 1;
        if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
        if (k < text.size() && text[k] >= '0' && text[k] <= '9') {
          while (k < text.size() && text[k] >= '0' && text[k] <= '9') ++k;
          end = k;
        }
      }
      token.kind = Token::Kind::number;
      std::from_chars(text.data() + i, text.data() + end, token.number);
      i = end;
    } else if (c == '"' || c == '\'') {
      std::size_t k = i + 1;
      std::string value;
      bool closed = false;
      while (k < text.size()) {
        const char d = text[k];
        if (d == c) {
          closed = true;
          ++k;
          break;
        }
        if (d == '\\' && k + 1 < text.size()) {
          const char e = text[k + 1];
          k += 2;
          switch (e) {
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            case 'r': value += '\r'; break;
            case 'u': {
              unsigned cp = 0;
              std::size_t digits = 0;
              while (digits < 4 && k < text.size() && std::isxdigit(static_cast<unsigned char>(text[k]))) {
                const char h = text[k];
                cp = cp * 16 + static_cast<unsigned>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
                ++k;
                ++digits;
              }
              if (digits != 4) return ExprError{"\\u needs four hexadecimal digits", k};
              append_utf8(value, cp);
              break;
            }
            default: value += e;
          }
          continue;
        }
        value += d;
        ++k;
      }
      if (!closed) return ExprError{std::string("unclosed string: a ") + c + " is missing", i};
      token.kind = Token::Kind::string;
      token.text = std::move(value);
      i = k;
    } else if (c == '/' && operand_expected(tokens)) {
      std::size_t k = i + 1;
      bool in_class = false;
      bool closed = false;
      std::string source;
      while (k < text.size() && text[k] != '\n') {
        const char d = text[k];
        if (d == '\\' && k + 1 < text.size()) {
          source += d;
          source += text[k + 1];
          k += 2;
          continue;
        }
        if (d == '[') in_class = true;
        if (d == ']') in_class = false;
        if (d == '/' && !in_class) {
          closed = true;
          ++k;
          break;
        }
        source += d;
        ++k;
      }
      if (!closed) return ExprError{"unclosed regular expression: the closing / is missing", i};
      std::string flags;
      while (k < text.size() && is_name_char(text[k])) {
        const char f = text[k];
        if (std::string_view("gimsuy").find(f) == std::string_view::npos || flags.find(f) != std::string::npos) {
          return ExprError{std::string("unknown or repeated regular expression flag '") + f + "'", k};
        }
        flags += f;
        ++k;
      }
      token.kind = Token::Kind::regex;
      token.text = std::move(source);
      token.flags = std::move(flags);
      i = k;
    } else if (is_name_start(c)) {
      std::size_t end = i;
      while (end < text.size() && is_name_char(text[end])) ++end;
      token.kind = Token::Kind::name;
      token.text = std::string(text.substr(i, end - i));
      i = end;
    } else {
      static constexpr std::string_view k_two[] = {"==", "!=", ">=", "<=", "&&", "||"};
      token.kind = Token::Kind::op;
      for (const auto op : k_two) {
        if (text.substr(i, 2) == op) token.text = std::string(op);
      }
      if (token.text.empty()) {
        if (std::string_view("+-*/%<>!()[]{},.:").find(c) == std::string_view::npos) {
          if (c == '=') return ExprError{"'=' is no operator: write == to compare", i};
          if (c == '&' || c == '|') return ExprError{std::string("write ") + c + c + " for the boolean operator", i};
          return ExprError{std::string("unexpected character '") + c + "'", i};
        }
        token.text = std::string(1, c);
      }
      i += token.text.size();
    }
    tokens.push_back(std::move(token));
  }
  Token end;
  end.offset = text.size();
  tokens.push_back(std::move(end));
  return tokens;
}

}  // namespace mdvault::core::bases
