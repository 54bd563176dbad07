// The generator-driven differential test of the YAML readers (docs/fuzzing.md):
//   yaml_differential [--count N] [--seed S] [--show K] [--save DIR]
// reads N generated frontmatter documents (default 20,000, seed 1) with the fast reader, the
// yaml-cpp path and yaml-cpp's document model (fuzz/yaml_oracle.cpp), prints how many the fast
// reader took, how many yaml-cpp refused and how many diverge, shows the first K divergences
// (default 5) and saves every divergent document in DIR; --show-refused K shows the first K
// documents yaml-cpp refuses (to tune the generator); --first I checks only from document I on;
// --save-all DIR writes the documents instead of checking them. Exits 1 when any diverges.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/frontmatter.hpp"
#include "fuzz/yaml_document_generator.hpp"
#include "fuzz/yaml_oracle.hpp"

namespace {

// The value of option `name` in `args`, or `fallback`.
std::string option(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) {
      return args[i + 1];
    }
  }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const std::string& a = args[i];
    if ((a != "--count" && a != "--seed" && a != "--show" && a != "--save" && a != "--show-refused" && a != "--first" &&
         a != "--save-all") || i + 1 == args.size()) {
      std::cerr << "usage: yaml_differential [--count N] [--seed S] [--show K] [--save DIR] [--show-refused K]\n"
                   "       [--first I] [--save-all DIR]\n";
      return 2;
    }
  }
  const long count = std::strtol(option(args, "--count", "20000").c_str(), nullptr, 10);
  const auto seed = static_cast<std::uint64_t>(std::strtoull(option(args, "--seed", "1").c_str(), nullptr, 10));
  const long show = std::strtol(option(args, "--show", "5").c_str(), nullptr, 10);
  const std::string save = option(args, "--save", "");
  const long first = std::strtol(option(args, "--first", "0").c_str(), nullptr, 10);
  const std::string save_all = option(args, "--save-all", "");
  const long show_refused = std::strtol(option(args, "--show-refused", "0").c_str(), nullptr, 10);
  mdvault::fuzz::YamlDocumentGenerator generator(seed);
  long fast = 0;
  long refused = 0;
  long divergent = 0;
  double slowest = 0;
  long slowest_index = -1;
  for (long i = 0; i < count; ++i) {
    const std::string doc = generator.next();
    if (i < first) {
      continue;
    }
    if (!save_all.empty()) {
      std::filesystem::create_directories(save_all);
      std::ofstream(std::filesystem::path(save_all) / ("doc-" + std::to_string(i) + ".yaml"), std::ios::binary) << doc;
      continue;
    }
    const auto started = std::chrono::steady_clock::now();
    if (mdvault::core::detail::parse_simple_yaml(doc, "n.md", 2)) {
      ++fast;
    }
    const mdvault::core::YamlResult slow = mdvault::core::detail::parse_yaml_with_yaml_cpp(doc, "n.md", 2);
    if (!slow.value) {
      if (refused++ < show_refused && !slow.diagnostics.empty()) {
        std::cout << "refused " << i << ": " << slow.diagnostics.back().message << "\n" << doc << "---\n";
      }
    }
    const std::optional<std::string> divergence = mdvault::fuzz::find_yaml_divergence(doc);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (seconds > slowest) {
      slowest = seconds;
      slowest_index = i;
    }
    if (!divergence) {
      continue;
    }
    if (divergent++ < show) {
      std::cout << "document " << i << ": " << *divergence << "\n---\n" << doc << "---\n";
    }
    if (!save.empty()) {
      std::filesystem::create_directories(save);
      std::ofstream(std::filesystem::path(save) / ("divergence-" + std::to_string(seed) + "-" + std::to_string(i) + ".yaml"),
                    std::ios::binary)
          << doc;
    }
  }
  std::cout << count << " generated documents (seed " << seed << "): " << fast << " taken by the fast reader, "
            << refused << " refused by yaml-cpp, " << divergent << " divergences; slowest document " << slowest_index
            << " (" << static_cast<int>(slowest * 1000) << " ms)\n";
  return divergent == 0 ? 0 : 1;
}
