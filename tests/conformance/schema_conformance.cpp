// Runs the official JSON Schema Test Suite (draft 2020-12) against mdvault's validator.
//
//   schema_conformance SUITE_DIR [METASCHEMA_DIR]
//
// SUITE_DIR holds the required files (draft2020-12/*.json). Nothing here comes with mdvault and
// nothing is fetched; what is found is read into memory and served to `$ref`s:
// - SUITE_DIR/../remotes, the suite's remote documents, as http://localhost:1234/...;
// - METASCHEMA_DIR, the 2020-12 meta-schema (schema.json) and its vocabularies (meta/*.json), at
//   their `$id`s: the folder Ajv ships (CTest passes build/dev/ajv/..., which .ci/run installs);
// - SUITE_DIR/optional/format/*.json and SUITE_DIR/optional/format-assertion.json, run with
//   format assertion on.
// A folder that is absent is said so; a test group whose schema needs a document from it is
// skipped with that reason (refRemote.json, without the remotes), and the bar is computed on the
// cases that ran.
//
// Prints a line per file with its count, each failing and each skipped case, then the figures.
// Exit 0 when no case fails that is not on the known list and at least 99% of the required cases
// that ran pass (and, apart, of the optional format files of the formats mdvault checks); 1
// otherwise; 77 (CTest's skip) when the suite folder is absent. The other optional format files
// only report their figure.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/schema/schema_set.hpp"
#include "core/value.hpp"

namespace {

using mdvault::core::MapEntry;
using mdvault::core::Value;
using mdvault::core::ValueList;
using mdvault::core::ValueMap;
using Json = nlohmann::ordered_json;

// A case that fails, with the reason; the run fails on any failure not listed here.
struct KnownFailure {
  std::string_view file;
  std::string_view group;  ///< the group's "description"
  std::string_view test;   ///< the test's "description"
  std::string_view reason;
};

constexpr KnownFailure k_known_failures[] = {
    {"", "", "", ""},  // none yet
};

// Integers stay int64 (bigger ones become doubles), floats stay doubles, key order is kept.
Value to_value(const Json& j) {
  switch (j.type()) {
  case Json::value_t::null:
    return Value::make_null();
  case Json::value_t::boolean:
    return Value::make_bool(j.get<bool>());
  case Json::value_t::number_integer:
    return Value::make_int(j.get<std::int64_t>());
  case Json::value_t::number_unsigned: {
    const auto u = j.get<std::uint64_t>();
    return u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
               ? Value::make_int(static_cast<std::int64_t>(u))
               : Value::make_float(static_cast<double>(u));
  }
  case Json::value_t::number_float:
    return Value::make_float(j.get<double>());
  case Json::value_t::string:
    return Value::make_string(j.get<std::string>());
  case Json::value_t::array: {
    ValueList items;
    for (const Json& item : j) {
      items.push_back(to_value(item));
    }
    return Value::make_list(std::move(items));
  }
  case Json::value_t::object: {
    ValueMap entries;
    for (const auto& [key, item] : j.items()) {
      entries.push_back(MapEntry{key, {}, to_value(item)});
    }
    return Value::make_map(std::move(entries));
  }
  default:
    return Value::make_null();
  }
}

// The suite's remote documents (served at http://localhost:1234/) and the 2020-12 meta-schemas
// (at their `$id`s), read into memory once: what a `$ref` to those URIs reaches. A folder that
// is absent leaves its URI prefix "missing": a lookup under it is remembered, with the reason.
class MemoryDocuments : public mdvault::core::schema::DocumentSource {
public:
  // Every .json file under `dir`, at `prefix` + its path relative to `dir` (or at its `$id`).
  bool add_folder(const std::filesystem::path& dir, const std::string& prefix, bool at_id) {
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file() || it->path().extension() != ".json") {
        continue;
      }
      std::ifstream in(it->path());
      const Json j = Json::parse(in, nullptr, false);
      if (j.is_discarded()) {
        std::cout << it->path().string() << ": cannot parse\n";
        return false;
      }
      const std::string uri = at_id && j.is_object() && j.contains("$id")
                                  ? j["$id"].get<std::string>()
                                  : prefix + std::filesystem::relative(it->path(), dir).generic_string();
      m_documents.emplace(uri, to_value(j));
    }
    return !ec;
  }

  // The documents under `prefix` are not there, because of `reason`.
  void add_missing(std::string prefix, std::string reason) {
    m_missing.push_back(Missing{std::move(prefix), std::move(reason)});
  }

  [[nodiscard]] const Value* find_document(std::string_view uri) const override {
    const auto it = m_documents.find(std::string(uri));
    if (it != m_documents.end()) {
      return &it->second;
    }
    for (const Missing& m : m_missing) {
      if (uri.starts_with(m.prefix)) {
        m_missed.emplace(uri, m.reason);
      }
    }
    return nullptr;
  }

  // The URIs asked for under a missing prefix since the last call, with their reasons.
  std::map<std::string, std::string> take_missed() { return std::exchange(m_missed, {}); }

