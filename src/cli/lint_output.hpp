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

/// Maps a vault-relative path to the path the output should show (see Context::file_path).
using PathMapper = std::function<std::string(std::string_view)>;

/// Where a report's paths point: `file` maps a note to the printed path; when the vault lies
/// outside the folder paths are printed from, SARIF names notes from `vault_uri` instead.
struct ReportPaths {
  PathMapper file;
  bool vault_outside = false;
  std::string vault_uri;  ///< "file:///home/me/Notes/" (with the trailing '/')
};

/// Each diagnostic with its source line and caret (only the first lines when `quiet`),
/// then a summary such as "3 errors and 1 warning in 2 of 41 notes." Paths are `paths.file`'s;
/// `sources` reads the lines from those paths.
void print_lint_text(std::ostream& out, const core::LintResult& result, const Style& style,
                     SourceCache& sources, bool quiet, const ReportPaths& paths);

/// The closing sentence of text output.
std::string lint_summary(const core::LintResult& result);

/// One diagnostic as {"path","file"?,"line","column","severity","rule","field","message"};
/// "file" only when given; "field" is null when the finding concerns no field.
Json diagnostic_json(const core::Diagnostic& d, const std::string* file = nullptr);

/// {"diagnostics": [...], "summary": {"files","errors","warnings"}}; "path" stays the
/// note's vault-relative path, "file" is the path the other formats print.
void print_lint_json(std::ostream& out, const core::LintResult& result, const ReportPaths& paths);

/// `::error file=...,line=...,col=...,title=RULE::MESSAGE`, one per diagnostic; line and col
/// are left out when zero.
void print_lint_github(std::ostream& out, const core::LintResult& result, const ReportPaths& paths);

/// Escapes text for a workflow command: the message (`property` false) or a property value.
std::string github_escape(std::string_view text, bool property);

/// A SARIF 2.1.0 log with every lint rule (description, help in text and Markdown, helpUri
/// into docs/lint.md) and one result per diagnostic: artifact URIs are percent-encoded paths
/// from the printing folder, or from uriBaseId VAULT when the vault lies outside it; columns
/// count code points (columnKind unicodeCodePoints); whole-file findings have no region.
void print_lint_sarif(std::ostream& out, const core::LintResult& result, const ReportPaths& paths);

/// GitLab Code Quality JSON: an array of {description, check_name, fingerprint, severity,
/// location {path, lines {begin}}}; the fingerprint is stable across runs.
void print_lint_gitlab(std::ostream& out, const core::LintResult& result, const ReportPaths& paths);

/// A Markdown summary (for $GITHUB_STEP_SUMMARY): the counts, then a table of the findings.
void print_lint_markdown(std::ostream& out, const core::LintResult& result, const ReportPaths& paths);

/// Where a rule is explained: docs/lint.md at the rule's heading, on the project's site.
std::string rule_help_uri(std::string_view rule);

}  // namespace mdvault::cli
