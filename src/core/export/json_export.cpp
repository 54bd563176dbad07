#include "core/export/json_export.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <utility>

namespace mdvault::core::exports {

namespace {

using Json = nlohmann::ordered_json;

Json value_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: return nullptr;
    case Value::Kind::boolean: return value.as_bool();
    case Value::Kind::integer: return value.as_int();
    case Value::Kind::floating: return value.as_number();
    case Value::Kind::string: return value.as_string();
    case Value::Kind::list: {
      Json list = Json::array();
      for (const auto& item : value.as_list()) list.push_back(value_json(item));
      return list;
    }
    case Value::Kind::map: {
      Json map = Json::object();
      for (const auto& entry : value.as_map()) map[entry.key] = value_json(entry.value);
      return map;
    }
  }
  return nullptr;
}

Json text_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json record_json(const NoteRecord& record) {
  const Note& note = *record.note;
  Json doc = Json::object();
  doc["path"] = note.path;
  doc["name"] = note.name;
  doc["classes"] = record.classes;
  doc["frontmatter"] = record.frontmatter ? value_json(*record.frontmatter) : Json(nullptr);
  doc["tags"] = record.tags;
  doc["aliases"] = record.aliases;
  Json& headings = doc["headings"] = Json::array();
  for (const auto& heading : note.headings) {
    headings.push_back(Json{{"level", heading.level}, {"text", heading.text}, {"line", heading.line}});
  }
  Json& links = doc["links"] = Json::array();
  for (const auto& item : record.links) {
    const Link& link = *item.link;
    Json out = Json::object();
    out["target"] = link.target;
    out["subpath"] = text_or_null(link.subpath);
    out["display"] = link.has_display ? Json(link.display) : Json(nullptr);
    out["kind"] = std::string(to_string(link.kind));
    out["field"] = text_or_null(link.field);
    out["line"] = link.line;
    out["column"] = link.column;
    out["resolved"] = text_or_null(item.resolved);
    links.push_back(std::move(out));
  }
  Json& backlinks = doc["backlinks"] = Json::array();
  for (const auto& item : record.backlinks) {
    const Link& link = *item.link;
    backlinks.push_back(Json{{"source", item.source->path},
                             {"line", link.line},
                             {"column", link.column},
                             {"kind", std::string(to_string(link.kind))},
                             {"field", text_or_null(link.field)}});
  }
  Json& tasks = doc["tasks"] = Json::array();
  for (const auto& task : note.tasks) {
    tasks.push_back(
        Json{{"status", task.status}, {"text", task.text}, {"line", task.line}, {"completed", task.is_completed()}});
  }
  Json& fields = doc["fields"] = Json::array();
  for (const InlineField* field : record.fields) {
    fields.push_back(Json{{"key", field->key}, {"value", field->value}, {"line", field->line}});
  }
  if (record.has_body) doc["body"] = note.body;
  return doc;
}

/// Adds `prefix` after every line break of pretty-printed JSON (strings hold no raw breaks).
void write_indented(std::ostream& out, const std::string& text, const std::string& prefix) {
  std::size_t start = 0;
  out << prefix;
  for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.write(text.data() + start, static_cast<std::streamsize>(nl + 1 - start));
    out << prefix;
    start = nl + 1;
  }
  out.write(text.data() + start, static_cast<std::streamsize>(text.size() - start));
}

}  // namespace

std::string note_json_text(const NoteRecord& record, int indent) {
  return record_json(record).dump(indent, ' ', false, Json::error_handler_t::replace);
}

bool write_json_export(std::ostream& out, const RecordBuilder& builder, bool lines, const Progress& progress) {
  const std::size_t total = builder.notes().size();
  if (!lines) {
    out << "{\n  \"format\": \"" << k_export_format_name << "\",\n  \"version\": " << k_export_version
        << ",\n  \"notes\": [";
  }
  for (std::size_t i = 0; i < total && out; ++i) {
    const NoteRecord record = builder.build(i);
    if (lines) {
      out << note_json_text(record) << '\n';
    } else {
      out << (i == 0 ? "\n" : ",\n");
      write_indented(out, note_json_text(record, 2), "    ");
    }
    if (progress) progress(i + 1, total);
  }
  if (!lines) out << (total == 0 ? "]\n}\n" : "\n  ]\n}\n");
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace mdvault::core::exports
