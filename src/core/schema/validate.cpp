// Applying a compiled schema to a value: one pass, findings in plain words, no shared mutable
// state (several threads validate at once).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>

#include "core/schema/compiled.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::schema {
namespace {

// Nested schema applications per validation; deeper instances get one finding, not a crash.
constexpr int k_max_depth = 400;
// Allowed values listed in one message; the rest are counted.
constexpr std::size_t k_max_listed_values = 20;

using Findings = std::vector<SchemaFinding>;

// Where a value sits in the instance, as a chain on the stack; rendered only for findings.
struct Path {
  enum class Kind { root, key, index, name };
  const Path* parent = nullptr;
  Kind kind = Kind::root;
  std::string_view key;  ///< for key and name
  std::size_t index = 0;
};

std::string render(const Path& path) {
  std::vector<const Path*> chain;
  for (const Path* p = &path; p != nullptr && p->kind != Path::Kind::root; p = p->parent) {
    chain.push_back(p);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Path& p = **it;
    if (p.kind == Path::Kind::index) {
      out += "[" + std::to_string(p.index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + std::string(p.key);
    }
  }
  return out;
}

// How a message names the value: its field path, the name of a field, or "the value".
std::string subject(const Path& path) {
  if (path.kind == Path::Kind::name) {
    return "the field name " + in_quotes(path.key);
  }
  std::string field = render(path);
  return field.empty() ? "the value" : field;
}

// "core_fears[0] is \"x\"" (for a field name: "the field name is \"x\"").
std::string is_phrase(const Path& path, const Value& v) {
  return path.kind == Path::Kind::name ? "the field name is " + to_display(v) : subject(path) + " is " + to_display(v);
}

// "created \"07/05/2025\"" (for a field name: "the field name \"x\"").
std::string value_phrase(const Path& path, const Value& v) {
  return path.kind == Path::Kind::name ? subject(path) : subject(path) + " " + to_display(v);
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::uint8_t type_bits(const Value& v, Value::Kind kind) {
  switch (kind) {
  case Value::Kind::null:
    return k_type_null;
  case Value::Kind::boolean:
    return k_type_boolean;
  case Value::Kind::integer:
    return k_type_integer | k_type_number;
  case Value::Kind::floating: {
    const double d = v.as_number();
    return std::isfinite(d) && std::floor(d) == d ? k_type_integer | k_type_number : k_type_number;
  }
  case Value::Kind::string:
    return k_type_string;
  case Value::Kind::list:
    return k_type_array;
  case Value::Kind::map:
    return k_type_object;
  }
  return 0;
}

std::string join_alternatives(const std::vector<std::string>& parts, std::string_view last_word) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += i + 1 == parts.size() ? " " + std::string(last_word) + " " : ", ";
    }
    out += parts[i];
  }
  return out;
}

// "an integer", "a string or a list".
std::string type_phrase(std::uint8_t mask) {
  std::vector<std::string> parts;
  if ((mask & k_type_number) != 0) {
    parts.emplace_back("a number");
  } else if ((mask & k_type_integer) != 0) {
    parts.emplace_back("an integer");
  }
  if ((mask & k_type_string) != 0) {
    parts.emplace_back("a string");
  }
  if ((mask & k_type_boolean) != 0) {
    parts.emplace_back("true or false");
  }
  if ((mask & k_type_array) != 0) {
    parts.emplace_back("a list");
  }
  if ((mask & k_type_object) != 0) {
    parts.emplace_back("a mapping of fields");
  }
  if ((mask & k_type_null) != 0) {
    parts.emplace_back("empty (null)");
  }
  return join_alternatives(parts, "or");
}

// An allowed value as a list shows it: plain text where that reads unambiguously.
std::string show_allowed(const Value& v) {
  if (v.is_string() && !v.as_string().empty() && v.as_string().find(", ") == std::string::npos &&
      v.as_string().front() != ' ' && v.as_string().back() != ' ') {
    return v.as_string();
  }
  return to_display(v);
}

std::string list_allowed(const std::vector<const Value*>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < k_max_listed_values; ++i) {
    out += (i > 0 ? ", " : "") + show_allowed(*values[i]);
  }
  if (values.size() > k_max_listed_values) {
    out += ", and " + std::to_string(values.size() - k_max_listed_values) + " more";
  }
  return out;
}

