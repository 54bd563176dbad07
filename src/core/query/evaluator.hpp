#pragma once
// Evaluating DQL expressions against a row, as Dataview's Context.evaluate does: variables
// from the row (then the globals), index and dot access, links followed into the notes they
// open, binary operators dispatched on both operand types, lambdas and function calls.

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/query/ast.hpp"
#include "core/query/dql_value.hpp"
#include "core/regex.hpp"

namespace mdvault::core::query {

/// A failure Dataview reports for one row ("No implementation found for 'number + null'").
class EvaluationError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The longest text an expression may make (padleft, padright, replace, regexreplace, join, +):
/// 16 MiB, like a note. Longer is a query error, checked before the text is made where it can be.
inline constexpr std::size_t k_max_text_bytes = 16U * 1024U * 1024U;

/// Throws EvaluationError when a text of `bytes` (a double: padleft(x, 1/0)) would pass the limit.
void check_text_size(double bytes, std::string_view function);

/// What a variable name can see: the row's fields and the lambda parameters around it.
struct Scope {
  std::shared_ptr<const DqlObject> row;                  ///< the row data (a note's fields and `file`)
  std::vector<std::pair<std::string, DqlValue>> locals;  ///< lambda arguments, innermost last
  /// The value bound to `name`, or nullptr.
  [[nodiscard]] const DqlValue* lookup(std::string_view name) const;
};

/// How links are followed: a link path to the page object of the note it opens (or null), and
/// a link path to the vault path it opens (for comparing links).
struct LinkHandler {
  std::function<DqlValue(const std::string&)> resolve;
  std::function<std::string(const std::string&)> normalize;
};

/// Evaluates expressions; one per query run (it caches compiled regular expressions).
class Evaluator {
public:
  Evaluator(LinkHandler links, DqlObject globals);

  /// The value of `e` in `scope`; throws EvaluationError where Dataview's evaluation fails.
  DqlValue evaluate(const Expr& e, const Scope& scope);
  /// evaluate(), with the failure as its message.
  std::variant<DqlValue, std::string> try_evaluate(const Expr& e, const Scope& scope);
  /// A binary operator on two values (BinaryOpHandler.evaluate); throws EvaluationError.
  DqlValue binary(std::string_view op, const DqlValue& a, const DqlValue& b);
  /// Calls a function value (a lambda) with arguments.
  DqlValue call(const DqlValue& function, const std::vector<DqlValue>& args);
  /// compare_values with this run's link normalizer.
  int compare(const DqlValue& a, const DqlValue& b) const;
  /// The normalizer of link paths.
  [[nodiscard]] const LinkNormalizer& normalizer() const { return m_normalize; }
  /// The page object a link path opens, or null.
  DqlValue resolve_link(const std::string& path) const;
  /// A compiled pattern (cached); throws EvaluationError when it does not compile.
  std::shared_ptr<const Regex> regex(const std::string& pattern, bool ignore_case = false);

private:
  DqlValue evaluate_index(const Expr& e, const Scope& scope);
  DqlValue index_value(const DqlValue& object, const DqlValue& index);

  LinkHandler m_links;
  LinkNormalizer m_normalize;
  DqlObject m_globals;
  std::unordered_map<std::string, std::shared_ptr<const Regex>> m_regex_cache;
};

}  // namespace mdvault::core::query
