#pragma once
// The lint rule table and the run over a vault (SPEC §5).

#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/diagnostic.hpp"
#include "core/link_resolver.hpp"
#include "core/schema/schema_set.hpp"
#include "core/vault.hpp"

namespace mdvault::core {

/// One rule: its id, default severity, what it checks, how to fix it and an example
/// (SARIF help, docs/lint.md).
struct RuleInfo {
  std::string_view id;
  Severity default_severity;
  std::string_view summary;
  std::string_view fix;
  std::string_view example;
};

/// Every rule lint knows, one per schema keyword that can fail.
const std::vector<RuleInfo>& lint_rules();

/// The rule with this id, or nullptr.
const RuleInfo* find_rule(std::string_view id);

struct LintOptions {
  std::vector<std::string> paths;  ///< vault-relative notes or folders to check; empty: all
  bool only_paths = false;         ///< check only `paths`, none when it is empty
  std::vector<std::string> skip_folders{};  ///< not checked unless named in `paths` (the Templates folder)
  bool check_schemas = true;       ///< false when there is no schema folder (one notice, not a warning per note)
  unsigned jobs = 0;               ///< threads for the notes' link and schema checks; 0: one per core
};

struct LintResult {
  std::vector<Diagnostic> diagnostics;  ///< sorted by path, line, column
  std::size_t files = 0;
  std::size_t errors = 0;
  std::size_t warnings = 0;
};

/// Classes that apply to a note: its fileClass values, else the first matching rule.
std::vector<std::string> classes_of(const Note& note, const Config& config);

/// Validates a note's frontmatter against its classes' schemas while the vault is being read
/// (on all cores), keeps the findings in the note and drops the frontmatter, which lint no
/// longer needs. x-link class constraints are recorded and checked by run_lint.
void check_schemas_early(Note& note, const schema::SchemaSet& schemas);

/// Checks the chosen notes against schemas and links; applies the config's severities.
LintResult run_lint(const Vault& vault, const schema::SchemaSet& schemas, const Config& config,
                    const LinkResolver& resolver, const LintOptions& options);

}  // namespace mdvault::core
