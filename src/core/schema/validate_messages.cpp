// The wording of findings: paths, phrases that name a value, types and allowed values in
// plain words, and short descriptions of schemas for summary messages.
#include <string>

#include "core/schema/validator.hpp"

namespace mdvault::core::schema {
namespace {

// Allowed values listed in one message; the rest are counted.
constexpr std::size_t k_max_listed_values = 20;

// An allowed value as a list shows it: plain text where that reads unambiguously.
std::string show_allowed(const Value& v) {
  if (v.is_string() && !v.as_string().empty() && v.as_string().find(", ") == std::string::npos &&
      v.as_string().front() != ' ' && v.as_string().back() != ' ') {
    return v.as_string();
  }
  return to_display(v);
}

}  // namespace

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

}  // namespace mdvault::core::schema
