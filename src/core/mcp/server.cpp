#include "core/mcp/server.hpp"

#include <exception>
#include <unordered_map>
#include <utility>

#include "core/json_value.hpp"
#include "core/mcp/json_build.hpp"
#include "core/mcp/paging.hpp"
#include "core/mcp/protocol_versions.hpp"
#include "core/mcp/resources.hpp"
#include "core/mcp/tools.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::mcp {

namespace {

constexpr std::string_view k_version_key = "io.modelcontextprotocol/protocolVersion";
constexpr std::string_view k_capabilities_key = "io.modelcontextprotocol/clientCapabilities";
/// How long a client may keep a list that only changes with the program (tools, templates).
constexpr int k_static_ttl_ms = 3'600'000;

const std::vector<std::string>& known_methods() {
  static const std::vector<std::string> methods{
      "initialize", "server/discover", "ping",           "tools/list",
      "tools/call", "resources/list",  "resources/read", "resources/templates/list"};
  return methods;
}

Server::Reply ok(Value result) { return {std::move(result), {}, false, 0}; }

Server::Reply failure(int code, std::string message, std::optional<Value> data = std::nullopt) {
  return {std::nullopt, RpcError{code, std::move(message), std::move(data)}, false, 0};
}

Server::Reply cacheable(Value result, int ttl_ms) { return {std::move(result), {}, true, ttl_ms}; }

/// The offset of params.cursor (0 when absent), or nothing when it is not one of ours.
std::optional<std::size_t> cursor_param(const Message& message) {
  const Value* cursor = message.params.find("cursor");
  if (cursor == nullptr || cursor->is_null()) return 0;
  if (!cursor->is_string()) return std::nullopt;
  return offset_of(cursor->as_string());
}

}  // namespace

Server::Server(IndexSource& source, ServerIdentity identity) : m_source(source), m_identity(std::move(identity)) {}

Value Server::server_info() const {
  return object({{"name", text(m_identity.name)}, {"title", text("mdvault")}, {"version", text(m_identity.version)}});
}

Value Server::capabilities() const {
  return object({{"tools", object({{"listChanged", boolean(false)}})},
                 {"resources", object({{"subscribe", boolean(false)}, {"listChanged", boolean(false)}})}});
}

std::vector<std::string> Server::handle(std::string_view line) {
  auto parsed = parse_message(line);
  if (std::holds_alternative<ClientResponse>(parsed)) return {};
  if (auto* bad = std::get_if<BadMessage>(&parsed)) {
    if (!bad->answer) return {};
    return {error_line(bad->id, bad->error)};
  }
  const Message& message = std::get<Message>(parsed);
  if (message.is_notification()) {
    // Nothing answers a notification. notifications/cancelled acts in handle_batch, on requests
    // not yet served; here its request was answered already, and it is ignored as the
    // specification allows.
    return {};
  }
  std::optional<Era> era;
  Reply reply;
  try {
    reply = respond(message, era);
  } catch (const std::exception& error) {
    reply =
        failure(k_internal_error, std::string("internal error (a bug in mdvault; please report it): ") + error.what());
  }
  if (!reply.result) return {error_line(message.id, reply.error)};
  Value result = std::move(*reply.result);
  if (era && era->stateless) {
    set(result, "resultType", text("complete"));
    if (reply.cacheable) {
      set(result, "ttlMs", integer(reply.ttl_ms));
      set(result, "cacheScope", text("private"));  // a person's notes: never kept by shared caches
    }
    Value* meta = nullptr;
    for (auto& entry : result.as_map()) {
      if (entry.key == "_meta") meta = &entry.value;
    }
    if (meta == nullptr) {
      set(result, "_meta", object({}));
      meta = &result.as_map().back().value;
    }
    set(*meta, "io.modelcontextprotocol/serverInfo", server_info());
  }
  return {result_line(*message.id, std::move(result))};
}

