#include "core/export/json_export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/parallel.hpp"

namespace mdvault::core::exports {

namespace {

// nlohmann-json builds a document tree before it writes anything: per note that costs more
// than reading the note did (allocation), and the library has no streaming writer. So the
// export writes its fixed shape directly; nlohmann-json stays the reference in the tests
// (every export is parsed back there and checked against the schema).

constexpr char k_hex[] = "0123456789abcdef";

/// Appends `s` as a JSON string (RFC 8259 escapes; UTF-8 passes through, as the notes are
/// checked to be UTF-8 when read).
void put_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += k_hex[c >> 4];
        out += k_hex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void put_int(std::string& out, std::int64_t i) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, i);
  out.append(buffer, result.ptr);
}

/// The shortest text that reads back as the same double, always with a '.' or exponent (so
/// it stays a float); JSON has no infinity or NaN: null.
void put_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  const std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

void put_key(std::string& out, std::string_view key) {
  put_string(out, key);
  out += ':';
}

void put_text_or_null(std::string& out, const std::string& s) {
  if (s.empty()) {
    out += "null";
  } else {
    put_string(out, s);
  }
}

void put_value(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: out += "null"; return;
    case Value::Kind::boolean: out += value.as_bool() ? "true" : "false"; return;
    case Value::Kind::integer: put_int(out, value.as_int()); return;
    case Value::Kind::floating: put_double(out, value.as_number()); return;
    case Value::Kind::string: put_string(out, value.as_string()); return;
    case Value::Kind::list: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ',';
        first = false;
        put_value(out, item);
      }
      out += ']';
      return;
    }
    case Value::Kind::map: {
      out += '{';
      bool first = true;
      for (const auto& entry : value.as_map()) {
        if (!first) out += ',';
        first = false;
        put_key(out, entry.key);
        put_value(out, entry.value);
      }
      out += '}';
      return;
    }
  }
}

void put_strings(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    put_string(out, items[i]);
  }
  out += ']';
}

/// Writes `[item, item...]`, each item by `put`.
template <typename Items, typename Put>
void put_array(std::string& out, const Items& items, Put put) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    put(item);
  }
  out += ']';
}

void put_record(std::string& out, const NoteRecord& record) {
  const Note& note = *record.note;
  out += '{';
  put_key(out, "path");
  put_string(out, note.path);
  out += ',';
  put_key(out, "name");
  put_string(out, note.name);
  out += ',';
  put_key(out, "classes");
  put_strings(out, record.classes);
  out += ',';
  put_key(out, "frontmatter");
  if (record.frontmatter) {
    put_value(out, *record.frontmatter);
  } else {
    out += "null";
  }
  out += ',';
  put_key(out, "tags");
  put_strings(out, record.tags);
  out += ',';
  put_key(out, "aliases");
  put_strings(out, record.aliases);
  out += ',';
  put_key(out, "headings");
  put_array(out, note.headings, [&](const Heading& h) {
    out += "{\"level\":";
    put_int(out, h.level);
    out += ",\"text\":";
    put_string(out, h.text);
    out += ",\"line\":";
    put_int(out, h.line);
    out += '}';
  });
  out += ',';
  put_key(out, "links");
  put_array(out, record.links, [&](const LinkRecord& item) {
    const Link& link = *item.link;
    out += "{\"target\":";
    put_string(out, link.target);
    out += ",\"subpath\":";
    put_text_or_null(out, link.subpath);
    out += ",\"display\":";
    if (link.has_display) {
      put_string(out, link.display);
    } else {
      out += "null";
    }
    out += ",\"kind\":";
    put_string(out, to_string(link.kind));
    out += ",\"field\":";
    put_text_or_null(out, link.field);
    out += ",\"line\":";
    put_int(out, link.line);
    out += ",\"column\":";
    put_int(out, link.column);
    out += ",\"resolved\":";
    put_text_or_null(out, item.resolved);
    out += '}';
  });
  out += ',';
  put_key(out, "backlinks");
  put_array(out, record.backlinks, [&](const BacklinkRecord& item) {
    const Link& link = *item.link;
    out += "{\"source\":";
    put_string(out, item.source->path);
    out += ",\"line\":";
    put_int(out, link.line);
    out += ",\"column\":";
    put_int(out, link.column);
    out += ",\"kind\":";
    put_string(out, to_string(link.kind));
    out += ",\"field\":";
    put_text_or_null(out, link.field);
    out += '}';
  });
  out += ',';
  put_key(out, "tasks");
  put_array(out, note.tasks, [&](const Task& task) {
    out += "{\"status\":";
    put_string(out, task.status);
    out += ",\"text\":";
    put_string(out, task.text);
    out += ",\"line\":";
    put_int(out, task.line);
    out += ",\"completed\":";
    out += task.is_completed() ? "true" : "false";
    out += '}';
  });
  out += ',';
  put_key(out, "fields");
  put_array(out, record.fields, [&](const InlineField* field) {
    out += "{\"key\":";
    put_string(out, field->key);
    out += ",\"value\":";
    put_string(out, field->value);
    out += ",\"line\":";
    put_int(out, field->line);
    out += '}';
  });
  if (record.has_body) {
    out += ',';
    put_key(out, "body");
    put_string(out, note.body);
  }
  out += '}';
}

}  // namespace

std::string note_json_text(const NoteRecord& record) {
  std::string out;
  put_record(out, record);
  return out;
}

bool write_json_export(std::ostream& out, const RecordBuilder& builder, bool lines, const Progress& progress) {
  const std::size_t total = builder.notes().size();
  if (!lines) {
    out << "{\"format\":\"" << k_export_format_name << "\",\"version\":" << k_export_version << ",\"notes\":[";
  }
  // Notes are turned into text in batches on all cores, then written in order.
  const std::size_t workers = effective_jobs(builder.options().jobs);
  constexpr std::size_t k_batch = 64;
  std::vector<std::string> texts(workers * k_batch);
  for (std::size_t start = 0; start < total && out; start += texts.size()) {
    const std::size_t count = std::min(texts.size(), total - start);
    parallel_for(count, builder.options().jobs, [&](std::size_t k) {
      std::string& text = texts[k];
      text.clear();
      const std::size_t i = start + k;
      if (!lines) text += i == 0 ? "\n" : ",\n";
      put_record(text, builder.build(i));
      if (lines) text += '\n';
    });
    for (std::size_t k = 0; k < count && out; ++k) {
      out.write(texts[k].data(), static_cast<std::streamsize>(texts[k].size()));
    }
    if (progress) progress(start + count, total);
  }
  if (!lines) out << (total == 0 ? "]}\n" : "\n]}\n");
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace mdvault::core::exports
