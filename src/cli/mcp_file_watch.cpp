#include "cli/mcp_file_watch.hpp"

#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>

#include <sys/inotify.h>
#include <unistd.h>

namespace mdvault::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t k_events = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                                   IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

/// FNV-1a over bytes.
void mix(std::uint64_t& hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
}

void mix_number(std::uint64_t& hash, std::uint64_t n) {
  mix(hash, std::string_view(reinterpret_cast<const char*>(&n), sizeof n));  // NOLINT: bytes of a number
}

bool is_workspace_file(std::string_view name) { return name.starts_with("workspace"); }

/// Mixes a regular file's size and modification time.
void mix_file(std::uint64_t& hash, const fs::directory_entry& entry) {
  std::error_code ec;
  mix_number(hash, static_cast<std::uint64_t>(entry.file_size(ec)));
  mix_number(hash, static_cast<std::uint64_t>(entry.last_write_time(ec).time_since_epoch().count()));
}

/// Mixes every entry under `dir` (links not followed; .git and Obsidian's workspace files left out).
void mix_tree(std::uint64_t& hash, const fs::path& dir) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    const fs::path name = entry.path().filename();
    if (name == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (entry.path().parent_path().filename() == ".obsidian" && is_workspace_file(name.native())) continue;
    std::error_code stat_ec;
    const auto status = entry.symlink_status(stat_ec);
    mix(hash, entry.path().native());
    mix_number(hash, static_cast<std::uint64_t>(status.type()));
    if (fs::is_regular_file(status)) mix_file(hash, entry);
  }
}

}  // namespace

FileWatch::FileWatch(std::vector<fs::path> roots) : m_roots(std::move(roots)) {}

FileWatch::~FileWatch() { close_watch(); }

void FileWatch::close_watch() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  m_obsidian.clear();
}

bool FileWatch::watch_all() {
  m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (m_fd < 0) return false;
  const auto add = [this](const fs::path& path) {
    const int wd = inotify_add_watch(m_fd, path.c_str(), k_events | IN_DONT_FOLLOW);
    if (wd < 0) return false;
    if (path.filename() == ".obsidian") m_obsidian.insert(wd);
    return true;
  };
  for (const auto& root : m_roots) {
    std::error_code ec;
    if (!fs::exists(root, ec)) continue;
    if (!add(root)) return false;
    if (!fs::is_directory(root, ec)) continue;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
      if (it->path().filename() == ".git") {
        it.disable_recursion_pending();
        continue;
      }
      if (!add(it->path())) return false;
    }
    if (ec) return false;
  }
  return true;
}

std::uint64_t FileWatch::fingerprint() const {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const auto& root : m_roots) {
    std::error_code ec;
    mix(hash, root.native());
    if (fs::is_directory(root, ec)) {
      mix_tree(hash, root);
    } else if (fs::is_regular_file(root, ec)) {
      mix_file(hash, fs::directory_entry(root, ec));
    }
  }
  return hash;
}

void FileWatch::arm() {
  close_watch();
  if (!watch_all()) {
    close_watch();  // too many folders for the watch limit, or no inotify: walk instead
    m_fingerprint = fingerprint();
  }
}

bool FileWatch::changed() {
  if (m_fd < 0) return fingerprint() != m_fingerprint;
  alignas(inotify_event) char buffer[16384];
  bool any = false;
  while (true) {
    const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: nothing more
    for (ssize_t at = 0; at < n;) {
      inotify_event event{};
      std::memcpy(&event, buffer + at, sizeof event);
      const std::string_view name =
          event.len > 0 ? std::string_view(buffer + at + static_cast<ssize_t>(sizeof event)) : std::string_view();
      at += static_cast<ssize_t>(sizeof event + event.len);
      if ((event.mask & IN_IGNORED) != 0) continue;
      if (m_obsidian.contains(event.wd) && is_workspace_file(name)) continue;
      if (name == ".git") continue;
      any = true;  // IN_Q_OVERFLOW too: something changed, nobody knows what
    }
  }
  return any;
}

}  // namespace mdvault::cli
