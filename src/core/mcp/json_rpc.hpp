#pragma once
// JSON-RPC 2.0 as MCP uses it on stdio: one JSON object per line, ids that are strings or
// integers (never null), params that are objects, and no batches (MCP dropped them in
// 2025-06-18). Reading a line gives a request, a notification, nothing to answer (a
// response from the client), or the error response to send back.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/value.hpp"

namespace mdvault::core::mcp {

/// Longest message read, in bytes; a longer line is answered with an Invalid Request error.
inline constexpr std::size_t k_max_message_bytes = 1024u * 1024u;

inline constexpr int k_parse_error = -32700;
inline constexpr int k_invalid_request = -32600;
inline constexpr int k_method_not_found = -32601;
inline constexpr int k_invalid_params = -32602;
inline constexpr int k_internal_error = -32603;
/// Resource not found in 2025-11-25 and earlier (2026-07-28 uses k_invalid_params).
inline constexpr int k_resource_not_found = -32002;
/// UnsupportedProtocolVersion (2026-07-28).
inline constexpr int k_unsupported_protocol_version = -32022;

/// The error member of an error response.
struct RpcError {
  int code = k_internal_error;
  std::string message;
  std::optional<Value> data;
};

/// A request (with an id) or a notification (without).
struct Message {
  std::optional<Value> id;  ///< a string or an integer; empty for a notification
  std::string method;
  Value params = Value::make_map({});  ///< always a map (empty when the message had none)

  [[nodiscard]] bool is_notification() const { return !id.has_value(); }
};

/// A line that cannot be served: the error to send, with the request's id when it could be read.
struct BadMessage {
  std::optional<Value> id;
  RpcError error;
  bool answer = true;  ///< false for a malformed notification: nothing is sent back
};

/// A response the client sent (the server never asks anything, so it is dropped).
struct ClientResponse {};

/// Reads one line (without its newline).
std::variant<Message, BadMessage, ClientResponse> parse_message(std::string_view line);

/// The line of a result response.
std::string result_line(const Value& id, Value result);
/// The line of an error response; `id` null when the request's id could not be read.
std::string error_line(const std::optional<Value>& id, const RpcError& error);

}  // namespace mdvault::core::mcp
