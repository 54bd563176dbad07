#pragma once
// The program's version, printed by --version and written into SARIF output.
// Keep in step with `project(mdvault VERSION ...)` in CMakeLists.txt.

#include <string_view>

namespace mdvault::cli {

/// The released version of mdvault.
inline constexpr std::string_view k_version = "0.1.0";

/// Where mdvault and its documentation live (SARIF informationUri and helpUri); keep in step
/// with HOMEPAGE_URL in CMakeLists.txt.
inline constexpr std::string_view k_homepage = "https://github.com/mdvault/mdvault";

}  // namespace mdvault::cli
