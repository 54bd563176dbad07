#include "core/bases/expression_check.hpp"

#include <algorithm>

#include "core/bases/evaluator.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::bases {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

/// The type a literal receiver has, or null when it is no literal.
BaseValue::Type literal_type(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::string_literal: return BaseValue::Type::string;
    case Expr::Kind::number_literal: return BaseValue::Type::number;
    case Expr::Kind::bool_literal: return BaseValue::Type::boolean;
    case Expr::Kind::regex_literal: return BaseValue::Type::regex;
    case Expr::Kind::list: return BaseValue::Type::list;
    case Expr::Kind::object: return BaseValue::Type::object;
    default: return BaseValue::Type::null;
  }
}

void check_node(const Expr& e, const SourceExpr& source, const std::string& field, std::vector<Diagnostic>& out) {
  const auto report = [&](std::size_t offset, const char* rule, std::string message) {
    out.push_back({source.location_of(offset), Severity::error, rule, field, std::move(message)});
  };
  if (e.kind == Expr::Kind::call && !contains(function_names(), e.name)) {
    std::string message = "unknown function '" + e.name + "()'";
    if (e.name == "taggedWith") {
      message += ": Obsidian renamed it, write file.hasTag(\"tag\")";
    } else if (e.name == "linksTo") {
      message += ": Obsidian renamed it, write file.hasLink(\"note\")";
    } else if (e.name == "inFolder") {
      message += ": write file.inFolder(\"folder\")";
    } else if (const auto close = closest_match(e.name, function_names())) {
      message += "; did you mean '" + *close + "()'?";
    }
    report(e.offset, "bases.unknown-function", message);
  }
  if (e.kind == Expr::Kind::method) {
    if (!contains(method_names(), e.name)) {
      std::string message = "unknown method '" + e.name + "()'";
      if (const auto close = closest_match(e.name, method_names())) message += "; did you mean '" + *close + "()'?";
      report(e.offset, "bases.unknown-method", message);
    } else if (const auto type = literal_type(*e.args[0]); type != BaseValue::Type::null) {
      const bool lambda = type == BaseValue::Type::list && (e.name == "filter" || e.name == "map" || e.name == "reduce");
      if (!lambda && !contains(methods_of(type), e.name)) {
        report(e.offset, "bases.type", e.name + "() is not a method of a " + std::string(type_name(type)));
      }
    }
  }
  for (const auto& child : e.args) check_node(*child, source, field, out);
}

}  // namespace

void check_expression(const SourceExpr& source, const std::string& field, std::vector<Diagnostic>& out) {
  if (source.expr) check_node(*source.expr, source, field, out);
}

}  // namespace mdvault::core::bases
