// Compiling a schema document into Nodes: keyword checks (with "did you mean"), $ref
// resolution (JSON pointers, $id and $anchor, other schema files) and the $ref loop check.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <limits>
#include <unordered_map>
#include <utility>

#include "core/schema/compiled.hpp"
#include "core/suggest.hpp"

namespace mdvault::core::schema {
namespace {

// Deeper schemas are refused rather than risking the stack on hostile input.
constexpr int k_max_schema_depth = 200;
// Enums longer than this also get a hash set of their strings.
constexpr std::size_t k_enum_hash_threshold = 16;

enum class Keyword {
  type,
  enum_values,
  const_value,
  properties,
  required,
  additional_properties,
  pattern_properties,
  property_names,
  min_properties,
  max_properties,
  items,
  prefix_items,
  contains,
  min_contains,
  max_contains,
  min_items,
  max_items,
  unique_items,
  min_length,
  max_length,
  pattern,
  format,
  minimum,
  maximum,
  exclusive_minimum,
  exclusive_maximum,
  multiple_of,
  all_of,
  any_of,
  one_of,
  not_schema,
  if_schema,
  then_schema,
  else_schema,
  dependent_required,
  dependent_schemas,
  ref,
  defs,
  id,
  anchor,
  schema,
  title,
  description,
  default_value,
  deprecated,
  comment,
  examples,
  read_only,
  write_only,
  x_link,
  x_severity,
  x_message,
};

struct KeywordName {
  std::string_view name;
  Keyword keyword;
};

constexpr std::array k_keywords{
    KeywordName{"type", Keyword::type},
    KeywordName{"enum", Keyword::enum_values},
    KeywordName{"const", Keyword::const_value},
    KeywordName{"properties", Keyword::properties},
    KeywordName{"required", Keyword::required},
    KeywordName{"additionalProperties", Keyword::additional_properties},
    KeywordName{"patternProperties", Keyword::pattern_properties},
    KeywordName{"propertyNames", Keyword::property_names},
    KeywordName{"minProperties", Keyword::min_properties},
    KeywordName{"maxProperties", Keyword::max_properties},
    KeywordName{"items", Keyword::items},
    KeywordName{"prefixItems", Keyword::prefix_items},
    KeywordName{"contains", Keyword::contains},
    KeywordName{"minContains", Keyword::min_contains},
    KeywordName{"maxContains", Keyword::max_contains},
    KeywordName{"minItems", Keyword::min_items},
    KeywordName{"maxItems", Keyword::max_items},
    KeywordName{"uniqueItems", Keyword::unique_items},
    KeywordName{"minLength", Keyword::min_length},
    KeywordName{"maxLength", Keyword::max_length},
    KeywordName{"pattern", Keyword::pattern},
    KeywordName{"format", Keyword::format},
    KeywordName{"minimum", Keyword::minimum},
    KeywordName{"maximum", Keyword::maximum},
    KeywordName{"exclusiveMinimum", Keyword::exclusive_minimum},
    KeywordName{"exclusiveMaximum", Keyword::exclusive_maximum},
    KeywordName{"multipleOf", Keyword::multiple_of},
    KeywordName{"allOf", Keyword::all_of},
    KeywordName{"anyOf", Keyword::any_of},
    KeywordName{"oneOf", Keyword::one_of},
    KeywordName{"not", Keyword::not_schema},
    KeywordName{"if", Keyword::if_schema},
    KeywordName{"then", Keyword::then_schema},
    KeywordName{"else", Keyword::else_schema},
    KeywordName{"dependentRequired", Keyword::dependent_required},
    KeywordName{"dependentSchemas", Keyword::dependent_schemas},
    KeywordName{"$ref", Keyword::ref},
    KeywordName{"$defs", Keyword::defs},
    KeywordName{"$id", Keyword::id},
    KeywordName{"$anchor", Keyword::anchor},
    KeywordName{"$schema", Keyword::schema},
    KeywordName{"title", Keyword::title},
    KeywordName{"description", Keyword::description},
    KeywordName{"default", Keyword::default_value},
    KeywordName{"deprecated", Keyword::deprecated},
    KeywordName{"$comment", Keyword::comment},
    KeywordName{"examples", Keyword::examples},
    KeywordName{"readOnly", Keyword::read_only},
    KeywordName{"writeOnly", Keyword::write_only},
    KeywordName{"x-link", Keyword::x_link},
    KeywordName{"x-severity", Keyword::x_severity},
    KeywordName{"x-message", Keyword::x_message},
};

// Keywords of JSON Schema (2020-12 or older drafts) that mdvault does not implement, with advice.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> k_unsupported{{
    {"$dynamicRef", "use $ref"},
    {"$dynamicAnchor", "use $ref with a JSON pointer"},
    {"$recursiveRef", "use $ref"},
    {"$recursiveAnchor", "use $ref with a JSON pointer"},
    {"$vocabulary", "remove it: mdvault always uses the 2020-12 keywords it lists"},
    {"unevaluatedProperties", "use additionalProperties"},
    {"unevaluatedItems", "use items together with prefixItems"},
    {"contentEncoding", "remove it"},
    {"contentMediaType", "remove it"},
    {"contentSchema", "remove it"},
    {"definitions", "JSON Schema 2020-12 calls it $defs"},
    {"dependencies", "JSON Schema 2020-12 splits it into dependentRequired and dependentSchemas"},
    {"additionalItems", "JSON Schema 2020-12 uses items together with prefixItems"},
}};

