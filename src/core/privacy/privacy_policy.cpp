#include "core/privacy/privacy_policy.hpp"

#include <variant>

#include "core/query/parser.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::privacy {
namespace {

void report(std::vector<Diagnostic>& out, const std::string& file, Position pos, std::string message) {
  out.push_back({{file, pos.line, pos.column}, Severity::error, "config", "", std::move(message)});
}

/// A list of names or globs (or one), each kept with its position.
std::vector<PolicyItem> read_items(const Value& v, const std::string& file, std::string_view key,
                                   std::string_view example, std::vector<Diagnostic>& out) {
  std::vector<PolicyItem> items;
  auto add = [&](const Value& item) {
    if (item.is_string() && !item.as_string().empty()) {
      items.push_back({item.as_string(), item.position});
    } else {
      report(out, file, item.position, "privacy: " + std::string(key) + " should list text, like " + std::string(example));
    }
  };
  if (v.is_list()) {
    for (const auto& item : v.as_list()) add(item);
  } else if (!v.is_null()) {
    add(v);
  }
  return items;
}

}  // namespace

PrivacyPolicy parse_privacy_policy(const Value& value, const std::string& file, std::vector<Diagnostic>& diagnostics) {
  PrivacyPolicy policy;
  policy.file = file;
  if (value.is_null()) return policy;
  if (!value.is_map()) {
    report(diagnostics, file, value.position,
           "privacy should be a map, like:\n  privacy:\n    private: 'visibility = \"🔒 private\"'\n    omit: [client_phone]");
    return policy;
  }
  const std::vector<std::string> known{"private", "private_folders", "omit", "pseudonymize"};
  for (const auto& entry : value.as_map()) {
    if (entry.key == "private") {
      if (!entry.value.is_string() || entry.value.as_string().empty()) {
        report(diagnostics, file, entry.value.position,
               "privacy: private should be a Dataview expression in quotes, like 'visibility = \"🔒 private\"'");
        continue;
      }
      const std::string& text = entry.value.as_string();
      auto parsed = query::parse_expression(text);
      if (auto* error = std::get_if<query::SyntaxError>(&parsed)) {
        report(diagnostics, file, entry.value.position,
               "privacy: private is not a valid Dataview expression (column " + std::to_string(error->column) +
                   " of it: expected " + error->expected + "): " + text);
        continue;
      }
      policy.private_expr = PolicyItem{text, entry.value.position};
    } else if (entry.key == "private_folders") {
      policy.private_folders = read_items(entry.value, file, entry.key, "[\"Clients/**\"]", diagnostics);
    } else if (entry.key == "omit") {
      policy.omit = read_items(entry.value, file, entry.key, "[client_phone]", diagnostics);
    } else if (entry.key == "pseudonymize") {
      policy.pseudonymize = read_items(entry.value, file, entry.key, "[client]", diagnostics);
    } else {
      std::string message = "unknown privacy setting \"" + entry.key +
                            "\" (known: private, private_folders, omit, pseudonymize)";
      if (const auto hint = closest_match(entry.key, known)) message += "; did you mean \"" + *hint + "\"?";
      report(diagnostics, file, entry.key_position, message);
    }
  }
  return policy;
}

}  // namespace mdvault::core::privacy
