#pragma once
// The syntax tree of one Bases expression (a filter statement, a formula, a summary formula).

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mdvault::core::bases {

/// One node; `offset` is the byte in the expression's text where it starts (for messages).
struct Expr {
  enum class Kind {
    null_literal,
    bool_literal,
    number_literal,
    string_literal,
    regex_literal,
    identifier,  ///< `name`: a local (value, index, acc, values), a keyword object, or a note property
    member,      ///< `args[0].name`
    index,       ///< `args[0][args[1]]`
    call,        ///< `name(args...)`: a global function
    method,      ///< `args[0].name(args[1]...)`
    unary,       ///< `name` is "!" or "-"; `args[0]`
    binary,      ///< `name` is the operator; `args[0]`, `args[1]`
    list,        ///< `[args...]`
    object,      ///< `{keys[i]: args[i]}`
  };
  Kind kind = Kind::null_literal;
  std::size_t offset = 0;
  std::string name;        ///< identifier, member, function, method or operator; the string or regex source
  std::string flags;       ///< regex flags
  double number = 0;       ///< number literal
  bool boolean = false;    ///< bool literal
  std::vector<std::unique_ptr<Expr>> args;
  std::vector<std::string> keys;  ///< object literal keys
};

using ExprPtr = std::unique_ptr<Expr>;

}  // namespace mdvault::core::bases
