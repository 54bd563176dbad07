// The tools about notes: show_note (one note's facts and, on request, its text in pages),
// list_notes (by folder, tag or class) and links (a note's links and backlinks, broken
// links, orphans).

#include <algorithm>
#include <set>

#include "core/json_value.hpp"
#include "core/lint.hpp"
#include "core/mcp/json_build.hpp"
#include "core/mcp/paging.hpp"
#include "core/mcp/tool_arguments.hpp"
#include "core/mcp/tools.hpp"

namespace mdvault::core::mcp {

namespace {

/// Most bytes of frontmatter JSON show_note returns; larger frontmatter is left out, said so.
constexpr std::size_t k_max_fields_bytes = 256u * 1024u;

Value text_or_null(const std::string& s) { return s.empty() ? null() : text(s); }

/// The vault path a link opens, or null.
Value resolved_value(const Resolution& r) {
  if (r.note != nullptr) return text(r.note->path);
  if (!r.attachment.empty()) return text(r.attachment);
  return null();
}

Value link_value(const Link& link, const Resolution& r) {
  return object({{"target", text(link.target)},
                 {"subpath", text_or_null(link.subpath)},
                 {"display", link.has_display ? text(link.display) : null()},
                 {"kind", text(to_string(link.kind))},
                 {"field", text_or_null(link.field)},
                 {"line", integer(link.line)},
                 {"resolved", resolved_value(r)}});
}

Value backlink_value(const Note& source, const Link& link) {
  return object({{"source", text(source.path)},
                 {"line", integer(link.line)},
                 {"kind", text(to_string(link.kind))},
                 {"field", text_or_null(link.field)}});
}

/// The tag names of a note, each once, in the order written.
std::vector<std::string> tag_names(const Note& note) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& tag : note.tags) {
    if (seen.insert(tag.name).second) out.push_back(tag.name);
  }
  return out;
}

/// Where a page of `text` starting at `offset` ends: at most k_text_page_bytes, after a line
/// break when one lies in the page's last quarter, never inside a UTF-8 sequence.
std::size_t page_end(std::string_view body, std::size_t offset) {
  if (body.size() - offset <= k_text_page_bytes) return body.size();
  std::size_t end = offset + k_text_page_bytes;
  const std::size_t newline = body.rfind('\n', end - 1);
  if (newline != std::string_view::npos && newline >= offset + k_text_page_bytes * 3 / 4) return newline + 1;
  while (end > offset && (static_cast<unsigned char>(body[end]) & 0xC0U) == 0x80U) --end;
  return end;
}

/// The folder `path` lies in is `folder` or under it ("" is the whole vault).
bool is_in_folder(std::string_view path, std::string_view folder) {
  return folder.empty() || (path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/');
}

std::variant<const Note*, std::string> named_note(const VaultIndex& index, ToolArguments& args, bool required) {
  const auto name = args.text("note", required);
  if (auto error = args.error()) return *error;
  if (!name) return static_cast<const Note*>(nullptr);
  return index.find_note(*name);
}

}  // namespace

ToolResult run_show_note(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"note", "include_text", "text_offset"});
  const bool include_text = args.flag("include_text", false);
  const auto offset = static_cast<std::size_t>(args.integer("text_offset", 0, k_max_note_bytes, 0));
  auto found = named_note(index, args, true);
  if (auto* error = std::get_if<std::string>(&found)) return tool_failure(*error);
  const Note& note = *std::get<const Note*>(found);

  Value out = object({{"path", text(note.path)},
                      {"name", text(note.name)},
                      {"title", text(note_title(note))},
                      {"classes", text_list(classes_of(note, index.config()))},
                      {"aliases", text_list(note.aliases)}});
  Value fields = note.frontmatter ? *note.frontmatter : null();
  if (to_json_text(fields).size() > k_max_fields_bytes) {
    set(out, "fields", null());
    set(out, "fields_omitted",
        text("the frontmatter is larger than " + std::to_string(k_max_fields_bytes) +
             " bytes; read the note's text (include_text) instead"));
  } else {
    set(out, "fields", std::move(fields));
  }
  Value headings = list();
  for (const auto& h : note.headings) {
    append(headings, object({{"level", integer(h.level)}, {"text", text(h.text)}, {"line", integer(h.line)}}));
  }
  set(out, "headings", std::move(headings));
  const std::size_t at = note_index(index.vault(), note);
  Value links = list();
  for (std::size_t i = 0; i < note.links.size(); ++i) {
    append(links, link_value(note.links[i], index.graph().resolutions[at][i]));
  }
  set(out, "links", std::move(links));
  Value backlinks = list();
  for (const auto& ref : index.graph().incoming[at]) {
    const Note& source = index.vault().notes[ref.note];
    append(backlinks, backlink_value(source, source.links[ref.link]));
  }
  set(out, "backlinks", std::move(backlinks));
  set(out, "tags", text_list(tag_names(note)));
  Value tasks = list();
  for (const auto& task : note.tasks) {
    append(tasks, object({{"status", text(task.status)},
                          {"completed", boolean(task.is_completed())},
                          {"text", text(task.text)},
                          {"line", integer(task.line)}}));
  }
  set(out, "tasks", std::move(tasks));
  Value inline_fields = list();
  for (const auto& field : note.fields) {
    append(inline_fields,
           object({{"key", text(field.key)}, {"value", text(field.value)}, {"line", integer(field.line)}}));
  }
  set(out, "inline_fields", std::move(inline_fields));
  if (include_text) {
    const std::string_view body = note.body;
    if (offset > body.size()) {
      return tool_failure("text_offset " + std::to_string(offset) + " lies past the end of the text (" +
                          std::to_string(body.size()) + " bytes); start at 0");
    }
    const std::size_t end = page_end(body, offset);
    set(out, "text",
        object({{"offset", count(offset)},
                {"first_line", integer(note.body_first_line)},
                {"total_bytes", count(body.size())},
                {"next_offset", end < body.size() ? count(end) : null()},
                {"content", text(body.substr(offset, end - offset))}}));
  }
  return ToolResult{std::move(out), std::nullopt};
}

