#pragma once
// The values of the Bases expression language (Obsidian's help, "Bases syntax" § Types): null,
// boolean, number, string, date, duration, list, object, link, file and regular expression,
// with their truthiness, equality, sort order and text form.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/note.hpp"
#include "core/query/date_time.hpp"
#include "core/regex.hpp"

namespace mdvault::core::bases {

using query::DateTime;
using query::Duration;

/// A file of the vault: a note (with its facts), or another file (an attachment, a `.base`).
struct FileRef {
  const Note* note = nullptr;  ///< the note, when the file is one
  std::string path;            ///< vault-relative path with its extension
};

/// A link as Bases keeps it: the target as written (subpath included) and an optional display.
struct LinkValue {
  std::string target;  ///< "Styles/Secure", "Note#Heading", or a URL
  std::optional<std::string> display;
};

/// A regular-expression literal: the compiled pattern and its flags.
struct RegexValue {
  std::shared_ptr<const Regex> regex;
  std::string flags;  ///< as written: any of "gimsuy" the language accepts
  [[nodiscard]] bool global() const { return flags.find('g') != std::string::npos; }
};

class BaseValue;
using BaseList = std::vector<BaseValue>;
/// Objects keep the order their keys were written in.
using BaseObject = std::vector<std::pair<std::string, BaseValue>>;

/// One value; lists and objects are shared and immutable once built.
class BaseValue {
public:
  enum class Type { null, boolean, number, string, date, duration, list, object, link, file, regex };

  BaseValue() = default;
  static BaseValue boolean(bool b);
  static BaseValue number(double n);
  static BaseValue string(std::string s);
  static BaseValue date(DateTime d);
  static BaseValue duration(Duration d);
  static BaseValue list(BaseList items);
  static BaseValue object(BaseObject entries);
  static BaseValue link(LinkValue l);
  static BaseValue file(FileRef f);
  static BaseValue regex(RegexValue r);

  [[nodiscard]] Type type() const { return static_cast<Type>(m_data.index()); }
  [[nodiscard]] bool is_null() const { return type() == Type::null; }
  [[nodiscard]] bool is_bool() const { return type() == Type::boolean; }
  [[nodiscard]] bool is_number() const { return type() == Type::number; }
  [[nodiscard]] bool is_string() const { return type() == Type::string; }
  [[nodiscard]] bool is_date() const { return type() == Type::date; }
  [[nodiscard]] bool is_duration() const { return type() == Type::duration; }
  [[nodiscard]] bool is_list() const { return type() == Type::list; }
  [[nodiscard]] bool is_object() const { return type() == Type::object; }
  [[nodiscard]] bool is_link() const { return type() == Type::link; }
  [[nodiscard]] bool is_file() const { return type() == Type::file; }
  [[nodiscard]] bool is_regex() const { return type() == Type::regex; }

  [[nodiscard]] bool as_bool() const { return std::get<bool>(m_data); }
  [[nodiscard]] double as_number() const { return std::get<double>(m_data); }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(m_data); }
  [[nodiscard]] const DateTime& as_date() const { return std::get<DateTime>(m_data); }
  [[nodiscard]] const Duration& as_duration() const { return std::get<Duration>(m_data); }
  [[nodiscard]] const BaseList& as_list() const { return *std::get<std::shared_ptr<const BaseList>>(m_data); }
  [[nodiscard]] const BaseObject& as_object() const { return *std::get<std::shared_ptr<const BaseObject>>(m_data); }
  [[nodiscard]] const LinkValue& as_link() const { return std::get<LinkValue>(m_data); }
  [[nodiscard]] const FileRef& as_file() const { return std::get<FileRef>(m_data); }
  [[nodiscard]] const RegexValue& as_regex() const { return std::get<RegexValue>(m_data); }

  /// The value of an object's key, or nullptr (also when this is no object).
  [[nodiscard]] const BaseValue* find(std::string_view key) const;

private:
  std::variant<std::monostate, bool, double, std::string, DateTime, Duration, std::shared_ptr<const BaseList>,
               std::shared_ptr<const BaseObject>, LinkValue, FileRef, RegexValue>
      m_data;
};

/// The names isType() accepts and messages use: "null", "boolean", "number", "string", "date",
/// "duration", "list", "object", "link", "file", "regexp".
std::string_view type_name(BaseValue::Type t);

/// JavaScript's truthiness: false, 0, NaN, "" and null are false; every list, object, date... true.
bool is_truthy(const BaseValue& v);

/// True for null, "", an empty list and an empty object (the Empty and Filled summaries).
bool is_empty_value(const BaseValue& v);

/// toString(): numbers as JavaScript prints them, dates "2025-01-01" or "2025-01-01 04:03:00",
/// lists "a, b", links their display or target, files their path.
std::string to_text(const BaseValue& v);

/// Structural equality (numbers by value, dates by instant, lists and objects deeply, links by
/// target, files by path); links against files are compared by the evaluator, which resolves them.
bool equal_values(const BaseValue& a, const BaseValue& b);

/// The order of sorts and groups: numbers, dates, durations, strings (locale order), booleans
/// (false first) each among themselves; values of different types by type; null and empty last
/// is the caller's concern.
int compare_values(const BaseValue& a, const BaseValue& b);

/// A date as Bases prints it: "2025-01-01", or "2025-01-01 04:03:00" when it has a time.
std::string date_text(const DateTime& d);

/// A duration string of the help's units ("1M", "2h", "1 day", "3 weeks 2d", "-1y"), or nothing.
std::optional<Duration> parse_duration(std::string_view text);

/// A date string Obsidian reads: "YYYY-MM-DD", with " HH:mm[:ss[.SSS]]" or "THH:mm..." and an
/// optional "Z" or "+02:00" (the instant kept in local wall time), or nothing.
std::optional<DateTime> parse_date(std::string_view text);

}  // namespace mdvault::core::bases