private:
  struct Missing {
    std::string prefix;
    std::string reason;
  };
  std::map<std::string, Value> m_documents;
  std::vector<Missing> m_missing;
  mutable std::map<std::string, std::string> m_missed;
};

// The published 2020-12 meta-schema. A `$schema` naming it, unknown, leaves every vocabulary but
// format-assertion on, which is what its `$vocabulary` says: the lookup is harmless unless a `$ref`
// needed the document (the schema is then rejected with that URI in the message).
constexpr std::string_view k_metaschema_uri = "https://json-schema.org/draft/2020-12/schema";

const KnownFailure* known_failure(std::string_view file, std::string_view group, std::string_view test) {
  for (const KnownFailure& k : k_known_failures) {
    if (k.file == file && k.group == group && k.test == test) {
      return &k;
    }
  }
  return nullptr;
}

struct Counts {
  int passed = 0;
  int failed = 0;
  int unexpected = 0;  ///< failures not on the known list
  int skipped = 0;     ///< needed a document that is not there
  std::map<std::string, int> skipped_by;  ///< skipped cases by reason

  void add(const Counts& c) {
    passed += c.passed;
    failed += c.failed;
    unexpected += c.unexpected;
    skipped += c.skipped;
    for (const auto& [reason, n] : c.skipped_by) {
      skipped_by[reason] += n;
    }
  }
  [[nodiscard]] int ran() const { return passed + failed; }
  [[nodiscard]] bool at_bar() const { return passed * 100 >= ran() * 99; }
};

// The optional format files held to the bar: the formats mdvault checks in full (docs/schemas.md)
// and unknown names. The others only report: hostname (A-labels need IDNA), idn-*, iri*,
// uri-template, ecmascript-regex (PCRE2 is not ECMA-262 in every corner).
constexpr std::string_view k_checked_formats[] = {
    "date-time.json", "date.json",  "duration.json",          "email.json",         "format-assertion.json",
    "ipv4.json",      "ipv6.json",  "json-pointer.json",      "regex.json",         "relative-json-pointer.json",
    "time.json",      "uuid.json",  "uri-reference.json",     "uri.json",           "unknown.json"};