ToolResult run_list_notes(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"folder", "tag", "class", "limit", "cursor"});
  const auto folder_arg = args.text("folder");
  const auto tag = args.text("tag");
  const auto class_name = args.text("class");
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 500, 100));
  const std::size_t start = args.cursor();
  if (auto error = args.error()) return tool_failure(*error);
  std::string folder;
  if (folder_arg) {
    auto found = index.find_folder(*folder_arg);
    if (found.index() == 1) return tool_failure(std::get<1>(found));
    folder = std::get<0>(found);
  }
  if (class_name && !class_name->empty()) {
    bool known = index.schemas().has_class(*class_name);
    std::vector<std::string> classes = index.schemas().class_names();
    for (const auto& note : index.vault().notes) {
      for (const auto& c : note.classes) {
        if (c == *class_name) known = true;
        if (std::find(classes.begin(), classes.end(), c) == classes.end()) classes.push_back(c);
      }
      if (known) break;
    }
    if (!known) {
      const auto hint = closest_match(*class_name, classes);
      return tool_failure("no note has the class '" + *class_name + "'." +
                          (hint ? " Did you mean '" + *hint + "'?" : "") + " vault_info lists the classes.");
    }
  }
  Pager pager(start, limit);
  for (const auto& note : index.vault().notes) {
    if (!is_in_folder(note.path, folder)) continue;
    if (tag && !has_tag(note, *tag)) continue;
    const auto classes = classes_of(note, index.config());
    if (class_name && std::find(classes.begin(), classes.end(), *class_name) == classes.end()) continue;
    if (pager.full()) {
      pager.offer(null());  // only counted
      continue;
    }
    pager.offer(object({{"path", text(note.path)},
                        {"name", text(note.name)},
                        {"title", text(note_title(note))},
                        {"classes", text_list(classes)},
                        {"tags", text_list(tag_names(note))}}));
  }
  return ToolResult{
      object({{"total", count(pager.total())}, {"notes", pager.take_items()}, {"next_cursor", pager.next_cursor()}}),
      std::nullopt};
}

ToolResult run_links(const VaultIndex& index, const Value& arguments) {
  ToolArguments args(arguments, {"note", "kind", "folder", "limit", "cursor"});
  const auto kind = args.choice("kind", {"note", "broken", "orphans"}, "");
  const auto folder_arg = args.text("folder");
  const auto limit = static_cast<std::size_t>(args.integer("limit", 1, 1000, 200));
  const std::size_t start = args.cursor();
  auto found = named_note(index, args, kind.empty() || kind == "note");
  if (auto* error = std::get_if<std::string>(&found)) return tool_failure(*error);
  const LinkGraph& graph = index.graph();
  const auto& notes = index.vault().notes;

  if (kind.empty() || kind == "note") {
    const Note& note = *std::get<const Note*>(found);
    const std::size_t at = note_index(index.vault(), note);
    Value outgoing = list();
    for (std::size_t i = 0; i < note.links.size(); ++i)
      append(outgoing, link_value(note.links[i], graph.resolutions[at][i]));
    Value backlinks = list();
    for (const auto& ref : graph.incoming[at])
      append(backlinks, backlink_value(notes[ref.note], notes[ref.note].links[ref.link]));
    return ToolResult{object({{"kind", text("note")},
                              {"note", text(note.path)},
                              {"outgoing", std::move(outgoing)},
                              {"backlinks", std::move(backlinks)}}),
                      std::nullopt};
  }
  std::string folder;
  if (folder_arg) {
    auto in = index.find_folder(*folder_arg);
    if (in.index() == 1) return tool_failure(std::get<1>(in));
    folder = std::get<0>(in);
  }
  Pager pager(start, limit);
  const auto offer = [&pager](Value item) { pager.offer(pager.full() ? null() : std::move(item)); };
  if (kind == "broken") {
    for (const auto& ref : graph.broken) {
      const Note& source = notes[ref.note];
      if (!is_in_folder(source.path, folder)) continue;
      const Link& link = source.links[ref.link];
      offer(object({{"source", text(source.path)},
                    {"target", text(link.target)},
                    {"raw", text(link.raw)},
                    {"line", integer(link.line)},
                    {"field", text_or_null(link.field)}}));
    }
  } else {
    for (const std::size_t i : graph.orphans) {
      if (!is_in_folder(notes[i].path, folder)) continue;
      offer(object({{"path", text(notes[i].path)}, {"title", text(note_title(notes[i]))}}));
    }
  }
  return ToolResult{object({{"kind", text(kind)},
                            {"total", count(pager.total())},
                            {kind == "broken" ? "links" : "notes", pager.take_items()},
                            {"next_cursor", pager.next_cursor()}}),
                    std::nullopt};
}

}  // namespace mdvault::core::mcp
