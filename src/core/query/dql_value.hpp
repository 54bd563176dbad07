#pragma once
// Dataview's value model: null, boolean, number, string, date, duration, link, array,
// object and function, with its truthiness, total ordering and string rendering.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/query/date_time.hpp"

namespace mdvault::core::query {

/// An Obsidian link as Dataview models it: a path, with an optional subpath and display.
struct Link {
  enum class Type { file, header, block };
  std::string path;     ///< as written ("Note"), or a vault path ("Folder/Note.md") once resolved
  std::optional<std::string> display;
  std::optional<std::string> subpath;
  Type type = Type::file;
  bool embed = false;

  /// Dataview's Link.infer: splits "#^block" or "#header" off the path.
  static Link infer(std::string_view text, bool embed, std::optional<std::string> display);
  /// Dataview's markdown(): "[[path|Title]]", "[[path#sub|Title > sub]]".
  [[nodiscard]] std::string markdown() const;
  /// The file name without folder and ".md".
  [[nodiscard]] std::string file_title() const;
};

class DqlValue;
class Evaluator;

using DqlList = std::vector<DqlValue>;
/// An object keeps insertion order (as JavaScript objects do for string keys).
using DqlObject = std::vector<std::pair<std::string, DqlValue>>;
/// A callable value (a lambda): gets the evaluator and the arguments.
using DqlFunction = std::function<DqlValue(Evaluator&, const std::vector<DqlValue>&)>;

/// One Dataview value. Lists, objects and functions are shared and immutable once built.
class DqlValue {
public:
  enum class Type { null, boolean, number, string, date, duration, link, array, object, function };

  DqlValue() = default;
  DqlValue(std::nullptr_t) {}
  static DqlValue boolean(bool b);
  static DqlValue number(double n);
  static DqlValue string(std::string s);
  static DqlValue date(DateTime d);
  static DqlValue duration(Duration d);
  static DqlValue link(Link l);
  static DqlValue list(DqlList items);
  static DqlValue object(DqlObject entries);
  static DqlValue function(DqlFunction f);

  [[nodiscard]] Type type() const { return static_cast<Type>(m_data.index()); }
  [[nodiscard]] bool is_null() const { return type() == Type::null; }
  [[nodiscard]] bool is_bool() const { return type() == Type::boolean; }
  [[nodiscard]] bool is_number() const { return type() == Type::number; }
  [[nodiscard]] bool is_string() const { return type() == Type::string; }
  [[nodiscard]] bool is_date() const { return type() == Type::date; }
  [[nodiscard]] bool is_duration() const { return type() == Type::duration; }
  [[nodiscard]] bool is_link() const { return type() == Type::link; }
  [[nodiscard]] bool is_list() const { return type() == Type::array; }
  [[nodiscard]] bool is_object() const { return type() == Type::object; }
  [[nodiscard]] bool is_function() const { return type() == Type::function; }

  [[nodiscard]] bool as_bool() const { return std::get<bool>(m_data); }
  [[nodiscard]] double as_number() const { return std::get<double>(m_data); }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(m_data); }
  [[nodiscard]] const DateTime& as_date() const { return std::get<DateTime>(m_data); }
  [[nodiscard]] const Duration& as_duration() const { return std::get<Duration>(m_data); }
  [[nodiscard]] const Link& as_link() const { return std::get<Link>(m_data); }
  [[nodiscard]] const DqlList& as_list() const { return *std::get<std::shared_ptr<const DqlList>>(m_data); }
  [[nodiscard]] const DqlObject& as_object() const { return *std::get<std::shared_ptr<const DqlObject>>(m_data); }
  [[nodiscard]] const DqlFunction& as_function() const { return *std::get<std::shared_ptr<const DqlFunction>>(m_data); }

  /// The shared entries of an object (no copy).
  [[nodiscard]] std::shared_ptr<const DqlObject> object_ptr() const {
    return std::get<std::shared_ptr<const DqlObject>>(m_data);
  }
  /// An object value sharing existing entries.
  static DqlValue object(std::shared_ptr<const DqlObject> entries);

  /// The value of a key of an object, or nullptr (also when this is no object).
  [[nodiscard]] const DqlValue* find(std::string_view key) const;

private:
  std::variant<std::monostate, bool, double, std::string, DateTime, Duration, Link, std::shared_ptr<const DqlList>,
               std::shared_ptr<const DqlObject>, std::shared_ptr<const DqlFunction>>
      m_data;
};

/// Dataview's type names: "null", "boolean", "number", "string", "date", "duration", "link",
/// "array", "object", "function" (what typeof() returns and what orders types).
std::string_view type_name(DqlValue::Type t);

/// Values.isTruthy: non-zero, non-empty, true.
bool is_truthy(const DqlValue& v);

/// Maps a link path to the path it opens (for comparing links); identity when empty.
using LinkNormalizer = std::function<std::string(const std::string&)>;

/// Values.compareValue: a total order; null first, then types by name, then by value.
int compare_values(const DqlValue& a, const DqlValue& b, const LinkNormalizer& normalize = {});

/// String.localeCompare with ICU's root collation, approximated: punctuation, then digits, then
/// letters; accents and case only break ties (lowercase first).
int locale_compare(std::string_view a, std::string_view b);

/// Values.toString: how Dataview turns a value into text ("a, b" for lists, "July 05, 2025"...).
std::string to_dataview_string(const DqlValue& v, bool nested = false);

/// Deep copy is never needed (values are immutable); equality as compare_values == 0.
bool equal_values(const DqlValue& a, const DqlValue& b, const LinkNormalizer& normalize = {});

}  // namespace mdvault::core::query
