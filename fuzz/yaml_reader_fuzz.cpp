// Fuzz target: the fast reader for simple YAML against yaml-cpp. Whenever the fast reader takes
// a document, both must give the same values, positions and findings (as the unit tests check
// on hand-written and generated documents).
#include <cmath>
#include <string>

#include "core/frontmatter.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {
namespace {

std::string describe(core::Position pos) { return std::to_string(pos.line) + ":" + std::to_string(pos.column); }

void check_same_value(const core::Value& fast, const core::Value& slow, const std::string& where) {
  using Kind = core::Value::Kind;
  if (fast.kind() != slow.kind()) {
    fuzz_fail("the readers disagree on the kind of " + where + ": " + std::string(core::Value::kind_name(fast.kind())) +
              " (fast) against " + std::string(core::Value::kind_name(slow.kind())) + " (yaml-cpp)");
  }
  if (fast.position != slow.position) {
    fuzz_fail("the readers disagree on the position of " + where + ": " + describe(fast.position) + " against " +
              describe(slow.position));
  }
  bool same = true;
  switch (fast.kind()) {
  case Kind::null: break;
  case Kind::boolean: same = fast.as_bool() == slow.as_bool(); break;
  case Kind::integer: same = fast.as_int() == slow.as_int(); break;
  case Kind::floating:
    same = fast.as_number() == slow.as_number() || (std::isnan(fast.as_number()) && std::isnan(slow.as_number()));
    break;
  case Kind::string: same = fast.as_string() == slow.as_string(); break;
  case Kind::list:
    if (fast.as_list().size() != slow.as_list().size()) {
      fuzz_fail("the readers disagree on the length of " + where);
    }
    for (std::size_t i = 0; i < fast.as_list().size(); ++i) {
      check_same_value(fast.as_list()[i], slow.as_list()[i], where + "[" + std::to_string(i) + "]");
    }
    break;
  case Kind::map:
    if (fast.as_map().size() != slow.as_map().size()) {
      fuzz_fail("the readers disagree on the number of keys of " + where);
    }
    for (std::size_t i = 0; i < fast.as_map().size(); ++i) {
      const core::MapEntry& f = fast.as_map()[i];
      const core::MapEntry& s = slow.as_map()[i];
      if (f.key != s.key || f.key_position != s.key_position) {
        fuzz_fail("the readers disagree on key " + std::to_string(i) + " of " + where + ": \"" + f.key + "\" at " +
                  describe(f.key_position) + " against \"" + s.key + "\" at " + describe(s.key_position));
      }
      check_same_value(f.value, s.value, where + "." + s.key);
    }
    break;
  }
  if (!same) {
    fuzz_fail("the readers disagree on the value of " + where + ": " + core::to_display(fast) + " against " +
              core::to_display(slow));
  }
}

}  // namespace

int fuzz_yaml_reader(const std::uint8_t* data, std::size_t size) {
  const std::optional<std::string> text = note_text(data, size);
  if (!text) {
    return 0;
  }
  const std::string path = "Fuzz/note.md";
  const std::optional<core::YamlResult> fast = core::detail::parse_simple_yaml(*text, path, 2);
  if (!fast) {
    return 0;  // outside the fast reader's subset: yaml-cpp alone reads it
  }
  const core::YamlResult slow = core::detail::parse_yaml_with_yaml_cpp(*text, path, 2);
  if (fast->value.has_value() != slow.value.has_value()) {
    fuzz_fail(std::string("only ") + (fast->value ? "the fast reader" : "yaml-cpp") + " gives a value");
  }
  if (slow.value) {
    check_same_value(*fast->value, *slow.value, "the document");
  }
  if (fast->diagnostics.size() != slow.diagnostics.size()) {
    fuzz_fail("the readers report " + std::to_string(fast->diagnostics.size()) + " (fast) and " +
              std::to_string(slow.diagnostics.size()) + " (yaml-cpp) findings");
  }
  for (std::size_t i = 0; i < slow.diagnostics.size(); ++i) {
    const core::Diagnostic& f = fast->diagnostics[i];
    const core::Diagnostic& s = slow.diagnostics[i];
    if (f.rule != s.rule || f.field != s.field || f.message != s.message || f.location.line != s.location.line ||
        f.location.column != s.location.column) {
      fuzz_fail("the readers' findings differ: [" + f.rule + "] " + std::to_string(f.location.line) + ":" +
                std::to_string(f.location.column) + " " + f.message + " against [" + s.rule + "] " +
                std::to_string(s.location.line) + ":" + std::to_string(s.location.column) + " " + s.message);
    }
  }
  return 0;
}

}  // namespace mdvault::fuzz
