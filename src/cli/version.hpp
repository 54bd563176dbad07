#pragma once
// The program's version, printed by --version and written into SARIF output.
// Keep in step with `project(mdvault VERSION ...)` in CMakeLists.txt.

#include <string_view>

namespace mdvault::cli {

/// The released version of mdvault.
inline constexpr std::string_view k_version = "0.1.0";

}  // namespace mdvault::cli
