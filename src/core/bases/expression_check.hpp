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

/// Warnings (rule bases.unknown-property) for the note properties a base reads (bare names,
/// `note.x`, `note["x"]`, columns, sort and group keys) that no note of the vault has, each with
/// a "did you mean" among `keys`, the vault's frontmatter keys.
std::vector<Diagnostic> unknown_property_warnings(const BaseFile& base, const std::vector<std::string>& keys);

}  // namespace mdvault::core::bases