std::vector<std::string> Server::handle_batch(const std::vector<std::string>& lines) {
  std::unordered_map<std::string, std::size_t> cancelled;  // request id as JSON -> the last line cancelling it
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("notifications/cancelled") == std::string::npos) continue;
    auto parsed = parse_message(lines[i]);
    const auto* message = std::get_if<Message>(&parsed);
    if (message == nullptr || !message->is_notification() || message->method != "notifications/cancelled") continue;
    const Value* id = message->params.find("requestId");
    if (id != nullptr && (id->is_string() || id->is_int())) cancelled[to_json_text(*id)] = i;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!cancelled.empty()) {
      auto parsed = parse_message(lines[i]);
      if (const auto* message = std::get_if<Message>(&parsed); message != nullptr && !message->is_notification()) {
        const auto it = cancelled.find(to_json_text(*message->id));
        if (it != cancelled.end() && it->second > i) continue;
      }
    }
    for (auto& line : handle(lines[i])) out.push_back(std::move(line));
  }
  return out;
}

Server::Reply Server::respond(const Message& message, std::optional<Era>& era) {
  const std::string& method = message.method;
  const Value* meta = message.params.find("_meta");
  const Value* requested = meta != nullptr && meta->is_map() ? meta->find(k_version_key) : nullptr;
  if (method == "initialize") return initialize(message);
  if (requested != nullptr) {
    if (!requested->is_string()) return failure(k_invalid_params, std::string(k_version_key) + " must be a string");
    const auto versions = supported_versions();
    if (requested->as_string() != k_stateless_version) {
      return failure(k_unsupported_protocol_version, "Unsupported protocol version",
                     object({{"supported", text_list(versions)}, {"requested", *requested}}));
    }
    era = Era{requested->as_string(), true};
    if (method != "server/discover") {
      const Value* capabilities = meta->find(k_capabilities_key);
      if (capabilities == nullptr || !capabilities->is_map()) {
        return failure(k_invalid_params, "a " + std::string(k_stateless_version) + " request needs params._meta[\"" +
                                             std::string(k_capabilities_key) +
                                             "\"] (an object, {} when the client has none)");
      }
    }
  } else if (method == "server/discover") {
    era = Era{std::string(k_stateless_version), true};
  } else if (m_session_version) {
    era = Era{*m_session_version, false};
  } else if (method != "ping") {
    return failure(k_invalid_params, "no initialize came first and the request names no protocol revision: send "
                                     "initialize (revisions 2025-06-18, 2025-11-25), or put params._meta[\"" +
                                         std::string(k_version_key) + "\"]: \"" + std::string(k_stateless_version) +
                                         "\" in every request (revision 2026-07-28)");
  }

  if (method == "server/discover") return discover(message);
  if (method == "ping") {
    if (era && era->stateless) return failure(k_method_not_found, "ping was removed in revision 2026-07-28");
    return ok(object({}));
  }
  if (method == "tools/list") {
    if (cursor_param(message) != std::optional<std::size_t>(0)) {
      return failure(k_invalid_params, "invalid cursor: tools/list has a single page");
    }
    Value tools = mcp::list();
    for (const auto& tool : tool_table()) {
      append(tools, object({{"name", text(tool.name)},
                            {"title", text(tool.title)},
                            {"description", text(tool.description)},
                            {"inputSchema", tool.input_schema},
                            {"outputSchema", tool.output_schema},
                            {"annotations", object({{"title", text(tool.title)},
                                                    {"readOnlyHint", boolean(true)},
                                                    {"destructiveHint", boolean(false)},
                                                    {"idempotentHint", boolean(true)},
                                                    {"openWorldHint", boolean(false)}})}}));
    }
    return cacheable(object({{"tools", std::move(tools)}}), k_static_ttl_ms);
  }
  if (method == "tools/call") return call_tool(message);
  if (method == "resources/list") return list(message);
  if (method == "resources/templates/list") {
    if (cursor_param(message) != std::optional<std::size_t>(0)) {
      return failure(k_invalid_params, "invalid cursor: resources/templates/list has a single page");
    }
    return cacheable(list_resource_templates(), k_static_ttl_ms);
  }
  if (method == "resources/read") return read(message, *era);
  const auto hint = closest_match(method, known_methods());
  return failure(k_method_not_found,
                 "unknown method '" + method + "'" + (hint ? "; did you mean '" + *hint + "'?" : ""));
}

