// Resolving `$ref`: URI references against the base of the referring schema, JSON pointers,
// `$anchor`s, other schema files (loaded once each), and the check that no `$ref` loop can
// recurse forever.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/file_system.hpp"
#include "core/schema/compiler.hpp"
#include "core/schema/uri.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::schema {

void Compiler::resolve(const PendingRef& pending) {
  Node& n = *pending.node;
  const RefText ref{pending.dynamic ? n.dynamic_ref_text : n.ref_text, pending.dynamic ? "$dynamicRef" : "$ref",
                    pending.dynamic ? n.dynamic_ref_position : n.ref_position, n.document};
  const std::string absolute = resolve_uri(pending.base, ref.text);
  const std::size_t hash = absolute.find('#');
  const std::string resource_uri = absolute.substr(0, hash);
  const std::string fragment = hash == std::string::npos ? "" : percent_decode(absolute.substr(hash + 1));
  const std::string where = std::string(ref.keyword) + " " + in_quotes(ref.text);

  std::optional<Resource> resource = find_resource(resource_uri, ref);
  if (!resource) {
    return;  // reported
  }
  const Value* target = resource->value;
  if (!fragment.empty() && fragment.front() == '/') {
    target = follow_pointer(*target, fragment, ref);
    if (target == nullptr) {
      return;
    }
  } else if (!fragment.empty()) {
    const auto anchor = m_resources.find(resource_uri + "#" + fragment);
    if (anchor == m_resources.end()) {
      error(n.document, ref.position, where + " points to nothing: no schema there has \"$anchor: " + fragment + "\"");
      return;
    }
    target = anchor->second.value;
  }
  const Node* node = compile_node(*target, resource_uri, resource->document, 0);
  if (!pending.dynamic) {
    n.ref = node;
    return;
  }
  n.dynamic_ref = node;
  // Only a plain-name fragment that lands on a `$dynamicAnchor` of that name is dynamic.
  const Value* anchor_name = target->is_map() ? target->find("$dynamicAnchor") : nullptr;
  if (!fragment.empty() && fragment.front() != '/' && anchor_name != nullptr && anchor_name->is_string() &&
      anchor_name->as_string() == fragment) {
    n.dynamic_name = fragment;
  }
}

std::optional<Compiler::Resource> Compiler::find_resource(const std::string& resource_uri, const RefText& ref) {
  if (const auto it = m_resources.find(resource_uri); it != m_resources.end()) {
    return it->second;
  }
  // A document the caller serves from memory (never a file, never the network).
  if (m_options.documents != nullptr && !resource_uri.starts_with("file:")) {
    if (const Value* served = m_options.documents->find_document(resource_uri)) {
      const std::size_t doc = add_document(std::make_unique<Value>(*served), resource_uri, resource_uri);
      return Resource{m_out.documents[doc].root.get(), doc};
    }
  }
  // Another schema file: by the resolved file URI, or relative to the referring file even
  // when an `$id` gave that file some other base.
  const std::string ref_resource = ref.text.substr(0, ref.text.find('#'));
  const Document& from = m_out.documents[ref.document];
  std::string path;
  std::string shown;
  if (!ref_resource.empty() && parse_uri(ref_resource).scheme.empty()) {
    const std::string uri = strip_fragment(resolve_uri(from.uri, ref_resource));
    path = percent_decode(parse_uri(uri).path);
    shown = (std::filesystem::path(from.path).parent_path() / percent_decode(ref_resource))
                .lexically_normal()
                .generic_string();
  } else if (resource_uri.starts_with("file://")) {
    path = percent_decode(parse_uri(resource_uri).path);
    shown = path;
  } else {
    error(ref.document, ref.position,
          std::string(ref.keyword) + " " + in_quotes(ref.text) +
              " points to a schema mdvault cannot find: refer to a part of this file (\"#/$defs/name\") "
              "or to another schema file by its relative path (\"other.schema.yaml#/$defs/name\")");
    return std::nullopt;
  }
  const std::optional<std::size_t> doc = load(path, shown, ref);
  if (!doc) {
    return std::nullopt;
  }
  // The file may have been registered under its own URI only: take its root.
  return Resource{m_out.documents[*doc].root.get(), *doc};
}