// `report_only`: failures are listed as "unchecked", not as FAIL.
Counts run_file(const std::filesystem::path& path, const std::string& shown, MemoryDocuments& documents,
                const mdvault::core::schema::CompileOptions& options, bool report_only = false) {
  Counts counts;
  const std::string file = path.filename().string();
  std::ifstream in(path);
  const Json groups = Json::parse(in, nullptr, false);
  if (groups.is_discarded() || !groups.is_array()) {
    std::cout << shown << ": cannot parse\n";
    counts.failed = counts.unexpected = 1;
    return counts;
  }
  for (const Json& group : groups) {
    const std::string group_name = group.value("description", "");
    std::vector<mdvault::core::Diagnostic> diagnostics;
    const auto set = mdvault::core::schema::SchemaSet::from_value(to_value(group["schema"]), "suite", path.string(),
                                                                  diagnostics, options);
    // A document the group needed and that is not there: its cases are skipped, said so.
    std::string needs;
    for (const auto& [uri, reason] : documents.take_missed()) {
      const bool in_message = std::any_of(diagnostics.begin(), diagnostics.end(), [&uri](const auto& d) {
        return d.message.find(uri) != std::string::npos;
      });
      if (needs.empty() && (uri != k_metaschema_uri || in_message)) {
        needs = reason;
        std::cout << "  skip " << shown << " / " << group_name << " (" << group["tests"].size()
                  << " cases): needs " << uri << ", " << reason << "\n";
      }
    }
    if (!needs.empty()) {
      const int n = static_cast<int>(group["tests"].size());
      counts.skipped += n;
      counts.skipped_by[needs] += n;
      continue;
    }
    for (const Json& test : group["tests"]) {
      const std::string test_name = test.value("description", "");
      const bool expected = test.value("valid", false);
      std::string problem;
      if (!set.has_class("suite")) {
        problem = "schema rejected: " + (diagnostics.empty() ? std::string("?") : diagnostics.front().message);
      } else {
        const auto findings = set.validate("suite", to_value(test["data"]), nullptr);
        const auto error = std::find_if(findings.begin(), findings.end(),
                                        [](const auto& f) { return f.severity == mdvault::core::Severity::error; });
        const bool valid = error == findings.end();
        if (valid != expected) {
          problem = std::string("expected ") + (expected ? "valid" : "invalid") + ", got " +
                    (valid ? "valid" : "invalid: [" + error->keyword + "] " + error->message);
        }
      }
      if (problem.empty()) {
        ++counts.passed;
        continue;
      }
      ++counts.failed;
      const KnownFailure* known = known_failure(shown, group_name, test_name);
      counts.unexpected += known == nullptr ? 1 : 0;
      std::cout << (report_only ? "  unchecked " : known != nullptr ? "  known " : "  FAIL ") << shown << " / " << group_name << " / " << test_name
                << ": " << problem << (known != nullptr ? " (" + std::string(known->reason) + ")" : "") << "\n";
    }
  }
  std::cout << shown << ": " << counts.passed << "/" << counts.ran() << " passed"
            << (counts.skipped > 0 ? ", " + std::to_string(counts.skipped) + " skipped" : std::string()) << "\n";
  return counts;
}

// The .json files directly in `dir`, sorted.
std::vector<std::filesystem::path> json_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "97.50%" of the cases that ran.
std::string percent(const Counts& c) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << (c.ran() == 0 ? 0.0 : 100.0 * c.passed / c.ran()) << "%";
  return out.str();
}

