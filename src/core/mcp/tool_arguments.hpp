#pragma once
// Reading a tool call's arguments against what the tool accepts: wrong types, unknown names
// (with "did you mean") and missing required ones become one message for the model, sent
// back as a tool error it can correct.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.hpp"

namespace mdvault::core::mcp {

class ToolArguments {
public:
  /// `arguments` is the call's "arguments" map; `accepted` the names the tool takes.
  ToolArguments(const Value& arguments, std::vector<std::string> accepted);

  /// A string argument; nothing when absent (an error when `required`).
  std::optional<std::string> text(std::string_view name, bool required = false);
  /// An integer argument within [min, max], or `fallback` when absent.
  std::int64_t integer(std::string_view name, std::int64_t min, std::int64_t max, std::int64_t fallback);
  /// A boolean argument, or `fallback` when absent.
  bool flag(std::string_view name, bool fallback);
  /// A string argument that must be one of `choices`, or `fallback` when absent.
  std::string choice(std::string_view name, const std::vector<std::string>& choices, std::string fallback);
  /// The offset given by the "cursor" argument (0 when absent).
  std::size_t cursor();

  /// The first problem found (unknown arguments included), or nothing.
  [[nodiscard]] std::optional<std::string> error() const;

private:
  const Value* get(std::string_view name);
  void fail(std::string message);

  const Value& m_arguments;
  std::vector<std::string> m_accepted;
  std::optional<std::string> m_error;
};

}  // namespace mdvault::core::mcp
