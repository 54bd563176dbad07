#include "core/mcp/vault_index.hpp"

#include <algorithm>
#include <set>

namespace mdvault::core::mcp {

namespace {

std::vector<std::string> note_names(const Vault& vault) {
  std::vector<std::string> out;
  out.reserve(vault.notes.size());
  for (const auto& note : vault.notes) out.push_back(note.name);
  return out;
}

std::vector<std::string> note_paths(const Vault& vault) {
  std::vector<std::string> out;
  out.reserve(vault.notes.size());
  for (const auto& note : vault.notes) out.push_back(note.path);
  return out;
}

std::vector<std::string> folders_of(const Vault& vault) {
  std::set<std::string> folders;
  for (const auto& note : vault.notes) {
    for (auto slash = note.path.find('/'); slash != std::string::npos; slash = note.path.find('/', slash + 1)) {
      folders.insert(note.path.substr(0, slash));
    }
  }
  return {folders.begin(), folders.end()};
}

std::string did_you_mean(const Suggester& suggester, std::string_view word) {
  const auto hint = suggester.closest(word);
  return hint ? " Did you mean '" + *hint + "'?" : "";
}

}  // namespace

VaultIndex::VaultIndex(const Vault& vault, const LinkResolver& resolver, const Config& config,
                       const schema::SchemaSet& schemas, IndexFacts facts)
    : m_vault(vault), m_resolver(resolver), m_config(config), m_schemas(schemas), m_facts(std::move(facts)),
      m_graph(build_link_graph(vault, resolver, m_facts.jobs)), m_folders(folders_of(vault)),
      m_names(note_names(vault)), m_paths(note_paths(vault)), m_folder_names(m_folders) {}

std::optional<std::string> VaultIndex::path_problem(std::string_view path) {
  if (!path.empty() && (path.front() == '/' || path.front() == '~' || (path.size() > 1 && path[1] == ':'))) {
    return "'" + std::string(path) + "' is not a path inside the vault: give it relative to the vault's top folder";
  }
  if (path.find('\\') != std::string_view::npos) {
    return "'" + std::string(path) + "' holds a backslash: vault paths use '/' between folders";
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    if (path.substr(start, end - start) == "..") {
      return "'" + std::string(path) + "' leaves the vault ('..'): only paths inside the vault can be read";
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::variant<const Note*, std::string> VaultIndex::find_note(std::string_view argument) const {
  if (argument.empty()) return std::string("the note is empty: give a note's name or its path in the vault");
  if (auto problem = path_problem(argument)) return *problem;
  if (const Note* note = m_vault.find(argument)) return note;
  if (argument.find('/') == std::string_view::npos || argument.ends_with(".md")) {
    if (const Note* note = m_vault.find(std::string(argument) + ".md")) return note;
  }
  if (const Note* note = m_resolver.match_note(argument).note) return note;
  const bool by_path = argument.find('/') != std::string_view::npos;
  return "there is no note '" + std::string(argument) + "' in the vault." +
         did_you_mean(by_path ? m_paths : m_names, argument) +
         " Give a note's name (as in a [[link]]) or its path; list_notes and search find notes.";
}

std::variant<std::string, std::string> VaultIndex::find_folder(std::string_view argument) const {
  std::string folder(argument);
  while (!folder.empty() && folder.back() == '/') folder.pop_back();
  if (auto problem = path_problem(folder))
    return std::variant<std::string, std::string>(std::in_place_index<1>, *problem);
  if (folder.empty() || std::binary_search(m_folders.begin(), m_folders.end(), folder)) {
    return std::variant<std::string, std::string>(std::in_place_index<0>, folder);
  }
  return std::variant<std::string, std::string>(
      std::in_place_index<1>, "there is no folder '" + folder + "' with notes in the vault." +
                                  did_you_mean(m_folder_names, folder) + " Give a folder relative to the vault's top.");
}

}  // namespace mdvault::core::mcp
