#include "core/config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/frontmatter.hpp"
#include "core/lint.hpp"
#include "core/suggest.hpp"

namespace mdvault::core {
namespace {

// A config finding at a value's position.
void report(std::vector<Diagnostic>& out, const std::string& file, Position pos, std::string message) {
  out.push_back({{file, pos.line, pos.column}, Severity::error, "config", "", std::move(message)});
}

// A list of strings, or one string, from a config value.
std::vector<std::string> read_strings(const Value& v, const std::string& file, std::string_view key,
                                      std::vector<Diagnostic>& out) {
  std::vector<std::string> result;
  if (v.is_string()) {
    result.push_back(v.as_string());
  } else if (v.is_list()) {
    for (const auto& item : v.as_list()) {
      if (item.is_string()) {
        result.push_back(item.as_string());
      } else {
        report(out, file, item.position, std::string(key) + " should list text patterns, like \"Templates/**\"");
      }
    }
  } else if (!v.is_null()) {
    report(out, file, v.position, std::string(key) + " should be a list of text patterns, like [\"Templates/**\"]");
  }
  return result;
}

std::vector<ClassRule> read_class_rules(const Value& v, const std::string& file, std::vector<Diagnostic>& out) {
  std::vector<ClassRule> rules;
  if (v.is_null()) {
    return rules;
  }
  if (!v.is_list()) {
    report(out, file, v.position,
           "classes should be a list of rules, like:\n  classes:\n    - folder: \"Sessions/**\"\n      class: session");
    return rules;
  }
  for (const auto& item : v.as_list()) {
    if (!item.is_map()) {
      report(out, file, item.position, "each classes rule should be a map with folder or tag, and class");
      continue;
    }
    ClassRule rule;
    for (const auto& entry : item.as_map()) {
      if (!entry.value.is_string()) {
        report(out, file, entry.value.position, entry.key + " should be text");
        continue;
      }
      if (entry.key == "folder") {
        rule.folder = entry.value.as_string();
      } else if (entry.key == "tag") {
        rule.tag = entry.value.as_string();
        if (!rule.tag.empty() && rule.tag[0] == '#') {
          rule.tag.erase(0, 1);
        }
      } else if (entry.key == "class") {
        rule.class_name = entry.value.as_string();
      } else {
        std::string message = "unknown key \"" + entry.key + "\" in a classes rule (allowed: folder, tag, class)";
        if (const auto hint = closest_match(entry.key, {"folder", "tag", "class"})) {
          message += "; did you mean \"" + *hint + "\"?";
        }
        report(out, file, entry.key_position, message);
      }
    }
    if (rule.class_name.empty() || (rule.folder.empty() && rule.tag.empty())) {
      report(out, file, item.position, "a classes rule needs a class and either a folder or a tag");
      continue;
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

// The names `rules:` accepts: every rule id, and each family as "links.*" or "links".
std::vector<std::string> known_rule_names() {
  std::vector<std::string> names;
  for (const auto& rule : lint_rules()) {
    names.emplace_back(rule.id);
    const std::string family(rule.id.substr(0, rule.id.find('.')));
    if (std::find(names.begin(), names.end(), family + ".*") == names.end()) {
      names.push_back(family + ".*");
      names.push_back(family);
    }
  }
  return names;
}

// An unknown rule name would otherwise be accepted and change nothing.
bool check_rule_name(const MapEntry& entry, const std::string& file, std::vector<Diagnostic>& out) {
  const auto names = known_rule_names();
  if (std::find(names.begin(), names.end(), entry.key) != names.end()) {
    return true;
  }
  std::string message = "unknown rule \"" + entry.key + "\"";
  if (const auto hint = closest_match(entry.key, names)) {
    message += "; did you mean \"" + *hint + "\"?";
  }
  message += " (docs/lint.md lists the rules)";
  report(out, file, entry.key_position, std::move(message));
  return false;
}

void read_rule_severities(const Value& v, const std::string& file, Config& config, std::vector<Diagnostic>& out) {
  if (v.is_null()) {
    return;
  }
  if (!v.is_map()) {
    report(out, file, v.position, "rules should map rule ids to error, warning or off, like:\n  rules:\n    links.ambiguous: off");
    return;
  }
  for (const auto& entry : v.as_map()) {
    if (!check_rule_name(entry, file, out)) {
      continue;
    }
    const std::string level = entry.value.is_string() ? entry.value.as_string()
                              : entry.value.is_bool() && !entry.value.as_bool() ? "off"  // YAML reads `off` as text in 1.2
                                                                                   : "";
    if (level == "error") {
      config.rules[entry.key] = Severity::error;
    } else if (level == "warning") {
      config.rules[entry.key] = Severity::warning;
    } else if (level == "off") {
      config.rules[entry.key] = std::nullopt;
    } else {
      report(out, file, entry.value.position,
             "the rule " + entry.key + " can be set to error, warning or off, not " + to_display(entry.value));
    }
  }
}

}  // namespace

Config load_config(const std::string& file, std::vector<Diagnostic>& diagnostics) {
  Config config;
  config.file = file;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    report(diagnostics, file, {}, "cannot read the settings file " + file);
    return config;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_config(buffer.str(), file, diagnostics);
}

Config parse_config(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics) {
  Config config;
  config.file = file;
  YamlResult yaml = parse_yaml(text, file);
  for (auto& d : yaml.diagnostics) {
    d.rule = "config";
    diagnostics.push_back(std::move(d));
  }
  if (!yaml.value || yaml.value->is_null()) {
    return config;
  }
  if (!yaml.value->is_map()) {
    report(diagnostics, file, yaml.value->position, "the settings file should hold keys such as schemas:, ignore:, classes: and rules:");
    return config;
  }
  const std::vector<std::string> known{"schemas", "ignore", "classes", "rules", "privacy"};
  const std::filesystem::path folder = std::filesystem::path(file).parent_path();
  for (const auto& entry : yaml.value->as_map()) {
    if (entry.key == "schemas") {
      if (entry.value.is_string()) {
        config.schemas = (folder / entry.value.as_string()).lexically_normal().string();
      } else {
        report(diagnostics, file, entry.value.position, "schemas should be a folder path, like \"schemas\" or \"../schemas\"");
      }
    } else if (entry.key == "ignore") {
      config.ignore = read_strings(entry.value, file, "ignore", diagnostics);
    } else if (entry.key == "classes") {
      config.classes = read_class_rules(entry.value, file, diagnostics);
    } else if (entry.key == "rules") {
      read_rule_severities(entry.value, file, config, diagnostics);
    } else if (entry.key == "privacy") {
      config.privacy = privacy::parse_privacy_policy(entry.value, file, diagnostics);
    } else {
      std::string message = "unknown setting \"" + entry.key + "\" (known: schemas, ignore, classes, rules, privacy)";
      if (const auto hint = closest_match(entry.key, known)) {
        message += "; did you mean \"" + *hint + "\"?";
      }
      report(diagnostics, file, entry.key_position, message);
    }
  }
  return config;
}

bool glob_match(std::string_view pattern, std::string_view path) {
  // Dynamic programming over (pattern position, path position): linear in their product,
  // with no backtracking blow-up on hostile patterns.
  const std::size_t n = pattern.size();
  const std::size_t m = path.size();
  std::vector<std::vector<char>> memo(n + 1, std::vector<char>(m + 1, 0));
  memo[n][m] = 1;
  for (std::size_t pi = n + 1; pi-- > 0;) {
    for (std::size_t si = m + 1; si-- > 0;) {
      if (pi == n) {
        memo[pi][si] = static_cast<char>(si == m);
        continue;
      }
      const char pc = pattern[pi];
      bool ok = false;
      if (pc == '*') {
        const bool double_star = pi + 1 < n && pattern[pi + 1] == '*';
        if (double_star) {
          std::size_t next = pi + 2;
          // "**/" also matches zero folders.
          if (next < n && pattern[next] == '/' && memo[next + 1][si] != 0) {
            ok = true;
          }
          ok = ok || memo[next][si] != 0 || (si < m && memo[pi][si + 1] != 0);
        } else {
          ok = memo[pi + 1][si] != 0 || (si < m && path[si] != '/' && memo[pi][si + 1] != 0);
        }
      } else if (pc == '?') {
        ok = si < m && path[si] != '/' && memo[pi + 1][si + 1] != 0;
      } else {
        ok = si < m && path[si] == pc && memo[pi + 1][si + 1] != 0;
      }
      memo[pi][si] = static_cast<char>(ok);
    }
  }
  return memo[0][0] != 0;
}

std::optional<Severity> rule_severity(const Config& config, std::string_view rule, Severity default_severity) {
  if (const auto it = config.rules.find(rule); it != config.rules.end()) {
    return it->second;
  }
  // "links.*" (or "links") sets every rule of a family.
  const std::size_t dot = rule.find('.');
  if (dot != std::string_view::npos) {
    const std::string family(rule.substr(0, dot));
    if (const auto it = config.rules.find(family + ".*"); it != config.rules.end()) {
      return it->second;
    }
    if (const auto it = config.rules.find(family); it != config.rules.end()) {
      return it->second;
    }
  }
  return default_severity;
}

}  // namespace mdvault::core
