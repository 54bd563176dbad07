#pragma once
// The tools the MCP server offers (tools/list) and their one entry point (tools/call). Each
// tool reads the index only, so none can change a file; each has an input schema, an output
// schema its structured result follows, and returns problems as a message for the model.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mcp/vault_index.hpp"
#include "core/value.hpp"

namespace mdvault::core::mcp {

/// What a tool call gives back: the structured result, or a message the model can act on.
struct ToolResult {
  Value structured = Value::make_map({});
  std::optional<std::string> error;
};

/// A failed call with this message.
inline ToolResult tool_failure(std::string message) { return ToolResult{Value::make_map({}), std::move(message)}; }

struct Tool {
  std::string name;
  std::string title;
  std::string description;
  Value input_schema;   ///< JSON Schema 2020-12 of "arguments"
  Value output_schema;  ///< JSON Schema 2020-12 of "structuredContent"
  ToolResult (*run)(const VaultIndex& index, const Value& arguments) = nullptr;
};

/// Every tool, in the order tools/list gives them.
const std::vector<Tool>& tool_table();

/// The tool of that name, or nullptr.
const Tool* find_tool(std::string_view name);

// The tools themselves (note_tools.cpp, vault_tools.cpp, base_tool.cpp).
ToolResult run_show_note(const VaultIndex& index, const Value& arguments);
ToolResult run_list_notes(const VaultIndex& index, const Value& arguments);
ToolResult run_links(const VaultIndex& index, const Value& arguments);
ToolResult run_search(const VaultIndex& index, const Value& arguments);
ToolResult run_query(const VaultIndex& index, const Value& arguments);
ToolResult run_lint(const VaultIndex& index, const Value& arguments);
ToolResult run_vault_info(const VaultIndex& index, const Value& arguments);
ToolResult run_base(const VaultIndex& index, const Value& arguments);

/// Longest stretch of a note's text show_note returns at once, in bytes.
inline constexpr std::size_t k_text_page_bytes = 32u * 1024u;

}  // namespace mdvault::core::mcp
