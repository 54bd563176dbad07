#include "core/mcp/tool_arguments.hpp"

#include <algorithm>
#include <cmath>

#include "core/mcp/paging.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::mcp {

ToolArguments::ToolArguments(const Value& arguments, std::vector<std::string> accepted)
    : m_arguments(arguments), m_accepted(std::move(accepted)) {}

const Value* ToolArguments::get(std::string_view name) {
  const Value* value = m_arguments.is_map() ? m_arguments.find(name) : nullptr;
  return value != nullptr && !value->is_null() ? value : nullptr;
}

void ToolArguments::fail(std::string message) {
  if (!m_error) m_error = std::move(message);
}

std::optional<std::string> ToolArguments::text(std::string_view name, bool required) {
  const Value* value = get(name);
  if (value == nullptr) {
    if (required) fail("the argument '" + std::string(name) + "' is required (a string)");
    return std::nullopt;
  }
  if (!value->is_string()) {
    fail("the argument '" + std::string(name) + "' must be a string, not " +
         std::string(Value::kind_name(value->kind())) + " " + to_display(*value, 40));
    return std::nullopt;
  }
  return value->as_string();
}

std::int64_t ToolArguments::integer(std::string_view name, std::int64_t min, std::int64_t max, std::int64_t fallback) {
  const Value* value = get(name);
  if (value == nullptr) return fallback;
  if (!value->is_number()) {
    fail("the argument '" + std::string(name) + "' must be an integer, not " + to_display(*value, 40));
    return fallback;
  }
  const double n = value->as_number();
  if (n < static_cast<double>(min) || n > static_cast<double>(max)) {
    fail("the argument '" + std::string(name) + "' must be between " + std::to_string(min) + " and " +
         std::to_string(max) + ", not " + to_display(*value, 40));
    return fallback;
  }
  if (value->is_float() && n != std::floor(n)) {
    fail("the argument '" + std::string(name) + "' must be an integer, not " + to_display(*value, 40));
    return fallback;
  }
  return value->is_int() ? value->as_int() : static_cast<std::int64_t>(n);
}

bool ToolArguments::flag(std::string_view name, bool fallback) {
  const Value* value = get(name);
  if (value == nullptr) return fallback;
  if (!value->is_bool()) {
    fail("the argument '" + std::string(name) + "' must be true or false, not " + to_display(*value, 40));
    return fallback;
  }
  return value->as_bool();
}

std::string ToolArguments::choice(std::string_view name, const std::vector<std::string>& choices,
                                  std::string fallback) {
  const auto given = text(name);
  if (!given) return fallback;
  if (std::find(choices.begin(), choices.end(), *given) != choices.end()) return *given;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  const auto hint = closest_match(*given, choices);
  fail("the argument '" + std::string(name) + "' must be one of " + list + ", not '" + *given + "'." +
       (hint ? " Did you mean '" + *hint + "'?" : ""));
  return fallback;
}

std::size_t ToolArguments::cursor() {
  const auto given = text("cursor");
  if (!given) return 0;
  const auto offset = offset_of(*given);
  if (!offset) {
    fail("the argument 'cursor' is not a cursor this server gave: pass the 'next_cursor' of the previous page, "
         "or leave it out for the first page");
    return 0;
  }
  return *offset;
}

std::optional<std::string> ToolArguments::error() const {
  if (m_arguments.is_map()) {
    for (const auto& entry : m_arguments.as_map()) {
      if (std::find(m_accepted.begin(), m_accepted.end(), entry.key) != m_accepted.end()) continue;
      std::string list;
      for (const auto& a : m_accepted) list += (list.empty() ? "" : ", ") + a;
      const auto hint = closest_match(entry.key, m_accepted);
      return "this tool has no argument '" + entry.key + "'." + (hint ? " Did you mean '" + *hint + "'?" : "") +
             " It takes: " + (list.empty() ? "no arguments" : list) + ".";
    }
  }
  return m_error;
}

}  // namespace mdvault::core::mcp
