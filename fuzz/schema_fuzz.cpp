// Fuzz target: JSON Schema compilation from the fuzzer's text (read as YAML, which takes JSON
// too), then validation of fixed instances and of the schema document itself.
#include <algorithm>
#include <cctype>
#include <string>

#include "core/frontmatter.hpp"
#include "core/schema/schema_set.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/schema_fixtures.hpp"

namespace mdvault::fuzz {
namespace {

// Schemas live in a folder that does not exist, so a relative $ref finds nothing.
constexpr const char* k_schema_path = "/nonexistent/mdvault-fuzz/fuzz.schema.yaml";

// True when a `$ref` or `$id` could lead the compiler out of k_schema_path's folder to a real
// file on disk (absolute paths, "..", percent escapes, file: URIs): the fuzzer reads no files.
bool could_reach_disk(const core::Value& value) {
  if (value.is_list()) {
    return std::any_of(value.as_list().begin(), value.as_list().end(), could_reach_disk);
  }
  if (!value.is_map()) {
    return false;
  }
  for (const core::MapEntry& entry : value.as_map()) {
    if ((entry.key == "$ref" || entry.key == "$id") && entry.value.is_string()) {
      std::string text = entry.value.as_string();
      std::transform(text.begin(), text.end(), text.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (text.starts_with('/') || text.starts_with('\\') || text.find("..") != std::string::npos ||
          text.find('%') != std::string::npos || text.find("file:") != std::string::npos) {
        return true;
      }
    }
    if (could_reach_disk(entry.value)) {
      return true;
    }
  }
  return false;
}

void check_findings(const std::vector<core::schema::SchemaFinding>& findings) {
  for (const core::schema::SchemaFinding& f : findings) {
    fuzz_check(!f.keyword.empty(), "a schema finding without a keyword");
    fuzz_check(!f.message.empty(), "a schema finding without a message");
  }
}

}  // namespace

int fuzz_schema(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  const core::YamlResult yaml = core::parse_yaml(*text, k_schema_path);
  if (!yaml.value || could_reach_disk(*yaml.value)) {
    return 0;
  }
  std::vector<core::Diagnostic> diagnostics;
  const core::schema::SchemaSet set =
      core::schema::SchemaSet::from_value(*yaml.value, "fuzz", k_schema_path, diagnostics);
  for (const core::Diagnostic& d : diagnostics) {
    fuzz_check(!d.message.empty(), "a schema diagnostic without a message");
  }
  if (!set.has_class("fuzz")) {
    fuzz_check(!diagnostics.empty(), "a schema left out without a diagnostic");
    return 0;
  }
  static_cast<void>(set.description_of("fuzz"));
  const StubLinkChecker links;
  for (const core::Value& instance : fixed_instances()) {
    check_findings(set.validate("fuzz", instance, &links));
    check_findings(set.validate("fuzz", instance, nullptr));
  }
  check_findings(set.validate("fuzz", *yaml.value, &links));
  return 0;
}

}  // namespace mdvault::fuzz
