// Validating the applicators that apply other schemas to the same value: $ref, $dynamicRef (in
// the dynamic scope), allOf, anyOf, oneOf, not and if/then/else, with one useful finding when
// every alternative fails; what passing branches evaluate is passed up for unevaluated*.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "core/schema/validator.hpp"

namespace mdvault::core::schema {

bool Validator::check_in_place(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                               int depth, Evaluated* ev) const {
  bool ok = true;
  const auto failed = [&ok, out] {
    ok = false;
    return out == nullptr;
  };
  if (n.ref != nullptr && !check(*n.ref, v, path, out, sev, depth + 1, "$ref", ev) && failed()) {
    return false;
  }
  if (n.dynamic_ref != nullptr && !check(dynamic_target(n), v, path, out, sev, depth + 1, "$dynamicRef", ev) &&
      failed()) {
    return false;
  }
  for (const Node* sub : n.all_of) {
    if (!check(*sub, v, path, out, sev, depth + 1, "allOf", ev) && failed()) {
      return false;
    }
  }
  if (!n.any_of.empty() && !check_any_of(n, v, path, out, sev, depth, ev) && failed()) {
    return false;
  }
  if (!n.one_of.empty() && !check_one_of(n, v, path, out, sev, depth, ev) && failed()) {
    return false;
  }
  if (n.not_schema != nullptr && check(*n.not_schema, v, path, nullptr, sev, depth + 1, "not")) {
    add(out, "not", path, v.position, sev, [&] {
      const std::string what = describe_schema(n.not_schema);
      return what.empty() ? is_phrase(path, v) + ", which is not allowed here"
                          : subject(path) + " must not be " + what + ", but it is " + to_display(v);
    });
    if (failed()) {
      return false;
    }
  }
  if (n.if_schema != nullptr) {
    // What the condition evaluates counts only when it holds.
    std::optional<Evaluated> condition_evaluated;
    if (ev != nullptr) {
      condition_evaluated.emplace(ev->size());
    }
    const bool condition = check(*n.if_schema, v, path, nullptr, sev, depth + 1, "if",
                                 condition_evaluated ? &*condition_evaluated : nullptr);
    if (condition && condition_evaluated) {
      ev->merge(*condition_evaluated);
    }
    const Node* branch = condition ? n.then_schema : n.else_schema;
    if (branch != nullptr && !check(*branch, v, path, out, sev, depth + 1, condition ? "then" : "else", ev) &&
        failed()) {
      return false;
    }
  }
  return ok;
}

const Node& Validator::dynamic_target(const Node& n) const {
  if (!n.dynamic_name.empty()) {
    for (const std::size_t resource : m_scope) {
      if (const Node* anchor = m_schema.resources[resource].dynamic_anchor(n.dynamic_name)) {
        return *anchor;
      }
    }
  }
  return *n.dynamic_ref;
}

bool Validator::check_any_of(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                             int depth, Evaluated* ev) const {
  // Without annotations to collect the first passing branch settles it; with them, every
  // passing branch adds what it evaluated (a failing one adds nothing).
  const Node* passing = nullptr;
  for (const Node* sub : n.any_of) {
    std::optional<Evaluated> branch_evaluated;
    if (ev != nullptr) {
      branch_evaluated.emplace(ev->size());
    }
    if (check(*sub, v, path, nullptr, sev, depth + 1, "anyOf", branch_evaluated ? &*branch_evaluated : nullptr)) {
      passing = passing != nullptr ? passing : sub;
      if (ev == nullptr) {
        break;
      }
      ev->merge(*branch_evaluated);
    }
  }
  if (passing == nullptr) {
    report_alternatives(n.any_of, "anyOf", v, path, out, sev, depth);
    return false;
  }
  keep_warnings(*passing, v, path, out, sev, depth);
  return true;
}

bool Validator::check_one_of(const Node& n, const Value& v, const Path& path, Findings* out, Severity sev,
                             int depth, Evaluated* ev) const {
  std::vector<std::size_t> passing;
  std::optional<Evaluated> first_evaluated;  // of the one passing branch
  for (std::size_t i = 0; i < n.one_of.size(); ++i) {
    std::optional<Evaluated> branch_evaluated;
    if (ev != nullptr) {
      branch_evaluated.emplace(ev->size());
    }
    if (check(*n.one_of[i], v, path, nullptr, sev, depth + 1, "oneOf",
              branch_evaluated ? &*branch_evaluated : nullptr)) {
      passing.push_back(i);
      if (passing.size() > 1 && out == nullptr) {
        return false;
      }
      if (passing.size() == 1) {
        first_evaluated = std::move(branch_evaluated);
      }
    }
  }
  if (passing.empty()) {
    report_alternatives(n.one_of, "oneOf", v, path, out, sev, depth);
    return false;
  }
  if (passing.size() > 1) {
    const auto form = [&](std::size_t i) {
      const std::string d = describe_schema(n.one_of[i]);
      return d.empty() ? "form " + std::to_string(i + 1) : d;
    };
    add(out, "oneOf", path, v.position, sev, [&] {
      return is_phrase(path, v) + ", which fits more than one of the allowed forms (" + form(passing[0]) + " and " +
             form(passing[1]) + "), but it must fit exactly one";
    });
    return false;
  }
  if (first_evaluated) {
    ev->merge(*first_evaluated);
  }
  keep_warnings(*n.one_of[passing.front()], v, path, out, sev, depth);
  return true;
}

void Validator::keep_warnings(const Node& branch, const Value& v, const Path& path, Findings* out, Severity sev,
                              int depth) const {
  if (out == nullptr || !m_schema.has_deprecated) {
    return;
  }
  Findings branch_findings;
  check(branch, v, path, &branch_findings, sev, depth + 1, "");
  for (SchemaFinding& f : branch_findings) {
    if (f.severity == Severity::warning) {
      out->push_back(std::move(f));
    }
  }
}

void Validator::report_alternatives(const std::vector<const Node*>& branches, std::string_view keyword, const Value& v,
                                    const Path& path, Findings* out, Severity sev, int depth) const {
  if (out == nullptr) {
    return;
  }
  std::vector<Findings> results(branches.size());
  for (std::size_t i = 0; i < branches.size(); ++i) {
    check(*branches[i], v, path, &results[i], sev, depth + 1, keyword);
  }
  const std::string field = render(path);
  const auto errors_here = [&](const Findings& r, std::string_view kw) {
    return std::count_if(r.begin(), r.end(), [&](const SchemaFinding& f) {
      return f.field == field && f.severity == Severity::error && (kw.empty() || f.keyword == kw);
    });
  };
  const auto single_here = [&](const Findings& r, std::initializer_list<std::string_view> kws) {
    std::size_t errors = 0;
    bool match = false;
    for (const SchemaFinding& f : r) {
      if (f.severity == Severity::error) {
        ++errors;
        match = f.field == field && std::find(kws.begin(), kws.end(), f.keyword) != kws.end();
      }
    }
    return errors == 1 && match;
  };
  // Every branch wants another type: one type finding naming them all.
  if (std::all_of(results.begin(), results.end(), [&](const Findings& r) { return single_here(r, {"type"}); })) {
    std::uint8_t types = 0;
    for (const Node* b : branches) {
      const Node* t = through_refs(b);
      types |= t != nullptr ? t->types : 0;
    }
    if (types != 0) {
      add(out, "type", path, v.position, sev,
          [&] { return subject(path) + " should be " + type_phrase(types) + ", but it is " + describe_value(v); });
      return;
    }
  }
  // Every branch is a list of values: one enum finding over all of them.
  std::vector<const Value*> values;
  if (std::all_of(results.begin(), results.end(),
                  [&](const Findings& r) {
                    return single_here(r, {"const", "enum"});
                  }) &&
      std::all_of(branches.begin(), branches.end(), [&](const Node* b) { return allowed_values(b, values); })) {
    add(out, "enum", path, v.position, sev, [&] { return not_allowed_message(values, v, path); });
    return;
  }
  // The branch meant for this kind of value: the only one whose type (const, enum) fits, or
  // among those the only one whose problems all lie deeper. Its findings say most.
  std::vector<std::size_t> fitting;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (errors_here(results[i], "type") + errors_here(results[i], "const") + errors_here(results[i], "enum") == 0) {
      fitting.push_back(i);
    }
  }
  if (fitting.size() > 1) {
    std::erase_if(fitting, [&](std::size_t i) { return errors_here(results[i], "") > 0; });
  }
  if (fitting.size() == 1) {
    for (SchemaFinding& f : results[fitting.front()]) {
      out->push_back(std::move(f));
    }
    return;
  }
  std::vector<std::string> forms;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const std::string d = describe_schema(branches[i]);
    forms.push_back(d.empty() ? "form " + std::to_string(i + 1) : d);
  }
  add(out, std::string(keyword), path, v.position, sev, [&] {
    return is_phrase(path, v) + ", which does not match any of the allowed forms: " + join_alternatives(forms, "or");
  });
}

}  // namespace mdvault::core::schema
