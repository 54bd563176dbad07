#include "core/query/page_data.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <utility>

#include "core/query/parser.hpp"
#include "core/query/task_data.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

// The parent tags of one note's file.tags hold at most this much text (SPEC: 16 MiB notes).
constexpr std::size_t k_max_parent_tag_bytes = 4U * 1024U * 1024U;

/// Adds `value` under `key`; a key seen before collects its values into a list (Dataview's addField).
void add_field(DqlObject& fields, const std::string& key, const DqlValue& value) {
  for (auto& [k, existing] : fields) {
    if (k != key) continue;
    DqlList items = existing.is_list() ? existing.as_list() : DqlList{existing};
    if (value.is_list()) {
      items.insert(items.end(), value.as_list().begin(), value.as_list().end());
    } else {
      items.push_back(value);
    }
    existing = DqlValue::list(std::move(items));
    return;
  }
  fields.emplace_back(key, value);
}

void add_field_both(DqlObject& fields, const std::string& key, const DqlValue& value) {
  add_field(fields, key, value);
  const std::string canonical = canonical_field_name(key);
  if (canonical != key) add_field(fields, canonical, value);
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

Link file_link(const std::string& path) {
  Link l;
  l.path = path;
  return l;
}

/// A date in a file name: YYYY-MM-DD or YYYYMMDD (Dataview's file.day).
std::optional<DateTime> date_in_name(const std::string& name) {
  for (std::size_t i = 0; i + 8 <= name.size(); ++i) {
    auto digit = [&](std::size_t k) { return k < name.size() && std::isdigit(static_cast<unsigned char>(name[k])); };
    if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3))) continue;
    if (i + 10 <= name.size() && name[i + 4] == '-' && digit(i + 5) && digit(i + 6) && name[i + 7] == '-' &&
        digit(i + 8) && digit(i + 9)) {
      if (auto d = parse_date_text(name.substr(i, 10))) return d;
    }
    if (digit(i + 4) && digit(i + 5) && digit(i + 6) && digit(i + 7)) {
      const std::string text = name.substr(i, 4) + "-" + name.substr(i + 4, 2) + "-" + name.substr(i + 6, 2);
      if (auto d = parse_date_text(text)) return d;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string canonical_field_name(std::string_view name) {
  std::string out;
  std::size_t i = 0;
  while (i < name.size()) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (std::isalnum(c) || c == '_' || c == '-') {
        out += static_cast<char>(std::tolower(c));
      } else if (std::isspace(c)) {
        if (!(i > 0 && std::isspace(static_cast<unsigned char>(name[i - 1])))) out += '-';  // a run of spaces is one '-'
      }
      ++i;
      continue;
    }
    std::size_t length = 0;
    const std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (core::is_alnum_at(name, i, &length) && length > 0) {
      out += core::fold_case(name.substr(i, length));
      i += length;
      continue;
    }
    const std::string_view cp = name.substr(i, n);
    // Emoji are kept; other symbols and punctuation are dropped; Unicode spaces become '-'.
    if (c >= 0xF0 || (c == 0xE2 && cp.size() == 3 && static_cast<unsigned char>(cp[1]) >= 0x98)) {
      out += cp;
    } else if (cp == "\u00A0" || cp == "\u3000") {
      out += '-';
    }
    i += n;
  }
  return out;
}

DqlValue frontmatter_value(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return DqlValue{};
    case Value::Kind::boolean: return DqlValue::boolean(value.as_bool());
    case Value::Kind::integer:
    case Value::Kind::floating: return DqlValue::number(value.as_number());
    case Value::Kind::string: {
      const std::string& s = value.as_string();
      if (auto d = parse_date_text(s)) return DqlValue::date(*d);
      if (auto d = parse_duration_text(s)) return DqlValue::duration(*d);
      if (auto l = parse_link_text(s)) return DqlValue::link(*l);
      return DqlValue::string(s);
    }
    case Value::Kind::list: {
      DqlList items;
      for (const auto& item : value.as_list()) items.push_back(frontmatter_value(item));
      return DqlValue::list(std::move(items));
    }
    case Value::Kind::map: {
      DqlObject entries;
      for (const auto& entry : value.as_map()) entries.emplace_back(entry.key, frontmatter_value(entry.value));
      return DqlValue::object(std::move(entries));
    }
  }
  return DqlValue{};
}

