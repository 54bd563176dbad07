#include "cli/lint_output.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <ostream>
#include <set>

#include "cli/version.hpp"
#include "core/display_text.hpp"

namespace mdvault::cli {

const std::vector<std::string>& lint_format_names() {
  static const std::vector<std::string> k_names{"text", "json", "github", "sarif", "gitlab", "markdown"};
  return k_names;
}

std::string lint_summary(const core::LintResult& result) {
  const std::string notes = count_of(result.files, "note");
  if (result.errors == 0 && result.warnings == 0) return "No problems found in " + notes + ".";
  std::set<std::string> with_findings;
  for (const auto& d : result.diagnostics) with_findings.insert(d.location.path);
  std::string found;
  if (result.errors > 0) found = count_of(result.errors, "error");
  if (result.warnings > 0) {
    if (!found.empty()) found += " and ";
    found += count_of(result.warnings, "warning");
  }
  if (result.files == 1) return found + " in 1 note.";
  return found + " in " + std::to_string(with_findings.size()) + " of " + notes + ".";
}

void print_lint_text(std::ostream& out, const core::LintResult& result, const Style& style,
                     SourceCache& sources, bool quiet, const ReportPaths& paths) {
  for (const auto& d : result.diagnostics) {
    core::Diagnostic shown = d;
    shown.location.path = paths.file(d.location.path);
    print_diagnostic(out, shown, style, quiet ? nullptr : &sources);
  }
  if (quiet) return;
  if (!result.diagnostics.empty()) out << '\n';
  out << style.bold(lint_summary(result)) << '\n';
}

Json diagnostic_json(const core::Diagnostic& d, const std::string* file) {
  Json item = Json::object();
  item["path"] = core::display_name(d.location.path);
  if (file != nullptr) item["file"] = core::display_name(*file);
  item["line"] = d.location.line;
  item["column"] = d.location.column;
  item["severity"] = std::string(core::to_string(d.severity));
  item["rule"] = d.rule;
  item["field"] = d.field.empty() ? Json(nullptr) : Json(d.field);
  item["message"] = d.message;
  return item;
}

void print_lint_json(std::ostream& out, const core::LintResult& result, const ReportPaths& paths) {
  Json doc = Json::object();
  doc["diagnostics"] = Json::array();
  for (const auto& d : result.diagnostics) {
    const std::string file = paths.file(d.location.path);
    doc["diagnostics"].push_back(diagnostic_json(d, &file));
  }
  Json summary = Json::object();
  summary["files"] = result.files;
  summary["errors"] = result.errors;
  summary["warnings"] = result.warnings;
  doc["summary"] = std::move(summary);
  write_json(out, doc);
}

std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

void print_lint_github(std::ostream& out, const core::LintResult& result, const ReportPaths& paths) {
  for (const auto& d : result.diagnostics) {
    out << "::" << core::to_string(d.severity) << " file=" << github_escape(paths.file(d.location.path), true);
    if (d.location.line > 0) {
      out << ",line=" << d.location.line;
      if (d.location.column > 0) out << ",col=" << d.location.column;
    }
    out << ",title=" << github_escape(d.rule, true) << "::" << github_escape(d.message, false) << '\n';
  }
}

namespace {

/// Percent-encodes a relative path for a URI reference: unreserved characters and '/' stay.
std::string uri_encode(std::string_view path) {
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool keep = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", static_cast<unsigned>(byte));
      out += buffer;
    }
  }
  return out;
}

std::string sarif_level(core::Severity s) { return s == core::Severity::error ? "error" : "warning"; }

/// A sentence with its first letter in capitals and a full stop.
std::string sentence(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out.front() >= 'a' && out.front() <= 'z') out.front() = static_cast<char>(out.front() - 'a' + 'A');
  if (!out.empty() && out.back() != '.') out += '.';
  return out;
}

/// The SARIF reportingDescriptor of a rule: what it checks, how to fix it, an example.
Json sarif_rule(const core::RuleInfo& rule) {
  const std::string what = sentence(rule.summary);
  Json entry = Json::object();
  entry["id"] = std::string(rule.id);
  entry["shortDescription"] = Json{{"text", std::string(rule.summary)}};
  entry["fullDescription"] = Json{{"text", what}};
  std::string example(rule.example);
  std::string text = what + "\n\nHow to fix: " + std::string(rule.fix) + "\n\nExample:\n" + example;
  std::string markdown = "**" + std::string(rule.id) + "**: " + what + "\n\n**How to fix:** " + std::string(rule.fix) +
                         "\n\n**Example:**\n\n```\n" + example + "\n```\n\nSee [docs/lint.md](" +
                         rule_help_uri(rule.id) + ").";
  entry["help"] = Json{{"text", std::move(text)}, {"markdown", std::move(markdown)}};
  entry["helpUri"] = rule_help_uri(rule.id);
  entry["defaultConfiguration"] = Json{{"level", sarif_level(rule.default_severity)}};
  return entry;
}

