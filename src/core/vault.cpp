#include "core/vault.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <unordered_set>

#include "core/cache/note_codec.hpp"
#include "core/frontmatter.hpp"
#include "core/markdown.hpp"
#include "core/parallel.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The 1-based line and column of the first byte that is not valid UTF-8 (or is NUL).
Position first_bad_byte(std::string_view s) {
  int line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n') {
      ++line;
      line_start = ++i;
      continue;
    }
    std::size_t n = 1;
    if (c >= 0x80) {
      n = (c & 0xE0U) == 0xC0U ? 2 : (c & 0xF0U) == 0xE0U ? 3 : (c & 0xF8U) == 0xF0U ? 4 : 0;
    }
    if (c == 0 || n == 0 || i + n > s.size() || !is_valid_utf8(s.substr(i, n))) {
      return {line, column_at(s.substr(line_start, i - line_start), i - line_start)};
    }
    i += n;
  }
  return {line, 1};
}

// Removes a UTF-8 byte order mark at the start.
void strip_bom(std::string& bytes) {
  if (bytes.compare(0, k_bom.size(), k_bom) == 0) {
    bytes.erase(0, k_bom.size());
  }
}

// Turns CRLF and a lone CR (old Mac line ends; CommonMark counts it as a line end too) into
// LF, so every reader of the note sees the same lines; line numbers stay as they were.
void normalize_line_ends(std::string& text) {
  if (text.find('\r') == std::string::npos) {
    return;
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    text[out++] = text[i] == '\r' ? '\n' : text[i];
  }
  text.resize(out);
}