// -1, 0, 1; exact for integers, long double otherwise (which holds every int64 exactly on x86).
int compare_numbers(const Value& a, const Value& b) {
  if (a.is_int() && b.is_int()) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  const long double x = a.is_int() ? static_cast<long double>(a.as_int()) : a.as_number();
  const long double y = b.is_int() ? static_cast<long double>(b.as_int()) : b.as_number();
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool is_multiple(const Value& v, const Value& divisor) {
  if (v.is_int() && divisor.is_int()) {
    return v.as_int() % divisor.as_int() == 0;  // the divisor is > 0 (checked when compiling)
  }
  const double quotient = v.as_number() / divisor.as_number();
  if (!std::isfinite(quotient)) {
    return false;
  }
  // Tolerance for binary fractions: 0.0075 / 0.0001 is 74.99999999999999.
  return std::fabs(quotient - std::round(quotient)) <= 1e-9 * std::max(1.0, std::fabs(quotient));
}

// A hash that agrees with Value's equality (1 == 1.0, map order ignored), for uniqueItems.
std::size_t hash_value(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::null:
    return 0x9e3779b9U;
  case Value::Kind::boolean:
    return v.as_bool() ? 1U : 2U;
  case Value::Kind::integer:
  case Value::Kind::floating: {
    const double d = v.as_number();
    return std::hash<double>{}(d == 0.0 ? 0.0 : d);
  }
  case Value::Kind::string:
    return std::hash<std::string_view>{}(v.as_string());
  case Value::Kind::list: {
    std::size_t h = 17;
    for (const Value& item : v.as_list()) {
      h = h * 31 + hash_value(item);
    }
    return h;
  }
  case Value::Kind::map: {
    std::size_t h = 29;
    for (const MapEntry& e : v.as_map()) {
      h += std::hash<std::string_view>{}(e.key) ^ (hash_value(e.value) * 0x9e3779b97f4a7c15ULL);
    }
    return h;
  }
  }
  return 0;
}

// A node reached through `$ref` chains, for describing it.
const Node* through_refs(const Node* n) {
  for (int hops = 0; n != nullptr && n->ref != nullptr && hops < 16; ++hops) {
    if (n->types != 0 || n->const_value != nullptr || n->enum_values != nullptr || !n->title.empty()) {
      break;
    }
    n = n->ref;
  }
  return n;
}

// The values a const/enum-only schema allows, or false when the schema is something else.
bool allowed_values(const Node* n, std::vector<const Value*>& out) {
  n = through_refs(n);
  if (n == nullptr || n->is_boolean) {
    return false;
  }
  if (n->const_value != nullptr) {
    out.push_back(n->const_value);
    return true;
  }
  if (n->enum_values != nullptr) {
    for (const Value& v : *n->enum_values) {
      out.push_back(&v);
    }
    return true;
  }
  return false;
}

// A short description of what a schema accepts, for summary messages; "" when none is apt.
std::string describe_schema(const Node* n) {
  n = through_refs(n);
  if (n == nullptr) {
    return "";
  }
  if (n->is_boolean) {
    return n->boolean_value ? "anything" : "nothing";
  }
  if (!n->title.empty()) {
    return n->title;
  }
  if (n->const_value != nullptr) {
    return "exactly " + to_display(*n->const_value);
  }
  if (n->enum_values != nullptr) {
    std::vector<const Value*> values;
    allowed_values(n, values);
    return "one of " + list_allowed(values);
  }
  if (n->types != 0) {
    return type_phrase(n->types);
  }
  if (!n->required.empty()) {
    return "a mapping with " +
           join_alternatives(std::vector<std::string>(n->required.begin(), n->required.end()), "and");
  }
  return "";
}

// A bit per required key, on the stack for the usual handful.
class SeenSet {
public:
  explicit SeenSet(std::size_t size) {
    if (size > 64) {
      m_large.assign(size, false);
    }
  }
  void set(std::size_t i) {
    if (m_large.empty()) {
      m_small |= std::uint64_t{1} << i;
    } else {
      m_large[i] = true;
    }
  }
  [[nodiscard]] bool has(std::size_t i) const {
    return m_large.empty() ? ((m_small >> i) & 1U) != 0 : static_cast<bool>(m_large[i]);
  }

private:
  std::uint64_t m_small = 0;
  std::vector<bool> m_large;
};

class Validator {
public:
  Validator(const CompiledSchema& schema, const LinkChecker* links) : m_schema(schema), m_links(links) {}

