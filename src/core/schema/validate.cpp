// Applying a compiled schema to a value: one pass, findings in plain words, no shared mutable
// state (several threads validate at once). This file holds the entry point, the keywords of
// every type and those of numbers and strings; lists, objects and applicators have files of
// their own.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "core/schema/validator.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::schema {
namespace {

// Nested schema applications per validation; deeper instances get one finding, not a crash.
constexpr int k_max_depth = 400;

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

}  // namespace

bool Validator::check(const Node& n, const Value& v, const Path& path, Findings* out, Severity severity, int depth,
                      std::string_view via, Evaluated* evaluated) const {
  if (++m_steps > k_max_steps) {
    return false;  // validate_instance reports it, once
  }
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
  // Problems under `x-severity: warning` never make a value invalid; when only the answer is
  // wanted but annotations are, the keywords still run in full (into `ignored`) to collect them.
  Findings ignored;
  Findings* sink = out;
  if (lenient && out == nullptr) {
    if (evaluated == nullptr) {
      return true;
    }
    sink = &ignored;
  }
  const Severity sev = n.severity.value_or(severity);
  const std::size_t first = out != nullptr ? out->size() : 0;
  // Entering another schema resource extends the dynamic scope for what it applies.
  const bool enters = m_schema.has_dynamic_refs && (m_scope.empty() || m_scope.back() != n.resource);
  if (enters) {
    m_scope.push_back(n.resource);
  }
  const bool ok = check_keywords(n, v, path, sink, sev, depth, evaluated);
  if (enters) {
    m_scope.pop_back();
  }
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

std::string Validator::example_hint(const Node& n) {
  return n.example != nullptr ? " (example of a valid value: " + to_display(*n.example) + ")" : "";
}

bool Validator::check_keywords(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                               int depth, Evaluated* ev) const {
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
  // A schema with an unevaluated keyword collects what its other keywords and its in-place
  // subschemas evaluate, on its own (what sibling schemas evaluated does not count).
  const bool is_map = kind == Value::Kind::map;
  const bool is_list = kind == Value::Kind::list;
  std::optional<Evaluated> own;
  if ((is_map && n.unevaluated_properties != nullptr) || (is_list && n.unevaluated_items != nullptr)) {
    own.emplace(is_map ? v.as_map().size() : v.as_list().size());
  }
  Evaluated* collect = own ? &*own : (is_map || is_list ? ev : nullptr);
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
    kind_ok = !n.has_array_keywords || check_list(n, v, path, out, sev, depth, collect);
    break;
  case Value::Kind::map:
    kind_ok = !n.has_object_keywords || check_object(n, v, path, out, sev, depth, collect);
    break;
  case Value::Kind::null:
  case Value::Kind::boolean:
    break;
  }
  if (!kind_ok && failed()) {
    return false;
  }
  if (n.has_in_place_keywords && !check_in_place(n, v, path, out, sev, depth, collect) && failed()) {
    return false;
  }
  if (own) {
    if (!check_unevaluated(n, v, path, out, sev, depth, *own) && failed()) {
      return false;
    }
    if (ev != nullptr) {
      ev->merge(*own);
    }
  }
  return ok;
}

std::string Validator::quote_hint(std::uint8_t types, const Value& v) {
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

bool Validator::in_enum(const Node& n, const Value& v, Value::Kind kind) {
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

void Validator::report_enum(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) {
  std::vector<const Value*> values;
  for (const Value& allowed : *n.enum_values) {
    values.push_back(&allowed);
  }
  add(out, "enum", path, v.position, sev, [&] { return not_allowed_message(values, v, path); });
}

std::string Validator::not_allowed_message(const std::vector<const Value*>& values, const Value& v, const Path& path) {
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

bool Validator::check_number(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) {
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

bool Validator::check_string(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const {
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

bool Validator::check_link(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev) const {
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

void validate_instance(const CompiledSchema& schema, const Value& instance, const LinkChecker* links,
                       std::vector<SchemaFinding>& findings) {
  const Validator validator(schema, links);
  const std::size_t first = findings.size();
  validator.check(*schema.root, instance, Path{}, &findings, Severity::error, 0, "");
  if (validator.over_budget()) {
    // What was found before the budget ran out is partial (and may be thousands of repeats).
    findings.resize(first);
    findings.push_back(SchemaFinding{"too-complex", "", instance.position,
                                     "the schema is too complex to check this value: more than " +
                                         std::to_string(Validator::k_max_steps) +
                                         " schemas apply (nested $ref, allOf, anyOf); simplify it",
                                     Severity::error});
  }
}

}  // namespace mdvault::core::schema
