// Fuzz target: the JSON reader (parse_json) and writer (to_json_text): what reads is written
// back as JSON that reads as the same value and writes as the same text.
#include <string>

#include "core/json_value.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {
namespace {

// Positions of JSON values are optional (line 0), but when given they lie in the text.
void check_known_positions(const TextLines& lines, const core::Value& value) {
  if (value.position.line != 0 && !lines.contains(value.position)) {
    fuzz_fail("a JSON value's position lies outside the text: " + std::to_string(value.position.line) + ":" +
              std::to_string(value.position.column));
  }
  if (value.is_list()) {
    for (const core::Value& item : value.as_list()) {
      check_known_positions(lines, item);
    }
  } else if (value.is_map()) {
    for (const core::MapEntry& entry : value.as_map()) {
      check_known_positions(lines, entry.value);
    }
  }
}

}  // namespace

int fuzz_json(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  std::string error;
  const std::optional<core::Value> value = core::parse_json(text, &error);
  if (!value) {
    fuzz_check(!error.empty(), "a JSON syntax error without a message");
    return 0;
  }
  check_known_positions(TextLines(text, 1), *value);
  const std::string written = core::to_json_text(*value);
  std::string again_error;
  const std::optional<core::Value> again = core::parse_json(written, &again_error);
  if (!again) {
    fuzz_fail("to_json_text wrote JSON that does not read (" + again_error + "): " + written);
  }
  if (!(*again == *value)) {
    fuzz_fail("the JSON written reads as another value: " + written);
  }
  const std::string rewritten = core::to_json_text(*again);
  if (rewritten != written) {
    fuzz_fail("writing the JSON twice gives two texts: " + written + " then " + rewritten);
  }
  return 0;
}

}  // namespace mdvault::fuzz
