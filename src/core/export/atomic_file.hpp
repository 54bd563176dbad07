#pragma once
// Writing an export safely: into a temporary file next to the destination (PATH.tmp-XXXXXX),
// renamed into place only when complete, so a failed export never leaves a half-written
// file and never touches the file it would have replaced, and SIGINT, SIGTERM or SIGHUP
// remove the temporary file before the program ends.

#include <optional>
#include <string>
#include <variant>

namespace mdvault::core::exports {

/// A temporary file that becomes `destination` on commit(), or disappears.
class AtomicFile {
public:
  /// Creates the temporary file in the destination's folder; on failure, the reason.
  static std::variant<AtomicFile, std::string> create(const std::string& destination);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) noexcept;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Removes the temporary file unless it was committed.
  ~AtomicFile();

  /// Where to write (an empty file when created).
  [[nodiscard]] const std::string& temp_path() const { return m_temp; }
  [[nodiscard]] const std::string& destination() const { return m_destination; }

  /// Flushes the file to disk, gives it the usual permissions (those of the file it replaces,
  /// else 0666 less the umask; 0600 with `owner_only`), renames it over the destination and
  /// flushes the folder, so the rename survives a crash. Nothing on success.
  std::optional<std::string> commit(bool owner_only = false);
  /// Removes the temporary file now.
  void discard();

private:
  AtomicFile(std::string destination, std::string temp);
  std::string m_destination;
  std::string m_temp;  ///< empty once committed or discarded
  int m_slot = -1;     ///< where the signal handler knows m_temp (SIGINT, SIGTERM, SIGHUP remove it)
};

}  // namespace mdvault::core::exports
