#include "core/bases/base_lint.hpp"

#include "core/bases/base_file.hpp"

namespace mdvault::core::bases {

std::vector<std::string> base_files(const Vault& vault) {
  std::vector<std::string> out;
  for (const auto& path : vault.attachments) {
    if (path.size() > 5 && path.compare(path.size() - 5, 5, ".base") == 0) out.push_back(path);
  }
  return out;
}

std::vector<Diagnostic> lint_base_files(const Vault& vault, const FileSystem& fs) {
  std::vector<Diagnostic> out;
  for (const auto& path : base_files(vault)) {
    ReadResult read = fs.read(vault.root, path, k_max_note_bytes);
    if (!read.ok) {
      out.push_back({{path, 0, 0}, Severity::error, read.rule, "", "cannot read the base: " + read.error});
      continue;
    }
    normalize_note_text(read.bytes);
    auto parsed = parse_base(read.bytes, path);
    for (auto& d : parsed.diagnostics) out.push_back(std::move(d));
  }
  sort_diagnostics(out);
  return out;
}

}  // namespace mdvault::core::bases
