#include "cli/cache_location.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>

#include "cli/version.hpp"
#include "core/cache/note_codec.hpp"

namespace mdvault::cli {

namespace {

/// An environment variable's value when it is set and not empty.
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace

std::optional<std::string> cache_folder(const GlobalOptions& options) {
  if (!options.cache_dir.empty()) return options.cache_dir;
  if (auto folder = environment("MDVAULT_CACHE_DIR")) return folder;
  // The XDG rule: a relative XDG_CACHE_HOME is ignored.
  if (auto xdg = environment("XDG_CACHE_HOME"); xdg && std::filesystem::path(*xdg).is_absolute()) {
    return (std::filesystem::path(*xdg) / "mdvault").string();
  }
  if (auto home = environment("HOME")) return (std::filesystem::path(*home) / ".cache" / "mdvault").string();
  return std::nullopt;
}

std::string cache_identity() {
  std::string identity = "mdvault " + std::string(k_version) + " format " +
                         std::to_string(core::cache::k_note_codec_format);
  struct stat st {};
  if (::stat("/proc/self/exe", &st) == 0) {
    identity += " build " + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) + "." +
                std::to_string(st.st_mtim.tv_nsec);
  }
  return identity;
}

}  // namespace mdvault::cli
