#pragma once
// The four shapes of lint output (SPEC §5): text for people, JSON for scripts, GitHub
// workflow commands for Actions annotations, and SARIF 2.1.0 for code scanning.

#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cli/output.hpp"
#include "core/diagnostic.hpp"
#include "core/lint.hpp"

namespace mdvault::cli {

/// The formats `lint --format` accepts.
const std::vector<std::string>& lint_format_names();

/// Maps a vault-relative path to the path GitHub and SARIF should show.
using PathMapper = std::function<std::string(std::string_view)>;

/// Each diagnostic with its source line and caret (only the first lines when `quiet`),
/// then a summary such as "3 errors and 1 warning in 2 of 41 notes."
void print_lint_text(std::ostream& out, const core::LintResult& result, const Style& style,
                     SourceCache& sources, bool quiet);

/// The closing sentence of text output.
std::string lint_summary(const core::LintResult& result);

/// One diagnostic as {"path","line","column","severity","rule","field","message"};
/// "field" is null when the finding concerns no field.
Json diagnostic_json(const core::Diagnostic& d);

/// {"diagnostics": [...], "summary": {"files","errors","warnings"}}.
void print_lint_json(std::ostream& out, const core::LintResult& result);

/// `::error file=...,line=...,col=...,title=RULE::MESSAGE`, one per diagnostic. `file` is the
/// note's path seen from the working directory (in Actions, the repository checkout), so the
/// annotation lands on the file; line and col are left out when zero.
void print_lint_github(std::ostream& out, const core::LintResult& result, const PathMapper& map_path);

/// Escapes text for a workflow command: the message (`property` false) or a property value.
std::string github_escape(std::string_view text, bool property);

/// A SARIF 2.1.0 log with every lint rule and one result per diagnostic: artifact URIs are
/// paths from the working directory, percent-encoded; columns count code points
/// (columnKind unicodeCodePoints); the region is left out for whole-file findings.
void print_lint_sarif(std::ostream& out, const core::LintResult& result, const PathMapper& map_path);

}  // namespace mdvault::cli