  // Checks `v` against `n`. With `out` null only the answer counts (stops at the first
  // problem); otherwise every problem is appended to `out`.
  bool check(const Node& n, const Value& v, const Path& path, Findings* out, Severity severity, int depth,
             std::string_view via) const {
    if (depth > k_max_depth) {
      add(out, "depth", path, v.position, severity, [&] {
        return subject(path) + " is nested too deeply to check (more than " + std::to_string(k_max_depth) + " levels)";
      });
      return false;
    }
    if (n.is_boolean) {
      if (!n.boolean_value) {
        add(out, via.empty() ? std::string_view("false") : via, path, v.position, severity,
            [&] { return subject(path) + " is not allowed here; remove it"; });
      }
      return n.boolean_value;
    }
    const bool lenient = n.severity == Severity::warning;
    if (lenient && out == nullptr) {
      return true;  // problems under `x-severity: warning` never make a value invalid
    }
    const Severity sev = n.severity.value_or(severity);
    const std::size_t first = out != nullptr ? out->size() : 0;
    const bool ok = check_keywords(n, v, path, out, sev, depth);
    if (out != nullptr) {
      if (n.deprecated) {
        add(out, "deprecated", path, v.position, Severity::warning,
            [&] { return subject(path) + " is deprecated and should no longer be used; remove it"; });
      }
      if (!n.message.empty()) {
        const std::string field = render(path);
        for (std::size_t i = first; i < out->size(); ++i) {
          if ((*out)[i].field == field) {
            (*out)[i].message = n.message;
          }
        }
      }
    }
    return ok || lenient;
  }

private:
  // Appends a finding when collecting; the message is only built then.
  template <class MakeMessage>
  static void add(Findings* out, std::string_view keyword, const Path& path, Position pos, Severity severity,
                  MakeMessage&& make_message) {
    if (out != nullptr) {
      out->push_back(SchemaFinding{std::string(keyword), render(path), pos, make_message(), severity});
    }
  }

  static std::string example_hint(const Node& n) {
    return n.example != nullptr ? " (example of a valid value: " + to_display(*n.example) + ")" : "";
  }

  bool check_keywords(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    bool ok = true;
    // Records a failure; true when the caller should stop (only the answer is wanted).
    const auto failed = [&ok, out] {
      ok = false;
      return out == nullptr;
    };

    const Value::Kind kind = v.kind();
    if (n.types != 0 && (n.types & type_bits(v, kind)) == 0) {
      add(out, "type", path, v.position, sev, [&] {
        return subject(path) + " should be " + type_phrase(n.types) + ", but it is " + describe_value(v) +
               quote_hint(n.types, v) + example_hint(n);
      });
      if (failed()) {
        return false;
      }
    }
    if (n.const_value != nullptr && !(v == *n.const_value)) {
      add(out, "const", path, v.position, sev,
          [&] { return is_phrase(path, v) + ", but it must be exactly " + to_display(*n.const_value); });
      if (failed()) {
        return false;
      }
    }
    if (n.enum_values != nullptr && !in_enum(n, v, kind)) {
      if (out != nullptr) {
        report_enum(n, v, path, out, sev);
      }
      if (failed()) {
        return false;
      }
    }
    bool kind_ok = true;
    switch (kind) {
    case Value::Kind::integer:
    case Value::Kind::floating:
      kind_ok = !n.has_number_keywords || check_number(n, v, path, out, sev);
      break;
    case Value::Kind::string:
      kind_ok = !n.has_string_keywords || check_string(n, v, path, out, sev);
      break;
    case Value::Kind::list:
      kind_ok = !n.has_array_keywords || check_list(n, v, path, out, sev, depth);
      break;
    case Value::Kind::map:
      kind_ok = !n.has_object_keywords || check_object(n, v, path, out, sev, depth);
      break;
    case Value::Kind::null:
    case Value::Kind::boolean:
      break;
    }
    if (!kind_ok && failed()) {
      return false;
    }
    if (n.has_in_place_keywords && !check_in_place(n, v, path, out, sev, depth) && failed()) {
      return false;
    }
    return ok;
  }

  // "(remove the quotes ...)" when a quoted number or boolean was meant as one.
  static std::string quote_hint(std::uint8_t types, const Value& v) {
    if (!v.is_string()) {
      return "";
    }
    const std::string& s = v.as_string();
    if ((types & k_type_boolean) != 0 && (s == "true" || s == "false")) {
      return " (remove the quotes to make it true or false)";
    }
    if ((types & (k_type_integer | k_type_number)) != 0 && !s.empty() &&
        s.find_first_not_of("0123456789+-.eE") == std::string::npos &&
        s.find_first_of("0123456789") != std::string::npos) {
      return " (remove the quotes to make it a number)";
    }
    return "";
  }

  static bool in_enum(const Node& n, const Value& v, Value::Kind kind) {
    if (kind == Value::Kind::string) {  // only string members can equal a string
      const std::string_view s = v.as_string();
      if (!n.enum_string_set.empty()) {
        return n.enum_string_set.contains(s);
      }
      return std::find(n.enum_strings.begin(), n.enum_strings.end(), s) != n.enum_strings.end();
    }
    return std::any_of(n.enum_values->begin(), n.enum_values->end(),
                       [&v](const Value& allowed) { return v == allowed; });
  }