namespace {

/// The frontmatter as written (file.frontmatter): strings stay strings.
DqlValue raw_value(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return DqlValue{};
    case Value::Kind::boolean: return DqlValue::boolean(value.as_bool());
    case Value::Kind::integer:
    case Value::Kind::floating: return DqlValue::number(value.as_number());
    case Value::Kind::string: return DqlValue::string(value.as_string());
    case Value::Kind::list: {
      DqlList items;
      for (const auto& item : value.as_list()) items.push_back(raw_value(item));
      return DqlValue::list(std::move(items));
    }
    case Value::Kind::map: {
      DqlObject entries;
      for (const auto& entry : value.as_map()) entries.emplace_back(entry.key, raw_value(entry.value));
      return DqlValue::object(std::move(entries));
    }
  }
  return DqlValue{};
}

}  // namespace

void NoteTrimmer::operator()(Note& note) {
  note.diagnostics.clear();
  note.diagnostics.shrink_to_fit();
  const bool has_map = note.frontmatter && note.frontmatter->is_map();
  {
    std::vector<const std::string*> keys;
    if (has_map) {
      for (const auto& entry : note.frontmatter->as_map()) keys.push_back(&entry.key);
    }
    for (const auto& field : note.fields) keys.push_back(&field.key);
    const std::lock_guard<std::mutex> lock(m_mutex);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto [it, inserted] = m_keys.try_emplace(*keys[i], FirstSeen{note.path, i});
      if (!inserted && std::tie(note.path, i) < std::tie(it->second.path, it->second.index)) {
        it->second = FirstSeen{note.path, i};
      }
    }
  }
  if (m_shape.all_fields) return;
  auto needed = [this](const std::string& key) {
    return m_shape.needs_name(key) || m_shape.needs_name(canonical_field_name(key));
  };
  if (has_map && !m_shape.needs_file("frontmatter")) {
    auto& entries = note.frontmatter->as_map();
    entries.erase(std::remove_if(entries.begin(), entries.end(), [&](const MapEntry& e) { return !needed(e.key); }),
                  entries.end());
    entries.shrink_to_fit();
  }
  for (auto& field : note.fields) {
    if (!needed(field.key)) {
      field.value.clear();
      field.value.shrink_to_fit();
    }
  }
}

std::vector<std::string> NoteTrimmer::field_keys() const {
  const std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<std::pair<const FirstSeen*, const std::string*>> order;
  order.reserve(m_keys.size());
  for (const auto& [key, seen] : m_keys) order.emplace_back(&seen, &key);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first->path, a.first->index) < std::tie(b.first->path, b.first->index);
  });
  std::vector<std::string> keys;
  keys.reserve(order.size());
  for (const auto& entry : order) keys.push_back(*entry.second);
  return keys;
}

PageIndex::PageIndex(const Vault& vault, const LinkResolver& resolver, PageShape shape)
    : m_vault(vault),
      m_resolver(resolver),
      m_shape(std::move(shape)),
      m_pages(vault.notes.size()),
      m_built(vault.notes.size(), false) {}

bool PageIndex::needs_field(const std::string& key) {
  if (m_shape.all_fields) return true;
  if (auto it = m_needed_keys.find(key); it != m_needed_keys.end()) return it->second;
  const bool needed = m_shape.needs_name(key) || m_shape.needs_name(canonical_field_name(key));
  m_needed_keys.emplace(key, needed);
  return needed;
}

const Note* PageIndex::find(const std::string& link_path) {
  if (auto it = m_find_cache.find(link_path); it != m_find_cache.end()) return it->second;
  const Note* note = m_vault.find(link_path);
  if (note == nullptr) note = m_resolver.find_note(link_path);
  m_find_cache.emplace(link_path, note);
  return note;
}

