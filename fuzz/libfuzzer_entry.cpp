// libFuzzer's entry point for one target, chosen when this file is compiled
// (-DMDVAULT_FUZZ_TARGET="frontmatter"): one fuzzer binary per target.
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_targets.hpp"

namespace {

mdvault::fuzz::FuzzTarget find_target() {
  for (const mdvault::fuzz::FuzzTarget& target : mdvault::fuzz::k_fuzz_targets) {
    if (target.name == MDVAULT_FUZZ_TARGET) {
      return target;
    }
  }
  std::fprintf(stderr, "no fuzz target named %s\n", MDVAULT_FUZZ_TARGET);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mdvault::fuzz::FuzzTarget target = find_target();
  return target.run(data, size);
}
