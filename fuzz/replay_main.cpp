// Runs fuzz targets over files, without libFuzzer, in the ordinary build:
//   fuzz_corpus_replay CORPUS_DIR            every target over CORPUS_DIR/<target>/*
//   fuzz_corpus_replay --target NAME FILE... one target over the given files (a reproducer)
// Exits 1 when a target's corpus folder is missing or empty; a broken invariant aborts.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_targets.hpp"

namespace {

namespace fs = std::filesystem;
using mdvault::fuzz::FuzzTarget;

std::vector<std::uint8_t> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `target` over `files`; prints the count and the slowest file.
void replay(const FuzzTarget& target, const std::vector<fs::path>& files) {
  double slowest = 0;
  fs::path slowest_file;
  for (const fs::path& file : files) {
    const std::vector<std::uint8_t> bytes = read_bytes(file);
    const auto start = std::chrono::steady_clock::now();
    target.run(bytes.data(), bytes.size());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds >= slowest) {
      slowest = seconds;
      slowest_file = file;
    }
  }
  std::cout << target.name << ": " << files.size() << " inputs, slowest " << slowest_file.filename().string() << " ("
            << static_cast<int>(slowest * 1000) << " ms)" << std::endl;
}

const FuzzTarget* find_target(std::string_view name) {
  const auto& targets = mdvault::fuzz::k_fuzz_targets;
  const auto it = std::find_if(targets.begin(), targets.end(), [name](const FuzzTarget& t) { return t.name == name; });
  return it == targets.end() ? nullptr : &*it;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "--target") {
    const FuzzTarget* target = find_target(args[1]);
    if (target == nullptr) {
      std::cerr << "no fuzz target named " << args[1] << "\n";
      return 2;
    }
    replay(*target, std::vector<fs::path>(args.begin() + 2, args.end()));
    return 0;
  }
  if (args.size() != 1) {
    std::cerr << "usage: fuzz_corpus_replay CORPUS_DIR\n       fuzz_corpus_replay --target NAME FILE...\n";
    return 2;
  }
  int status = 0;
  for (const FuzzTarget& target : mdvault::fuzz::k_fuzz_targets) {
    const fs::path dir = fs::path(args[0]) / std::string(target.name);
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file()) {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      std::cerr << target.name << ": no corpus files in " << dir.string() << "\n";
      status = 1;
      continue;
    }
    replay(target, files);
  }
  return status;
}