  static void report_enum(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) {
    std::vector<const Value*> values;
    for (const Value& allowed : *n.enum_values) {
      values.push_back(&allowed);
    }
    add(out, "enum", path, v.position, sev, [&] { return not_allowed_message(values, v, path); });
  }

  static std::string not_allowed_message(const std::vector<const Value*>& values, const Value& v, const Path& path) {
    if (values.empty()) {
      return is_phrase(path, v) + ", but no value is allowed here";
    }
    std::string message =
        is_phrase(path, v) + ", which is not one of the allowed values: " + list_allowed(values) + ".";
    if (v.is_string()) {
      std::vector<std::string> candidates;
      for (const Value* allowed : values) {
        if (allowed->is_string() && !allowed->as_string().empty()) {
          candidates.push_back(allowed->as_string());
        }
      }
      if (const auto hint = closest_match(v.as_string(), candidates)) {
        message += " Did you mean " + in_quotes(*hint) + "?";
      }
    }
    return message;
  }

  static bool check_number(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) {
    struct Bound {
      const Value* limit;
      bool (*fails)(int comparison);
      std::string_view keyword;
      std::string_view words;
    };
    const std::array<Bound, 4> bounds{{
        {n.minimum, [](int c) { return c < 0; }, "minimum", "at least"},
        {n.exclusive_minimum, [](int c) { return c <= 0; }, "exclusiveMinimum", "greater than"},
        {n.maximum, [](int c) { return c > 0; }, "maximum", "at most"},
        {n.exclusive_maximum, [](int c) { return c >= 0; }, "exclusiveMaximum", "less than"},
    }};
    bool ok = true;
    for (const Bound& b : bounds) {
      if (b.limit != nullptr && b.fails(compare_numbers(v, *b.limit))) {
        add(out, std::string(b.keyword), path, v.position, sev, [&] {
          return is_phrase(path, v) + ", but it must be " + std::string(b.words) + " " + to_display(*b.limit);
        });
        ok = false;
        if (out == nullptr) {
          return false;
        }
      }
    }
    if (n.multiple_of != nullptr && !is_multiple(v, *n.multiple_of)) {
      add(out, "multipleOf", path, v.position, sev,
          [&] { return is_phrase(path, v) + ", but it must be a multiple of " + to_display(*n.multiple_of); });
      ok = false;
    }
    return ok;
  }

