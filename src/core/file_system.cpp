#include "core/file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace mdvault::core {
namespace fs = std::filesystem;

namespace {

// A regular file's entry: size, modification time and inode from one stat (links followed).
FileEntry file_entry(const fs::path& p, std::string relative) {
  FileEntry entry;
  entry.path = std::move(relative);
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) {
    return entry;
  }
  entry.size = static_cast<std::uintmax_t>(st.st_size);
  entry.mtime = static_cast<std::int64_t>(st.st_mtim.tv_sec);
  entry.mtime_ns = entry.mtime * 1'000'000'000 + static_cast<std::int64_t>(st.st_mtim.tv_nsec);
  entry.inode = static_cast<std::uint64_t>(st.st_ino);
  return entry;
}

// The root with every symbolic link resolved; the root as given when it cannot be resolved.
fs::path canonical_root(const std::string& root) {
  std::error_code ec;
  fs::path resolved = fs::canonical(root, ec);
  return ec ? fs::path(root) : resolved;
}

// What a file that is neither a folder nor a regular file is, in words ("" for a regular file).
std::string special_kind(fs::file_type type) {
  switch (type) {
  case fs::file_type::fifo: return "a FIFO (named pipe)";
  case fs::file_type::socket: return "a socket";
  case fs::file_type::block: return "a block device";
  case fs::file_type::character: return "a character device";
  case fs::file_type::regular:
  case fs::file_type::directory: return "";
  default: return "not a regular file";
  }
}

std::string special_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return special_kind(fs::file_type::fifo);
  if (S_ISSOCK(mode)) return special_kind(fs::file_type::socket);
  if (S_ISBLK(mode)) return special_kind(fs::file_type::block);
  if (S_ISCHR(mode)) return special_kind(fs::file_type::character);
  return special_kind(fs::file_type::unknown);
}

ReadResult refused(std::string rule, std::string error) {
  ReadResult result;
  result.rule = std::move(rule);
  result.error = std::move(error);
  return result;
}

}  // namespace

bool is_path_inside(const fs::path& path, const fs::path& folder) {
  if (folder.empty()) {
    return false;
  }
  const auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end();
}

ReadResult read_regular_file(const std::string& path, std::uintmax_t max_bytes) {
  // lstat first: a FIFO, device or socket is never opened (opening a FIFO blocks, a device may act).
  struct stat before {};
  if (::lstat(path.c_str(), &before) != 0) {
    return refused("file.unreadable", std::strerror(errno));
  }
  if (S_ISLNK(before.st_mode)) {
    return refused("file.unreadable", "it is a symbolic link");
  }
  if (!S_ISREG(before.st_mode)) {
    return refused("file.special", "it is " + special_kind(before.st_mode) + ", not a regular file");
  }
  // open/fstat/read: a stream would cost a locale and a buffer per file, for every note. The file
  // may have been swapped since lstat: no link is followed, nothing blocks, fstat decides.
  ReadResult result;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) {
    return refused("file.unreadable", errno == ELOOP ? "it is a symbolic link" : std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    result.error = std::strerror(errno);
    ::close(fd);
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    ::close(fd);
    return refused("file.special", "it is " + special_kind(info.st_mode) + ", not a regular file");
  }
  if (static_cast<std::uintmax_t>(info.st_size) > max_bytes) {
    result.error = "too large";
    result.rule = "file.too-large";
    ::close(fd);
    return result;
  }
  result.bytes.resize(static_cast<std::size_t>(info.st_size));
  std::size_t got = 0;
  // The file may shrink or grow while it is read: take what is there, up to the limit.
  for (;;) {
    if (got == result.bytes.size()) {
      // The size fstat gave is all there is, unless the file grew meanwhile (or is a /proc file
      // whose size is 0): read() is asked for its end only then.
      if (result.bytes.size() >= max_bytes || got > 0) break;
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
    result.rule = "file.too-large";
    return result;
  }
  result.bytes.resize(got);
  result.ok = true;
  return result;
}

WalkResult DiskFileSystem::walk(const std::string& root) const {
  WalkResult result;
  const fs::path base(root);
  const fs::path real_root = canonical_root(root);
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
      const fs::file_type own_type = entry.symlink_status(type_ec).type();
      fs::file_type type = own_type;
      if (own_type == fs::file_type::symlink) {
        // A link is followed only to a target inside the vault; the target is resolved first.
        std::error_code link_ec;
        const fs::path target = fs::canonical(entry.path(), link_ec);
        if (link_ec) {
          result.problems.push_back({rel, "is a symbolic link that leads nowhere (a loop or a missing target)"});
          continue;
        }
        if (!is_path_inside(target, real_root)) {
          result.problems.push_back({rel,
                                     "is a symbolic link to " + target.generic_string() +
                                         ", outside the vault, so it is not read",
                                     "file.outside-vault"});
          continue;
        }
        type = fs::status(target, link_ec).type();
        if (type == fs::file_type::directory) {
          continue;  // symbolic links to folders are never followed (a note would be read twice)
        }
      }
      if (type == fs::file_type::directory) {
        // Hidden folders (.obsidian, .git, .trash) are skipped.
        if (name.empty() || name[0] != '.') {
          pending.push_back(entry.path());
        }
      } else if (type == fs::file_type::regular) {
        result.files.push_back(file_entry(entry.path(), rel));
      } else if (type != fs::file_type::not_found && type != fs::file_type::none) {
        const std::string through = own_type == fs::file_type::symlink ? "is a symbolic link to " : "is ";
        result.problems.push_back(
            {rel, through + special_kind(type) + ", not a regular file, so it is not read", "file.special"});
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
  const std::string path = (fs::path(root) / relative).string();
  std::error_code ec;
  if (fs::symlink_status(path, ec).type() != fs::file_type::symlink) {
    return read_regular_file(path, max_bytes);
  }
  // A symbolic link: read its target only when that stays inside the vault.
  const fs::path target = fs::canonical(path, ec);
  if (ec) {
    return refused("file.unreadable", "it is a symbolic link that leads nowhere");
  }
  if (!is_path_inside(target, canonical_root(root))) {
    return refused("file.outside-vault", "it is a symbolic link to a file outside the vault");
  }
  return read_regular_file(target.string(), max_bytes);
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
      result.files.push_back({path, file.first.size(), file.second, file.second * 1'000'000'000, 0});
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
