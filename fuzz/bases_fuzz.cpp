// Fuzz target: Obsidian Bases. The bytes are read as a `.base` document (parse_base: YAML,
// shape, expressions, cycles) whose diagnostics must lie inside the text, and each of its first
// views runs over the fuzz vault; they are also read as one expression, evaluated for every
// file of the fuzz vault.
#include <string>
#include <variant>

#include "core/bases/parser.hpp"
#include "core/bases/view_runner.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/fuzz_vault.hpp"

namespace mdvault::fuzz {

int fuzz_bases(const std::uint8_t* data, std::size_t size) {
  namespace b = core::bases;
  const auto text = note_text(data, size);
  if (!text) return 0;

  b::BaseParse parsed = b::parse_base(*text, "fuzz.base");
  check_diagnostics(TextLines(*text, 1), "fuzz.base", parsed.diagnostics);
  b::EvalEnvironment env;
  env.vault = &fuzz_vault();
  env.resolver = &fuzz_resolver();
  env.base = &parsed.base;
  env.this_file = b::FileRef{nullptr, "fuzz.base"};
  if (!parsed.has_errors()) {
    for (std::size_t v = 0; v < parsed.base.views.size() && v < 3; ++v) {
      const b::ViewResult result = b::run_view(parsed.base, v, env);
      for (const auto& row : result.rows) {
        fuzz_check(row.values.size() == result.columns.size(), "a row without one value per column");
        for (const auto& value : row.values) static_cast<void>(b::to_text(value));
      }
      for (const auto& group : result.groups) {
        fuzz_check(group.begin < group.end && group.end <= result.rows.size(), "a group outside the rows");
      }
    }
  }

  auto expression = b::parse_expression(*text);
  if (const auto* error = std::get_if<b::ExprError>(&expression)) {
    fuzz_check(error->offset <= text->size(), "an expression error past the end of the text");
    return 0;
  }
  b::Evaluator ev(env);
  for (const auto& file : b::vault_files(fuzz_vault())) {
    ev.set_row(file);
    const auto value = ev.try_evaluate(*std::get<b::ExprPtr>(expression));
    if (const auto* v = std::get_if<b::BaseValue>(&value)) static_cast<void>(b::to_text(*v));
  }
  return 0;
}

}  // namespace mdvault::fuzz