  bool check_string(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const {
    bool ok = true;
    const std::string& s = v.as_string();
    if (n.min_length || n.max_length) {
      const std::size_t length = count_code_points(s);
      if (n.min_length && length < *n.min_length) {
        add(out, "minLength", path, v.position, sev, [&] {
          return subject(path) + (length == 0 ? " is empty" : " is " + plural(length, "character") + " long") +
                 ", but it needs at least " + plural(*n.min_length, "character");
        });
        ok = false;
      }
      if (n.max_length && length > *n.max_length) {
        add(out, "maxLength", path, v.position, sev, [&] {
          return subject(path) + " is " + plural(length, "character") + " long, but it may have at most " +
                 plural(*n.max_length, "character");
        });
        ok = false;
      }
      if (!ok && out == nullptr) {
        return false;
      }
    }
    if (n.pattern) {
      const Regex::Match match = n.pattern->search(s);
      if (match == Regex::Match::no) {
        add(out, "pattern", path, v.position, sev, [&] {
          return value_phrase(path, v) + " does not match the pattern " + n.pattern->source() + example_hint(n);
        });
        ok = false;
      } else if (match == Regex::Match::too_complex) {
        add(out, "pattern", path, v.position, sev, [&] {
          return subject(path) + " could not be checked against the pattern " + n.pattern->source() +
                 ": the pattern takes too long on this value; simplify the pattern";
        });
        ok = false;
      }
      if (!ok && out == nullptr) {
        return false;
      }
    }
    if (n.format != Format::none && !matches_format(n.format, s)) {
      add(out, "format", path, v.position, sev, [&] {
        return value_phrase(path, v) + " is not a valid " + std::string(format_noun(n.format)) + ": " +
               std::string(format_hint(n.format));
      });
      ok = false;
      if (out == nullptr) {
        return false;
      }
    }
    if (n.link != LinkRule::none && !check_link(n, v, path, out, sev)) {
      ok = false;
    }
    return ok;
  }

  bool check_link(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const {
    if (m_links != nullptr) {
      if (auto message = m_links->check_link(v, n.link_class)) {
        add(out, "x-link", path, v.position, sev, [&] { return subject(path) + " " + *message; });
        return false;
      }
      return true;
    }
    if (!parse_single_wikilink(v.as_string())) {
      add(out, "x-link", path, v.position, sev, [&] {
        return subject(path) + " should be a link to a note, written \"[[Note name]]\", but it is " + to_display(v);
      });
      return false;
    }
    return true;
  }

  bool check_list(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    bool ok = true;
    const auto failed = [&ok, out] {
      ok = false;
      return out == nullptr;
    };
    const ValueList& items = v.as_list();
    if (n.min_items && items.size() < *n.min_items) {
      add(out, "minItems", path, v.position, sev, [&] {
        return subject(path) + " has " + plural(items.size(), "item") + ", but it needs at least " +
               plural(*n.min_items, "item");
      });
      if (failed()) {
        return false;
      }
    }
    if (n.max_items && items.size() > *n.max_items) {
      add(out, "maxItems", path, v.position, sev, [&] {
        return subject(path) + " has " + plural(items.size(), "item") + ", but it may have at most " +
               plural(*n.max_items, "item");
      });
      if (failed()) {
        return false;
      }
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Path item_path{&path, Path::Kind::index, {}, i};
      const bool in_prefix = i < n.prefix_items.size();
      const Node* schema = in_prefix ? n.prefix_items[i] : n.items;
      if (schema != nullptr &&
          !check(*schema, items[i], item_path, out, sev, depth + 1, in_prefix ? "prefixItems" : "items") && failed()) {
        return false;
      }
      if (n.link != LinkRule::none && items[i].is_string() && !check_link(n, items[i], item_path, out, sev) &&
          failed()) {
        return false;
      }
    }
    if (n.contains != nullptr && !check_contains(n, v, path, out, sev, depth) && failed()) {
      return false;
    }
    if (n.unique_items && items.size() > 1 && !check_unique(v, path, out, sev) && failed()) {
      return false;
    }
    return ok;
  }

  bool check_contains(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    const ValueList& items = v.as_list();
    const std::size_t min = n.min_contains.value_or(1);
    std::size_t matches = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Path item_path{&path, Path::Kind::index, {}, i};
      if (check(*n.contains, items[i], item_path, nullptr, sev, depth + 1, "contains")) {
        ++matches;
        if (out == nullptr && matches >= min && !n.max_contains) {
          return true;
        }
      }
    }
    // "item that is exactly \"x\"", "items that match the contains schema"
    const auto items_that = [&n](std::size_t count) {
      const std::string described = describe_schema(n.contains);
      const bool one = count == 1;
      return std::string(one ? "item" : "items") +
             (described.empty() ? (one ? " that matches" : " that match") + std::string(" the `contains` schema")
                                : (one ? " that is " : " that are ") + described);
    };
    if (matches < min) {
      add(out, n.min_contains ? "minContains" : "contains", path, v.position, sev, [&] {
        return matches == 0 ? subject(path) + " has no " + items_that(1)
                            : subject(path) + " has " + std::to_string(matches) + " " + items_that(matches) +
                                  ", but it needs at least " + std::to_string(min);
      });
      return false;
    }
    if (n.max_contains && matches > *n.max_contains) {
      add(out, "maxContains", path, v.position, sev, [&] {
        return subject(path) + " has " + std::to_string(matches) + " " + items_that(matches) +
               ", but it may have at most " + std::to_string(*n.max_contains);
      });
      return false;
    }
    return true;
  }

  static bool check_unique(const Value& v, const Path& path, Findings* out, Severity sev) {
    const ValueList& items = v.as_list();
    std::vector<std::pair<std::size_t, std::size_t>> hashed;  // (hash, index)
    hashed.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      hashed.emplace_back(hash_value(items[i]), i);
    }
    std::sort(hashed.begin(), hashed.end());
    bool ok = true;
    for (std::size_t start = 0; start < hashed.size();) {
      std::size_t end = start + 1;
      while (end < hashed.size() && hashed[end].first == hashed[start].first) {
        ++end;
      }
      for (std::size_t j = start + 1; j < end; ++j) {
        for (std::size_t i = start; i < j; ++i) {
          const std::size_t earlier = hashed[i].second;
          const std::size_t later = hashed[j].second;
          if (items[earlier] == items[later]) {
            const Path item_path{&path, Path::Kind::index, {}, later};
            add(out, "uniqueItems", item_path, items[later].position, sev, [&] {
              return subject(item_path) + " is " + to_display(items[later]) + ", which " + subject(path) +
                     " already lists at " + render(Path{&path, Path::Kind::index, {}, earlier}) +
                     "; each item must be different, so remove one of them";
            });
            if (out == nullptr) {
              return false;
            }
            ok = false;
            break;
          }
        }
      }
      start = end;
    }
    return ok;
  }

