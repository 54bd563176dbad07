#pragma once
// The MCP server without its transport: it takes one line from the client and returns the
// lines to send back (none for a notification), so tests drive it in memory and the stdio
// loop only moves lines. It serves the handshake revisions (initialize, then requests in
// that session) and the stateless one (every request carries its revision in _meta) at the
// same time, as a "dual-era" server may. Requests are answered one at a time, in order; a
// cancellation can only reach a request that has not been read yet (handle_batch).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mcp/json_rpc.hpp"
#include "core/mcp/vault_index.hpp"

namespace mdvault::core::mcp {

/// Who the server says it is.
struct ServerIdentity {
  std::string name = "mdvault";
  std::string version;
  std::string instructions;  ///< guidance for the model, sent in initialize and server/discover
};

class Server {
public:
  Server(IndexSource& source, ServerIdentity identity);

  /// Answers one line (without its newline): zero or one response lines.
  std::vector<std::string> handle(std::string_view line);

  /// Answers lines that arrived together, in order. A request that a later line of the same
  /// batch cancels (notifications/cancelled naming its id) is not served and gets no answer.
  std::vector<std::string> handle_batch(const std::vector<std::string>& lines);

  /// The revision agreed by initialize, if one came.
  [[nodiscard]] const std::optional<std::string>& session_version() const { return m_session_version; }

  /// How a request is served: its revision, and whether it is the stateless one.
  struct Era {
    std::string version;
    bool stateless = false;
  };
  struct Reply {
    std::optional<Value> result;
    RpcError error;
    bool cacheable = false;
    int ttl_ms = 0;
  };

private:
  Reply respond(const Message& message, std::optional<Era>& era);
  Reply initialize(const Message& message);
  Reply discover(const Message& message);
  Reply call_tool(const Message& message);
  Reply read(const Message& message, const Era& era);
  Reply list(const Message& message);
  Value capabilities() const;
  Value server_info() const;

  IndexSource& m_source;
  ServerIdentity m_identity;
  std::optional<std::string> m_session_version;
};

}  // namespace mdvault::core::mcp