// The skipped cases by reason, one line each.
void print_skipped(const Counts& c) {
  for (const auto& [reason, n] : c.skipped_by) {
    std::cout << "  skipped " << n << ": " << reason << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::filesystem::is_directory(argv[1])) {
    std::cout << "schema_conformance: the JSON Schema Test Suite folder "
              << (argc < 2 ? std::string("was not given") : std::string(argv[1]) + " does not exist") << "; skipping\n";
    return 77;
  }
  const std::filesystem::path suite = std::filesystem::path(argv[1]).lexically_normal();
  MemoryDocuments documents;
  const std::filesystem::path remotes = (suite / ".." / "remotes").lexically_normal();
  if (std::filesystem::is_directory(remotes)) {
    if (!documents.add_folder(remotes, "http://localhost:1234/", false)) {
      std::cout << "schema_conformance: cannot read the remote documents in " << remotes.string() << "\n";
      return 1;
    }
    std::cout << "remote documents: " << remotes.string() << "\n";
  } else {
    documents.add_missing("http://localhost:1234/", "a remote document: no folder " + remotes.string());
    std::cout << "remote documents: no folder " << remotes.string()
              << "; refRemote.json and every case that needs one are skipped\n";
  }
  const std::filesystem::path metaschemas = argc >= 3 ? std::filesystem::path(argv[2]) : std::filesystem::path();
  if (!metaschemas.empty() && std::filesystem::is_regular_file(metaschemas / "schema.json")) {
    if (!documents.add_folder(metaschemas, "", true)) {
      std::cout << "schema_conformance: cannot read the meta-schemas in " << metaschemas.string() << "\n";
      return 1;
    }
    std::cout << "meta-schemas: " << metaschemas.string() << "\n";
  } else {
    const std::string where = metaschemas.empty() ? std::string("no folder was given")
                                                  : "no " + (metaschemas / "schema.json").string();
    documents.add_missing("https://json-schema.org/draft/2020-12/",
                          "a 2020-12 meta-schema: " + where + " (npm install ajv, see .ci/run)");
    std::cout << "meta-schemas: " << where << "; every case that needs one is skipped\n";
  }
  // The suite's expectations: unknown keywords are annotations, and `format` is an annotation
  // unless a meta-schema asks for the format-assertion vocabulary (optional/format asserts it).
  mdvault::core::schema::CompileOptions options;
  options.documents = &documents;
  options.unknown_keywords_are_annotations = true;
  options.assert_formats = false;

  Counts total;
  Counts without_remote;  // the 1,268 cases outside refRemote.json
  for (const auto& file : json_files(suite)) {
    const Counts c = run_file(file, file.filename().string(), documents, options);
    total.add(c);
    if (file.filename() != "refRemote.json") {
      without_remote.add(c);
    }
  }
  std::cout << "required: " << total.ran() + total.skipped << " cases, " << total.ran() << " ran, " << total.skipped
            << " skipped; " << total.passed << " passed, " << total.failed << " failed (" << total.unexpected
            << " not on the known list): " << percent(total) << " of the cases that ran (bar: 99%)\n";
  print_skipped(total);
  std::cout << "required outside refRemote.json: " << without_remote.ran() + without_remote.skipped << " cases, "
            << without_remote.ran() << " ran, " << without_remote.skipped << " skipped; " << without_remote.passed
            << " passed: " << percent(without_remote) << "\n";
  bool ok = total.unexpected == 0 && total.ran() > 0 && total.at_bar();

  const std::filesystem::path optional = suite / "optional";
  std::vector<std::pair<std::filesystem::path, std::string>> optional_files;
  for (const auto& file : json_files(optional / "format")) {
    optional_files.emplace_back(file, "optional/format/" + file.filename().string());
  }
  if (std::filesystem::is_regular_file(optional / "format-assertion.json")) {
    optional_files.emplace_back(optional / "format-assertion.json", "optional/format-assertion.json");
  }
  if (optional_files.empty()) {
    std::cout << "optional/format: no files in " << (optional / "format").string() << "; skipped\n";
  } else {
    options.assert_formats = true;
    Counts checked;
    Counts reported;
    for (const auto& [file, shown] : optional_files) {
      const std::string name = file.filename().string();
      const bool held = std::find(std::begin(k_checked_formats), std::end(k_checked_formats), name) !=
                        std::end(k_checked_formats);
      const Counts c = run_file(file, shown, documents, options, !held);
      (held ? checked : reported).add(c);
    }
    std::cout << "optional/format, formats mdvault checks: " << checked.passed << " passed, " << checked.failed
              << " failed, " << checked.skipped << " skipped: " << percent(checked)
              << " of the cases that ran (bar: 99%); other formats (reported only): " << reported.passed
              << " passed, " << reported.failed << " failed, " << reported.skipped << " skipped\n";
    print_skipped(checked);
    ok = ok && checked.unexpected == 0 && checked.at_bar();
  }
  return ok ? 0 : 1;
}
