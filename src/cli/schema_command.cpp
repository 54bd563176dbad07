#include "cli/schema_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <system_error>

#include "core/frontmatter.hpp"
#include "core/json_value.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

namespace {

namespace fs = std::filesystem;

struct ValidateArgs {
  std::string schema;
  std::vector<std::string> data;
  std::string format = "text";
};

struct ListArgs {
  std::string format = "text";
};

constexpr const char* k_schema_examples = R"(  mdvault schema list
  mdvault schema validate --schema client client.yaml

Schemas are files named CLASS.schema.yaml (or .schema.json) in the schema folder:
schemas/ in the vault unless .mdvault.yaml or --schemas says otherwise.)";

constexpr const char* k_validate_examples = R"(  mdvault schema validate --schema client intake.yaml
        check a YAML file against the schema of the class 'client'
  mdvault schema validate --schema schemas/client.schema.yaml a.json b.yaml
        check two files against a schema file
  mdvault schema validate --schema session "Sessions/2025-07-01.md"
        check the frontmatter of a note
  mdvault schema validate --schema client --format json intake.yaml

Files ending in .json are read as JSON, .md files by their frontmatter, anything
else as YAML. Exit status: 0 all valid, 1 some file is not valid, 2 the schema is
missing or has a mistake, 3 a file could not be read.)";

constexpr const char* k_list_examples = R"(  mdvault schema list                 the classes, their schema files and descriptions
  mdvault schema list --format json   the same as JSON)";

/// The outcome of checking one data file.
struct FileResult {
  std::string path;
  std::vector<core::Diagnostic> diagnostics;  ///< parse problems and schema findings
  [[nodiscard]] bool valid() const { return !has_errors(diagnostics); }
};

/// Reads a whole file; on failure says why on stderr.
std::optional<std::string> read_file(const std::string& path) {
  std::error_code ec;
  const char* problem = nullptr;
  if (!fs::exists(path, ec)) {
    problem = "it does not exist";
  } else if (fs::is_directory(path, ec)) {
    problem = "it is a folder";
  } else {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      return buffer.str();
    }
    problem = "it could not be opened";
  }
  std::cerr << "mdvault schema validate: cannot read '" << path << "': " << problem << ".\n";
  return std::nullopt;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// A JSON syntax error ("line:col: message") as a diagnostic.
core::Diagnostic json_error(const std::string& path, const std::string& error) {
  core::Diagnostic d;
  d.location.path = path;
  d.rule = "json.syntax";
  std::string message = error;
  const auto first = error.find(':');
  const auto second = first == std::string::npos ? std::string::npos : error.find(':', first + 1);
  if (second != std::string::npos) {
    try {
      d.location.line = std::stoi(error.substr(0, first));
      d.location.column = std::stoi(error.substr(first + 1, second - first - 1));
      message = error.substr(second + 1);
      while (!message.empty() && message.front() == ' ') message.erase(0, 1);
    } catch (const std::exception&) {
      d.location.line = 0;
    }
  }
  d.message = "this is not valid JSON: " + message;
  return d;
}

