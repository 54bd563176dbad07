// SchemaSet: finding and reading schema files, one compiled schema per class.
#include "core/schema/schema_set.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "core/file_system.hpp"
#include "core/frontmatter.hpp"
#include "core/json_value.hpp"
#include "core/schema/compiled.hpp"

namespace mdvault::core::schema {
namespace {

// Schema files larger than this are refused, like notes (SPEC section 2).
constexpr std::uintmax_t k_max_schema_bytes = 16U * 1024U * 1024U;
constexpr std::array<std::string_view, 3> k_schema_suffixes{".schema.yaml", ".schema.yml", ".schema.json"};

Diagnostic file_problem(const std::string& path, int line, int column, std::string message) {
  Diagnostic d;
  d.location = SourceLocation{path, line, column};
  d.severity = Severity::error;
  d.rule = "schema.file";
  d.message = std::move(message);
  return d;
}

// "12:5: message" (parse_json's error text) split into line, column and message.
Diagnostic json_problem(const std::string& path, const std::string& error) {
  int line = 0;
  int column = 0;
  char colon1 = 0;
  char colon2 = 0;
  std::istringstream in(error);
  if (in >> line >> colon1 >> column >> colon2 && colon1 == ':' && colon2 == ':') {
    std::string rest;
    std::getline(in, rest);
    return file_problem(path, line, column, "invalid JSON:" + rest);
  }
  return file_problem(path, 0, 0, "invalid JSON: " + error);
}

// The class a schema file defines: its name up to ".schema." (empty when it has none).
std::string class_from_file_name(const std::string& file_name) {
  const std::size_t dot = file_name.find(".schema.");
  return dot == std::string::npos ? "" : file_name.substr(0, dot);
}

bool is_schema_file_name(std::string_view name) {
  return std::any_of(k_schema_suffixes.begin(), k_schema_suffixes.end(),
                     [name](std::string_view suffix) { return name.size() > suffix.size() && name.ends_with(suffix); });
}

// For `schema list`: the title, unless it only repeats the class name; else the description.
std::string describe_class(const Value& root, const std::string& class_name) {
  const auto text = [&root](const char* key) {
    const Value* v = root.find(key);
    return v != nullptr && v->is_string() ? v->as_string() : std::string();
  };
  const std::string title = text("title");
  const std::string description = text("description");
  return !title.empty() && (title != class_name || description.empty()) ? title : description;
}

// Schema files referred to by several classes report their problems once.
void append_unique(std::vector<Diagnostic>& into, std::vector<Diagnostic>& found) {
  for (Diagnostic& d : found) {
    const bool seen = std::any_of(into.begin(), into.end(), [&d](const Diagnostic& e) {
      return std::tie(e.location.path, e.location.line, e.location.column, e.rule, e.message) ==
             std::tie(d.location.path, d.location.line, d.location.column, d.rule, d.message);
    });
    if (!seen) {
      into.push_back(std::move(d));
    }
  }
}

}  // namespace

std::unique_ptr<Value> read_schema_file(const std::string& path, std::vector<Diagnostic>& diagnostics,
                                        const std::string& open_path) {
  // A schema file of the folder may be a symbolic link inside it (checked by the caller);
  // `open_path` is then its target. Special files are never opened.
  std::string opened = open_path;
  if (opened.empty()) {
    std::error_code ec;
    const std::filesystem::path real = std::filesystem::canonical(path, ec);
    opened = ec ? path : real.string();
  }
  ReadResult read = read_regular_file(opened, k_max_schema_bytes);
  if (!read.ok) {
    diagnostics.push_back(file_problem(path, 0, 0,
                                       read.rule == "file.too-large" ? "the schema file is larger than 16 MiB"
                                                                     : "cannot read the schema file: " + read.error));
    return nullptr;
  }
  std::string text = std::move(read.bytes);
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.erase(0, 3);
  }
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());

  if (path.ends_with(".json")) {
    std::string error;
    std::optional<Value> value = parse_json(text, &error);
    if (!value) {
      diagnostics.push_back(json_problem(path, error));
      return nullptr;
    }
    return std::make_unique<Value>(std::move(*value));
  }
  YamlResult result = parse_yaml(text, path);
  for (Diagnostic& d : result.diagnostics) {
    d.rule = "schema.file";
    d.location.path = path;
    diagnostics.push_back(std::move(d));
  }
  if (!result.value || !result.diagnostics.empty()) {
    if (!result.value && result.diagnostics.empty()) {
      diagnostics.push_back(file_problem(path, 1, 1, "the schema file holds no YAML document"));
    }
    return nullptr;
  }
  return std::make_unique<Value>(std::move(*result.value));
}

struct SchemaSet::Impl {
  std::map<std::string, std::unique_ptr<CompiledSchema>, std::less<>> classes;

  [[nodiscard]] const CompiledSchema* find(std::string_view class_name) const {
    const auto it = classes.find(class_name);
    return it == classes.end() ? nullptr : it->second.get();
  }

