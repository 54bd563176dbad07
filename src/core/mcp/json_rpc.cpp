#include "core/mcp/json_rpc.hpp"

#include <utility>

#include "core/json_value.hpp"
#include "core/mcp/json_build.hpp"

namespace mdvault::core::mcp {

namespace {

/// True for the ids MCP allows: strings and integers.
bool is_valid_id(const Value& id) { return id.is_string() || id.is_int(); }

BadMessage invalid(std::optional<Value> id, std::string message, bool answer = true) {
  return BadMessage{std::move(id), RpcError{k_invalid_request, std::move(message), std::nullopt}, answer};
}

}  // namespace

std::variant<Message, BadMessage, ClientResponse> parse_message(std::string_view line) {
  if (line.size() > k_max_message_bytes) {
    return invalid(std::nullopt, "the message is longer than " + std::to_string(k_max_message_bytes) +
                                     " bytes; send smaller requests");
  }
  std::string error;
  std::optional<Value> parsed = parse_json(line, &error);
  if (!parsed) {
    return BadMessage{std::nullopt,
                      RpcError{k_parse_error, "the message is not valid JSON (" + error + ")", std::nullopt}, true};
  }
  Value& doc = *parsed;
  if (doc.is_list()) {
    return invalid(std::nullopt,
                   "JSON-RPC batches are not supported (MCP removed them in 2025-06-18): send one message per line");
  }
  if (!doc.is_map()) return invalid(std::nullopt, "a JSON-RPC message must be a JSON object");

  const Value* id = doc.find("id");
  const Value* method = doc.find("method");
  std::optional<Value> readable_id;
  if (id != nullptr && is_valid_id(*id)) readable_id = *id;

  if (method == nullptr) {
    if (doc.find("result") != nullptr || doc.find("error") != nullptr) return ClientResponse{};
    return invalid(readable_id, "the message has no \"method\": a request needs \"jsonrpc\", \"id\" and \"method\"");
  }
  const bool notification = id == nullptr;
  const Value* version = doc.find("jsonrpc");
  if (version == nullptr || !version->is_string() || version->as_string() != "2.0") {
    return invalid(readable_id, "\"jsonrpc\" must be \"2.0\"", !notification);
  }
  if (!method->is_string()) return invalid(readable_id, "\"method\" must be a string", !notification);
  if (id != nullptr && !is_valid_id(*id)) {
    return invalid(std::nullopt, "\"id\" must be a string or an integer (MCP does not allow null)");
  }
  Message message;
  if (!notification) message.id = *id;
  message.method = method->as_string();
  if (const Value* params = doc.find("params")) {
    if (!params->is_map()) {
      return BadMessage{readable_id, RpcError{k_invalid_params, "\"params\" must be a JSON object", std::nullopt},
                        !notification};
    }
    message.params = *params;
  }
  return message;
}

std::string result_line(const Value& id, Value result) {
  return to_json_text(object({{"jsonrpc", text("2.0")}, {"id", id}, {"result", std::move(result)}}));
}

std::string error_line(const std::optional<Value>& id, const RpcError& error) {
  Value body = object({{"code", integer(error.code)}, {"message", text(error.message)}});
  if (error.data) set(body, "data", *error.data);
  return to_json_text(object({{"jsonrpc", text("2.0")}, {"id", id ? *id : null()}, {"error", std::move(body)}}));
}

}  // namespace mdvault::core::mcp