/// The document to validate, with the problems met reading it.
std::optional<core::Value> read_document(const std::string& path, std::string text,
                                         std::vector<core::Diagnostic>& diagnostics) {
  if (ends_with(path, ".json")) {
    std::string error;
    auto value = core::parse_json(text, &error);
    if (!value) diagnostics.push_back(json_error(path, error));
    return value;
  }
  if (ends_with(path, ".md")) {
    core::Note note = core::read_note(path, std::move(text));
    diagnostics.insert(diagnostics.end(), note.diagnostics.begin(), note.diagnostics.end());
    if (note.frontmatter) return note.frontmatter;
    if (note.has_frontmatter_block || has_errors(note.diagnostics)) return std::nullopt;
    return core::Value::make_map({});
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  auto result = core::parse_yaml(text, path);
  diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
  if (result.value) return result.value;
  if (has_errors(result.diagnostics)) return std::nullopt;
  return core::Value::make_null();
}

/// The schema --schema names: a file read here, or a class of the vault's schema folder.
struct ChosenSchema {
  std::optional<core::schema::SchemaSet> owned;  ///< when read from a file
  const core::schema::SchemaSet* set = nullptr;
  std::string class_name;
};

/// Loads the schema named by --schema; prints why not and returns usage when it can't.
ExitCode choose_schema(Context& context, const std::string& name, ChosenSchema& chosen) {
  const auto style = context.style(STDERR_FILENO);
  std::error_code ec;
  const bool is_file = fs::is_regular_file(name, ec) || name.find('/') != std::string::npos ||
                       ends_with(name, ".yaml") || ends_with(name, ".yml") || ends_with(name, ".json");
  if (is_file) {
    if (!fs::is_regular_file(name, ec)) {
      std::cerr << "mdvault schema validate: the schema file '" << name << "' does not exist.\n";
      return ExitCode::usage;
    }
    std::vector<core::Diagnostic> diagnostics;
    chosen.owned = core::schema::SchemaSet::load_file(name, diagnostics);
    print_file_diagnostics(diagnostics, style);
    if (has_errors(diagnostics)) return ExitCode::usage;
    const auto classes = chosen.owned->class_names();
    if (classes.empty()) {
      std::cerr << "mdvault schema validate: no schema could be read from '" << name << "'.\n";
      return ExitCode::usage;
    }
    chosen.set = &*chosen.owned;
    chosen.class_name = classes.front();
    return ExitCode::ok;
  }
  if (auto rc = context.load_schemas(false); rc != ExitCode::ok) return rc;
  if (!context.schemas().has_class(name)) {
    print_file_diagnostics(context.schema_diagnostics(), style);
    const auto classes = context.schemas().class_names();
    std::cerr << "mdvault schema validate: there is no schema for the class '" << name << "'.";
    if (const auto hint = core::closest_match(name, classes)) std::cerr << " Did you mean '" << *hint << "'?";
    std::cerr << '\n';
    if (context.schema_folder().empty()) {
      std::cerr << "There is no schema folder: put CLASS.schema.yaml files in schemas/ inside the vault.\n";
    } else if (!classes.empty()) {
      std::cerr << "The classes in " << context.schema_folder() << " are:";
      for (const auto& c : classes) std::cerr << ' ' << c;
      std::cerr << '\n';
    }
    return ExitCode::usage;
  }
  chosen.set = &context.schemas();
  chosen.class_name = name;
  return ExitCode::ok;
}

/// Checks one data file against the chosen schema.
FileResult check_file(const ChosenSchema& chosen, const std::string& path, std::string text) {
  FileResult result;
  result.path = path;
  const auto document = read_document(path, std::move(text), result.diagnostics);
  if (!document) return result;
  for (const auto& finding : chosen.set->validate(chosen.class_name, *document, nullptr)) {
    core::Diagnostic d;
    d.location = {path, finding.position.line, finding.position.column};
    d.severity = finding.severity;
    d.rule = "schema." + finding.keyword;
    d.field = finding.field;
    d.message = finding.message;
    result.diagnostics.push_back(std::move(d));
  }
  return result;
}

void print_results_json(std::ostream& out, const std::vector<FileResult>& results) {
  Json list = Json::array();
  for (const auto& result : results) {
    Json errors = Json::array();
    for (const auto& d : result.diagnostics) {
      if (d.severity != core::Severity::error) continue;
      errors.push_back(Json{{"path", d.field}, {"rule", d.rule}, {"message", d.message}});
    }
    list.push_back(Json{{"path", result.path}, {"valid", result.valid()}, {"errors", std::move(errors)}});
  }
  write_json(out, Json{{"results", std::move(list)}});
}

void print_results_text(std::ostream& out, const std::vector<FileResult>& results, const Style& style,
                        bool quiet) {
  SourceCache sources{fs::path{}};
  for (const auto& result : results) {
    for (const auto& d : result.diagnostics) print_diagnostic(out, d, style, quiet ? nullptr : &sources);
    if (result.valid() && !quiet) out << style.bold(result.path + ":") << ' ' << style.green("valid") << '\n';
  }
}

ExitCode run_validate(Context& context, const ValidateArgs& args) {
  if (!check_choice("mdvault schema validate", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  ChosenSchema chosen;
  if (auto rc = choose_schema(context, args.schema, chosen); rc != ExitCode::ok) return rc;
  ExitCode rc = ExitCode::ok;
  std::vector<FileResult> results;
  for (const auto& path : args.data) {
    auto text = read_file(path);
    if (!text) {
      rc = worse(rc, ExitCode::io);
      continue;
    }
    results.push_back(check_file(chosen, path, std::move(*text)));
    if (!results.back().valid()) rc = worse(rc, ExitCode::findings);
  }
  if (args.format == "json") {
    print_results_json(std::cout, results);
  } else {
    print_results_text(std::cout, results, context.style(STDOUT_FILENO), context.options.quiet);
  }
  return rc;
}

ExitCode run_list(Context& context, const ListArgs& args) {
  if (!check_choice("mdvault schema list", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  if (auto rc = context.load_schemas(false); rc != ExitCode::ok) return rc;
  const auto& schemas = context.schemas();
  const auto classes = schemas.class_names();
  if (args.format == "json") {
    Json list = Json::array();
    for (const auto& name : classes) {
      const auto description = schemas.description_of(name);
      list.push_back(Json{{"name", name},
                          {"file", display_path(schemas.file_of(name))},
                          {"description", description.empty() ? Json(nullptr) : Json(description)}});
    }
    write_json(std::cout, Json{{"classes", std::move(list)}});
  } else if (classes.empty()) {
    if (context.schema_folder().empty()) {
      std::cout << "No schema folder. Put CLASS.schema.yaml files in schemas/ inside the vault,\n"
                   "or name another folder with --schemas or 'schemas:' in .mdvault.yaml.\n";
    } else {
      std::cout << "No schemas in " << context.schema_folder() << ".\n";
    }
  } else {
    std::size_t name_width = 0;
    std::size_t file_width = 0;
    for (const auto& name : classes) {
      name_width = std::max(name_width, core::count_code_points(name));
      file_width = std::max(file_width, core::count_code_points(display_path(schemas.file_of(name))));
    }
    for (const auto& name : classes) {
      const auto file = display_path(schemas.file_of(name));
      const auto description = schemas.description_of(name);
      std::string line = name + std::string(name_width - core::count_code_points(name) + 2, ' ') + file;
      if (!description.empty()) {
        line += std::string(file_width - core::count_code_points(file) + 2, ' ') + description;
      }
      std::cout << line << '\n';
    }
  }
  std::cout.flush();
  print_file_diagnostics(context.schema_diagnostics(), context.style(STDERR_FILENO));
  return has_errors(context.schema_diagnostics()) ? ExitCode::usage : ExitCode::ok;
}

}  // namespace

Command add_schema(CLI::App& app, Context& context) {
  CLI::App* command = add_command(app, "schema", "Check files against a schema, or list the schemas", k_schema_examples);

  auto validate_args = std::make_shared<ValidateArgs>();
  CLI::App* validate = add_command(*command, "validate", "Check YAML or JSON files against a schema",
                                   k_validate_examples);
  validate->add_option("--schema", validate_args->schema, "A class name, or the path of a schema file")
      ->required()
      ->type_name("SCHEMA");
  validate->add_option("DATA", validate_args->data, "The YAML, JSON or Markdown files to check")
      ->required()
      ->type_name("");
  validate->add_option("--format", validate_args->format, "text (default) or json")->type_name("FORMAT");

  auto list_args = std::make_shared<ListArgs>();
  CLI::App* list = add_command(*command, "list", "List the classes and the schema file of each", k_list_examples);
  list->add_option("--format", list_args->format, "text (default) or json")->type_name("FORMAT");

  return {command, [&context, command, validate, list, validate_args, list_args] {
            if (validate->parsed()) return run_validate(context, *validate_args);
            if (list->parsed()) return run_list(context, *list_args);
            std::cerr << "mdvault schema: say what to do: 'mdvault schema validate' or 'mdvault schema list'.\n"
                      << "Run '" << command_path(*command) << " --help' to see them, with examples.\n";
            return ExitCode::usage;
          }};
}

}  // namespace mdvault::cli
