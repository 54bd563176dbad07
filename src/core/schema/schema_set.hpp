#pragma once
// JSON Schema 2020-12 (written in YAML or JSON) compiled once and applied to frontmatter.
// PCRE2 stays inside regex.cpp.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::core::schema {

/// One way a value fails its schema.
struct SchemaFinding {
  std::string keyword;  ///< "enum", "required", "type", "x-link", "deprecated", ...; rule is "schema." + keyword
  std::string field;    ///< instance path: "core_fears[1]", "meta.owner"; for required the missing key; "" for the root
  Position position;    ///< of the offending value (of the object itself for required)
  std::string message;  ///< the value, what was expected, and a "did you mean" for near misses
  Severity severity = Severity::error;  ///< warning for deprecated and under `x-severity: warning`
};

/// How x-link values are checked: the vault answers; the schema code knows no vault.
class LinkChecker {
public:
  virtual ~LinkChecker() = default;
  /// Checks one string under `x-link`; `required_class` is empty when any note will do.
  /// Returns a message when the value is not acceptable (not a wikilink, wrong class);
  /// a well-formed link that does not resolve is left to the links.broken rule (nullopt).
  /// The message follows the field path: "related[0] " + "should link to a note of class ...".
  [[nodiscard]] virtual std::optional<std::string> check_link(const Value& value,
                                                              const std::string& required_class) const = 0;
};

/// Schema documents known by an absolute URI that is not a file (`http://...`, `urn:...`): what
/// a `$ref` to such a URI may reach. mdvault itself gives none, so such a `$ref` is an error; the
/// conformance runner serves the test suite's remote documents and the meta-schemas from memory.
class DocumentSource {
public:
  virtual ~DocumentSource() = default;
  /// The document at `uri` (no fragment), or null when there is none.
  [[nodiscard]] virtual const Value* find_document(std::string_view uri) const = 0;
};

/// How schemas are compiled. The defaults are mdvault's (strict about keywords, formats asserted).
struct CompileOptions {
  const DocumentSource* documents = nullptr;  ///< documents for non-file `$ref`s; null: none
  /// Unknown keywords are annotations, as JSON Schema says, instead of errors with a "did you mean".
  bool unknown_keywords_are_annotations = false;
  /// `format` is asserted; false makes it an annotation unless the meta-schema asks for
  /// the format-assertion vocabulary.
  bool assert_formats = true;
};

/// A set of named schemas (classes), loaded from files, with $ref across them resolved.
class SchemaSet {
public:
  SchemaSet();
  ~SchemaSet();
  SchemaSet(SchemaSet&&) noexcept;
  SchemaSet& operator=(SchemaSet&&) noexcept;

  /// Loads every `*.schema.yaml`, `*.schema.yml` and `*.schema.json` in `dir`. A problem in a
  /// schema file (bad YAML, unknown keyword, bad regex, $ref cycle or dangling $ref) becomes a
  /// diagnostic with rule "schema.file" at the schema file's path:line:col; that class is left out.
  static SchemaSet load_directory(const std::string& dir, std::vector<Diagnostic>& diagnostics);

  /// Loads one schema file (and the files it refers to) as a set with one class.
  static SchemaSet load_file(const std::string& file, std::vector<Diagnostic>& diagnostics);

  /// Compiles an in-memory schema document under `class_name`; `base_path` names it in messages.
  static SchemaSet from_value(const Value& schema, const std::string& class_name,
                              const std::string& base_path, std::vector<Diagnostic>& diagnostics,
                              const CompileOptions& options = {});

  [[nodiscard]] bool has_class(std::string_view class_name) const;
  /// Class names, sorted.
  [[nodiscard]] std::vector<std::string> class_names() const;
  /// The schema file a class comes from.
  [[nodiscard]] std::string file_of(std::string_view class_name) const;
  /// The schema's `title` or `description`, for `schema list`.
  [[nodiscard]] std::string description_of(std::string_view class_name) const;

  /// Validates `instance` against a class; findings in instance order. `links` may be null
  /// (then x-link only checks that values are wikilinks).
  [[nodiscard]] std::vector<SchemaFinding> validate(std::string_view class_name, const Value& instance,
                                                    const LinkChecker* links) const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace mdvault::core::schema