  bool check_object(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    bool ok = true;
    const auto failed = [&ok, out] {
      ok = false;
      return out == nullptr;
    };
    const ValueMap& entries = v.as_map();
    if (n.min_properties && entries.size() < *n.min_properties) {
      add(out, "minProperties", path, v.position, sev, [&] {
        return subject(path) + " has " + plural(entries.size(), "field") + ", but it needs at least " +
               plural(*n.min_properties, "field");
      });
      if (failed()) {
        return false;
      }
    }
    if (n.max_properties && entries.size() > *n.max_properties) {
      add(out, "maxProperties", path, v.position, sev, [&] {
        return subject(path) + " has " + plural(entries.size(), "field") + ", but it may have at most " +
               plural(*n.max_properties, "field");
      });
      if (failed()) {
        return false;
      }
    }
    SeenSet seen(n.required.size());
    if (n.names_only && n.keys.size() * 4 <= entries.size()) {
      // A few names against a big object (an `if` that looks at one field): look them up.
      for (const PropertyKey& key : n.keys) {
        const auto entry =
            std::find_if(entries.begin(), entries.end(), [&key](const MapEntry& e) { return e.key == key.name; });
        if (entry == entries.end()) {
          continue;
        }
        if (key.required_index >= 0) {
          seen.set(static_cast<std::size_t>(key.required_index));
        }
        const Path child{&path, Path::Kind::key, entry->key, 0};
        if (key.schema != nullptr && !check(*key.schema, entry->value, child, out, sev, depth + 1, "properties") &&
            failed()) {
          return false;
        }
      }
    } else {
      for (const MapEntry& entry : entries) {
        if (!check_entry(n, v, entry, path, out, sev, depth, seen) && failed()) {
          return false;
        }
      }
    }
    for (std::size_t i = 0; i < n.required.size(); ++i) {
      if (!seen.has(i)) {
        if (out != nullptr) {
          report_missing(n, v, n.required[i], "required", "", path, out, sev);
        }
        if (failed()) {
          return false;
        }
      }
    }
    for (const DependentRequired& dr : n.dependent_required) {
      if (v.find(dr.name) == nullptr) {
        continue;
      }
      for (const std::string& need : dr.needs) {
        if (v.find(need) == nullptr) {
          if (out != nullptr) {
            report_missing(n, v, need, "dependentRequired", dr.name, path, out, sev);
          }
          if (failed()) {
            return false;
          }
        }
      }
    }
    for (const DependentSchema& ds : n.dependent_schemas) {
      if (v.find(ds.name) != nullptr && !check(*ds.schema, v, path, out, sev, depth + 1, "dependentSchemas") &&
          failed()) {
        return false;
      }
    }
    return ok;
  }

  // One field of an object against properties, patternProperties, additionalProperties and
  // propertyNames; marks required names as seen.
  bool check_entry(const Node& n, const Value& v, const MapEntry& entry, const Path& path, Findings* out, Severity sev,
                   int depth, SeenSet& seen) const {
    bool ok = true;
    const auto failed = [&ok, out] {
      ok = false;
      return out == nullptr;
    };
    const Path child{&path, Path::Kind::key, entry.key, 0};
    bool declared = false;
    if (const PropertyKey* key = n.keys.empty() ? nullptr : n.find_key(entry.key)) {
      if (key->required_index >= 0) {
        seen.set(static_cast<std::size_t>(key->required_index));
      }
      if (key->schema != nullptr) {
        declared = true;
        if (!check(*key->schema, entry.value, child, out, sev, depth + 1, "properties") && failed()) {
          return false;
        }
      }
    }
    for (const PatternProperty& pp : n.pattern_properties) {
      if (pp.regex.search(entry.key) == Regex::Match::yes) {
        declared = true;
        if (!check(*pp.schema, entry.value, child, out, sev, depth + 1, "patternProperties") && failed()) {
          return false;
        }
      }
    }
    if (!declared && n.additional_properties != nullptr && !check_additional(n, v, entry, child, out, sev, depth) &&
        failed()) {
      return false;
    }
    if (n.property_names != nullptr) {
      const Value name = Value::make_string(entry.key, entry.key_position);
      const Path name_path{&path, Path::Kind::name, entry.key, 0};
      if (!check(*n.property_names, name, name_path, out, sev, depth + 1, "propertyNames") && failed()) {
        return false;
      }
    }
    return ok;
  }

