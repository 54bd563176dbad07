#include "core/mcp/protocol_versions.hpp"

#include <algorithm>

namespace mdvault::core::mcp {

const std::vector<std::string>& handshake_versions() {
  static const std::vector<std::string> versions{"2025-11-25", "2025-06-18"};
  return versions;
}

std::vector<std::string> supported_versions() {
  std::vector<std::string> out{std::string(k_stateless_version)};
  const auto& older = handshake_versions();
  out.insert(out.end(), older.begin(), older.end());
  return out;
}

std::string negotiate_handshake(std::string_view requested) {
  const auto& versions = handshake_versions();
  const auto it = std::find(versions.begin(), versions.end(), requested);
  return it != versions.end() ? *it : versions.front();
}

}  // namespace mdvault::core::mcp
