#pragma once
// The MCP revisions the server speaks. 2025-06-18 and 2025-11-25 open with an initialize
// handshake (the "legacy" era); 2026-07-28 is stateless: each request names its revision in
// params._meta["io.modelcontextprotocol/protocolVersion"] and server/discover lists them all.

#include <string>
#include <string_view>
#include <vector>

namespace mdvault::core::mcp {

/// The stateless revision.
inline constexpr std::string_view k_stateless_version = "2026-07-28";

/// The handshake revisions, newest first.
const std::vector<std::string>& handshake_versions();

/// Every revision, newest first (what server/discover and UnsupportedProtocolVersion list).
std::vector<std::string> supported_versions();

/// The revision an initialize request gets: the one asked for when it is a handshake
/// revision, else the newest handshake revision (the client then decides whether it can go on).
std::string negotiate_handshake(std::string_view requested);

}  // namespace mdvault::core::mcp