// Words people write for a type, and the JSON Schema name they mean.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> k_type_aliases{{
    {"int", "integer"},
    {"float", "number"},
    {"double", "number"},
    {"bool", "boolean"},
    {"str", "string"},
    {"text", "string"},
    {"list", "array"},
    {"map", "object"},
    {"dict", "object"},
    {"mapping", "object"},
    {"none", "null"},
}};

constexpr std::array<std::pair<std::string_view, std::uint8_t>, 7> k_type_names{{
    {"null", k_type_null},
    {"boolean", k_type_boolean},
    {"integer", k_type_integer},
    {"number", k_type_number},
    {"string", k_type_string},
    {"array", k_type_array},
    {"object", k_type_object},
}};

std::optional<Keyword> find_keyword(std::string_view name) {
  for (const KeywordName& k : k_keywords) {
    if (k.name == name) {
      return k.keyword;
    }
  }
  return std::nullopt;
}

std::vector<std::string> keyword_names() {
  std::vector<std::string> names;
  for (const KeywordName& k : k_keywords) {
    names.emplace_back(k.name);
  }
  return names;
}

std::string in_quotes(std::string_view s) { return "\"" + std::string(s) + "\""; }

// ---- URI references (RFC 3986 section 5) -------------------------------------------------

struct Uri {
  std::string scheme;
  bool has_authority = false;
  std::string authority;
  std::string path;
  bool has_query = false;
  std::string query;
  bool has_fragment = false;
  std::string fragment;
};

bool is_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
}

Uri parse_uri(std::string_view s) {
  Uri u;
  if (const std::size_t hash = s.find('#'); hash != std::string_view::npos) {
    u.has_fragment = true;
    u.fragment = s.substr(hash + 1);
    s = s.substr(0, hash);
  }
  if (const std::size_t question = s.find('?'); question != std::string_view::npos) {
    u.has_query = true;
    u.query = s.substr(question + 1);
    s = s.substr(0, question);
  }
  if (const std::size_t colon = s.find(':');
      colon != std::string_view::npos && colon < s.find('/') && is_scheme(s.substr(0, colon))) {
    u.scheme = s.substr(0, colon);
    s = s.substr(colon + 1);
  }
  if (s.substr(0, 2) == "//") {
    s = s.substr(2);
    const std::size_t slash = s.find('/');
    u.has_authority = true;
    u.authority = s.substr(0, slash);
    s = slash == std::string_view::npos ? std::string_view() : s.substr(slash);
  }
  u.path = s;
  return u;
}

std::string remove_dot_segments(std::string in) {
  std::string out;
  const auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("../")) {
      in.erase(0, 3);
    } else if (in.starts_with("./")) {
      in.erase(0, 2);
    } else if (in.starts_with("/./")) {
      in.replace(0, 3, "/");
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.replace(0, 4, "/");
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else if (in == "." || in == "..") {
      in.clear();
    } else {
      const std::size_t end = in.find('/', 1);
      out += in.substr(0, end);
      in.erase(0, end);
    }
  }
  return out;
}

