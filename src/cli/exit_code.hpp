#pragma once
// The exit codes of mdvault (SPEC §1). CI jobs rely on them; never 100 or above.

namespace mdvault::cli {

/// What the process returns.
enum class ExitCode : int {
  ok = 0,        ///< success; nothing found at error level
  findings = 1,  ///< errors found (lint, schema validate) or too many warnings
  usage = 2,     ///< bad command line, configuration or schema file
  io = 3,        ///< a file or folder could not be read
  internal = 4,  ///< a bug in mdvault ("internal error"); please report it
};

/// The code as the int main() returns.
constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

/// The more serious of two codes: io and usage outrank findings, findings outrank ok.
constexpr ExitCode worse(ExitCode a, ExitCode b) {
  auto rank = [](ExitCode c) {
    switch (c) {
      case ExitCode::ok: return 0;
      case ExitCode::findings: return 1;
      case ExitCode::usage: return 2;
      case ExitCode::io: return 3;
      case ExitCode::internal: return 4;
    }
    return 4;
  };
  return rank(a) >= rank(b) ? a : b;
}

}  // namespace mdvault::cli