Server::Reply Server::initialize(const Message& message) {
  const Value* version = message.params.find("protocolVersion");
  if (version == nullptr || !version->is_string()) {
    return failure(k_invalid_params, "initialize needs params.protocolVersion (a string such as \"2025-11-25\")");
  }
  if (m_session_version) {
    return failure(k_invalid_request, "initialize was already answered (revision " + *m_session_version +
                                          "); start a new server process for a new session");
  }
  m_session_version = negotiate_handshake(version->as_string());
  Value result = object(
      {{"protocolVersion", text(*m_session_version)}, {"capabilities", capabilities()}, {"serverInfo", server_info()}});
  if (!m_identity.instructions.empty()) set(result, "instructions", text(m_identity.instructions));
  return ok(std::move(result));
}

Server::Reply Server::discover(const Message&) {
  Value result = object({{"supportedVersions", text_list(supported_versions())}, {"capabilities", capabilities()}});
  if (!m_identity.instructions.empty()) set(result, "instructions", text(m_identity.instructions));
  return cacheable(std::move(result), k_static_ttl_ms);
}

Server::Reply Server::call_tool(const Message& message) {
  const Value* name = message.params.find("name");
  if (name == nullptr || !name->is_string())
    return failure(k_invalid_params, "tools/call needs params.name (a string)");
  const Value* arguments = message.params.find("arguments");
  if (arguments != nullptr && !arguments->is_map() && !arguments->is_null()) {
    return failure(k_invalid_params, "tools/call: params.arguments must be an object");
  }
  const Tool* tool = find_tool(name->as_string());
  if (tool == nullptr) {
    std::vector<std::string> names;
    for (const auto& t : tool_table()) names.push_back(t.name);
    const auto hint = closest_match(name->as_string(), names);
    std::string all;
    for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
    return failure(k_invalid_params, "Unknown tool: " + name->as_string() +
                                         (hint ? " (did you mean " + *hint + "?)" : "") + "; the tools are " + all);
  }
  const Value empty = Value::make_map({});
  ToolResult outcome;
  auto index = m_source.index();
  if (auto* problem = std::get_if<std::string>(&index)) {
    outcome = tool_failure(*problem);
  } else {
    outcome = tool->run(*std::get<const VaultIndex*>(index),
                        arguments != nullptr && arguments->is_map() ? *arguments : empty);
  }
  if (outcome.error) {
    return ok(object({{"content", mcp::list({object({{"type", text("text")}, {"text", text(*outcome.error)}})})},
                      {"isError", boolean(true)}}));
  }
  const std::string json = to_json_text(outcome.structured);
  return ok(object({{"content", mcp::list({object({{"type", text("text")}, {"text", text(json)}})})},
                    {"structuredContent", std::move(outcome.structured)},
                    {"isError", boolean(false)}}));
}

Server::Reply Server::list(const Message& message) {
  const auto offset = cursor_param(message);
  if (!offset) return failure(k_invalid_params, "invalid cursor: pass the nextCursor of the previous page, or none");
  auto index = m_source.index();
  if (auto* problem = std::get_if<std::string>(&index)) return failure(k_internal_error, *problem);
  return cacheable(list_resources(*std::get<const VaultIndex*>(index), *offset), 0);
}

Server::Reply Server::read(const Message& message, const Era& era) {
  const Value* uri = message.params.find("uri");
  if (uri == nullptr || !uri->is_string())
    return failure(k_invalid_params, "resources/read needs params.uri (a string)");
  auto index = m_source.index();
  if (auto* problem = std::get_if<std::string>(&index)) return failure(k_internal_error, *problem);
  auto contents = read_resource(*std::get<const VaultIndex*>(index), uri->as_string());
  if (auto* problem = std::get_if<ResourceProblem>(&contents)) {
    // Resource not found: -32002 up to 2025-11-25, Invalid Params from 2026-07-28.
    return failure(era.stateless ? k_invalid_params : k_resource_not_found, "Resource not found: " + problem->message,
                   object({{"uri", *uri}}));
  }
  return cacheable(std::move(std::get<Value>(contents)), 0);
}

}  // namespace mdvault::core::mcp