std::string compose(const Uri& u, bool with_fragment) {
  std::string s;
  if (!u.scheme.empty()) {
    s += u.scheme + ":";
  }
  if (u.has_authority) {
    s += "//" + u.authority;
  }
  s += u.path;
  if (u.has_query) {
    s += "?" + u.query;
  }
  if (with_fragment && u.has_fragment) {
    s += "#" + u.fragment;
  }
  return s;
}

// Resolves a URI reference against a base URI (RFC 3986 section 5.2.2).
std::string resolve_uri(std::string_view base_text, std::string_view reference) {
  const Uri r = parse_uri(reference);
  if (!r.scheme.empty()) {
    Uri t = r;
    t.path = remove_dot_segments(r.path);
    return compose(t, true);
  }
  const Uri b = parse_uri(base_text);
  Uri t;
  t.scheme = b.scheme;
  if (r.has_authority) {
    t.has_authority = true;
    t.authority = r.authority;
    t.path = remove_dot_segments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    t.has_authority = b.has_authority;
    t.authority = b.authority;
    if (r.path.empty()) {
      t.path = b.path;
      t.has_query = r.has_query || b.has_query;
      t.query = r.has_query ? r.query : b.query;
    } else {
      if (r.path.front() == '/') {
        t.path = remove_dot_segments(r.path);
      } else if (b.has_authority && b.path.empty()) {
        t.path = remove_dot_segments("/" + r.path);
      } else {
        const std::size_t slash = b.path.rfind('/');
        t.path = remove_dot_segments((slash == std::string::npos ? "" : b.path.substr(0, slash + 1)) + r.path);
      }
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  return compose(t, true);
}

std::string strip_fragment(const std::string& uri) { return uri.substr(0, uri.find('#')); }

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) {
    absolute = path;
  }
  std::string generic = absolute.lexically_normal().generic_string();
  if (generic.empty() || generic.front() != '/') {
    generic.insert(generic.begin(), '/');  // "c:/x" -> "/c:/x", as file URIs write it
  }
  return "file://" + generic;
}

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

// ---- The compiler ---------------------------------------------------------------------------

class Compiler {
public:
  Compiler(CompiledSchema& out, std::vector<Diagnostic>& diagnostics) : m_out(out), m_diagnostics(diagnostics) {}

