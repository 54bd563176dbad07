// Fuzz target: validation of the fuzzer's text (read as YAML, or as JSON when it starts with
// '{' or '[') against the example vault's schemas and the kitchen-sink schema.
#include <string>

#include "core/frontmatter.hpp"
#include "core/json_value.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/schema_fixtures.hpp"

namespace mdvault::fuzz {

int fuzz_schema_instance(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  std::optional<core::Value> instance;
  if (text->starts_with('{') || text->starts_with('[')) {
    std::string error;
    instance = core::parse_json(*text, &error);
  } else {
    instance = core::parse_yaml(*text, "Fuzz/note.md", 2).value;
  }
  if (!instance) {
    return 0;
  }
  const StubLinkChecker links;
  for (const core::schema::SchemaSet* set : {&example_schemas(), &kitchen_schema()}) {
    for (const std::string& class_name : set->class_names()) {
      for (const core::schema::SchemaFinding& f : set->validate(class_name, *instance, &links)) {
        fuzz_check(!f.keyword.empty() && !f.message.empty(), "a schema finding without keyword or message");
      }
    }
  }
  return 0;
}

}  // namespace mdvault::fuzz
