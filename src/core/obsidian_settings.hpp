#pragma once
// The vault's own Obsidian settings that change what mdvault reads and checks:
// `.obsidian/app.json` (userIgnoreFilters: Obsidian's "Excluded files"), the Templates folder
// (`.obsidian/templates.json`, and Templater's `templates_folder`), and `.obsidian/types.json`
// (the property types of Obsidian's Properties view), with the checks those types imply.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/note.hpp"

namespace mdvault::core {

struct ObsidianSettings {
  std::vector<std::string> ignore;            ///< userIgnoreFilters as ignore patterns (regex filters left out)
  std::vector<std::string> template_folders;  ///< vault-relative, no trailing '/'
  std::map<std::string, std::string, std::less<>> property_types;  ///< key -> "text", "number", "date", ...
};

/// Reads the three JSON files from `<root>/.obsidian/`; a missing or unreadable file is no setting.
ObsidianSettings load_obsidian_settings(const std::filesystem::path& root);

/// The same from the files' texts (empty: absent), for tests.
ObsidianSettings parse_obsidian_settings(std::string_view app_json, std::string_view templates_json,
                                         std::string_view templater_json, std::string_view types_json);

/// Checks a note's frontmatter against the declared property types (rule properties.type) and
/// for the keys Obsidian 1.9 stopped reading, tag, alias and cssclass (properties.deprecated);
/// the findings go to the note's diagnostics.
void check_property_types(Note& note, const ObsidianSettings& settings);

}  // namespace mdvault::core
