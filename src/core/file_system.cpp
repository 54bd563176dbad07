#include "core/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
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
  // open/fstat/read: a stream would cost a locale and a buffer per file, for every note.
  ReadResult result;
  const std::string path = (fs::path(root) / relative).string();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    result.error = std::strerror(errno);
    return result;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    result.error = std::strerror(errno);
    ::close(fd);
    return result;
  }
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    result.error = "too large";
    ::close(fd);
    return result;
  }
  result.bytes.resize(static_cast<std::size_t>(info.st_size));
  std::size_t got = 0;
  // The file may shrink or grow while it is read: take what is there, up to the limit.
  for (;;) {
    if (got == result.bytes.size()) {
      // The size fstat gave is all there is, unless the file grew meanwhile: only a regular
      // file's size is trusted without asking read() for its end.
      if (result.bytes.size() >= max_bytes || (S_ISREG(info.st_mode) && got > 0)) break;
      result.bytes.resize(std::min<std::size_t>(result.bytes.size() + 4096, static_cast<std::size_t>(max_bytes) + 1));
    }
    const ssize_t n = ::read(fd, result.bytes.data() + got, result.bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      result.error = std::strerror(errno);
      ::close(fd);
      return result;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > max_bytes) {
    result.error = "too large";
    return result;
  }
  result.bytes.resize(got);
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
