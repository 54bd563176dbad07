#include "core/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace mdvault::core {

std::string_view to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  return std::tie(a.location.path, a.location.line, a.location.column, a.rule, a.field, a.message) <
         std::tie(b.location.path, b.location.line, b.location.column, b.rule, b.field, b.message);
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::sort(diagnostics.begin(), diagnostics.end(), diagnostic_less);
}

}  // namespace mdvault::core
