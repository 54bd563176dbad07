#pragma once
// What a careful reader sees in an expression before running it: unknown functions and
// methods (with "did you mean", and the new form of names Obsidian renamed after the 1.9
// beta), and methods called on a literal of a type that lacks them ("x".toFixed(2)).

#include <string>
#include <vector>

#include "core/bases/base_file.hpp"
#include "core/diagnostic.hpp"

namespace mdvault::core::bases {

/// Appends the findings for one parsed expression (rules bases.unknown-function,
/// bases.unknown-method, bases.type), located inside its YAML string.
void check_expression(const SourceExpr& source, const std::string& field, std::vector<Diagnostic>& out);

}  // namespace mdvault::core::bases
