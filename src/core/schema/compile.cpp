// Compiling a schema document into Nodes: the documents and their `$id`/`$anchor` index, one
// Node per subschema, and the entry point. Keywords are in compile_keywords.cpp, `$ref`
// resolution and the loop check in compile_refs.cpp.
#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "core/schema/compiler.hpp"
#include "core/schema/uri.hpp"

namespace mdvault::core::schema {
namespace {

// Deeper schemas are refused rather than risking the stack on hostile input.
constexpr int k_max_schema_depth = 200;

// Calls `visit` on each direct subschema of a schema mapping (the keywords that hold schemas).
template <class Visit> void for_each_subschema(const Value& schema, Visit&& visit) {
  for (const MapEntry& e : schema.as_map()) {
    const std::string& k = e.key;
    if (k == "additionalProperties" || k == "propertyNames" || k == "items" || k == "contains" || k == "not" ||
        k == "if" || k == "then" || k == "else") {
      visit(e.value);
    } else if ((k == "properties" || k == "patternProperties" || k == "$defs" || k == "dependentSchemas") &&
               e.value.is_map()) {
      for (const MapEntry& sub : e.value.as_map()) {
        visit(sub.value);
      }
    } else if ((k == "allOf" || k == "anyOf" || k == "oneOf" || k == "prefixItems") && e.value.is_list()) {
      for (const Value& sub : e.value.as_list()) {
        visit(sub);
      }
    }
  }
}

}  // namespace

bool Compiler::run(std::unique_ptr<Value> root, const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  m_folder = std::filesystem::weakly_canonical(std::filesystem::absolute(parent.empty() ? "." : parent, ec), ec);
  const std::string uri = file_uri(path);
  const std::size_t doc = add_document(std::move(root), path, uri);
  const Value& root_value = *m_out.documents[doc].root;
  m_out.root = compile_node(root_value, uri, doc, 0);
  while (!m_pending.empty()) {
    const PendingRef pending = std::move(m_pending.back());
    m_pending.pop_back();
    resolve(pending);
  }
  if (!m_failed) {
    check_ref_loops();
  }
  return !m_failed;
}

void Compiler::error(std::size_t doc, Position pos, std::string message) {
  m_failed = true;
  Diagnostic d;
  d.location = SourceLocation{m_out.documents[doc].path, pos.line, pos.column};
  d.severity = Severity::error;
  d.rule = "schema.file";
  d.message = std::move(message);
  m_diagnostics.push_back(std::move(d));
}

std::size_t Compiler::add_document(std::unique_ptr<Value> root, const std::string& path, const std::string& uri) {
  const std::size_t doc = m_out.documents.size();
  const Value* value = root.get();
  m_out.documents.push_back(Document{std::move(root), path, uri});
  m_resources.emplace(uri, Resource{value, doc});
  index(*value, uri, doc, 0);
  return doc;
}

void Compiler::index(const Value& schema, const std::string& base, std::size_t doc, int depth) {
  if (!schema.is_map() || depth > k_max_schema_depth) {
    return;
  }
  std::string own = base;
  if (const Value* id = schema.find("$id"); id != nullptr && id->is_string()) {
    own = strip_fragment(resolve_uri(base, id->as_string()));
    m_resources.emplace(own, Resource{&schema, doc});
  }
  if (const Value* anchor = schema.find("$anchor"); anchor != nullptr && anchor->is_string()) {
    m_resources.emplace(own + "#" + anchor->as_string(), Resource{&schema, doc});
  }
  m_base_of.emplace(&schema, own);
  for_each_subschema(schema, [&](const Value& sub) { index(sub, own, doc, depth + 1); });
}

std::string Compiler::own_base(const Value& schema, const std::string& parent_base) const {
  if (const auto it = m_base_of.find(&schema); it != m_base_of.end()) {
    return it->second;
  }
  if (const Value* id = schema.find("$id"); id != nullptr && id->is_string()) {
    return strip_fragment(resolve_uri(parent_base, id->as_string()));
  }
  return parent_base;
}

Node* Compiler::compile_node(const Value& v, const std::string& parent_base, std::size_t doc, int depth) {
  if (const auto it = m_nodes.find(&v); it != m_nodes.end()) {
    return it->second;
  }
  Node& n = m_out.nodes.emplace_back();
  n.source = &v;
  n.document = doc;
  m_nodes.emplace(&v, &n);
  if (v.is_bool()) {
    n.is_boolean = true;
    n.boolean_value = v.as_bool();
    return &n;
  }
  if (!v.is_map()) {
    error(doc, v.position,
          "a schema must be a mapping of keywords, or true or false, but this is " + describe_value(v));
    return &n;
  }
  if (depth > k_max_schema_depth) {
    error(doc, v.position, "the schema is nested more than " + std::to_string(k_max_schema_depth) + " levels deep");
    return &n;
  }
  const std::string base = own_base(v, parent_base);
  Context ctx{n, base, doc, depth};
  std::vector<std::pair<std::string, const Node*>> properties;
  for (const MapEntry& e : v.as_map()) {
    compile_keyword(ctx, e, properties);
  }
  build_keys(n, std::move(properties));
  n.names_only = n.pattern_properties.empty() && n.additional_properties == nullptr && n.property_names == nullptr;
  n.has_number_keywords = n.minimum != nullptr || n.maximum != nullptr || n.exclusive_minimum != nullptr ||
                          n.exclusive_maximum != nullptr || n.multiple_of != nullptr;
  n.has_string_keywords =
      n.min_length || n.max_length || n.pattern || n.format != Format::none || n.link != LinkRule::none;
  n.has_array_keywords = n.min_items || n.max_items || !n.prefix_items.empty() || n.items != nullptr ||
                         n.contains != nullptr || n.unique_items || n.link != LinkRule::none;
  n.has_object_keywords = !n.names_only || !n.keys.empty() || n.min_properties || n.max_properties ||
                          !n.dependent_required.empty() || !n.dependent_schemas.empty();
  n.has_in_place_keywords = !n.ref_text.empty() || !n.all_of.empty() || !n.any_of.empty() || !n.one_of.empty() ||
                            n.not_schema != nullptr || n.if_schema != nullptr;
  return &n;
}

const PropertyKey* Node::find_key(std::string_view name) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), name,
                                   [](const PropertyKey& k, std::string_view n) { return key_less(k.name, n); });
  return it != keys.end() && it->name == name ? &*it : nullptr;
}

std::unique_ptr<CompiledSchema> compile_schema(std::unique_ptr<Value> root, const std::string& path,
                                               std::vector<Diagnostic>& diagnostics) {
  auto compiled = std::make_unique<CompiledSchema>();
  compiled->file = path;
  Compiler compiler(*compiled, diagnostics);
  if (!compiler.run(std::move(root), path)) {
    return nullptr;
  }
  return compiled;
}

}  // namespace mdvault::core::schema