  bool check_additional(const Node& n, const Value& v, const MapEntry& entry, const Path& child, Findings* out,
                        Severity sev, int depth) const {
    const Node& extra = *n.additional_properties;
    if (!extra.is_boolean) {
      return check(extra, entry.value, child, out, sev, depth + 1, "additionalProperties");
    }
    if (extra.boolean_value) {
      return true;
    }
    if (out != nullptr) {
      std::string message = subject(child) + " is not an allowed field here; remove it or correct its name.";
      std::vector<std::string> unused;
      for (const PropertyKey& key : n.keys) {
        if (key.schema != nullptr && v.find(key.name) == nullptr) {
          unused.push_back(key.name);
        }
      }
      if (const auto hint = closest_match(entry.key, unused)) {
        message += " Did you mean " + in_quotes(*hint) + "?";
      }
      add(out, "additionalProperties", child, entry.key_position, sev, [&] { return message; });
    }
    return false;
  }

  // A `required` (or `dependentRequired`) key that is absent; the finding sits on the object.
  static void report_missing(const Node& n, const Value& v, const std::string& key, std::string_view keyword,
                             const std::string& because, const Path& path, Findings* out, Severity sev) {
    const Path missing{&path, Path::Kind::key, key, 0};
    std::string message = render(missing) + " is required but missing";
    if (!because.empty()) {
      message += " (it is needed whenever " + in_quotes(because) + " is present)";
    }
    message += "; add a " + in_quotes(key) + " field";
    if (path.kind != Path::Kind::root) {
      message += " to " + render(path);
    }
    // A present key the schema does not name may be this one misspelt.
    std::vector<std::string> strangers;
    for (const MapEntry& e : v.as_map()) {
      if (n.find_key(e.key) == nullptr) {
        strangers.push_back(e.key);
      }
    }
    if (const auto typo = closest_match(key, strangers)) {
      message += " (the field " + in_quotes(*typo) + " looks like a misspelling of it)";
    }
    add(out, std::string(keyword), missing, v.position, sev, [&] { return message; });
  }

  bool check_in_place(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    bool ok = true;
    const auto failed = [&ok, out] {
      ok = false;
      return out == nullptr;
    };
    if (n.ref != nullptr && !check(*n.ref, v, path, out, sev, depth + 1, "$ref") && failed()) {
      return false;
    }
    for (const Node* sub : n.all_of) {
      if (!check(*sub, v, path, out, sev, depth + 1, "allOf") && failed()) {
        return false;
      }
    }
    if (!n.any_of.empty()) {
      const Node* passing = nullptr;
      for (const Node* sub : n.any_of) {
        if (check(*sub, v, path, nullptr, sev, depth + 1, "anyOf")) {
          passing = sub;
          break;
        }
      }
      if (passing == nullptr) {
        report_alternatives(n.any_of, "anyOf", v, path, out, sev, depth);
        if (failed()) {
          return false;
        }
      } else {
        keep_warnings(*passing, v, path, out, sev, depth);
      }
    }
    if (!n.one_of.empty() && !check_one_of(n, v, path, out, sev, depth) && failed()) {
      return false;
    }
    if (n.not_schema != nullptr && check(*n.not_schema, v, path, nullptr, sev, depth + 1, "not")) {
      add(out, "not", path, v.position, sev, [&] {
        const std::string what = describe_schema(n.not_schema);
        return what.empty() ? is_phrase(path, v) + ", which is not allowed here"
                            : subject(path) + " must not be " + what + ", but it is " + to_display(v);
      });
      if (failed()) {
        return false;
      }
    }
    if (n.if_schema != nullptr) {
      const bool condition = check(*n.if_schema, v, path, nullptr, sev, depth + 1, "if");
      const Node* branch = condition ? n.then_schema : n.else_schema;
      if (branch != nullptr && !check(*branch, v, path, out, sev, depth + 1, condition ? "then" : "else") && failed()) {
        return false;
      }
    }
    return ok;
  }

  bool check_one_of(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev, int depth) const {
    std::vector<std::size_t> passing;
    for (std::size_t i = 0; i < n.one_of.size(); ++i) {
      if (check(*n.one_of[i], v, path, nullptr, sev, depth + 1, "oneOf")) {
        passing.push_back(i);
        if (passing.size() > 1 && out == nullptr) {
          return false;
        }
      }
    }
    if (passing.empty()) {
      report_alternatives(n.one_of, "oneOf", v, path, out, sev, depth);
      return false;
    }
    if (passing.size() > 1) {
      const auto form = [&](std::size_t i) {
        const std::string d = describe_schema(n.one_of[i]);
        return d.empty() ? "form " + std::to_string(i + 1) : d;
      };
      add(out, "oneOf", path, v.position, sev, [&] {
        return is_phrase(path, v) + ", which fits more than one of the allowed forms (" + form(passing[0]) + " and " +
               form(passing[1]) + "), but it must fit exactly one";
      });
      return false;
    }
    keep_warnings(*n.one_of[passing.front()], v, path, out, sev, depth);
    return true;
  }

