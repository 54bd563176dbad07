#pragma once
// What every check reports: a rule, a severity, a place in a file and a message.

#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core {

enum class Severity { error, warning };

std::string_view to_string(Severity s);

/// A place in a vault file: vault-relative path with '/' separators, 1-based line and
/// column (column counts Unicode code points); line 0 means the whole file.
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;
};

/// One finding. The message says what is wrong and how to fix it.
struct Diagnostic {
  SourceLocation location;
  Severity severity = Severity::error;
  std::string rule;     ///< e.g. "frontmatter.yaml", "schema.enum", "links.broken"
  std::string field;    ///< field path such as "core_fears[1]", empty when none
  std::string message;  ///< plain sentence, with a "did you mean" where one helps
};

/// Orders by path, line, column, rule, field, message: the order lint prints.
bool diagnostic_less(const Diagnostic& a, const Diagnostic& b);

void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

}  // namespace mdvault::core