  bool run(std::unique_ptr<Value> root, const std::string& path) {
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

private:
  struct PendingRef {
    Node* node;
    std::string base;
  };
  struct Resource {
    const Value* value;
    std::size_t document;
  };

  void error(std::size_t doc, Position pos, std::string message) {
    m_failed = true;
    Diagnostic d;
    d.location = SourceLocation{m_out.documents[doc].path, pos.line, pos.column};
    d.severity = Severity::error;
    d.rule = "schema.file";
    d.message = std::move(message);
    m_diagnostics.push_back(std::move(d));
  }

  std::size_t add_document(std::unique_ptr<Value> root, const std::string& path, const std::string& uri) {
    const std::size_t doc = m_out.documents.size();
    const Value* value = root.get();
    m_out.documents.push_back(Document{std::move(root), path, uri});
    m_resources.emplace(uri, Resource{value, doc});
    index(*value, uri, doc, 0);
    return doc;
  }

  // Registers every `$id` and `$anchor` of a document before any `$ref` is followed.
  void index(const Value& schema, const std::string& base, std::size_t doc, int depth) {
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

  // The base URI inside `schema`, which sits under `parent_base`.
  std::string own_base(const Value& schema, const std::string& parent_base) const {
    if (const auto it = m_base_of.find(&schema); it != m_base_of.end()) {
      return it->second;
    }
    if (const Value* id = schema.find("$id"); id != nullptr && id->is_string()) {
      return strip_fragment(resolve_uri(parent_base, id->as_string()));
    }
    return parent_base;
  }

  Node* compile_node(const Value& v, const std::string& parent_base, std::size_t doc, int depth) {
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

  struct Context {
    Node& node;
    const std::string& base;
    std::size_t doc;
    int depth;
  };

  const Node* subschema(const Context& ctx, const Value& v) {
    return compile_node(v, ctx.base, ctx.doc, ctx.depth + 1);
  }

  // Reports a keyword whose value has the wrong shape; returns `ok`.
  bool expect(const Context& ctx, const MapEntry& e, bool ok, std::string_view what) {
    if (!ok) {
      error(ctx.doc, e.key_position,
            in_quotes(e.key) + " must be " + std::string(what) + ", but it is " + describe_value(e.value));
    }
    return ok;
  }

  std::optional<std::size_t> count(const Context& ctx, const MapEntry& e) {
    const Value& v = e.value;
    if (v.is_int() && v.as_int() >= 0) {
      return static_cast<std::size_t>(v.as_int());
    }
    if (v.is_float() && v.as_number() >= 0 && std::floor(v.as_number()) == v.as_number() && v.as_number() < 9.2e18) {
      return static_cast<std::size_t>(v.as_number());
    }
    expect(ctx, e, false, "a whole number, 0 or more");
    return std::nullopt;
  }

  const Node* single_schema(const Context& ctx, const MapEntry& e) {
    if (!expect(ctx, e, e.value.is_map() || e.value.is_bool(), "a schema (a mapping of keywords, or true or false)")) {
      return nullptr;
    }
    return subschema(ctx, e.value);
  }

  std::vector<const Node*> schema_list(const Context& ctx, const MapEntry& e) {
    std::vector<const Node*> nodes;
    if (expect(ctx, e, e.value.is_list() && !e.value.as_list().empty(), "a non-empty list of schemas")) {
      for (const Value& item : e.value.as_list()) {
        nodes.push_back(subschema(ctx, item));
      }
    }
    return nodes;
  }

  std::vector<std::pair<std::string, const Node*>> schema_map(const Context& ctx, const MapEntry& e) {
    std::vector<std::pair<std::string, const Node*>> nodes;
    if (expect(ctx, e, e.value.is_map(), "a mapping from names to schemas")) {
      for (const MapEntry& sub : e.value.as_map()) {
        nodes.emplace_back(sub.key, subschema(ctx, sub.value));
      }
    }
    return nodes;
  }

  // A list of distinct strings (`required`, the lists of `dependentRequired`).
  std::optional<std::vector<std::string>> string_set(const Context& ctx, const MapEntry& e, const Value& list) {
    if (!list.is_list()) {
      error(ctx.doc, list.position.line > 0 ? list.position : e.key_position,
            in_quotes(e.key) + " must be a list of field names, but it is " + describe_value(list));
      return std::nullopt;
    }
    std::vector<std::string> names;
    for (const Value& item : list.as_list()) {
      if (!item.is_string()) {
        error(ctx.doc, item.position.line > 0 ? item.position : e.key_position,
              in_quotes(e.key) + " must list field names, but it holds " + describe_value(item));
        return std::nullopt;
      }
      if (std::find(names.begin(), names.end(), item.as_string()) != names.end()) {
        error(ctx.doc, item.position.line > 0 ? item.position : e.key_position,
              in_quotes(e.key) + " lists " + in_quotes(item.as_string()) + " twice");
        return std::nullopt;
      }
      names.push_back(item.as_string());
    }
    return names;
  }

  std::unique_ptr<Regex> regex(const Context& ctx, std::string_view pattern, Position pos, std::string_view where) {
    auto compiled = Regex::compile(pattern);
    if (auto* failure = std::get_if<RegexError>(&compiled)) {
      error(ctx.doc, pos,
            std::string(where) + " " + in_quotes(pattern) + " is not a valid regular expression: " + failure->message +
                " (at character " + std::to_string(failure->position) + ")");
      return nullptr;
    }
    return std::make_unique<Regex>(std::move(std::get<Regex>(compiled)));
  }

  void compile_type(const Context& ctx, const MapEntry& e) {
    std::vector<const Value*> names;
    if (e.value.is_string()) {
      names.push_back(&e.value);
    } else if (e.value.is_list() && !e.value.as_list().empty()) {
      for (const Value& item : e.value.as_list()) {
        names.push_back(&item);
      }
    } else {
      expect(ctx, e, false, "a type name such as string, or a list of type names");
      return;
    }
    for (const Value* name : names) {
      const Position pos = name->position.line > 0 ? name->position : e.key_position;
      if (!name->is_string()) {
        error(ctx.doc, pos, "\"type\" must name types, but it holds " + describe_value(*name));
        continue;
      }
      const auto known = std::find_if(k_type_names.begin(), k_type_names.end(),
                                      [&](const auto& t) { return t.first == name->as_string(); });
      if (known != k_type_names.end()) {
        ctx.node.types |= known->second;
        continue;
      }
      std::string message = "\"type\" names " + in_quotes(name->as_string()) +
                            ", which is not a type; the types are null, boolean, integer, number, string, "
                            "array and object.";
      std::optional<std::string> hint;
      for (const auto& [alias, meant] : k_type_aliases) {
        if (alias == name->as_string()) {
          hint = std::string(meant);
        }
      }
      if (!hint) {
        std::vector<std::string> candidates;
        for (const auto& t : k_type_names) {
          candidates.emplace_back(t.first);
        }
        hint = closest_match(name->as_string(), candidates);
      }
      if (hint) {
        message += " Did you mean " + in_quotes(*hint) + "?";
      }
      error(ctx.doc, pos, message);
    }
  }

  void compile_enum(const Context& ctx, const MapEntry& e) {
    if (!expect(ctx, e, e.value.is_list(), "a list of the allowed values")) {
      return;
    }
    Node& n = ctx.node;
    n.enum_values = &e.value.as_list();
    for (const Value& item : *n.enum_values) {
      if (item.is_string()) {
        n.enum_strings.push_back(item.as_string());
      }
    }
    if (n.enum_strings.size() > k_enum_hash_threshold) {
      n.enum_string_set.insert(n.enum_strings.begin(), n.enum_strings.end());
    }
  }

  void compile_x_link(const Context& ctx, const MapEntry& e) {
    Node& n = ctx.node;
    if (e.value.is_bool()) {
      n.link = e.value.as_bool() ? LinkRule::any_note : LinkRule::none;
      return;
    }
    bool ok = e.value.is_map();
    if (ok) {
      for (const MapEntry& sub : e.value.as_map()) {
        if (sub.key == "class" && sub.value.is_string()) {
          n.link_class = sub.value.as_string();
        } else {
          ok = false;
        }
      }
    }
    if (!expect(ctx, e, ok, "true, or a mapping {class: NAME}")) {
      return;
    }
    n.link = n.link_class.empty() ? LinkRule::any_note : LinkRule::note_of_class;
  }

  void unknown_keyword(const Context& ctx, const MapEntry& e) {
    if (e.key.starts_with("x-")) {
      return;  // vendor annotations are allowed
    }
    for (const auto& [name, advice] : k_unsupported) {
      if (name == e.key) {
        error(ctx.doc, e.key_position,
              "the keyword " + in_quotes(e.key) + " is not supported by mdvault: " + std::string(advice));
        return;
      }
    }
    std::string message = "unknown keyword " + in_quotes(e.key);
    static const std::vector<std::string> names = keyword_names();
    if (const auto hint = closest_match(e.key, names)) {
      message += ". Did you mean " + in_quotes(*hint) + "?";
    } else {
      message += "; custom annotations must start with \"x-\"";
    }
    error(ctx.doc, e.key_position, message);
  }

  void compile_keyword(const Context& ctx, const MapEntry& e,
                       std::vector<std::pair<std::string, const Node*>>& properties) {
    const std::optional<Keyword> keyword = find_keyword(e.key);
    if (!keyword) {
      unknown_keyword(ctx, e);
      return;
    }
    Node& n = ctx.node;
    const Value& v = e.value;
    switch (*keyword) {
    case Keyword::type:
      compile_type(ctx, e);
      break;
    case Keyword::enum_values:
      compile_enum(ctx, e);
      break;
    case Keyword::const_value:
      n.const_value = &v;
      break;
    case Keyword::properties:
      properties = schema_map(ctx, e);
      break;
    case Keyword::required:
      if (auto names = string_set(ctx, e, v)) {
        n.required = std::move(*names);
      }
      break;
    case Keyword::additional_properties:
      n.additional_properties = single_schema(ctx, e);
      break;
    case Keyword::pattern_properties:
      if (expect(ctx, e, v.is_map(), "a mapping from patterns to schemas")) {
        for (const MapEntry& sub : v.as_map()) {
          auto re = regex(ctx, sub.key, sub.key_position, "the patternProperties key");
          const Node* schema = subschema(ctx, sub.value);
          if (re) {
            n.pattern_properties.push_back(PatternProperty{std::move(*re), schema});
          }
        }
      }
      break;
    case Keyword::property_names:
      n.property_names = single_schema(ctx, e);
      break;
    case Keyword::min_properties:
      n.min_properties = count(ctx, e);
      break;
    case Keyword::max_properties:
      n.max_properties = count(ctx, e);
      break;
    case Keyword::items:
      if (v.is_list()) {
        expect(ctx, e, false, "one schema for every item (for a schema per position, use prefixItems)");
      } else {
        n.items = single_schema(ctx, e);
      }
      break;
    case Keyword::prefix_items:
      n.prefix_items = schema_list(ctx, e);
      break;
    case Keyword::contains:
      n.contains = single_schema(ctx, e);
      break;
    case Keyword::min_contains:
      n.min_contains = count(ctx, e);
      break;
    case Keyword::max_contains:
      n.max_contains = count(ctx, e);
      break;
    case Keyword::min_items:
      n.min_items = count(ctx, e);
      break;
    case Keyword::max_items:
      n.max_items = count(ctx, e);
      break;
    case Keyword::unique_items:
      if (expect(ctx, e, v.is_bool(), "true or false")) {
        n.unique_items = v.as_bool();
      }
      break;
    case Keyword::min_length:
      n.min_length = count(ctx, e);
      break;
    case Keyword::max_length:
      n.max_length = count(ctx, e);
      break;
    case Keyword::pattern:
      if (expect(ctx, e, v.is_string(), "a regular expression in a string")) {
        n.pattern = regex(ctx, v.as_string(), v.position.line > 0 ? v.position : e.key_position, "the pattern");
      }
      break;
    case Keyword::format:
      if (expect(ctx, e, v.is_string(), "a format name such as date")) {
        n.format = format_from_name(v.as_string());
      }
      break;
    case Keyword::minimum:
      n.minimum = number(ctx, e);
      break;
    case Keyword::maximum:
      n.maximum = number(ctx, e);
      break;
    case Keyword::exclusive_minimum:
      n.exclusive_minimum = number(ctx, e);
      break;
    case Keyword::exclusive_maximum:
      n.exclusive_maximum = number(ctx, e);
      break;
    case Keyword::multiple_of:
      if (expect(ctx, e, v.is_number() && v.as_number() > 0, "a number greater than 0")) {
        n.multiple_of = &v;
      }
      break;
    case Keyword::all_of:
      n.all_of = schema_list(ctx, e);
      break;
    case Keyword::any_of:
      n.any_of = schema_list(ctx, e);
      break;
    case Keyword::one_of:
      n.one_of = schema_list(ctx, e);
      break;
    case Keyword::not_schema:
      n.not_schema = single_schema(ctx, e);
      break;
    case Keyword::if_schema:
      n.if_schema = single_schema(ctx, e);
      break;
    case Keyword::then_schema:
      n.then_schema = single_schema(ctx, e);
      break;
    case Keyword::else_schema:
      n.else_schema = single_schema(ctx, e);
      break;
    case Keyword::dependent_required:
      if (expect(ctx, e, v.is_map(), "a mapping from a field name to the fields it needs")) {
        for (const MapEntry& sub : v.as_map()) {
          if (auto names = string_set(ctx, e, sub.value)) {
            n.dependent_required.push_back(DependentRequired{sub.key, std::move(*names)});
          }
        }
      }
      break;
    case Keyword::dependent_schemas:
      for (auto& [name, schema] : schema_map(ctx, e)) {
        n.dependent_schemas.push_back(DependentSchema{name, schema});
      }
      break;
    case Keyword::ref:
      if (expect(ctx, e, v.is_string(), "a reference in a string, such as \"#/$defs/name\"")) {
        n.ref_text = v.as_string();
        n.ref_position = e.key_position;
        m_pending.push_back(PendingRef{&n, ctx.base});
      }
      break;
    case Keyword::defs:
      schema_map(ctx, e);
      break;
    case Keyword::id:
    case Keyword::schema:
    case Keyword::comment:
      expect(ctx, e, v.is_string(), "a string");
      break;
    case Keyword::anchor:
      expect(ctx, e, v.is_string() && is_anchor_name(v.as_string()),
             "a plain name (letters, digits, '-', '_', '.'; starting with a letter or '_')");
      break;
    case Keyword::title:
      if (expect(ctx, e, v.is_string(), "a string")) {
        n.title = v.as_string();
      }
      break;
    case Keyword::description:
      expect(ctx, e, v.is_string(), "a string");
      break;
    case Keyword::default_value:
      break;
    case Keyword::deprecated:
      if (expect(ctx, e, v.is_bool(), "true or false")) {
        n.deprecated = v.as_bool();
        m_out.has_deprecated = m_out.has_deprecated || n.deprecated;
      }
      break;
    case Keyword::examples:
      if (expect(ctx, e, v.is_list(), "a list of example values") && !v.as_list().empty()) {
        n.example = &v.as_list().front();
      }
      break;
    case Keyword::read_only:
    case Keyword::write_only:
      expect(ctx, e, v.is_bool(), "true or false");
      break;
    case Keyword::x_link:
      compile_x_link(ctx, e);
      break;
    case Keyword::x_severity:
      if (expect(ctx, e, v.is_string() && (v.as_string() == "warning" || v.as_string() == "error"),
                 "\"warning\" or \"error\"")) {
        n.severity = v.as_string() == "warning" ? Severity::warning : Severity::error;
      }
      break;
    case Keyword::x_message:
      if (expect(ctx, e, v.is_string(), "a string")) {
        n.message = v.as_string();
      }
      break;
    }
  }

  const Value* number(const Context& ctx, const MapEntry& e) {
    return expect(ctx, e, e.value.is_number(), "a number") ? &e.value : nullptr;
  }

  static bool is_anchor_name(std::string_view s) {
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) {
      return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
  }

  // `properties` and `required` merged into one sorted table, so an object is checked in one pass.
  static void build_keys(Node& n, std::vector<std::pair<std::string, const Node*>> properties) {
    for (auto& [name, schema] : properties) {
      n.keys.push_back(PropertyKey{std::move(name), schema, -1});
    }
    std::sort(n.keys.begin(), n.keys.end(),
              [](const PropertyKey& a, const PropertyKey& b) { return key_less(a.name, b.name); });
    // A repeated property name (possible in JSON) keeps its first schema.
    n.keys.erase(std::unique(n.keys.begin(), n.keys.end(),
                             [](const PropertyKey& a, const PropertyKey& b) { return a.name == b.name; }),
                 n.keys.end());
    for (std::size_t i = 0; i < n.required.size(); ++i) {
      const auto it =
          std::lower_bound(n.keys.begin(), n.keys.end(), n.required[i],
                           [](const PropertyKey& k, const std::string& name) { return key_less(k.name, name); });
      if (it != n.keys.end() && it->name == n.required[i]) {
        it->required_index = static_cast<int>(i);
      } else {
        n.keys.insert(it, PropertyKey{n.required[i], nullptr, static_cast<int>(i)});
      }
    }
  }

  // ---- $ref ----

  void resolve(const PendingRef& pending) {
    Node& n = *pending.node;
    const std::string absolute = resolve_uri(pending.base, n.ref_text);
    const std::size_t hash = absolute.find('#');
    const std::string resource_uri = absolute.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? "" : percent_decode(absolute.substr(hash + 1));
    const std::string where = "$ref " + in_quotes(n.ref_text);

    std::optional<Resource> resource = find_resource(resource_uri, n);
    if (!resource) {
      return;  // reported
    }
    const Value* target = resource->value;
    if (!fragment.empty() && fragment.front() == '/') {
      target = follow_pointer(*target, fragment, n);
      if (target == nullptr) {
        return;
      }
    } else if (!fragment.empty()) {
      const auto anchor = m_resources.find(resource_uri + "#" + fragment);
      if (anchor == m_resources.end()) {
        error(n.document, n.ref_position,
              where + " points to nothing: no schema there has \"$anchor: " + fragment + "\"");
        return;
      }
      target = anchor->second.value;
    }
    n.ref = compile_node(*target, resource_uri, resource->document, 0);
  }

  std::optional<Resource> find_resource(const std::string& resource_uri, const Node& n) {
    if (const auto it = m_resources.find(resource_uri); it != m_resources.end()) {
      return it->second;
    }
    // Another schema file: by the resolved file URI, or relative to the referring file even
    // when an `$id` gave that file some other base.
    const std::string ref_resource = n.ref_text.substr(0, n.ref_text.find('#'));
    const Document& from = m_out.documents[n.document];
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
      error(n.document, n.ref_position,
            "$ref " + in_quotes(n.ref_text) +
                " points to a schema mdvault cannot find: refer to a part of this file (\"#/$defs/name\") "
                "or to another schema file by its relative path (\"other.schema.yaml#/$defs/name\")");
      return std::nullopt;
    }
    const std::optional<std::size_t> doc = load(path, shown, n);
    if (!doc) {
      return std::nullopt;
    }
    // The file may have been registered under its own URI only: take its root.
    return Resource{m_out.documents[*doc].root.get(), *doc};
  }

  std::optional<std::size_t> load(const std::string& path, const std::string& shown, const Node& n) {
    const std::string uri = file_uri(path);
    if (const auto it = m_loaded.find(uri); it != m_loaded.end()) {
      if (!it->second) {
        m_failed = true;
      }
      return it->second;
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      error(n.document, n.ref_position,
            "$ref " + in_quotes(n.ref_text) + " names the file " + shown + ", which does not exist");
      m_loaded.emplace(uri, std::nullopt);
      return std::nullopt;
    }
    std::unique_ptr<Value> root = read_schema_file(shown, m_diagnostics);
    if (!root) {
      error(n.document, n.ref_position,
            "$ref " + in_quotes(n.ref_text) + " names the file " + shown + ", which cannot be used (see its errors)");
      m_loaded.emplace(uri, std::nullopt);
      return std::nullopt;
    }
    const std::size_t doc = add_document(std::move(root), shown, uri);
    m_loaded.emplace(uri, doc);
    return doc;
  }

  // Follows a JSON pointer ("/$defs/a~1b/0") from `root`; reports where it leads nowhere.
  const Value* follow_pointer(const Value& root, std::string_view pointer, const Node& n) {
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
            "$ref " + in_quotes(n.ref_text) + " points to nothing: there is no " + in_quotes(token) + " in " + walked;
        if (current->is_map()) {
          std::vector<std::string> keys;
          for (const MapEntry& entry : current->as_map()) {
            keys.push_back(entry.key);
          }
          if (const auto hint = closest_match(token, keys)) {
            message += ". Did you mean " + in_quotes(*hint) + "?";
          }
        }
        error(n.document, n.ref_position, message);
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

  // A `$ref` loop that never moves into a field or item would recurse forever: refuse it.
  void check_ref_loops() {
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
      for (const Node* c : {n->not_schema, n->if_schema, n->then_schema, n->else_schema, n->ref}) {
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
          // Only a $ref edge can lead back to a schema still being visited.
          error(top.node->document, top.node->ref_position,
                "$ref " + in_quotes(top.node->ref_text) +
                    " makes a loop: it leads back to itself without going into a field or list item, so "
                    "checking would never end");
        }
      }
    }
  }

  CompiledSchema& m_out;
  std::vector<Diagnostic>& m_diagnostics;
  bool m_failed = false;
  std::unordered_map<std::string, Resource> m_resources;                 ///< by URI, anchors as URI#name
  std::unordered_map<const Value*, std::string> m_base_of;               ///< base URI inside each indexed schema
  std::unordered_map<const Value*, Node*> m_nodes;                       ///< one node per schema value
  std::unordered_map<std::string, std::optional<std::size_t>> m_loaded;  ///< other files, by URI
  std::vector<PendingRef> m_pending;
};

}  // namespace

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
