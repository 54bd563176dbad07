#pragma once
// Dataview's built-in functions (DEFAULT_FUNCTIONS): their type-dispatched variants and their
// element-wise ("vectorized") forms over lists.

#include <string>
#include <string_view>
#include <vector>

#include "core/query/dql_value.hpp"

namespace mdvault::core::query {

class Evaluator;

/// True when `name` is a built-in function.
bool is_function(std::string_view name);

/// Every built-in function name, sorted (for "did you mean").
const std::vector<std::string>& function_names();

/// Calls built-in `name`; throws EvaluationError as Dataview's functions throw.
DqlValue call_function(std::string_view name, Evaluator& evaluator, const std::vector<DqlValue>& args);

}  // namespace mdvault::core::query
