// Runs the official JSON Schema Test Suite (draft 2020-12) against mdvault's validator.
//
//   schema_conformance SUITE_DIR [DATA_DIR [FORMAT_DIR]]
//
// SUITE_DIR holds the required files (draft2020-12/*.json); DATA_DIR (default: the binary's
// folder) holds `remotes/` (the suite's remote documents, served from memory as
// http://localhost:1234/...) and `metaschema/` (the 2020-12 meta-schema and its vocabularies,
// served at their `$id`s): nothing is fetched. FORMAT_DIR is the suite's optional/format folder,
// run with format assertion on.
//
// Prints a line per file with its count and each failing case, then the totals. Exit 0 when no
// case fails that is not on the known list and every required file (and every optional format
// file of a format mdvault checks) passes at least 99%; 1 otherwise; 77 (CTest's skip) when the
// suite folder is absent. The other optional format files only report their figure.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <string>
#include <string_view>
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
// (at their `$id`s), read into memory once: what a `$ref` to those URIs reaches.
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

  [[nodiscard]] const Value* find_document(std::string_view uri) const override {
    const auto it = m_documents.find(std::string(uri));
    return it == m_documents.end() ? nullptr : &it->second;
  }

private:
  std::map<std::string, Value> m_documents;
};

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
};

// The optional format files held to the bar: the formats mdvault checks in full (docs/schemas.md)
// and unknown names. The others only report: hostname (A-labels need IDNA), idn-*, iri*,
// uri-template, ecmascript-regex (PCRE2 is not ECMA-262 in every corner).
constexpr std::string_view k_checked_formats[] = {
    "date-time.json", "date.json",  "duration.json",          "email.json",         "format-assertion.json",
    "ipv4.json",      "ipv6.json",  "json-pointer.json",      "regex.json",         "relative-json-pointer.json",
    "time.json",      "uuid.json",  "uri-reference.json",     "uri.json",           "unknown.json"};

// `report_only`: failures are listed as "unchecked", not as FAIL.
Counts run_file(const std::filesystem::path& path, const std::string& shown,
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
  std::cout << shown << ": " << counts.passed << "/" << counts.passed + counts.failed << " passed\n";
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::filesystem::is_directory(argv[1])) {
    std::cout << "schema_conformance: the JSON Schema Test Suite folder "
              << (argc < 2 ? std::string("was not given") : std::string(argv[1]) + " does not exist") << "; skipping\n";
    return 77;
  }
  const std::filesystem::path here = std::filesystem::path(argv[0]).parent_path();
  const std::filesystem::path data = argc >= 3 ? std::filesystem::path(argv[2]) : here;
  MemoryDocuments documents;
  if (!documents.add_folder(data / "remotes", "http://localhost:1234/", false) ||
      !documents.add_folder(data / "metaschema", "", true)) {
    std::cout << "schema_conformance: cannot read the remotes and meta-schemas in " << data.string() << "\n";
    return 1;
  }
  // The suite's expectations: unknown keywords are annotations, and `format` is an annotation
  // unless a meta-schema asks for the format-assertion vocabulary (optional/format asserts it).
  mdvault::core::schema::CompileOptions options;
  options.documents = &documents;
  options.unknown_keywords_are_annotations = true;
  options.assert_formats = false;

  Counts total;
  bool every_file_at_bar = true;
  for (const auto& file : json_files(argv[1])) {
    const Counts c = run_file(file, file.filename().string(), options);
    total.passed += c.passed;
    total.failed += c.failed;
    total.unexpected += c.unexpected;
    every_file_at_bar = every_file_at_bar && c.passed * 100 >= (c.passed + c.failed) * 99;
  }
  std::cout << "required: " << total.passed << " passed, " << total.failed << " failed (" << total.unexpected
            << " not on the known list)\n";
  if (argc >= 4 && std::filesystem::is_directory(argv[3])) {
    options.assert_formats = true;
    Counts checked;
    Counts reported;
    for (const auto& file : json_files(argv[3])) {
      const std::string name = file.filename().string();
      const bool held = std::find(std::begin(k_checked_formats), std::end(k_checked_formats), name) !=
                        std::end(k_checked_formats);
      const Counts c = run_file(file, "optional/format/" + name, options, !held);
      Counts& into = held ? checked : reported;
      into.passed += c.passed;
      into.failed += c.failed;
      if (held) {
        total.unexpected += c.unexpected;
        every_file_at_bar = every_file_at_bar && c.passed * 100 >= (c.passed + c.failed) * 99;
      }
    }
    std::cout << "optional/format, formats mdvault checks: " << checked.passed << " passed, " << checked.failed
              << " failed; other formats (reported only): " << reported.passed << " passed, " << reported.failed
              << " failed\n";
  }
  return total.unexpected == 0 && every_file_at_bar && total.passed > 0 ? 0 : 1;
}
