#pragma once
// The vault's `.mdvault.yaml`: schema folder, ignore globs, class rules, rule severities.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/privacy/privacy_policy.hpp"

namespace mdvault::core {

/// Maps notes to a class by folder glob or by tag (`classes:` in .mdvault.yaml).
struct ClassRule {
  std::string folder;  ///< glob over the vault-relative path ("Sessions/**"), or empty
  std::string tag;     ///< tag without '#', or empty
  std::string class_name;
};

struct Config {
  std::string file;                      ///< the config file read, empty when none
  std::optional<std::string> schemas;    ///< schema folder, resolved against the config file's folder
  std::vector<std::string> ignore;       ///< globs over vault-relative paths
  std::vector<ClassRule> classes;
  /// Severity overrides by rule id (or prefix such as "links.*"); nullopt means off.
  std::map<std::string, std::optional<Severity>, std::less<>> rules;
  /// `privacy:`: what sharing withholds (docs/privacy.md); unset when the file has none.
  std::optional<privacy::PrivacyPolicy> privacy;
};

/// Reads a config file. Problems (bad YAML, unknown key, bad severity) go to `diagnostics`
/// with rule "config" and the file's line and column.
Config load_config(const std::string& file, std::vector<Diagnostic>& diagnostics);

/// Reads config text already in memory, as load_config does with the file's bytes; `file` names
/// it in diagnostics and is the folder `schemas:` is resolved against.
Config parse_config(std::string_view text, const std::string& file, std::vector<Diagnostic>& diagnostics);

/// Glob match over '/'-separated paths: `*` within a segment, `**` across segments, `?`.
bool glob_match(std::string_view pattern, std::string_view path);

/// The configured severity for a rule: the override if any, else `default_severity`;
/// nullopt when the rule is off.
std::optional<Severity> rule_severity(const Config& config, std::string_view rule,
                                      Severity default_severity);

}  // namespace mdvault::core
