#pragma once
// The schema compiler's state, shared by compile.cpp (documents, nodes), compile_keywords.cpp
// (one keyword at a time) and compile_refs.cpp ($ref resolution and the loop check).

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/schema/compiled.hpp"
#include "core/value.hpp"

namespace mdvault::core::schema {

/// Compiles one schema file (and the files its `$ref`s name) into a CompiledSchema.
class Compiler {
public:
  Compiler(CompiledSchema& out, std::vector<Diagnostic>& diagnostics, const CompileOptions& options)
      : m_out(out), m_diagnostics(diagnostics), m_options(options) {}

  bool run(std::unique_ptr<Value> root, const std::string& path);

private:
  struct PendingRef {
    Node* node;
    std::string base;
    bool dynamic = false;  ///< `$dynamicRef` rather than `$ref`
  };
  // A `$dynamicAnchor` found while indexing, compiled once the `$ref`s are resolved.
  struct PendingAnchor {
    std::string resource;
    std::string name;
    const Value* schema;
    std::size_t document;
  };
  struct Resource {
    const Value* value;
    std::size_t document;
  };

  void error(std::size_t doc, Position pos, std::string message);

  std::size_t add_document(std::unique_ptr<Value> root, const std::string& path, const std::string& uri);

  // The vocabularies of the meta-schema the document's `$schema` names, when it is known.
  void read_vocabularies(std::size_t doc);

  // The index of the schema resource `uri` in CompiledSchema::resources, added when new.
  std::size_t resource_index(const std::string& uri);

  // Registers every `$id` and `$anchor` of a document before any `$ref` is followed.
  void index(const Value& schema, const std::string& base, std::size_t doc, int depth);

  // The base URI inside `schema`, which sits under `parent_base`.
  std::string own_base(const Value& schema, const std::string& parent_base) const;

  Node* compile_node(const Value& v, const std::string& parent_base, std::size_t doc, int depth);

  struct Context {
    Node& node;
    const std::string& base;
    std::size_t doc;
    int depth;
  };

  // Keywords (compile_keywords.cpp).

  const Node* subschema(const Context& ctx, const Value& v);

  // Reports a keyword whose value has the wrong shape; returns `ok`.
  bool expect(const Context& ctx, const MapEntry& e, bool ok, std::string_view what);

  std::optional<std::size_t> count(const Context& ctx, const MapEntry& e);

  const Node* single_schema(const Context& ctx, const MapEntry& e);

  std::vector<const Node*> schema_list(const Context& ctx, const MapEntry& e);

  std::vector<std::pair<std::string, const Node*>> schema_map(const Context& ctx, const MapEntry& e);

  // A list of distinct strings (`required`, the lists of `dependentRequired`).
  std::optional<std::vector<std::string>> string_set(const Context& ctx, const MapEntry& e, const Value& list);

  std::unique_ptr<Regex> regex(const Context& ctx, std::string_view pattern, Position pos, std::string_view where);

  void compile_type(const Context& ctx, const MapEntry& e);

  void compile_enum(const Context& ctx, const MapEntry& e);

  void compile_x_link(const Context& ctx, const MapEntry& e);

  void unknown_keyword(const Context& ctx, const MapEntry& e);

  void compile_keyword(const Context& ctx, const MapEntry& e,
                       std::vector<std::pair<std::string, const Node*>>& properties);

  const Value* number(const Context& ctx, const MapEntry& e);

  static bool is_anchor_name(std::string_view s);

  // `properties` and `required` merged into one sorted table, so an object is checked in one pass.
  static void build_keys(Node& n, std::vector<std::pair<std::string, const Node*>> properties);

  // $ref resolution (compile_refs.cpp).

  void resolve(const PendingRef& pending);

  // What a `$ref` (or `$dynamicRef`) names: its text, keyword and position, for messages.
  struct RefText {
    const std::string& text;
    std::string_view keyword;
    Position position;
    std::size_t document;
  };

  std::optional<Resource> find_resource(const std::string& resource_uri, const RefText& ref);

  std::optional<std::size_t> load(const std::string& path, const std::string& shown, const RefText& ref);

  // Follows a JSON pointer ("/$defs/a~1b/0") from `root`; reports where it leads nowhere.
  const Value* follow_pointer(const Value& root, std::string_view pointer, const RefText& ref);

  // A `$ref` loop that never moves into a field or item would recurse forever: refuse it.
  void check_ref_loops();

  CompiledSchema& m_out;
  std::vector<Diagnostic>& m_diagnostics;
  const CompileOptions& m_options;
  std::vector<PendingAnchor> m_pending_anchors;
  std::unordered_map<std::string, std::size_t> m_resource_index;  ///< CompiledSchema::resources by URI
  std::filesystem::path m_folder;  ///< the root file's folder, canonical: no $ref leaves it
  bool m_failed = false;
  std::unordered_map<std::string, Resource> m_resources;                 ///< by URI, anchors as URI#name
  std::unordered_map<const Value*, std::string> m_base_of;               ///< base URI inside each indexed schema
  std::unordered_map<const Value*, Node*> m_nodes;                       ///< one node per schema value
  std::unordered_map<std::string, std::optional<std::size_t>> m_loaded;  ///< other files, by URI
  std::vector<PendingRef> m_pending;
};

}  // namespace mdvault::core::schema
