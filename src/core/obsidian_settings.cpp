#include "core/obsidian_settings.hpp"

#include <fstream>
#include <sstream>

#include "core/json_value.hpp"

namespace mdvault::core {
namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The JSON object in `text`, or nothing when it is absent or not an object.
std::optional<Value> read_object(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  std::string error;
  auto value = parse_json(text, &error);
  if (!value || !value->is_map()) {
    return std::nullopt;
  }
  return value;
}

std::string folder_of(const Value* value) {
  if (value == nullptr || !value->is_string()) {
    return {};
  }
  std::string folder = value->as_string();
  while (!folder.empty() && (folder.back() == '/' || folder.back() == ' ')) {
    folder.pop_back();
  }
  while (!folder.empty() && folder.front() == '/') {
    folder.erase(0, 1);
  }
  return folder;
}

bool is_date(std::string_view s) {
  auto digits = [&s](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') {
        return false;
      }
    }
    return true;
  };
  return s.size() >= 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
}

// Why `value` does not fit Obsidian's property type `type`, or empty when it does.
std::string misfit(const Value& value, std::string_view type) {
  if (value.is_null()) {
    return {};  // an empty property fits every type
  }
  if (type == "number") {
    return value.is_number() ? "" : "a number";
  }
  if (type == "checkbox") {
    return value.is_bool() ? "" : "true or false";
  }
  if (type == "date") {
    return value.is_string() && value.as_string().size() == 10 && is_date(value.as_string()) ? ""
                                                                                             : "a date like 2025-07-05";
  }
  if (type == "datetime") {
    return value.is_string() && is_date(value.as_string()) ? "" : "a date and time like 2025-07-05T14:30";
  }
  if (type == "multitext" || type == "tags" || type == "aliases") {
    if (value.is_string()) {
      return {};  // Obsidian reads one text as a list of one
    }
    if (!value.is_list()) {
      return "a list of texts";
    }
    for (const auto& item : value.as_list()) {
      if (!item.is_string() && !item.is_null()) {
        return "a list of texts";
      }
    }
    return {};
  }
  if (type == "text") {
    return value.is_list() || value.is_map() ? "one text" : "";
  }
  return {};
}

}  // namespace

ObsidianSettings parse_obsidian_settings(std::string_view app_json, std::string_view templates_json,
                                         std::string_view templater_json, std::string_view types_json) {
  ObsidianSettings settings;
  if (const auto app = read_object(app_json)) {
    if (const Value* filters = app->find("userIgnoreFilters"); filters != nullptr && filters->is_list()) {
      for (const auto& filter : filters->as_list()) {
        if (!filter.is_string() || filter.as_string().empty()) {
          continue;
        }
        const std::string& text = filter.as_string();
        if (text.size() > 1 && text.front() == '/' && text.back() == '/') {
          continue;  // a regular expression: not a path mdvault can match without one
        }
        // Obsidian excludes by path prefix: a folder ("Archive/") or a file path.
        std::string pattern = text;
        while (!pattern.empty() && pattern.front() == '/') {
          pattern.erase(0, 1);
        }
        settings.ignore.push_back(pattern.back() == '/' ? pattern + "**" : pattern);
      }
    }
  }
  for (const auto text : {templates_json, templater_json}) {
    if (const auto object = read_object(text)) {
      const std::string folder = folder_of(object->find(text == templates_json ? "folder" : "templates_folder"));
      if (!folder.empty()) {
        settings.template_folders.push_back(folder);
      }
    }
  }
  if (const auto types = read_object(types_json)) {
    if (const Value* map = types->find("types"); map != nullptr && map->is_map()) {
      for (const auto& entry : map->as_map()) {
        if (entry.value.is_string()) {
          settings.property_types[entry.key] = entry.value.as_string();
        }
      }
    }
  }
  return settings;
}

ObsidianSettings load_obsidian_settings(const std::filesystem::path& root) {
  const std::filesystem::path dir = root / ".obsidian";
  return parse_obsidian_settings(read_text(dir / "app.json"), read_text(dir / "templates.json"),
                                 read_text(dir / "plugins" / "templater-obsidian" / "data.json"),
                                 read_text(dir / "types.json"));
}

void check_property_types(Note& note, const ObsidianSettings& settings) {
  if (!note.frontmatter || !note.frontmatter->is_map()) {
    return;
  }
  static const std::map<std::string_view, std::string_view> k_dropped{
      {"tag", "tags"}, {"alias", "aliases"}, {"cssclass", "cssclasses"}};
  for (const auto& entry : note.frontmatter->as_map()) {
    if (const auto dropped = k_dropped.find(entry.key); dropped != k_dropped.end()) {
      note.diagnostics.push_back({{note.path, entry.key_position.line, entry.key_position.column},
                                  Severity::warning,
                                  "properties.deprecated",
                                  entry.key,
                                  "Obsidian 1.9 no longer reads the property " + entry.key + "; rename it to " +
                                      std::string(dropped->second) + " (a list)"});
    }
    const auto type = settings.property_types.find(entry.key);
    if (type == settings.property_types.end()) {
      continue;
    }
    if (const std::string expected = misfit(entry.value, type->second); !expected.empty()) {
      note.diagnostics.push_back({{note.path, entry.value.position.line, entry.value.position.column},
                                  Severity::error,
                                  "properties.type",
                                  entry.key,
                                  entry.key + " is " + to_display(entry.value) +
                                      ", but .obsidian/types.json makes it a " + type->second + " property: write " +
                                      expected});
    }
  }
}

}  // namespace mdvault::core