/// 64-bit FNV-1a of the text, in hex: a fingerprint that stays the same from run to run.
std::string fingerprint(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

/// Escapes text for a Markdown table cell.
std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string rule_help_uri(std::string_view rule) {
  // GitHub's heading anchors: lower case, dots dropped, hyphens kept.
  std::string anchor;
  for (const char c : rule) {
    if (c != '.') anchor += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string(k_homepage) + "/blob/main/docs/lint.md#" + anchor;
}

void print_lint_sarif(std::ostream& out, const core::LintResult& result, const ReportPaths& paths) {
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const auto& rule : core::lint_rules()) {
    rule_index.emplace(std::string(rule.id), rules.size());
    rules.push_back(sarif_rule(rule));
  }
  // A rule id that the table does not list still gets an entry (a bug: every rule is listed).
  for (const auto& d : result.diagnostics) {
    if (rule_index.count(d.rule) != 0) continue;
    rule_index.emplace(d.rule, rules.size());
    rules.push_back(sarif_rule({d.rule, d.severity, d.rule, "See the message.", d.message}));
  }

  Json results = Json::array();
  for (const auto& d : result.diagnostics) {
    Json artifact = Json::object();
    if (paths.vault_outside) {
      artifact["uri"] = uri_encode(d.location.path);
      artifact["uriBaseId"] = "VAULT";
    } else {
      artifact["uri"] = uri_encode(paths.file(d.location.path));
    }
    Json physical = Json::object();
    physical["artifactLocation"] = std::move(artifact);
    if (d.location.line > 0) {
      Json region = Json::object();
      region["startLine"] = d.location.line;
      if (d.location.column > 0) region["startColumn"] = d.location.column;
      physical["region"] = std::move(region);
    }
    Json item = Json::object();
    item["ruleId"] = d.rule;
    item["ruleIndex"] = rule_index.find(d.rule)->second;
    item["level"] = sarif_level(d.severity);
    item["message"] = Json{{"text", d.message}};
    item["locations"] = Json::array({Json{{"physicalLocation", std::move(physical)}}});
    results.push_back(std::move(item));
  }

  Json driver = Json::object();
  driver["name"] = "mdvault";
  driver["version"] = std::string(k_version);
  driver["semanticVersion"] = std::string(k_version);
  driver["informationUri"] = std::string(k_homepage);
  driver["rules"] = std::move(rules);
  Json run = Json::object();
  run["tool"] = Json{{"driver", std::move(driver)}};
  if (paths.vault_outside) {
    run["originalUriBaseIds"] = Json{{"VAULT", Json{{"uri", uri_encode(paths.vault_uri)}}}};
  }
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json doc = Json::object();
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  write_json(out, doc);
}

void print_lint_gitlab(std::ostream& out, const core::LintResult& result, const ReportPaths& paths) {
  Json issues = Json::array();
  for (const auto& d : result.diagnostics) {
    const std::string file = paths.file(d.location.path);
    Json item = Json::object();
    item["description"] = d.message;
    item["check_name"] = d.rule;
    item["fingerprint"] = fingerprint(file + '\n' + d.rule + '\n' + std::to_string(d.location.line) + '\n' + d.message);
    item["severity"] = d.severity == core::Severity::error ? "major" : "minor";
    item["location"] = Json{{"path", file}, {"lines", Json{{"begin", std::max(d.location.line, 1)}}}};
    issues.push_back(std::move(item));
  }
  write_json(out, issues);
}

void print_lint_markdown(std::ostream& out, const core::LintResult& result, const ReportPaths& paths) {
  out << "### mdvault lint\n\n" << lint_summary(result) << "\n";
  if (result.diagnostics.empty()) return;
  out << "\n| file | line | severity | rule | message |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& d : result.diagnostics) {
    out << "| " << markdown_cell(core::display_name(paths.file(d.location.path))) << " | " << d.location.line << " | "
        << core::to_string(d.severity) << " | [" << d.rule << "](" << rule_help_uri(d.rule) << ") | "
        << markdown_cell(d.message) << " |\n";
  }
}

}  // namespace mdvault::cli