std::string PageIndex::normalize(const std::string& link_path) {
  const Note* note = find(link_path);
  return note ? note->path : link_path;
}

void PageIndex::build_link_index() {
  if (m_links_built) return;
  m_links_built = true;
  for (const auto& note : m_vault.notes) {
    auto& out = m_outlinks[&note];
    out.reserve(note.links.size());
    for (const auto& link : note.links) {
      const Resolution r = m_resolver.resolve(note, link);
      if (r.note != nullptr) {
        out.push_back(r.note->path);
      } else if (!r.attachment.empty()) {
        out.push_back(r.attachment);
      } else {
        out.push_back(link.target);
      }
    }
    std::vector<std::string> unique = out;
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (const auto& target : unique) {
      if (target != note.path) m_inlinks[target].push_back(&note);
    }
  }
}

const std::vector<std::string>& PageIndex::outlink_paths(const Note& note) {
  build_link_index();
  return m_outlinks[&note];
}

const std::vector<const Note*>& PageIndex::inlinks(const std::string& path) {
  build_link_index();
  return m_inlinks[path];
}

DqlValue PageIndex::page(const Note& note) {
  const Note* first = m_vault.notes.data();
  if (&note < first || &note >= first + m_vault.notes.size()) return build_page(note);
  const auto i = static_cast<std::size_t>(&note - first);
  if (!m_built[i]) {
    m_pages[i] = build_page(note);
    m_built[i] = true;
  }
  return m_pages[i];
}

