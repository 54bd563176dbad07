#include "core/query/source_check.hpp"

#include <set>

#include "core/suggest.hpp"

namespace mdvault::core::query {
namespace {

// Folders (every prefix of a note path) and note paths without ".md".
std::vector<std::string> folder_candidates(const Vault& vault) {
  std::set<std::string> names;
  for (const auto& note : vault.notes) {
    for (auto slash = note.path.find('/'); slash != std::string::npos; slash = note.path.find('/', slash + 1)) {
      names.insert(note.path.substr(0, slash));
    }
    names.insert(note.path.size() > 3 ? note.path.substr(0, note.path.size() - 3) : note.path);
  }
  return {names.begin(), names.end()};
}

bool folder_matches(const Vault& vault, std::string folder) {
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  if (folder.empty()) return true;
  for (const auto& note : vault.notes) {
    if (note.path.rfind(folder + "/", 0) == 0 || note.path == folder || note.path == folder + ".md") return true;
  }
  return false;
}

std::vector<std::string> tag_candidates(const Vault& vault) {
  std::set<std::string> names;
  for (const auto& note : vault.notes) {
    for (const auto& tag : note.tags) {
      names.insert("#" + tag.name);
      for (auto slash = tag.name.find('/'); slash != std::string::npos; slash = tag.name.find('/', slash + 1)) {
        names.insert("#" + tag.name.substr(0, slash));
      }
    }
  }
  return {names.begin(), names.end()};
}

std::string with_hint(std::string message, std::string_view word, const std::vector<std::string>& candidates) {
  if (const auto hint = closest_match(word, candidates)) message += "; did you mean " + *hint + "?";
  return message;
}

void check(const Source& source, const Vault& vault, const LinkResolver& resolver, std::vector<std::string>& out) {
  switch (source.kind) {
  case Source::Kind::folder:
    if (!folder_matches(vault, source.text)) {
      std::vector<std::string> quoted;
      for (const auto& c : folder_candidates(vault)) quoted.push_back("\"" + c + "\"");
      out.push_back(
          with_hint("FROM \"" + source.text + "\" matches no folder or note", "\"" + source.text + "\"", quoted));
    }
    return;
  case Source::Kind::tag: {
    bool found = false;
    for (const auto& note : vault.notes) found = found || has_tag(note, source.text);
    if (!found) {
      const std::string tag = source.text.rfind('#', 0) == 0 ? source.text : "#" + source.text;
      out.push_back(with_hint("FROM " + tag + " matches no note: no note has that tag", tag, tag_candidates(vault)));
    }
    return;
  }
  case Source::Kind::link:
    if (resolver.find_note(source.text) == nullptr) {
      std::vector<std::string> names;
      for (const auto& note : vault.notes) names.push_back("[[" + note.name + "]]");
      out.push_back(
          with_hint("FROM [[" + source.text + "]] names no note of the vault", "[[" + source.text + "]]", names));
    }
    return;
  case Source::Kind::binaryop:
  case Source::Kind::negate:
    if (source.left) check(*source.left, vault, resolver, out);
    if (source.right) check(*source.right, vault, resolver, out);
    return;
  case Source::Kind::csv:
  case Source::Kind::empty: return;
  }
}

}  // namespace

std::vector<std::string> unmatched_source_warnings(const Query& query, const Vault& vault,
                                                   const LinkResolver& resolver) {
  std::vector<std::string> out;
  if (query.source) check(*query.source, vault, resolver, out);
  for (const auto& operation : query.operations) {
    if (operation.source) check(*operation.source, vault, resolver, out);
  }
  return out;
}

}  // namespace mdvault::core::query
