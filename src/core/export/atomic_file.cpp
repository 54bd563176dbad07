#include "core/export/atomic_file.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>
#include <vector>

namespace mdvault::core::exports {

namespace {

std::string errno_text(int error) { return std::strerror(error); }

/// Temporary files that SIGINT, SIGTERM or SIGHUP must remove before the program ends. This
/// is the library's one piece of global state: a signal handler can reach nothing else.
constexpr std::size_t k_pending_slots = 8;
constexpr std::size_t k_pending_path_max = 4096;
std::array<std::atomic<bool>, k_pending_slots> g_pending_claimed{};  ///< a writer holds the slot
std::array<std::atomic<bool>, k_pending_slots> g_pending_ready{};    ///< the slot's path is whole
std::array<std::array<char, k_pending_path_max>, k_pending_slots> g_pending_paths{};

extern "C" void remove_pending_files(int signal_number) {
  for (std::size_t i = 0; i < k_pending_slots; ++i) {
    if (g_pending_ready[i].load()) ::unlink(g_pending_paths[i].data());
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

/// Installs the handler for the signals that end a run, once, where nobody else handles them.
void install_signal_handlers() {
  static const bool installed = [] {
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction current {};
      if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_pending_files;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal_number, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

/// Notes `path` for the signal handler; the slot, or -1 when every slot is taken.
int register_pending(const std::string& path) {
  if (path.size() >= k_pending_path_max) return -1;
  install_signal_handlers();
  for (std::size_t i = 0; i < k_pending_slots; ++i) {
    bool expected = false;
    if (!g_pending_claimed[i].compare_exchange_strong(expected, true)) continue;
    std::copy(path.begin(), path.end(), g_pending_paths[i].begin());
    g_pending_paths[i][path.size()] = '\0';
    g_pending_ready[i].store(true);
    return static_cast<int>(i);
  }
  return -1;
}

void release_pending(int slot) {
  if (slot < 0) return;
  g_pending_ready[static_cast<std::size_t>(slot)].store(false);
  g_pending_claimed[static_cast<std::size_t>(slot)].store(false);
}

/// The folder part of a path, "." when there is none.
std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

AtomicFile::AtomicFile(std::string destination, std::string temp)
    : m_destination(std::move(destination)), m_temp(std::move(temp)), m_slot(register_pending(m_temp)) {}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_destination(std::move(other.m_destination)),
      m_temp(std::exchange(other.m_temp, {})),
      m_slot(std::exchange(other.m_slot, -1)) {}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    discard();
    m_destination = std::move(other.m_destination);
    m_temp = std::exchange(other.m_temp, {});
    m_slot = std::exchange(other.m_slot, -1);
  }
  return *this;
}

AtomicFile::~AtomicFile() { discard(); }

std::variant<AtomicFile, std::string> AtomicFile::create(const std::string& destination) {
  std::string pattern = destination + ".tmp-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  // The signals wait while the file is made and noted, so none can leave it behind.
  install_signal_handlers();
  sigset_t stop_signals;
  sigset_t previous;
  sigemptyset(&stop_signals);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stop_signals, signal_number);
  ::pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    const int error = errno;
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return "cannot create a file in the folder '" + folder_of(destination) + "': " + errno_text(error);
  }
  ::close(fd);
  AtomicFile file(destination, std::string(buffer.data()));
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return file;
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
  release_pending(std::exchange(m_slot, -1));
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
  release_pending(std::exchange(m_slot, -1));
}

}  // namespace mdvault::core::exports
