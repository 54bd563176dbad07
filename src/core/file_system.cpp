#include "core/file_system.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace mdvault::core {
namespace fs = std::filesystem;

namespace {

// Seconds since the epoch of a file's modification time.
std::int64_t mtime_of(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) {
    return 0;
  }
  return static_cast<std::int64_t>(st.st_mtime);
}

}  // namespace

WalkResult DiskFileSystem::walk(const std::string& root) const {
  WalkResult result;
  const fs::path base(root);
  // An explicit stack of folders, so one unreadable folder is reported and the rest still read.
  std::vector<fs::path> pending{base};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    const std::string dir_rel = dir == base ? "" : dir.lexically_relative(base).generic_string();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      result.problems.push_back({dir_rel, "cannot read this folder: " + ec.message()});
      continue;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec) {
        break;
      }
      const fs::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      const std::string rel = entry.path().lexically_relative(base).generic_string();
      std::error_code type_ec;
      const bool is_link = entry.is_symlink(type_ec);
      if (entry.is_directory(type_ec)) {
        // Hidden folders (.obsidian, .git, .trash) and symbolic links to folders are skipped.
        if ((name.empty() || name[0] != '.') && !is_link) {
          pending.push_back(entry.path());
        }
      } else if (entry.is_regular_file(type_ec)) {
        std::error_code size_ec;
        const auto size = entry.file_size(size_ec);
        result.files.push_back({rel, size_ec ? 0 : size, mtime_of(entry.path())});
      } else if (is_link) {
        result.problems.push_back({rel, "is a symbolic link that leads nowhere (a loop or a missing target)"});
      }
    }
    if (ec) {
      result.problems.push_back({dir_rel, "cannot list this folder completely: " + ec.message()});
    }
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
  return result;
}

ReadResult DiskFileSystem::read(const std::string& root, const std::string& relative,
                                std::uintmax_t max_bytes) const {
  ReadResult result;
  const fs::path p = fs::path(root) / relative;
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    result.error = std::strerror(errno);
    return result;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) {
    result.error = "cannot determine the file size";
    return result;
  }
  if (static_cast<std::uintmax_t>(size) > max_bytes) {
    result.error = "too large";
    return result;
  }
  in.seekg(0, std::ios::beg);
  result.bytes.resize(static_cast<std::size_t>(size));
  in.read(result.bytes.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) {
    result.error = "read failed";
    return result;
  }
  result.bytes.resize(static_cast<std::size_t>(in.gcount()));
  result.ok = true;
  return result;
}

void MemoryFileSystem::add(const std::string& relative, std::string bytes, std::int64_t mtime) {
  m_files[relative] = {std::move(bytes), mtime};
}

WalkResult MemoryFileSystem::walk(const std::string& /*root*/) const {
  WalkResult result;
  for (const auto& [path, file] : m_files) {
    // Mirror the disk walk: anything under a hidden folder is skipped.
    bool hidden = false;
    std::size_t start = 0;
    while (start < path.size()) {
      const std::size_t slash = path.find('/', start);
      if (slash == std::string::npos) {
        break;
      }
      if (path[start] == '.') {
        hidden = true;
        break;
      }
      start = slash + 1;
    }
    if (!hidden) {
      result.files.push_back({path, file.first.size(), file.second});
    }
  }
  return result;
}

ReadResult MemoryFileSystem::read(const std::string& /*root*/, const std::string& relative,
                                  std::uintmax_t max_bytes) const {
  ReadResult result;
  const auto it = m_files.find(relative);
  if (it == m_files.end()) {
    result.error = "No such file or directory";
    return result;
  }
  if (it->second.first.size() > max_bytes) {
    result.error = "too large";
    return result;
  }
  result.ok = true;
  result.bytes = it->second.first;
  return result;
}

}  // namespace mdvault::core