  // Compiles one file as `class_name` (when empty: the file's title, else its stem); problems
  // go to `diagnostics` and leave the class out.
  void add_file(std::string class_name, const std::string& path, std::vector<Diagnostic>& diagnostics) {
    std::vector<Diagnostic> found;
    std::unique_ptr<Value> root = read_schema_file(path, found);
    if (root && class_name.empty()) {
      const Value* title = root->find("title");
      class_name = title != nullptr && title->is_string() && !title->as_string().empty()
                       ? title->as_string()
                       : std::filesystem::path(path).stem().string();
    }
    std::unique_ptr<CompiledSchema> compiled = root ? compile_schema(std::move(root), path, found) : nullptr;
    append_unique(diagnostics, found);
    if (compiled) {
      add(class_name, std::move(compiled));
    }
  }

  void add(const std::string& class_name, std::unique_ptr<CompiledSchema> compiled) {
    compiled->class_name = class_name;
    compiled->description = describe_class(*compiled->documents.front().root, class_name);
    classes.emplace(class_name, std::move(compiled));
  }
};

SchemaSet::SchemaSet() : m_impl(std::make_unique<Impl>()) {}
SchemaSet::~SchemaSet() = default;
SchemaSet::SchemaSet(SchemaSet&&) noexcept = default;
SchemaSet& SchemaSet::operator=(SchemaSet&&) noexcept = default;

SchemaSet SchemaSet::load_directory(const std::string& dir, std::vector<Diagnostic>& diagnostics) {
  SchemaSet set;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) {
    return set;  // no schema folder: no classes
  }
  std::vector<std::string> names;
  const std::filesystem::path real_dir = std::filesystem::canonical(dir, ec);
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_schema_file_name(name)) {
      continue;
    }
    // A schema file that is a symbolic link out of the folder is refused like such a $ref.
    std::error_code link_ec;
    const std::filesystem::path real = std::filesystem::canonical(it->path(), link_ec);
    if (!link_ec && !is_path_inside(real, real_dir)) {
      diagnostics.push_back(file_problem(it->path().generic_string(), 0, 0,
                                         "the schema file is a symbolic link to a file outside the schema folder, so "
                                         "it was not read"));
    } else if (it->is_regular_file(link_ec)) {
      names.push_back(name);
    }
  }
  if (ec) {
    diagnostics.push_back(file_problem(dir, 0, 0, "cannot read the schema folder: " + ec.message()));
  }
  std::sort(names.begin(), names.end());
  std::map<std::string, std::string> first_file;
  for (const std::string& name : names) {
    const std::string path = (std::filesystem::path(dir) / name).generic_string();
    const std::string class_name = class_from_file_name(name);
    if (const auto [it, fresh] = first_file.emplace(class_name, path); !fresh) {
      diagnostics.push_back(file_problem(path, 0, 0,
                                         "the class " + class_name + " is already defined by " + it->second +
                                             "; remove or rename one of the two files"));
      continue;
    }
    set.m_impl->add_file(class_name, path, diagnostics);
  }
  return set;
}

SchemaSet SchemaSet::load_file(const std::string& file, std::vector<Diagnostic>& diagnostics) {
  SchemaSet set;
  set.m_impl->add_file(class_from_file_name(std::filesystem::path(file).filename().string()), file, diagnostics);
  return set;
}

SchemaSet SchemaSet::from_value(const Value& schema, const std::string& class_name, const std::string& base_path,
                                std::vector<Diagnostic>& diagnostics, const CompileOptions& options) {
  SchemaSet set;
  std::vector<Diagnostic> found;
  std::unique_ptr<CompiledSchema> compiled =
      compile_schema(std::make_unique<Value>(schema), base_path, found, options);
  append_unique(diagnostics, found);
  if (compiled) {
    set.m_impl->add(class_name, std::move(compiled));
  }
  return set;
}

bool SchemaSet::has_class(std::string_view class_name) const { return m_impl && m_impl->find(class_name) != nullptr; }

std::vector<std::string> SchemaSet::class_names() const {
  std::vector<std::string> names;
  if (m_impl) {
    for (const auto& entry : m_impl->classes) {
      names.push_back(entry.first);
    }
  }
  return names;
}

std::string SchemaSet::file_of(std::string_view class_name) const {
  const CompiledSchema* compiled = m_impl ? m_impl->find(class_name) : nullptr;
  return compiled != nullptr ? compiled->file : "";
}

std::string SchemaSet::description_of(std::string_view class_name) const {
  const CompiledSchema* compiled = m_impl ? m_impl->find(class_name) : nullptr;
  return compiled != nullptr ? compiled->description : "";
}

std::vector<SchemaFinding> SchemaSet::validate(std::string_view class_name, const Value& instance,
                                               const LinkChecker* links) const {
  std::vector<SchemaFinding> findings;
  const CompiledSchema* compiled = m_impl ? m_impl->find(class_name) : nullptr;
  if (compiled == nullptr) {
    return findings;
  }
  validate_instance(*compiled, instance, links, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const SchemaFinding& a, const SchemaFinding& b) {
    return std::tie(a.position.line, a.position.column, a.field) <
           std::tie(b.position.line, b.position.column, b.field);
  });
  return findings;
}

}  // namespace mdvault::core::schema
