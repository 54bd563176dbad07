#pragma once
// Lint of the vault's `.base` files: everything parse_base finds (YAML, shape, syntax with the
// column inside the YAML string, cycles, unknown formulas, summaries, functions and methods,
// renamed 1.9 beta forms, literal type errors), located by vault path.

#include <vector>

#include "core/diagnostic.hpp"
#include "core/file_system.hpp"
#include "core/vault.hpp"

namespace mdvault::core::bases {

/// The findings of every `.base` attachment of `vault`, read through `fs`, sorted; a file that
/// cannot be read is a file.unreadable finding.
std::vector<Diagnostic> lint_base_files(const Vault& vault, const FileSystem& fs);

/// The `.base` files among the vault's attachments.
std::vector<std::string> base_files(const Vault& vault);

}  // namespace mdvault::core::bases