DqlValue PageIndex::build_page(const Note& note) {
  const PageShape& shape = m_shape;
  DqlObject fields;
  if (note.frontmatter && note.frontmatter->is_map()) {
    for (const auto& entry : note.frontmatter->as_map()) {
      if (needs_field(entry.key)) add_field_both(fields, entry.key, frontmatter_value(entry.value));
    }
  }
  for (const auto& field : note.fields) {
    if (needs_field(field.key)) add_field_both(fields, field.key, parse_inline_value(field.value));
  }

  DqlObject file;
  if (shape.needs_file("path")) file.emplace_back("path", DqlValue::string(note.path));
  if (shape.needs_file("folder")) file.emplace_back("folder", DqlValue::string(folder_of(note.path)));
  if (shape.needs_file("name")) file.emplace_back("name", DqlValue::string(note.name));
  if (shape.needs_file("link")) file.emplace_back("link", DqlValue::link(file_link(note.path)));
  if (shape.needs_file("outlinks")) {
    DqlList outlinks;
    const auto& targets = outlink_paths(note);
    outlinks.reserve(targets.size());
    for (std::size_t i = 0; i < note.links.size() && i < targets.size(); ++i) {
      const auto& link = note.links[i];
      Link l;
      if (!link.subpath.empty()) l = Link::infer(targets[i] + "#" + link.subpath, false, std::nullopt);
      l.path = targets[i];
      l.embed = link.kind == LinkKind::embed;
      if (link.has_display) l.display = link.display;
      outlinks.push_back(DqlValue::link(std::move(l)));
    }
    file.emplace_back("outlinks", DqlValue::list(std::move(outlinks)));
  }
  if (shape.needs_file("inlinks")) {
    DqlList inlinks;
    const auto& sources = this->inlinks(note.path);
    inlinks.reserve(sources.size());
    for (const Note* source : sources) inlinks.push_back(DqlValue::link(file_link(source->path)));
    file.emplace_back("inlinks", DqlValue::list(std::move(inlinks)));
  }
  if (shape.needs_file("etags") || shape.needs_file("tags")) {
    // Sets, not searches of the lists: 60,000 distinct tags made this quadratic.
    std::vector<std::string> etags;
    std::unordered_set<std::string> seen_etags;
    for (const auto& tag : note.tags) {
      std::string name = "#" + tag.name;
      if (seen_etags.insert(name).second) etags.push_back(std::move(name));
    }
    // Every parent of a nested tag is a tag too; a tag nested n levels has n parents of up to its
    // length, so parents stop at k_max_parent_tag_bytes per note (a 1 MB tag reached 22 GB).
    std::vector<std::string> tags;
    std::unordered_set<std::string_view> seen_tags;
    std::deque<std::string> parents;  // stable addresses for the views in seen_tags
    std::size_t parent_bytes = 0;
    for (const auto& tag : etags) {
      if (seen_tags.insert(tag).second) tags.push_back(tag);
      std::string_view current = tag;
      for (std::size_t slash = current.rfind('/'); slash != std::string_view::npos; slash = current.rfind('/')) {
        current = current.substr(0, slash);
        if (seen_tags.contains(current)) break;  // then its parents are there too (or over the bound)
        parent_bytes += current.size();
        if (parent_bytes > k_max_parent_tag_bytes) break;
        const std::string& parent = parents.emplace_back(current);
        seen_tags.insert(parent);
        tags.push_back(parent);
      }
    }
    if (shape.needs_file("etags")) {
      DqlList etag_values;
      etag_values.reserve(etags.size());
      for (const auto& t : etags) etag_values.push_back(DqlValue::string(t));
      file.emplace_back("etags", DqlValue::list(std::move(etag_values)));
    }
    if (shape.needs_file("tags")) {
      DqlList tag_values;
      tag_values.reserve(tags.size());
      for (auto& t : tags) tag_values.push_back(DqlValue::string(std::move(t)));
      file.emplace_back("tags", DqlValue::list(std::move(tag_values)));
    }
  }
  if (shape.needs_file("aliases")) {
    DqlList aliases;
    aliases.reserve(note.aliases.size());
    for (const auto& a : note.aliases) aliases.push_back(DqlValue::string(a));
    file.emplace_back("aliases", DqlValue::list(std::move(aliases)));
  }
  if (shape.needs_file("lists") || shape.needs_file("tasks")) {
    DqlList tasks;
    tasks.reserve(note.tasks.size());
    for (const auto& task : note.tasks) tasks.push_back(task_object(note, task));
    DqlValue task_list = DqlValue::list(std::move(tasks));
    if (shape.needs_file("lists")) file.emplace_back("lists", task_list);
    if (shape.needs_file("tasks")) file.emplace_back("tasks", task_list);
  }
  const DateTime modified = DateTime::from_unix_local(note.mtime);
  if (shape.needs_file("ctime")) file.emplace_back("ctime", DqlValue::date(modified));
  if (shape.needs_file("cday")) file.emplace_back("cday", DqlValue::date(modified.start_of_day()));
  if (shape.needs_file("mtime")) file.emplace_back("mtime", DqlValue::date(modified));
  if (shape.needs_file("mday")) file.emplace_back("mday", DqlValue::date(modified.start_of_day()));
  if (shape.needs_file("size")) file.emplace_back("size", DqlValue::number(static_cast<double>(note.size)));
  if (shape.needs_file("ext")) file.emplace_back("ext", DqlValue::string("md"));
  if (shape.needs_file("starred")) file.emplace_back("starred", DqlValue::boolean(false));
  if (shape.needs_file("frontmatter")) {
    file.emplace_back("frontmatter", note.frontmatter && note.frontmatter->is_map() ? raw_value(*note.frontmatter)
                                                                                    : DqlValue::object(DqlObject{}));
  }
  if (shape.needs_file("day")) {
    DqlValue day;
    if (auto d = date_in_name(note.name)) {
      day = DqlValue::date(*d);
    } else {
      for (const auto& [key, value] : fields) {
        if (key == "date" && value.is_date()) day = value;
      }
    }
    file.emplace_back("day", day);
  }

  fields.erase(std::remove_if(fields.begin(), fields.end(), [](const auto& e) { return e.first == "file"; }), fields.end());
  fields.emplace_back("file", DqlValue::object(std::move(file)));
  return DqlValue::object(std::move(fields));
}

}  // namespace mdvault::core::query
