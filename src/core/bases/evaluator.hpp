#pragma once
// Evaluating Bases expressions for one file of the vault at a time: note, file and formula
// properties, `this`, the operators with their date and duration arithmetic, lambdas of
// filter/map/reduce (value, index, acc), and every function of the help (functions.cpp).

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "core/bases/base_file.hpp"
#include "core/bases/base_value.hpp"
#include "core/bases/expression.hpp"
#include "core/link_resolver.hpp"
#include "core/vault.hpp"

namespace mdvault::core::bases {

/// A failure of one evaluation ("toFixed() is not a method of string"): the cell or the row
/// fails, not the run. Thrown inside the evaluator only; try_evaluate turns it into text.
class EvalError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The longest text or list an expression may make (repeat, join, +): 16 MiB / 1M items.
inline constexpr std::size_t k_max_text_bytes = 16U * 1024U * 1024U;
inline constexpr std::size_t k_max_list_items = 1U << 20U;
/// Work allowed for one file (one unit per node evaluated, per list item a method visits, per
/// byte of text joined): a formula that would run for minutes fails in well under a second.
inline constexpr std::size_t k_max_work_per_row = 20'000'000;

/// Property types as `.obsidian/types.json` declares them (key -> "text", "date", ...).
using PropertyTypes = std::map<std::string, std::string, std::less<>>;

/// What every evaluation of one run shares.
struct EvalEnvironment {
  const Vault* vault = nullptr;
  const LinkResolver* resolver = nullptr;
  const PropertyTypes* property_types = nullptr;  ///< nullptr: no types.json
  const BaseFile* base = nullptr;                 ///< for formula.*
  std::optional<FileRef> this_file;               ///< `this`; nothing when there is none
  DateTime now = DateTime::now();                 ///< now() and today() for the whole run
};

/// One evaluator per thread; set_row before evaluating for a file.
class Evaluator {
public:
  explicit Evaluator(const EvalEnvironment& env);

  /// The file the next evaluations are about (forgets the formulas of the previous one).
  void set_row(const FileRef& row);
  [[nodiscard]] const FileRef& row() const { return m_row; }

  /// The value of `e`; throws EvalError.
  BaseValue evaluate(const Expr& e);
  /// evaluate(), with the failure as its message.
  std::variant<BaseValue, std::string> try_evaluate(const Expr& e);

  /// A column or sort property of the row: "note.x", "x", "file.name", "formula.y"; throws EvalError.
  BaseValue property(std::string_view id);
  /// The value of a formula of the base for the row (computed once per row); throws EvalError.
  BaseValue formula(std::string_view name);

  /// Binds `name` (value, index, acc, values) while evaluating; innermost wins.
  void push_local(std::string name, BaseValue value) { m_locals.emplace_back(std::move(name), std::move(value)); }
  void pop_local() { m_locals.pop_back(); }

  /// == of the language: structural, and links equal to the file (or link) they open.
  bool equals(const BaseValue& a, const BaseValue& b) const;
  /// A text that two values share exactly when == holds between them (links by the file they
  /// open): what unique() and the Unique summary count in linear time.
  [[nodiscard]] std::string identity(const BaseValue& v) const;
  /// The vault path a link opens, or nothing when it opens no file.
  [[nodiscard]] std::optional<std::string> resolve_link(const LinkValue& link) const;
  /// The file at a vault path or link text, or nothing.
  [[nodiscard]] std::optional<FileRef> find_file(std::string_view path_or_name) const;
  /// The note's frontmatter as an object, each value typed as the vault declares it.
  BaseValue properties_of(const FileRef& file) const;
  /// One frontmatter property of a file (exact key, else case-insensitive), typed; null when absent.
  BaseValue note_property(const FileRef& file, std::string_view key) const;
  /// A field of a file value (name, path, tags, links, ...); nothing when it has no such field.
  std::optional<BaseValue> file_field(const FileRef& file, std::string_view name);
  /// Files that link to `file` (built once per evaluator).
  BaseValue backlinks(const FileRef& file);
  /// True when `file` has a link that opens `target` (a vault path).
  bool has_link_to(const FileRef& file, const std::string& target) const;
  /// A compiled pattern (cached); throws EvalError when it does not compile.
  std::shared_ptr<const Regex> regex(const std::string& source, bool ignore_case);

  [[nodiscard]] const EvalEnvironment& environment() const { return m_env; }

  /// Counts `units` of work for the current file; throws EvalError past k_max_work_per_row.
  void charge(std::size_t units);

private:
  BaseValue evaluate_member(const Expr& e);
  BaseValue evaluate_method(const Expr& e);
  BaseValue evaluate_call(const Expr& e);
  BaseValue evaluate_binary(const Expr& e);
  BaseValue identifier(const Expr& e);
  BaseValue member_of(const BaseValue& object, const std::string& name);
  BaseValue index_of(const BaseValue& object, const BaseValue& key);
  /// filter, map and reduce: the argument is evaluated per item.
  BaseValue list_lambda(const BaseValue& list, const Expr& e);

  const EvalEnvironment& m_env;
  FileRef m_row;
  Note m_no_note;  ///< the link source for files that are no notes (links resolve from the root)
  std::vector<std::pair<std::string, BaseValue>> m_locals;
  std::unordered_map<std::string, std::optional<BaseValue>> m_formula_values;
  std::vector<std::string> m_formulas_running;
  std::unordered_map<std::string, std::shared_ptr<const Regex>> m_regex_cache;
  std::unique_ptr<std::unordered_map<std::string, BaseList>> m_backlinks;
  std::size_t m_depth = 0;
  std::size_t m_work = 0;
};

/// A global function of the help (functions.cpp); throws EvalError. `if` is lazy and handled by
/// the evaluator.
BaseValue call_function(Evaluator& ev, const std::string& name, const std::vector<BaseValue>& args);
/// A method of the receiver's type (functions.cpp); throws EvalError.
BaseValue call_method(Evaluator& ev, const BaseValue& receiver, const std::string& name,
                      const std::vector<BaseValue>& args);
/// Every global function name, and every method name of any type (for "did you mean").
const std::vector<std::string>& function_names();
const std::vector<std::string>& method_names();
/// The methods a value of type `t` has, the any-type ones included.
const std::vector<std::string>& methods_of(BaseValue::Type t);

/// A frontmatter value as Bases reads it: by the declared type ("date", "number", "checkbox",
/// "multitext", "tags", "aliases", "text", ...), else by the help's rules for untyped values
/// (a lone "[[link]]" is a link, "YYYY-MM-DD" a date, lists and maps item by item).
BaseValue read_property(const Value& v, std::string_view declared_type);

/// Moment.js's format() for the tokens the help uses (YYYY MM DD HH mm ss SSS, MMMM, dddd, A, [text]...).
std::string format_moment(const DateTime& d, std::string_view format);
/// Moment.js's fromNow(): "3 days ago", "in a month", "a few seconds ago".
std::string relative_time(const DateTime& d, const DateTime& now);

}  // namespace mdvault::core::bases
