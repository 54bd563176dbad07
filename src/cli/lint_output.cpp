#include "cli/lint_output.hpp"

#include <cstdio>
#include <map>
#include <ostream>
#include <set>

#include "cli/version.hpp"

namespace mdvault::cli {

const std::vector<std::string>& lint_format_names() {
  static const std::vector<std::string> k_names{"text", "json", "github", "sarif"};
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
                     SourceCache& sources, bool quiet) {
  for (const auto& d : result.diagnostics) print_diagnostic(out, d, style, quiet ? nullptr : &sources);
  if (quiet) return;
  if (!result.diagnostics.empty()) out << '\n';
  out << style.bold(lint_summary(result)) << '\n';
}

Json diagnostic_json(const core::Diagnostic& d) {
  Json item = Json::object();
  item["path"] = d.location.path;
  item["line"] = d.location.line;
  item["column"] = d.location.column;
  item["severity"] = std::string(core::to_string(d.severity));
  item["rule"] = d.rule;
  item["field"] = d.field.empty() ? Json(nullptr) : Json(d.field);
  item["message"] = d.message;
  return item;
}

void print_lint_json(std::ostream& out, const core::LintResult& result) {
  Json doc = Json::object();
  doc["diagnostics"] = Json::array();
  for (const auto& d : result.diagnostics) doc["diagnostics"].push_back(diagnostic_json(d));
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

void print_lint_github(std::ostream& out, const core::LintResult& result, const PathMapper& map_path) {
  for (const auto& d : result.diagnostics) {
    out << "::" << core::to_string(d.severity) << " file=" << github_escape(map_path(d.location.path), true);
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

}  // namespace

void print_lint_sarif(std::ostream& out, const core::LintResult& result, const PathMapper& map_path) {
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const auto& rule : core::lint_rules()) {
    rule_index.emplace(std::string(rule.id), rules.size());
    Json entry = Json::object();
    entry["id"] = std::string(rule.id);
    entry["shortDescription"] = Json{{"text", std::string(rule.summary)}};
    entry["defaultConfiguration"] = Json{{"level", sarif_level(rule.default_severity)}};
    rules.push_back(std::move(entry));
  }
  // A rule id that the table does not list (such as one schema keyword) still gets an entry.
  for (const auto& d : result.diagnostics) {
    if (rule_index.count(d.rule) != 0) continue;
    rule_index.emplace(d.rule, rules.size());
    Json entry = Json::object();
    entry["id"] = d.rule;
    entry["shortDescription"] = Json{{"text", d.rule}};
    entry["defaultConfiguration"] = Json{{"level", sarif_level(d.severity)}};
    rules.push_back(std::move(entry));
  }

  Json results = Json::array();
  for (const auto& d : result.diagnostics) {
    Json physical = Json::object();
    physical["artifactLocation"] = Json{{"uri", uri_encode(map_path(d.location.path))}};
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
  driver["rules"] = std::move(rules);
  Json run = Json::object();
  run["tool"] = Json{{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  Json doc = Json::object();
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = Json::array({std::move(run)});
  write_json(out, doc);
}

}  // namespace mdvault::cli