namespace {

bool has_schema_suffix(const std::filesystem::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

std::optional<std::size_t> Compiler::load(const std::string& path, const std::string& shown, const RefText& ref) {
  const std::string uri = file_uri(path);
  if (const auto it = m_loaded.find(uri); it != m_loaded.end()) {
    if (!it->second) {
      m_failed = true;
    }
    return it->second;
  }
  // Where the file really is, symbolic links followed: a $ref may only reach a schema file of
  // the schema folder, and nothing of a refused file is read, so no message can show its text.
  const std::string where = std::string(ref.keyword) + " " + in_quotes(ref.text) + " names the file " + shown;
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(path, ec);
  std::string refused;
  if (ec) {
    refused = where + ", which does not exist";
  } else if (!is_path_inside(real, m_folder)) {
    refused = where + ", which is outside the schema folder " + m_folder.generic_string() +
              ": a $ref may only name schema files inside that folder (symbolic links followed), so it was not read";
  } else if (!std::filesystem::is_regular_file(real, ec)) {
    refused = where + ", which is not a regular file, so it was not read";
  } else if (!has_schema_suffix(real)) {
    refused = where + ", which is not a schema file (.yaml, .yml or .json), so it was not read";
  }
  if (!refused.empty()) {
    error(ref.document, ref.position, refused);
    m_loaded.emplace(uri, std::nullopt);
    return std::nullopt;
  }
  std::unique_ptr<Value> root = read_schema_file(shown, m_diagnostics, real.string());
  if (root && !root->is_map() && !root->is_bool()) {
    root.reset();  // said without the value: the file's text is never quoted
    error(ref.document, ref.position, where + ", which holds no schema (a mapping of keywords, or true or false)");
    m_loaded.emplace(uri, std::nullopt);
    return std::nullopt;
  }
  if (!root) {
    error(ref.document, ref.position, where + ", which cannot be used (see its errors)");
    m_loaded.emplace(uri, std::nullopt);
    return std::nullopt;
  }
  const std::size_t doc = add_document(std::move(root), shown, uri);
  m_loaded.emplace(uri, doc);
  return doc;
}

const Value* Compiler::follow_pointer(const Value& root, std::string_view pointer, const RefText& ref) {
  const Value* current = &root;
  std::string walked = "the document";
  std::size_t pos = 1;  // past the leading '/'
  while (true) {
    const std::size_t slash = pointer.find('/', pos);
    std::string token(pointer.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos));
    for (std::size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
        token.replace(i, 2, token[i + 1] == '0' ? "~" : "/");
      }
    }
    const Value* next = nullptr;
    if (current->is_map()) {
      next = current->find(token);
    } else if (current->is_list() && !token.empty() &&
               std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
               (token == "0" || token.front() != '0') && token.size() < 10) {
      const auto index = static_cast<std::size_t>(std::stoul(token));
      next = index < current->as_list().size() ? &current->as_list()[index] : nullptr;
    }
    if (next == nullptr) {
      std::string message =
          std::string(ref.keyword) + " " + in_quotes(ref.text) + " points to nothing: there is no " + in_quotes(token) + " in " + walked;
      if (current->is_map()) {
        std::vector<std::string> keys;
        for (const MapEntry& entry : current->as_map()) {
          keys.push_back(entry.key);
        }
        if (const auto hint = closest_match(token, keys)) {
          message += ". Did you mean " + in_quotes(*hint) + "?";
        }
      }
      error(ref.document, ref.position, message);
      return nullptr;
    }
    current = next;
    walked = token;
    if (slash == std::string_view::npos) {
      return current;
    }
    pos = slash + 1;
  }
}

void Compiler::check_ref_loops() {
  enum class Mark : std::uint8_t { visiting, done };
  std::unordered_map<const Node*, Mark> marks;
  struct Frame {
    const Node* node;
    std::vector<const Node*> next;
    std::size_t i = 0;
  };
  const auto in_place = [](const Node* n) {
    std::vector<const Node*> out(n->all_of.begin(), n->all_of.end());
    out.insert(out.end(), n->any_of.begin(), n->any_of.end());
    out.insert(out.end(), n->one_of.begin(), n->one_of.end());
    for (const Node* c : {n->not_schema, n->if_schema, n->then_schema, n->else_schema, n->ref, n->dynamic_ref}) {
      if (c != nullptr) {
        out.push_back(c);
      }
    }
    for (const DependentSchema& d : n->dependent_schemas) {
      out.push_back(d.schema);
    }
    return out;
  };
  for (const Node& start : m_out.nodes) {
    if (marks.contains(&start)) {
      continue;
    }
    std::vector<Frame> stack;
    stack.push_back(Frame{&start, in_place(&start)});
    marks[&start] = Mark::visiting;
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.i == top.next.size()) {
        marks[top.node] = Mark::done;
        stack.pop_back();
        continue;
      }
      const Node* child = top.next[top.i++];
      const auto it = marks.find(child);
      if (it == marks.end()) {
        marks[child] = Mark::visiting;
        stack.push_back(Frame{child, in_place(child)});
      } else if (it->second == Mark::visiting) {
        // Only a $ref (or $dynamicRef) edge can lead back to a schema still being visited.
        const bool dynamic = top.node->ref == nullptr;
        error(top.node->document, dynamic ? top.node->dynamic_ref_position : top.node->ref_position,
              (dynamic ? "$dynamicRef " + in_quotes(top.node->dynamic_ref_text) : "$ref " + in_quotes(top.node->ref_text)) +
                  " makes a loop: it leads back to itself without going into a field or list item, so "
                  "checking would never end");
      }
    }
  }
}

}  // namespace mdvault::core::schema
