#include "core/privacy/private_notes.hpp"

#include <memory>
#include <set>
#include <unordered_set>
#include <variant>

#include "core/privacy/field_set.hpp"
#include "core/query/engine.hpp"
#include "core/query/parser.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::privacy {
namespace {

Diagnostic problem(const PrivacyPolicy& policy, Position at, Severity severity, std::string message) {
  return {{policy.file, at.line, at.column}, severity, "config", "", std::move(message)};
}

/// Errors for `omit` and `pseudonymize` names that no note has.
void check_field_names(const std::vector<PolicyItem>& items, std::string_view key, const std::vector<std::string>& keys,
                       const PrivacyPolicy& policy, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (names_a_field(item.text, keys)) continue;
    std::string message = "privacy: " + std::string(key) + " names the field '" + item.text + "', which no note has";
    if (const auto hint = closest_match(item.text, keys)) message += "; did you mean '" + *hint + "'?";
    out.push_back(problem(policy, item.position, Severity::error, message));
  }
}

/// Marks every note for which `private` is not false; its field names must exist.
void apply_expression(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy,
                      PrivateNotes& out) {
  const PolicyItem& item = *policy.private_expr;
  auto parsed = query::parse_expression(item.text);
  if (auto* error = std::get_if<query::SyntaxError>(&parsed)) {
    out.problems.push_back(problem(policy, item.position, Severity::error,
                                   "privacy: private is not a valid Dataview expression: expected " + error->expected));
    return;
  }
  // The public notes are those for which the negation holds: a note whose evaluation fails
  // is dropped from the result, so it stays private.
  auto negated = std::make_shared<query::Expr>();
  negated->kind = query::Expr::Kind::negated;
  negated->left = std::get<query::ExprPtr>(parsed);
  query::Query query;
  query.type = query::Query::Type::list;
  auto all = std::make_shared<query::Source>();
  all->kind = query::Source::Kind::folder;
  query.source = all;
  query::Operation where;
  where.kind = query::Operation::Kind::where;
  where.expr = negated;
  query.operations.push_back(where);
  for (const auto& warning : query::unknown_field_warnings(query, vault)) {
    out.problems.push_back(problem(policy, item.position, Severity::error, "privacy: private: " + warning));
  }
  if (!out.problems.empty()) return;
  std::unordered_set<std::string> public_paths;
  auto outcome = query::run_query(query, vault, resolver);
  if (auto* failure = std::get_if<query::QueryFailure>(&outcome)) {
    if (failure->usage) {
      out.problems.push_back(problem(policy, item.position, Severity::error, "privacy: private: " + failure->message));
      return;
    }
    out.problems.push_back(problem(policy, item.position, Severity::warning,
                                   "privacy: private could not be evaluated for any note (" + failure->message +
                                       "), so every note is kept private"));
  } else {
    for (const auto& row : std::get<query::QueryResult>(outcome).rows) {
      if (row.id.is_link()) public_paths.insert(row.id.as_link().path);
    }
  }
  for (std::size_t i = 0; i < vault.notes.size(); ++i) {
    if (public_paths.count(vault.notes[i].path) == 0) out.is_private[i] = true;
  }
}

}  // namespace

bool has_unreadable_frontmatter(const Note& note) {
  if (!note.readable || (note.has_frontmatter_block && !note.frontmatter)) return true;
  return std::any_of(note.diagnostics.begin(), note.diagnostics.end(), [](const Diagnostic& d) {
    return d.rule.rfind("frontmatter.", 0) == 0 || d.rule.rfind("file.", 0) == 0;
  });
}

std::vector<std::string> vault_field_keys(const Vault& vault) {
  std::vector<std::string> keys;
  std::unordered_set<std::string> seen;
  for (const auto& note : vault.notes) {
    if (note.frontmatter && note.frontmatter->is_map()) {
      for (const auto& entry : note.frontmatter->as_map()) {
        if (seen.insert(entry.key).second) keys.push_back(entry.key);
      }
    }
    for (const auto& field : note.fields) {
      if (seen.insert(field.key).second) keys.push_back(field.key);
    }
  }
  return keys;
}

PrivateNotes find_private_notes(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy) {
  PrivateNotes out;
  out.is_private.assign(vault.notes.size(), false);
  const std::vector<std::string> keys = vault_field_keys(vault);
  check_field_names(policy.omit, "omit", keys, policy, out.problems);
  check_field_names(policy.pseudonymize, "pseudonymize", keys, policy, out.problems);
  if (policy.private_expr) apply_expression(vault, resolver, policy, out);
  for (const auto& folder : policy.private_folders) {
    bool used = false;
    for (std::size_t i = 0; i < vault.notes.size(); ++i) {
      if (is_ignored(vault.notes[i].path, {folder.text})) {
        out.is_private[i] = true;
        used = true;
      }
    }
    if (!used) {
      out.problems.push_back(problem(policy, folder.position, Severity::warning,
                                     "privacy: private_folders: \"" + folder.text + "\" matches no note"));
    }
  }
  // Unreadable means private, never public: what the file says about itself is unknown.
  for (std::size_t i = 0; i < vault.notes.size(); ++i) {
    if (has_unreadable_frontmatter(vault.notes[i])) {
      if (!out.is_private[i]) out.unreadable.push_back(vault.notes[i].path);
      out.is_private[i] = true;
    }
  }
  return out;
}

}  // namespace mdvault::core::privacy
