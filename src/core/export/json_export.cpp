#include "core/export/json_export.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/display_text.hpp"
#include "core/json_value.hpp"
#include "core/unicode.hpp"
#include "core/parallel.hpp"

namespace mdvault::core::exports {

namespace {

// RapidJSON writes straight into a buffer; nlohmann-json (used elsewhere) would first build
// a document tree per note, and its dump escapes text at about a fifth of the speed
// (docs/export-format.md, "How it is written").
using Buffer = rapidjson::StringBuffer;
using Writer = rapidjson::Writer<Buffer>;

// A text that is not valid UTF-8 (only a file name can be: notes are checked) is written as
// display_name shows it, so the export stays valid UTF-8; JSON escapes control characters.
void put_string(Writer& w, std::string_view s) {
  if (!is_valid_utf8(s)) {
    const std::string shown = display_name(s);
    w.String(shown.data(), static_cast<rapidjson::SizeType>(shown.size()));
    return;
  }
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void put_key(Writer& w, std::string_view key) { w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }

/// One of the record's own keys, given with its quotes (`R"("path")"`): plain ASCII names,
/// so they are copied as they are, without going through the escaping of put_key.
template <std::size_t N>
void put_name(Writer& w, const char (&quoted)[N]) {
  w.RawValue(quoted, N - 1, rapidjson::kStringType);
}

void put_text_or_null(Writer& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    put_string(w, s);
  }
}

void put_value(Writer& w, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null: w.Null(); return;
    case Value::Kind::boolean: w.Bool(value.as_bool()); return;
    case Value::Kind::integer: w.Int64(value.as_int()); return;
    case Value::Kind::floating:
      // JSON has no infinity or NaN (YAML's .inf, .nan): null. Finite numbers are spelled as
      // every other JSON of mdvault spells them (RapidJSON would write 1e20 in full).
      if (std::isfinite(value.as_number())) {
        const std::string text = json_number_text(value.as_number());
        w.RawValue(text.data(), text.size(), rapidjson::kNumberType);
      } else {
        w.Null();
      }
      return;
    case Value::Kind::string: put_string(w, value.as_string()); return;
    case Value::Kind::list:
      w.StartArray();
      for (const auto& item : value.as_list()) put_value(w, item);
      w.EndArray();
      return;
    case Value::Kind::map:
      w.StartObject();
      for (const auto& entry : value.as_map()) {
        put_key(w, entry.key);
        put_value(w, entry.value);
      }
      w.EndObject();
      return;
  }
}

template <typename Strings>
void put_strings(Writer& w, const Strings& items) {
  w.StartArray();
  for (const auto& item : items) put_string(w, item);
  w.EndArray();
}

void put_frontmatter(Writer& w, const Value* frontmatter) {
  if (frontmatter != nullptr) {
    put_value(w, *frontmatter);
  } else {
    w.Null();
  }
}

void put_record(Writer& w, const NoteRecord& record) {
  const Note& note = *record.note;
  w.StartObject();
  put_name(w, R"("path")");
  put_string(w, note.path);
  put_name(w, R"("name")");
  put_string(w, note.name);
  put_name(w, R"("classes")");
  put_strings(w, note.classes);
  put_name(w, R"("frontmatter")");
  if (!record.frontmatter_json.empty()) {
    w.RawValue(record.frontmatter_json.data(), record.frontmatter_json.size(), rapidjson::kObjectType);
  } else {
    put_frontmatter(w, record.frontmatter.value);
  }
  put_name(w, R"("tags")");
  put_strings(w, record.tags);
  put_name(w, R"("aliases")");
  put_strings(w, record.aliases);
  put_name(w, R"("headings")");
  w.StartArray();
  for (const Heading& h : note.headings) {
    w.StartObject();
    put_name(w, R"("level")");
    w.Int(h.level);
    put_name(w, R"("text")");
    put_string(w, h.text);
    put_name(w, R"("line")");
    w.Int(h.line);
    w.EndObject();
  }
  w.EndArray();
  put_name(w, R"("links")");
  w.StartArray();
  for (const LinkRecord& item : record.links) {
    const Link& link = *item.link;
    w.StartObject();
    put_name(w, R"("target")");
    put_string(w, link.target);
    put_name(w, R"("subpath")");
    put_text_or_null(w, link.subpath);
    put_name(w, R"("display")");
    if (link.has_display) {
      put_string(w, link.display);
    } else {
      w.Null();
    }
    put_name(w, R"("kind")");
    put_string(w, to_string(link.kind));
    put_name(w, R"("field")");
    put_text_or_null(w, link.field);
    put_name(w, R"("line")");
    w.Int(link.line);
    put_name(w, R"("column")");
    w.Int(link.column);
    put_name(w, R"("resolved")");
    put_text_or_null(w, item.resolved);
    w.EndObject();
  }
  w.EndArray();
  put_name(w, R"("backlinks")");
  w.StartArray();
  for (const BacklinkRecord& item : record.backlinks) {
    const Link& link = *item.link;
    w.StartObject();
    put_name(w, R"("source")");
    put_string(w, item.source->path);
    put_name(w, R"("line")");
    w.Int(link.line);
    put_name(w, R"("column")");
    w.Int(link.column);
    put_name(w, R"("kind")");
    put_string(w, to_string(link.kind));
    put_name(w, R"("field")");
    put_text_or_null(w, link.field);
    w.EndObject();
  }
  w.EndArray();
  put_name(w, R"("tasks")");
  w.StartArray();
  for (const Task& task : note.tasks) {
    w.StartObject();
    put_name(w, R"("status")");
    put_string(w, task.status);
    put_name(w, R"("text")");
    put_string(w, task.text);
    put_name(w, R"("line")");
    w.Int(task.line);
    put_name(w, R"("completed")");
    w.Bool(task.is_completed());
    w.EndObject();
  }
  w.EndArray();
  put_name(w, R"("fields")");
  w.StartArray();
  for (const InlineField* field : record.fields) {
    w.StartObject();
    put_name(w, R"("key")");
    put_string(w, field->key);
    put_name(w, R"("value")");
    put_string(w, field->value);
    put_name(w, R"("line")");
    w.Int(field->line);
    w.EndObject();
  }
  w.EndArray();
  if (record.has_body) {
    put_name(w, R"("body")");
    put_string(w, record.body());
  }
  w.EndObject();
}

/// One note's JSON object, appended to `buffer`.
void append_record(Buffer& buffer, const NoteRecord& record) {
  Writer writer(buffer);
  put_record(writer, record);
}

}  // namespace

