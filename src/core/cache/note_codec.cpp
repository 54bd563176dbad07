#include "core/cache/note_codec.hpp"

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace mdvault::core::cache {

namespace {

/// Appends integers as LEB128 varints (signed ones zigzagged) and strings length-first.
class ByteWriter {
public:
  void unsigned_int(std::uint64_t v) {
    while (v >= 0x80) {
      m_out.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    m_out.push_back(static_cast<char>(v));
  }
  void signed_int(std::int64_t v) {
    unsigned_int((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void boolean(bool b) { m_out.push_back(b ? '\1' : '\0'); }
  void floating(double d) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof bits);
    for (int i = 0; i < 8; ++i) m_out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
  }
  void text(std::string_view s) {
    unsigned_int(s.size());
    m_out.append(s);
  }
  void position(Position p) {
    signed_int(p.line);
    signed_int(p.column);
  }
  std::string take() { return std::move(m_out); }

private:
  std::string m_out;
};

/// Reads what ByteWriter wrote; every read checks the bytes left, and the first failure
/// sticks (`ok()` turns false and every later read yields zero).
class ByteReader {
public:
  explicit ByteReader(std::string_view bytes) : m_in(bytes) {}

  [[nodiscard]] bool ok() const { return m_ok; }
  [[nodiscard]] bool at_end() const { return m_in.empty(); }
  void fail() { m_ok = false; }

  std::uint64_t unsigned_int() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (m_in.empty()) break;
      const auto byte = static_cast<unsigned char>(m_in.front());
      m_in.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    fail();
    return 0;
  }
  std::int64_t signed_int() {
    const std::uint64_t z = unsigned_int();
    return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  int small_int() {
    const std::int64_t v = signed_int();
    if (v < INT32_MIN || v > INT32_MAX) fail();
    return m_ok ? static_cast<int>(v) : 0;
  }
  bool boolean() {
    if (m_in.empty()) {
      fail();
      return false;
    }
    const char c = m_in.front();
    m_in.remove_prefix(1);
    if (c != '\0' && c != '\1') fail();
    return c == '\1';
  }
  double floating() {
    if (m_in.size() < 8) {
      fail();
      return 0;
    }
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_in[i])) << (8 * i);
    m_in.remove_prefix(8);
    double d = 0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  std::string text() {
    const std::uint64_t n = unsigned_int();
    if (!m_ok || n > m_in.size()) {
      fail();
      return {};
    }
    std::string s(m_in.substr(0, n));
    m_in.remove_prefix(n);
    return s;
  }
  Position position() {
    Position p;
    p.line = small_int();
    p.column = small_int();
    return p;
  }
  /// A count of items that each take at least one byte: never more than the bytes left.
  std::size_t count() {
    const std::uint64_t n = unsigned_int();
    if (n > m_in.size()) fail();
    return m_ok ? static_cast<std::size_t>(n) : 0;
  }

private:
  std::string_view m_in;
  bool m_ok = true;
};

void write_value(ByteWriter& out, const Value& v) {
  out.unsigned_int(static_cast<std::uint64_t>(v.kind()));
  out.position(v.position);
  switch (v.kind()) {
  case Value::Kind::null: break;
  case Value::Kind::boolean: out.boolean(v.as_bool()); break;
  case Value::Kind::integer: out.signed_int(v.as_int()); break;
  case Value::Kind::floating: out.floating(v.as_number()); break;
  case Value::Kind::string: out.text(v.as_string()); break;
  case Value::Kind::list:
    out.unsigned_int(v.as_list().size());
    for (const auto& item : v.as_list()) write_value(out, item);
    break;
  case Value::Kind::map:
    out.unsigned_int(v.as_map().size());
    for (const auto& entry : v.as_map()) {
      out.text(entry.key);
      out.position(entry.key_position);
      write_value(out, entry.value);
    }
    break;
  }
}

Value read_value(ByteReader& in, std::size_t depth) {
  if (depth > k_max_value_depth) {
    in.fail();
    return {};
  }
  const std::uint64_t kind = in.unsigned_int();
  const Position pos = in.position();
  if (!in.ok() || kind > static_cast<std::uint64_t>(Value::Kind::map)) {
    in.fail();
    return {};
  }
  switch (static_cast<Value::Kind>(kind)) {
  case Value::Kind::null: return Value::make_null(pos);
  case Value::Kind::boolean: return Value::make_bool(in.boolean(), pos);
  case Value::Kind::integer: return Value::make_int(in.signed_int(), pos);
  case Value::Kind::floating: return Value::make_float(in.floating(), pos);
  case Value::Kind::string: return Value::make_string(in.text(), pos);
  case Value::Kind::list: {
    ValueList items(in.count());
    for (auto& item : items) item = read_value(in, depth + 1);
    return Value::make_list(std::move(items), pos);
  }
  case Value::Kind::map: {
    ValueMap entries(in.count());
    for (auto& entry : entries) {
      entry.key = in.text();
      entry.key_position = in.position();
      entry.value = read_value(in, depth + 1);
    }
    return Value::make_map(std::move(entries), pos);
  }
  }
  in.fail();
  return {};
}

template <typename T, typename Write>
void write_list(ByteWriter& out, const std::vector<T>& items, Write write) {
  out.unsigned_int(items.size());
  for (const auto& item : items) write(item);
}

template <typename T, typename Read>
std::vector<T> read_list(ByteReader& in, Read read) {
  std::vector<T> items(in.count());
  for (auto& item : items) read(item);
  return items;
}

}  // namespace

std::string encode_note(const Note& note) {
  ByteWriter out;
  out.unsigned_int(k_note_codec_format);
  out.text(note.path);
  out.text(note.name);
  out.boolean(note.frontmatter.has_value());
  if (note.frontmatter) write_value(out, *note.frontmatter);
  out.boolean(note.has_frontmatter_block);
  out.signed_int(note.body_first_line);
  out.unsigned_int(note.body_size);
  out.unsigned_int(note.body_hash);
  write_list(out, note.headings, [&](const Heading& h) {
    out.signed_int(h.level);
    out.text(h.text);
    out.signed_int(h.line);
  });
  write_list(out, note.block_ids, [&](const BlockId& b) {
    out.text(b.id);
    out.signed_int(b.line);
  });
  write_list(out, note.links, [&](const Link& l) {
    out.unsigned_int(static_cast<std::uint64_t>(l.kind));
    out.text(l.target);
    out.text(l.subpath);
    out.text(l.display);
    out.boolean(l.has_display);
    out.text(l.raw);
    out.text(l.field);
    out.signed_int(l.line);
    out.signed_int(l.column);
  });
  write_list(out, note.tags, [&](const Tag& t) {
    out.text(t.name);
    out.signed_int(t.line);
    out.signed_int(t.column);
    out.boolean(t.from_frontmatter);
  });
  write_list(out, note.tasks, [&](const Task& t) {
    out.text(t.status);
    out.text(t.text);
    out.signed_int(t.line);
  });
  write_list(out, note.fields, [&](const InlineField& f) {
    out.text(f.key);
    out.text(f.value);
    out.signed_int(f.line);
    out.signed_int(f.column);
  });
  write_list(out, note.aliases, [&](const std::string& a) { out.text(a); });
  write_list(out, note.diagnostics, [&](const Diagnostic& d) {
    out.text(d.location.path);
    out.signed_int(d.location.line);
    out.signed_int(d.location.column);
    out.unsigned_int(static_cast<std::uint64_t>(d.severity));
    out.text(d.rule);
    out.text(d.field);
    out.text(d.message);
  });
  out.boolean(note.readable);
  return out.take();
}

std::optional<Note> decode_note(std::string_view bytes) {
  ByteReader in(bytes);
  if (in.unsigned_int() != static_cast<std::uint64_t>(k_note_codec_format)) return std::nullopt;
  Note note;
  note.path = in.text();
  note.name = in.text();
  if (in.boolean()) note.frontmatter = read_value(in, 0);
  note.has_frontmatter_block = in.boolean();
  note.body_first_line = in.small_int();
  note.body_size = in.unsigned_int();
  note.body_hash = in.unsigned_int();
  note.headings = read_list<Heading>(in, [&](Heading& h) {
    h.level = in.small_int();
    h.text = in.text();
    h.line = in.small_int();
  });
  note.block_ids = read_list<BlockId>(in, [&](BlockId& b) {
    b.id = in.text();
    b.line = in.small_int();
  });
  note.links = read_list<Link>(in, [&](Link& l) {
    const std::uint64_t kind = in.unsigned_int();
    if (kind > static_cast<std::uint64_t>(LinkKind::frontmatter)) in.fail();
    l.kind = static_cast<LinkKind>(kind);
    l.target = in.text();
    l.subpath = in.text();
    l.display = in.text();
    l.has_display = in.boolean();
    l.raw = in.text();
    l.field = in.text();
    l.line = in.small_int();
    l.column = in.small_int();
  });
  note.tags = read_list<Tag>(in, [&](Tag& t) {
    t.name = in.text();
    t.line = in.small_int();
    t.column = in.small_int();
    t.from_frontmatter = in.boolean();
  });
  note.tasks = read_list<Task>(in, [&](Task& t) {
    t.status = in.text();
    t.text = in.text();
    t.line = in.small_int();
  });
  note.fields = read_list<InlineField>(in, [&](InlineField& f) {
    f.key = in.text();
    f.value = in.text();
    f.line = in.small_int();
    f.column = in.small_int();
  });
  note.aliases = read_list<std::string>(in, [&](std::string& a) { a = in.text(); });
  note.diagnostics = read_list<Diagnostic>(in, [&](Diagnostic& d) {
    d.location.path = in.text();
    d.location.line = in.small_int();
    d.location.column = in.small_int();
    const std::uint64_t severity = in.unsigned_int();
    if (severity > static_cast<std::uint64_t>(Severity::warning)) in.fail();
    d.severity = static_cast<Severity>(severity);
    d.rule = in.text();
    d.field = in.text();
    d.message = in.text();
  });
  note.readable = in.boolean();
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return note;
}

}  // namespace mdvault::core::cache
