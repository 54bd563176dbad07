#include "core/privacy/pseudonym_map.hpp"

#include <algorithm>
#include <charconv>

#include "core/json_value.hpp"
#include "core/unicode.hpp"
#include "core/value.hpp"

namespace mdvault::core::privacy {
namespace {

constexpr std::string_view k_format = "mdvault-pseudonyms";

/// Splits "Client 12" into "Client" and 12; 0 when it does not end in a number.
std::pair<std::string, std::size_t> split_pseudonym(std::string_view pseudonym) {
  const std::size_t space = pseudonym.rfind(' ');
  if (space == std::string_view::npos) return {std::string(pseudonym), 0};
  std::size_t number = 0;
  const std::string_view digits = pseudonym.substr(space + 1);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size()) return {std::string(pseudonym), 0};
  return {std::string(pseudonym.substr(0, space)), number};
}

}  // namespace

std::variant<PseudonymMap, std::string> PseudonymMap::parse(std::string_view text) {
  PseudonymMap map;
  std::string error;
  const auto value = parse_json(text, &error);
  if (!value) return "it is not valid JSON (" + error + ")";
  const Value* format = value->find("format");
  const Value* list = value->find("pseudonyms");
  if (!value->is_map() || format == nullptr || !format->is_string() || format->as_string() != k_format ||
      list == nullptr || !list->is_list()) {
    return "it is not a pseudonym map written by mdvault (no \"format\": \"mdvault-pseudonyms\" and "
           "\"pseudonyms\" list)";
  }
  for (const Value& item : list->as_list()) {
    const Value* pseudonym = item.find("pseudonym");
    const Value* names = item.find("names");
    if (pseudonym == nullptr || !pseudonym->is_string() || pseudonym->as_string().empty() || names == nullptr ||
        !names->is_list()) {
      return "entry " + std::to_string(map.m_entries.size() + 1) + " needs a \"pseudonym\" and a \"names\" list";
    }
    for (const auto& existing : map.m_entries) {
      if (existing.pseudonym == pseudonym->as_string()) {
        return "the pseudonym \"" + existing.pseudonym + "\" is given to two entries";
      }
    }
    const std::size_t index = map.m_entries.size();
    map.m_entries.push_back({pseudonym->as_string(), {}});
    for (const Value& name : names->as_list()) {
      if (!name.is_string()) return "entry " + std::to_string(index + 1) + " lists a name that is not text";
      const std::string key = fold_key(name.as_string());
      if (const auto it = map.m_by_name.find(key); it != map.m_by_name.end() && it->second != index) {
        return "the name in entry " + std::to_string(index + 1) + " belongs to entry " + std::to_string(it->second + 1) +
               " too";
      }
      map.add_name(index, name.as_string());
    }
    const auto [label, number] = split_pseudonym(pseudonym->as_string());
    auto& next = map.m_next[label];
    next = std::max(next, number);
  }
  map.m_changed = false;
  return map;
}

std::string PseudonymMap::to_json() const {
  std::string out = "{\"format\": \"";
  out += k_format;
  out += "\", \"version\": 1, \"pseudonyms\": [";
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    ValueList names;
    for (const auto& name : m_entries[i].names) names.push_back(Value::make_string(name));
    ValueMap entry;
    entry.push_back({"pseudonym", {}, Value::make_string(m_entries[i].pseudonym)});
    entry.push_back({"names", {}, Value::make_list(std::move(names))});
    out += i == 0 ? "\n  " : ",\n  ";
    out += to_json_text(Value::make_map(std::move(entry)));
  }
  out += "\n]}\n";
  return out;
}

void PseudonymMap::add_name(std::size_t index, const std::string& name) {
  if (m_by_name.emplace(fold_key(name), index).second) {
    m_entries[index].names.push_back(name);
    m_changed = true;
  }
}

const std::string& PseudonymMap::assign(const std::vector<std::string>& names, std::string_view label) {
  std::size_t index = m_entries.size();
  for (const auto& name : names) {
    if (const auto it = m_by_name.find(fold_key(name)); it != m_by_name.end()) {
      index = it->second;
      break;
    }
  }
  if (index == m_entries.size()) {
    auto& next = m_next[std::string(label)];
    std::string pseudonym;
    // A number that an entry with another label style may hold already is skipped.
    do {
      pseudonym = std::string(label) + " " + std::to_string(++next);
    } while (std::any_of(m_entries.begin(), m_entries.end(),
                         [&pseudonym](const PseudonymEntry& e) { return e.pseudonym == pseudonym; }));
    m_entries.push_back({std::move(pseudonym), {}});
    m_changed = true;
  }
  for (const auto& name : names) add_name(index, name);
  return m_entries[index].pseudonym;
}

}  // namespace mdvault::core::privacy