std::string frontmatter_json_text(const Value* frontmatter) {
  Buffer buffer;
  Writer writer(buffer);
  put_frontmatter(writer, frontmatter);
  return {buffer.GetString(), buffer.GetSize()};
}

std::string note_json_text(const NoteRecord& record) {
  Buffer buffer;
  append_record(buffer, record);
  return {buffer.GetString(), buffer.GetSize()};
}

std::optional<std::string> write_json_export(std::ostream& out, const RecordBuilder& builder, bool lines,
                                             const Progress& progress) {
  const std::size_t total = builder.notes().size();
  if (!lines) {
    out << "{\"format\":\"" << k_export_format_name << "\",\"version\":" << k_export_version << ",\"notes\":[";
  }
  // Notes are turned into text in batches on all cores; while one batch is made, the one
  // before is written out, in order, by its own thread.
  const std::size_t workers = effective_jobs(builder.options().jobs);
  constexpr std::size_t k_batch = 64;
  std::array<std::vector<Buffer>, 2> batches;
  for (auto& batch : batches) batch.resize(workers * k_batch);
  std::vector<std::string> errors(workers * k_batch);
  std::jthread writing;  // writes the batch made before (joined on every way out)
  const auto wait_for_writing = [&writing] {
    if (writing.joinable()) writing.join();
  };
  for (std::size_t start = 0, turn = 0; start < total; start += k_batch * workers, turn ^= 1U) {
    auto& texts = batches[turn];
    const std::size_t count = std::min(texts.size(), total - start);
    parallel_for(count, builder.options().jobs, [&](std::size_t k) {
      Buffer& text = texts[k];
      text.Clear();
      const std::size_t i = start + k;
      const NoteRecord record = builder.build(i);
      errors[k] = record.error;
      if (!record.error.empty()) return;
      if (!lines) {
        const std::string_view separator = i == 0 ? "\n" : ",\n";
        std::copy(separator.begin(), separator.end(), text.Push(separator.size()));
      }
      append_record(text, record);
      if (lines) text.Put('\n');
    });
    wait_for_writing();
    for (std::size_t k = 0; k < count; ++k) {
      if (!errors[k].empty()) return errors[k];
    }
    if (!out) break;
    writing = std::jthread([&out, &texts, count] {
      for (std::size_t k = 0; k < count && out; ++k) {
        out.write(texts[k].GetString(), static_cast<std::streamsize>(texts[k].GetSize()));
      }
    });
    if (progress) progress(start + count, total);
  }
  wait_for_writing();
  if (!lines) out << (total == 0 ? "]}\n" : "\n]}\n");
  out.flush();
  if (!out) return std::string("the output could not be written (is the disk full?)");
  return std::nullopt;
}

}  // namespace mdvault::core::exports
