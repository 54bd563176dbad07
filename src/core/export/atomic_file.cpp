#include "core/export/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

namespace mdvault::core::exports {

namespace {

std::string errno_text(int error) { return std::strerror(error); }

/// The folder part of a path, "." when there is none.
std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

AtomicFile::AtomicFile(std::string destination, std::string temp)
    : m_destination(std::move(destination)), m_temp(std::move(temp)) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_destination(std::move(other.m_destination)), m_temp(std::exchange(other.m_temp, {})) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    m_destination = std::move(other.m_destination);
    m_temp = std::exchange(other.m_temp, {});
  }
  return *this;
}

AtomicFile::~AtomicFile() { discard(); }

std::variant<AtomicFile, std::string> AtomicFile::create(const std::string& destination) {
  std::string pattern = destination + ".tmp-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    const int error = errno;
    return "cannot create a file in the folder '" + folder_of(destination) + "': " + errno_text(error);
  }
  ::close(fd);
  return AtomicFile(destination, std::string(buffer.data()));
}

std::optional<std::string> AtomicFile::commit(bool owner_only) {
  if (m_temp.empty()) return "the export file was already closed";
  const int fd = ::open(m_temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    return "cannot write '" + m_destination + "': " + errno_text(error);
  }
  struct stat existing {};
  mode_t mode = 0;
  if (owner_only) {
    mode = 0600;
  } else if (::stat(m_destination.c_str(), &existing) == 0) {
    mode = existing.st_mode & 07777;
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    mode = static_cast<mode_t>(0666 & ~mask);
  }
  ::fchmod(fd, mode);
  ::close(fd);
  if (::rename(m_temp.c_str(), m_destination.c_str()) != 0) {
    const int error = errno;
    return "cannot move the export into place at '" + m_destination + "': " + errno_text(error);
  }
  m_temp.clear();
  const int folder = ::open(folder_of(m_destination).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
  return std::nullopt;
}

void AtomicFile::discard() {
  if (m_temp.empty()) return;
  ::unlink(m_temp.c_str());
  m_temp.clear();
}

}  // namespace mdvault::core::exports
