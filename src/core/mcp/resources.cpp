#include "core/mcp/resources.hpp"

#include "core/json_value.hpp"
#include "core/link_graph.hpp"
#include "core/mcp/json_build.hpp"
#include "core/mcp/paging.hpp"

namespace mdvault::core::mcp {

namespace {

constexpr std::string_view k_note_prefix = "mdvault://note/";
constexpr std::string_view k_name_prefix = "mdvault://name/";

/// True for RFC 3986 unreserved characters, which stay as they are.
bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string encode_segment(std::string_view segment) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : segment) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c)) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4U];
      out += k_hex[c & 0x0FU];
    }
  }
  return out;
}

/// The note's text as shared: frontmatter as JSON between --- lines, then the body; cut at
/// k_max_resource_bytes.
std::string note_text(const Note& note) {
  std::string out;
  if (note.frontmatter && note.frontmatter->is_map()) out = "---\n" + to_json_text(*note.frontmatter) + "\n---\n";
  out += note.body;
  if (out.size() > k_max_resource_bytes) {
    std::size_t end = k_max_resource_bytes;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0U) == 0x80U) --end;
    out.resize(end);
    out +=
        "\n\n[mdvault: the note is longer than 1 MiB and was cut here; the show_note tool reads all of it in pages]\n";
  }
  return out;
}

}  // namespace

std::string note_uri(std::string_view path) {
  std::string out(k_note_prefix);
  std::size_t start = 0;
  while (true) {
    const auto slash = path.find('/', start);
    out += encode_segment(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int hi = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Value list_resources(const VaultIndex& index, std::size_t offset) {
  const auto& notes = index.vault().notes;
  Value resources = list();
  std::size_t i = offset;
  for (; i < notes.size() && i < offset + k_resources_per_page; ++i) {
    const Note& note = notes[i];
    if (!note.readable) continue;
    append(resources, object({{"uri", text(note_uri(note.path))},
                              {"name", text(note.path)},
                              {"title", text(note_title(note))},
                              {"mimeType", text("text/markdown")}}));
  }
  Value out = object({{"resources", std::move(resources)}});
  if (i < notes.size()) set(out, "nextCursor", text(cursor_for(i)));
  return out;
}

Value list_resource_templates() {
  return object({{"resourceTemplates",
                  list({object({{"uriTemplate", text("mdvault://note/{+path}")},
                                {"name", text("note-by-path")},
                                {"title", text("A note by its path in the vault")},
                                {"description", text("The note at a vault-relative path, e.g. Styles/Secure.md")},
                                {"mimeType", text("text/markdown")}}),
                        object({{"uriTemplate", text("mdvault://name/{name}")},
                                {"name", text("note-by-name")},
                                {"title", text("A note by its name")},
                                {"description", text("The note a [[name]] link opens (aliases too)")},
                                {"mimeType", text("text/markdown")}})})}});
}

std::variant<Value, ResourceProblem> read_resource(const VaultIndex& index, std::string_view uri) {
  const bool by_path = uri.starts_with(k_note_prefix);
  const bool by_name = uri.starts_with(k_name_prefix);
  if (!by_path && !by_name) {
    return ResourceProblem{"'" + std::string(uri) +
                           "' is not a resource of this server: note URIs are mdvault://note/<path> or "
                           "mdvault://name/<name> (resources/list gives them)"};
  }
  const auto decoded = percent_decode(uri.substr(by_path ? k_note_prefix.size() : k_name_prefix.size()));
  if (!decoded) return ResourceProblem{"the URI '" + std::string(uri) + "' has a '%' not followed by two hex digits"};
  const Note* note = nullptr;
  if (by_path) {
    if (auto problem = VaultIndex::path_problem(*decoded)) return ResourceProblem{*problem};
    note = index.vault().find(*decoded);
    if (note == nullptr) {
      auto found = index.find_note(*decoded);
      if (auto* error = std::get_if<std::string>(&found)) return ResourceProblem{*error};
      note = std::get<const Note*>(found);
      if (note->path != *decoded) {
        return ResourceProblem{"there is no note at '" + *decoded + "'. Did you mean '" + note_uri(note->path) + "'?"};
      }
    }
  } else {
    auto found = index.find_note(*decoded);
    if (auto* error = std::get_if<std::string>(&found)) return ResourceProblem{*error};
    note = std::get<const Note*>(found);
  }
  if (!note->readable) return ResourceProblem{"the note '" + note->path + "' could not be read (run mdvault lint)"};
  return object(
      {{"contents",
        list({object({{"uri", text(uri)}, {"mimeType", text("text/markdown")}, {"text", text(note_text(*note))}})})}});
}

}  // namespace mdvault::core::mcp
