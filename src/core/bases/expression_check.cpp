#include "core/bases/expression_check.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "core/bases/evaluator.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"

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

/// The note properties an expression reads, with their byte offsets.
void note_properties(const Expr& e, std::vector<std::pair<std::string, std::size_t>>& out) {
  static const std::vector<std::string> k_reserved{"file", "note", "formula", "this", "value", "index", "acc", "values"};
  if (e.kind == Expr::Kind::identifier && !contains(k_reserved, e.name)) out.emplace_back(e.name, e.offset);
  const bool on_note = !e.args.empty() && e.args[0]->kind == Expr::Kind::identifier && e.args[0]->name == "note";
  if (e.kind == Expr::Kind::member && on_note) out.emplace_back(e.name, e.offset);
  if (e.kind == Expr::Kind::index && on_note && e.args[1]->kind == Expr::Kind::string_literal) {
    out.emplace_back(e.args[1]->name, e.args[1]->offset);
  }
  // Members of `this` and of other values are not the row's properties.
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    const Expr& child = *e.args[i];
    if (i == 0 && (e.kind == Expr::Kind::member || e.kind == Expr::Kind::method) && child.kind == Expr::Kind::identifier) {
      if (child.name == "this" || child.name == "file" || child.name == "note" || child.name == "formula") continue;
    }
    note_properties(child, out);
  }
}

}  // namespace

std::vector<Diagnostic> unknown_property_warnings(const BaseFile& base, const std::vector<std::string>& keys) {
  std::unordered_set<std::string> known;
  for (const auto& k : keys) {
    known.insert(k);
    known.insert(fold_case(k));
  }
  const Suggester suggester(keys);
  std::vector<Diagnostic> out;
  std::unordered_set<std::string> reported;
  const auto check = [&](const std::string& name, const SourceLocation& at, const std::string& field) {
    if (known.count(name) != 0 || known.count(fold_case(name)) != 0) return;
    if (!reported.insert(name + "@" + at.path + ":" + std::to_string(at.line) + ":" + std::to_string(at.column)).second) return;
    std::string message = "no note has a property '" + name + "'";
    if (const auto close = suggester.closest(name)) message += "; did you mean '" + *close + "'?";
    out.push_back({at, Severity::warning, "bases.unknown-property", field, message});
  };
  const auto check_source = [&](const SourceExpr& source, const std::string& field) {
    if (!source.expr) return;
    std::vector<std::pair<std::string, std::size_t>> names;
    note_properties(*source.expr, names);
    for (const auto& [name, offset] : names) check(name, source.location_of(offset), field);
  };
  const auto check_filter = [&](const std::optional<FilterNode>& root, const std::string& field) {
    if (!root) return;
    std::vector<const FilterNode*> stack{&*root};
    while (!stack.empty()) {
      const FilterNode* n = stack.back();
      stack.pop_back();
      if (n->kind == FilterNode::Kind::statement) check_source(n->statement, field);
      for (const auto& c : n->children) stack.push_back(&c);
    }
  };
  const auto check_id = [&](const std::string& id, const SourceLocation& at, const std::string& field) {
    const std::string normalized = normalize_property(id);
    if (normalized.rfind("note.", 0) == 0) check(normalized.substr(5), at, field);
  };
  check_filter(base.filters, "filters");
  for (const auto& f : base.formulas) check_source(f.source, "formulas." + f.name);
  for (const auto& view : base.views) {
    const std::string field = "views." + view.name;
    check_filter(view.filters, field + ".filters");
    for (std::size_t i = 0; i < view.order.size(); ++i) {
      check_id(view.order[i], i < view.order_locations.size() ? view.order_locations[i] : view.location, field + ".order");
    }
    for (const auto& key : view.sort) check_id(key.property, view.location, field + ".sort");
    if (view.group_by) check_id(view.group_by->property, view.location, field + ".groupBy");
    for (const auto& s : view.summaries) check_id(s.property, s.location, field + ".summaries");
  }
  sort_diagnostics(out);
  return out;
}

void check_expression(const SourceExpr& source, const std::string& field, std::vector<Diagnostic>& out) {
  if (source.expr) check_node(*source.expr, source, field, out);
}

}  // namespace mdvault::core::bases
