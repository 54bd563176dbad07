#pragma once
// The project's own typed value: what a YAML frontmatter or schema document holds,
// each node carrying the 1-based file line and column it was read from.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mdvault::core {

/// Deepest nesting of lists and maps the readers build (YAML, JSON): keeps recursion bounded.
inline constexpr std::size_t k_max_value_depth = 500;

/// A 1-based position in a file; line 0 means "no position" (a value built in code).
struct Position {
  int line = 0;
  int column = 0;
  friend bool operator==(const Position&, const Position&) = default;
};

class Value;

/// One key of an ordered map, with the position of the key itself.
struct MapEntry;

using ValueList = std::vector<Value>;
using ValueMap = std::vector<MapEntry>;

/// null, bool, integer, float, string, list or ordered map, with its source position.
class Value {
public:
  enum class Kind { null, boolean, integer, floating, string, list, map };

  Value() = default;
  static Value make_null(Position pos = {});
  static Value make_bool(bool b, Position pos = {});
  static Value make_int(std::int64_t i, Position pos = {});
  static Value make_float(double d, Position pos = {});
  static Value make_string(std::string s, Position pos = {});
  static Value make_list(ValueList items, Position pos = {});
  static Value make_map(ValueMap entries, Position pos = {});

  [[nodiscard]] Kind kind() const;
  [[nodiscard]] bool is_null() const { return kind() == Kind::null; }
  [[nodiscard]] bool is_bool() const { return kind() == Kind::boolean; }
  [[nodiscard]] bool is_int() const { return kind() == Kind::integer; }
  [[nodiscard]] bool is_float() const { return kind() == Kind::floating; }
  /// Integer or float.
  [[nodiscard]] bool is_number() const { return is_int() || is_float(); }
  [[nodiscard]] bool is_string() const { return kind() == Kind::string; }
  [[nodiscard]] bool is_list() const { return kind() == Kind::list; }
  [[nodiscard]] bool is_map() const { return kind() == Kind::map; }

  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  /// The number as a double (integers converted).
  [[nodiscard]] double as_number() const;
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const ValueList& as_list() const;
  [[nodiscard]] ValueList& as_list();
  [[nodiscard]] const ValueMap& as_map() const;
  [[nodiscard]] ValueMap& as_map();

  /// The entry for a key of a map, or nullptr (also when this is no map).
  [[nodiscard]] const Value* find(std::string_view key) const;
  [[nodiscard]] const MapEntry* find_entry(std::string_view key) const;

  /// The source position of this value.
  Position position;

  /// The kind's lower-case name as JSON Schema spells it ("integer", "number", "object", ...).
  [[nodiscard]] static std::string_view kind_name(Kind k);

  /// Deep equality by JSON Schema's rules: 1 == 1.0, map key order ignored; positions ignored.
  friend bool operator==(const Value& a, const Value& b);

private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, ValueList, ValueMap> m_data;
};

struct MapEntry {
  std::string key;
  Position key_position;
  Value value;
};

/// A short, single-line rendering for messages: strings quoted, lists in [ ], maps in { }.
std::string to_display(const Value& v, std::size_t max_chars = 80);

}  // namespace mdvault::core