// Splits a frontmatter tags/aliases string by commas (and, for tags, spaces).
std::vector<std::string> split_words(std::string_view s, bool split_spaces) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const auto first = current.find_first_not_of(" \t");
    if (first != std::string::npos) {
      const auto last = current.find_last_not_of(" \t");
      out.push_back(current.substr(first, last - first + 1));
    }
    current.clear();
  };
  for (const char c : s) {
    if (c == ',' || (split_spaces && (c == ' ' || c == '\t'))) {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

// Values of a frontmatter key that may be a list or a single string, with positions. A
// string is split at commas (and spaces with `split_spaces`); list items too, unless
// `whole_items` (Dataview takes each alias of a list whole: "Smith, John" is one).
std::vector<std::pair<std::string, Position>> string_values(const Value& v, bool split_spaces,
                                                            bool whole_items = false) {
  std::vector<std::pair<std::string, Position>> out;
  auto add_string = [&](const Value& item, bool whole) {
    if (item.is_string() && whole) {
      const std::string& text = item.as_string();
      const auto first = text.find_first_not_of(" \t");
      if (first != std::string::npos) {
        out.emplace_back(text.substr(first, text.find_last_not_of(" \t") - first + 1), item.position);
      }
    } else if (item.is_string()) {
      for (auto& word : split_words(item.as_string(), split_spaces)) {
        out.emplace_back(std::move(word), item.position);
      }
    } else if (item.is_number() || item.is_bool()) {
      out.emplace_back(to_display(item), item.position);
    }
  };
  if (v.is_list()) {
    for (const auto& item : v.as_list()) {
      add_string(item, whole_items);
    }
  } else {
    add_string(v, false);
  }
  return out;
}

// Tags and aliases from the frontmatter (Obsidian reads both singular and plural keys).
void collect_frontmatter_facts(Note& note) {
  if (!note.frontmatter || !note.frontmatter->is_map()) {
    return;
  }
  std::unordered_set<std::string> seen_aliases(note.aliases.begin(), note.aliases.end());
  for (const auto& entry : note.frontmatter->as_map()) {
    const std::string key = fold_case(entry.key);
    if (key == "tags" || key == "tag") {
      for (auto& [word, pos] : string_values(entry.value, true)) {
        std::string name = word[0] == '#' ? word.substr(1) : word;
        if (!name.empty()) {
          note.tags.push_back({std::move(name), pos.line, pos.column, true});
        }
      }
    } else if (key == "aliases" || key == "alias") {
      for (auto& [word, pos] : string_values(entry.value, false, true)) {
        // A set, as in Dataview: the same alias twice is one alias (kept in first-seen order).
        if (seen_aliases.insert(word).second) note.aliases.push_back(std::move(word));
      }
    }
  }
}

std::string human_size(std::uintmax_t bytes) {
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", mib);
  return buf;
}

}  // namespace

const Note* Vault::find(std::string_view path) const {
  const auto it = std::lower_bound(notes.begin(), notes.end(), path,
                                   [](const Note& n, std::string_view p) { return n.path < p; });
  return it != notes.end() && it->path == path ? &*it : nullptr;
}

void normalize_note_text(std::string& bytes) {
  strip_bom(bytes);
  normalize_line_ends(bytes);
}

std::size_t body_hash(std::string_view body) { return std::hash<std::string_view>{}(body); }

Note read_note(const std::string& path, std::string bytes, ReadNeeds needs) {
  Note note;
  note.path = path;
  const std::size_t slash = path.rfind('/');
  note.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (ends_with(note.name, ".md")) {
    note.name.resize(note.name.size() - 3);
  }
  note.size = bytes.size();
  strip_bom(bytes);
  if (!is_valid_utf8(bytes)) {
    const Position at = first_bad_byte(bytes);
    const bool nul = bytes.find('\0') != std::string::npos;
    note.readable = false;
    note.diagnostics.push_back(
        {{path, at.line, at.column},
         Severity::error,
         "file.encoding",
         "",
         nul ? "this file holds a NUL byte, so it is not a text note; remove the byte or move the file out of the vault"
             : "this file is not valid UTF-8 text; save it as UTF-8 in your editor (the first bad byte is here)"});
    return note;
  }
  normalize_line_ends(bytes);
  FrontmatterResult fm = parse_frontmatter(bytes, path);
  note.has_frontmatter_block = fm.has_block;
  note.frontmatter = std::move(fm.value);
  note.body_first_line = fm.body_first_line;
  note.diagnostics = std::move(fm.diagnostics);
  const std::string_view body = std::string_view(bytes).substr(std::min(fm.body_offset, bytes.size()));
  collect_frontmatter_facts(note);
  if (needs.body_facts) parse_body(body, note.body_first_line, note);
  if (needs.fingerprint_body) {
    note.body_size = body.size();
    note.body_hash = body_hash(body);
  }
  if (needs.keep_body) {
    note.body = body;
  }
  collect_frontmatter_links(note);
  return note;
}

void rename_note(Note& note, std::string path) {
  note.path = std::move(path);
  const std::size_t slash = note.path.rfind('/');
  note.name = note.path.substr(slash == std::string::npos ? 0 : slash + 1);
  if (ends_with(note.name, ".md")) note.name.resize(note.name.size() - 3);
}

void replace_frontmatter(Note& note, std::optional<Value> frontmatter) {
  Note facts;
  facts.frontmatter = std::move(frontmatter);
  collect_frontmatter_facts(facts);
  auto& tags = note.tags;
  tags.erase(std::remove_if(tags.begin(), tags.end(), [](const Tag& t) { return t.from_frontmatter; }), tags.end());
  tags.insert(tags.begin(), std::make_move_iterator(facts.tags.begin()), std::make_move_iterator(facts.tags.end()));
  note.aliases = std::move(facts.aliases);
  note.frontmatter = std::move(facts.frontmatter);
  collect_frontmatter_links(note);
}

Note rebuild_note(const Note& original, std::string path, std::optional<Value> frontmatter, std::string_view body,
                  bool keep_body) {
  Note note;
  rename_note(note, std::move(path));
  note.frontmatter = std::move(frontmatter);
  note.has_frontmatter_block = original.has_frontmatter_block;
  note.body_first_line = original.body_first_line;
  note.size = original.size;
  note.mtime = original.mtime;
  note.readable = original.readable;
  note.classes = original.classes;
  collect_frontmatter_facts(note);
  parse_body(body, note.body_first_line, note);
  note.body_size = body.size();
  note.body_hash = body_hash(body);
  if (keep_body) note.body = body;
  collect_frontmatter_links(note);
  return note;
}

bool has_tag(const Note& note, std::string_view tag) {
  if (!tag.empty() && tag[0] == '#') {
    tag.remove_prefix(1);
  }
  const std::string wanted = fold_key(tag);
  for (const auto& t : note.tags) {
    const std::string name = fold_key(t.name);
    if (name == wanted || (name.size() > wanted.size() && name.compare(0, wanted.size(), wanted) == 0 &&
                           name[wanted.size()] == '/')) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> classes_for(const Note& note, const std::vector<ClassRule>& rules) {
  std::vector<std::string> classes;
  if (note.frontmatter) {
    if (const Value* file_class = note.frontmatter->find("fileClass")) {
      for (auto& [word, pos] : string_values(*file_class, false)) {
        classes.push_back(std::move(word));
      }
    }
  }
  if (!classes.empty()) {
    return classes;
  }
  for (const auto& rule : rules) {
    const bool folder_ok = rule.folder.empty() || glob_match(rule.folder, note.path);
    const bool tag_ok = rule.tag.empty() || has_tag(note, rule.tag);
    if (folder_ok && tag_ok) {
      classes.push_back(rule.class_name);
      break;
    }
  }
  return classes;
}

bool is_ignored(std::string_view path, const std::vector<std::string>& ignore) {
  for (const auto& pattern : ignore) {
    std::string_view folder = pattern;
    while (!folder.empty() && folder.back() == '/') {
      folder.remove_suffix(1);
    }
    // A plain folder name ignores everything under it.
    if (!folder.empty() && path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
        path[folder.size()] == '/') {
      return true;
    }
    if (glob_match(pattern, path)) {
      return true;
    }
  }
  return false;
}

namespace {

/// A stamp this close to the time its file was read is not trusted (file systems that keep
/// modification times in seconds, or two writes within one tick).
constexpr std::int64_t k_untrusted_ns = 2'000'000'000;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

cache::FileStamp stamp_of(const FileEntry& file) { return {file.size, file.mtime_ns, file.inode}; }

/// The facts held for `file` in the cache when its stamp is unchanged and trusted (no body).
std::optional<Note> cached_note(const cache::CachedNote* entry, const FileEntry& file) {
  if (entry == nullptr || !(entry->stamp == stamp_of(file)) || file.mtime_ns + k_untrusted_ns > entry->read_ns) {
    return std::nullopt;
  }
  std::optional<Note> note = cache::decode_note(entry->facts);
  if (note && note->path != file.path) note.reset();
  return note;
}

/// The body of a note whose facts came from the cache, cut from its file's `bytes` as read_note
/// cuts it (from the line `body_first_line`); nothing when it is not the body those facts were
/// read from (its size or fingerprint differ: the file changed behind an unchanged stamp).
std::optional<std::string> cached_body(std::string bytes, const Note& facts) {
  strip_bom(bytes);
  normalize_line_ends(bytes);
  std::size_t offset = 0;
  for (int line = 1; line < facts.body_first_line && offset < bytes.size(); ++line) {
    const std::size_t end = bytes.find('\n', offset);
    offset = end == std::string::npos ? bytes.size() : end + 1;
  }
  const std::string_view body = std::string_view(bytes).substr(offset);
  if (body.size() != facts.body_size || body_hash(body) != facts.body_hash) return std::nullopt;
  return std::string(body);
}

/// The note of a file that could not be read, with the finding that says why.
Note unread_note(const FileEntry& file, const ReadResult& read) {
  Note note = read_note(file.path, "");
  note.readable = false;
  note.diagnostics.clear();
  const bool too_large = read.error == "too large";
  Diagnostic d;
  d.location = {file.path, 0, 0};
  d.rule = too_large ? "file.too-large" : read.rule;
  if (too_large) {
    d.message = "this note is " + human_size(file.size) +
                ", larger than the 16 MiB limit, so it was skipped; split it into smaller notes";
  } else if (read.rule == "file.unreadable") {
    d.message = "cannot read this file: " + read.error + "; check its permissions";
  } else {
    d.message = "this file was not read: " + read.error;  // changed since the walk: a link out, a FIFO
  }
  note.diagnostics.push_back(std::move(d));
  return note;
}

}  // namespace

Vault load_vault(const VaultOptions& options, const FileSystem& fs) {
  const auto started = std::chrono::steady_clock::now();
  const std::int64_t read_ns = now_ns();
  Vault vault;
  vault.root = options.root;
  WalkResult walk = fs.walk(options.root);
  for (const auto& problem : walk.problems) {
    if (!problem.path.empty() && is_ignored(problem.path, options.ignore)) {
      continue;
    }
    Diagnostic d;
    d.location = {problem.path, 0, 0};
    d.rule = problem.rule;
    d.message = problem.path.empty() ? problem.message : problem.path + " " + problem.message;
    vault.diagnostics.push_back(std::move(d));
  }
  std::vector<const FileEntry*> note_files;
  for (const auto& file : walk.files) {
    if (is_ignored(file.path, options.ignore)) {
      continue;
    }
    if (ends_with(file.path, ".md")) {
      note_files.push_back(&file);
    } else {
      vault.attachments.push_back(file.path);
    }
  }
  std::unordered_map<std::string, cache::CachedNote> cached;
  if (options.cache != nullptr) cached = options.cache->load();
  // Per note: the entry to store when it was read anew (facts empty when there is none).
  std::vector<cache::CachedNote> fresh(options.cache != nullptr ? note_files.size() : 0);
  std::vector<char> hit(note_files.size(), 0);
  vault.notes.resize(note_files.size());
  // Every note lands in its own slot, so the result is the same at any number of jobs.
  parallel_for(note_files.size(), options.jobs, [&](std::size_t i) {
    const FileEntry& file = *note_files[i];
    const auto entry = cached.find(file.path);
    std::optional<Note> from_cache = cached_note(entry == cached.end() ? nullptr : &entry->second, file);
    std::optional<ReadResult> read;
    if (from_cache && options.keep_body && from_cache->readable) {
      // The cache keeps no bodies: the body comes from the file, checked against the facts.
      read = fs.read(options.root, file.path, k_max_note_bytes);
      std::optional<std::string> body = read->ok ? cached_body(read->bytes, *from_cache) : std::nullopt;
      if (body) {
        from_cache->body = std::move(*body);
      } else {
        from_cache.reset();  // changed behind its stamp, or gone: read as if never cached
      }
    }
    Note note;
    if (from_cache) {
      note = std::move(*from_cache);
      hit[i] = 1;
      if (!options.fingerprint_body) note.body_size = note.body_hash = 0;
    } else {
      if (!read) read = fs.read(options.root, file.path, k_max_note_bytes);
      if (read->ok) {
        // A note read without its body facts is not what the cache keeps: it is not stored.
        const bool caching = options.cache != nullptr && options.body_facts;
        note = read_note(file.path, std::move(read->bytes),
                         {options.keep_body, options.fingerprint_body || caching, options.body_facts});
        if (caching) fresh[i] = {stamp_of(file), read_ns, cache::encode_note(note)};
        if (!options.fingerprint_body) note.body_size = note.body_hash = 0;
      } else {
        note = unread_note(file, *read);
      }
    }
    note.size = file.size;
    note.mtime = file.mtime;
    note.classes = classes_for(note, options.class_rules);
    if (options.after_read) {
      options.after_read(note);
    }
    note.links.shrink_to_fit();
    vault.notes[i] = std::move(note);
  });
  if (options.cache != nullptr) {
    std::vector<std::pair<std::string, cache::CachedNote>> changed;
    std::unordered_set<std::string> kept;
    for (std::size_t i = 0; i < note_files.size(); ++i) {
      if (hit[i] != 0) {
        kept.insert(note_files[i]->path);
      } else if (!fresh[i].facts.empty()) {
        kept.insert(note_files[i]->path);
        changed.emplace_back(note_files[i]->path, std::move(fresh[i]));
      }
    }
    std::vector<std::string> removed;
    for (const auto& [path, entry] : cached) {
      if (kept.count(path) == 0) removed.push_back(path);
    }
    if (!changed.empty() || !removed.empty()) options.cache->store(std::move(changed), std::move(removed));
  }
  vault.parse_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return vault;
}

}  // namespace mdvault::core