  // A passing branch was checked without collecting: collect again for its warnings (deprecated).
  void keep_warnings(const Node& branch, const Value& v, const Path& path, Findings* out, Severity sev,
                     int depth) const {
    if (out == nullptr || !m_schema.has_deprecated) {
      return;
    }
    Findings branch_findings;
    check(branch, v, path, &branch_findings, sev, depth + 1, "");
    for (SchemaFinding& f : branch_findings) {
      if (f.severity == Severity::warning) {
        out->push_back(std::move(f));
      }
    }
  }

  // Every branch of anyOf/oneOf failed: report the most useful thing, not every branch.
  void report_alternatives(const std::vector<const Node*>& branches, std::string_view keyword, const Value& v,
                           const Path& path, Findings* out, Severity sev, int depth) const {
    if (out == nullptr) {
      return;
    }
    std::vector<Findings> results(branches.size());
    for (std::size_t i = 0; i < branches.size(); ++i) {
      check(*branches[i], v, path, &results[i], sev, depth + 1, keyword);
    }
    const std::string field = render(path);
    const auto errors_here = [&](const Findings& r, std::string_view kw) {
      return std::count_if(r.begin(), r.end(), [&](const SchemaFinding& f) {
        return f.field == field && f.severity == Severity::error && (kw.empty() || f.keyword == kw);
      });
    };
    const auto single_here = [&](const Findings& r, std::initializer_list<std::string_view> kws) {
      std::size_t errors = 0;
      bool match = false;
      for (const SchemaFinding& f : r) {
        if (f.severity == Severity::error) {
          ++errors;
          match = f.field == field && std::find(kws.begin(), kws.end(), f.keyword) != kws.end();
        }
      }
      return errors == 1 && match;
    };
    // Every branch wants another type: one type finding naming them all.
    if (std::all_of(results.begin(), results.end(), [&](const Findings& r) { return single_here(r, {"type"}); })) {
      std::uint8_t types = 0;
      for (const Node* b : branches) {
        const Node* t = through_refs(b);
        types |= t != nullptr ? t->types : 0;
      }
      if (types != 0) {
        add(out, "type", path, v.position, sev,
            [&] { return subject(path) + " should be " + type_phrase(types) + ", but it is " + describe_value(v); });
        return;
      }
    }
    // Every branch is a list of values: one enum finding over all of them.
    std::vector<const Value*> values;
    if (std::all_of(results.begin(), results.end(),
                    [&](const Findings& r) {
                      return single_here(r, {"const", "enum"});
                    }) &&
        std::all_of(branches.begin(), branches.end(), [&](const Node* b) { return allowed_values(b, values); })) {
      add(out, "enum", path, v.position, sev, [&] { return not_allowed_message(values, v, path); });
      return;
    }
    // The branch meant for this kind of value: the only one whose type (const, enum) fits, or
    // among those the only one whose problems all lie deeper. Its findings say most.
    std::vector<std::size_t> fitting;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (errors_here(results[i], "type") + errors_here(results[i], "const") + errors_here(results[i], "enum") == 0) {
        fitting.push_back(i);
      }
    }
    if (fitting.size() > 1) {
      std::erase_if(fitting, [&](std::size_t i) { return errors_here(results[i], "") > 0; });
    }
    if (fitting.size() == 1) {
      for (SchemaFinding& f : results[fitting.front()]) {
        out->push_back(std::move(f));
      }
      return;
    }
    std::vector<std::string> forms;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      const std::string d = describe_schema(branches[i]);
      forms.push_back(d.empty() ? "form " + std::to_string(i + 1) : d);
    }
    add(out, std::string(keyword), path, v.position, sev, [&] {
      return is_phrase(path, v) + ", which does not match any of the allowed forms: " + join_alternatives(forms, "or");
    });
  }

  const CompiledSchema& m_schema;
  const LinkChecker* m_links;
};

}  // namespace

std::string describe_value(const Value& value) {
  switch (value.kind()) {
  case Value::Kind::null:
    return "empty (null)";
  case Value::Kind::boolean:
    return value.as_bool() ? "true" : "false";
  case Value::Kind::integer:
    return "the integer " + to_display(value);
  case Value::Kind::floating:
    return "the number " + to_display(value);
  case Value::Kind::string:
    return "the string " + to_display(value);
  case Value::Kind::list:
    return "the list " + to_display(value);
  case Value::Kind::map:
    return "the mapping " + to_display(value);
  }
  return to_display(value);
}

void validate_instance(const CompiledSchema& schema, const Value& instance, const LinkChecker* links,
                       std::vector<SchemaFinding>& findings) {
  const Validator validator(schema, links);
  validator.check(*schema.root, instance, Path{}, &findings, Severity::error, 0, "");
}

}  // namespace mdvault::core::schema
