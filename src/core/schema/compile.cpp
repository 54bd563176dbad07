// Compiling a schema document into Nodes: the documents and their `$id`/`$anchor` index, one
// Node per subschema, and the entry point. Keywords are in compile_keywords.cpp, `$ref`
// resolution and the loop check in compile_refs.cpp.
#include <algorithm>
#include <array>
#include <string_view>
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
        k == "if" || k == "then" || k == "else" || k == "unevaluatedProperties" || k == "unevaluatedItems" ||
        k == "contentSchema") {
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
  // Resolving a `$ref` can load a document with more anchors; compiling an anchor can add `$ref`s.
  while (!m_pending.empty() || !m_pending_anchors.empty()) {
    while (!m_pending.empty()) {
      const PendingRef pending = std::move(m_pending.back());
      m_pending.pop_back();
      resolve(pending);
    }
    while (!m_pending_anchors.empty()) {
      const PendingAnchor anchor = std::move(m_pending_anchors.back());
      m_pending_anchors.pop_back();
      const Node* node = compile_node(*anchor.schema, anchor.resource, anchor.document, 0);
      m_out.resources[resource_index(anchor.resource)].dynamic_anchors.emplace_back(anchor.name, node);
    }
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
  read_vocabularies(doc);
  index(*value, uri, doc, 0);
  return doc;
}

void Compiler::read_vocabularies(std::size_t doc) {
  constexpr std::string_view k_vocab = "https://json-schema.org/draft/2020-12/vocab/";
  constexpr std::array<std::string_view, 8> k_known{"core",       "applicator",        "unevaluated",
                                                    "validation", "meta-data",         "format-annotation",
                                                    "format-assertion", "content"};
  Document& d = m_out.documents[doc];
  const Value* schema_uri = d.root->is_map() ? d.root->find("$schema") : nullptr;
  if (schema_uri == nullptr || !schema_uri->is_string()) {
    return;
  }
  const std::string uri = strip_fragment(schema_uri->as_string());
  const Value* meta = nullptr;
  if (const auto it = m_resources.find(uri); it != m_resources.end()) {
    meta = it->second.value;
  } else if (m_options.documents != nullptr) {
    meta = m_options.documents->find_document(uri);
  }
  const Value* vocabularies = meta != nullptr && meta->is_map() ? meta->find("$vocabulary") : nullptr;
  if (vocabularies == nullptr || !vocabularies->is_map()) {
    return;  // an unknown meta-schema, or one without `$vocabulary`: every vocabulary applies
  }
  d.validation_vocabulary = false;
  for (const MapEntry& e : vocabularies->as_map()) {
    const std::string_view name = std::string_view(e.key).starts_with(k_vocab)
                                      ? std::string_view(e.key).substr(k_vocab.size())
                                      : std::string_view();
    const bool known = std::find(k_known.begin(), k_known.end(), name) != k_known.end();
    d.validation_vocabulary = d.validation_vocabulary || name == "validation";
    d.format_assertion = d.format_assertion || name == "format-assertion";
    if (!known && e.value.is_bool() && e.value.as_bool()) {
      error(doc, schema_uri->position,
            "the meta-schema " + in_quotes(uri) + " requires the vocabulary " + in_quotes(e.key) +
                ", which mdvault does not know");
    }
  }
}

std::size_t Compiler::resource_index(const std::string& uri) {
  const auto [it, fresh] = m_resource_index.emplace(uri, m_out.resources.size());
  if (fresh) {
    m_out.resources.push_back(SchemaResource{uri, {}});
  }
  return it->second;
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
  // A `$dynamicAnchor` is also a plain anchor for `$ref`.
  if (const Value* anchor = schema.find("$dynamicAnchor"); anchor != nullptr && anchor->is_string()) {
    m_resources.emplace(own + "#" + anchor->as_string(), Resource{&schema, doc});
    m_pending_anchors.push_back(PendingAnchor{own, anchor->as_string(), &schema, doc});
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
  n.resource = resource_index(base);
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
  n.has_in_place_keywords = !n.ref_text.empty() || !n.dynamic_ref_text.empty() || !n.all_of.empty() || !n.any_of.empty() || !n.one_of.empty() ||
                            n.not_schema != nullptr || n.if_schema != nullptr;
  return &n;
}

const PropertyKey* Node::find_key(std::string_view name) const {
  const auto it = std::lower_bound(keys.begin(), keys.end(), name,
                                   [](const PropertyKey& k, std::string_view n) { return key_less(k.name, n); });
  return it != keys.end() && it->name == name ? &*it : nullptr;
}

std::unique_ptr<CompiledSchema> compile_schema(std::unique_ptr<Value> root, const std::string& path,
                                               std::vector<Diagnostic>& diagnostics, const CompileOptions& options) {
  auto compiled = std::make_unique<CompiledSchema>();
  compiled->file = path;
  Compiler compiler(*compiled, diagnostics, options);
  if (!compiler.run(std::move(root), path)) {
    return nullptr;
  }
  return compiled;
}

}  // namespace mdvault::core::schema
