#include "cli/share_options.hpp"
#include "cli/show_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <system_error>

#include "cli/lint_command.hpp"
#include "cli/lint_output.hpp"
#include "core/link_graph.hpp"
#include "core/lint.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"

namespace mdvault::cli {

namespace {

struct ShowArgs {
  ShareArgs share;
  std::string note;
  std::string format = "text";
};

constexpr const char* k_examples = R"(  mdvault show "Secure Attachment"           by the note's name, as in a [[link]]
  mdvault show Styles/Secure.md              by its path in the vault
  mdvault show "Secure Attachment" --format json   the same as JSON, for scripts

Shows the note's classes, frontmatter fields (with their types), headings, links
(and where each one leads), tags, tasks, inline fields, the notes that link to it,
and the problems lint finds in it.)";

/// A frontmatter value's type in everyday words.
std::string type_words(const core::Value& value) {
  using Kind = core::Value::Kind;
  switch (value.kind()) {
    case Kind::null: return "empty";
    case Kind::boolean: return "yes/no";
    case Kind::integer:
    case Kind::floating: return "number";
    case Kind::string: return "text";
    case Kind::list: return "list";
    case Kind::map: return "group of fields";
  }
  return "value";
}

/// Text or JSON null for an optional string.
Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

/// Joins strings with ", ", or "none".
std::string join_or_none(const std::vector<std::string>& items) {
  if (items.empty()) return "none";
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

/// Where a link leads, in words: "→ path", "→ not found", with notes on subpaths and ties.
std::string describe_resolution(const core::Link& link, const core::Resolution& r) {
  if (r.note != nullptr || !r.attachment.empty()) {
    std::string out = "→ " + (r.note != nullptr ? r.note->path : r.attachment);
    if (r.subpath_missing) out += " (but it has no heading or block '" + link.subpath + "')";
    if (r.is_ambiguous()) {
      out += " (several notes match: " + join_or_none(r.candidates) + ")";
    }
    return out;
  }
  if (!r.alias_of.empty()) return "→ not found (it is an alias of " + r.alias_of + ")";
  return "→ not found";
}

/// The resolved path for JSON, or null.
Json resolved_json(const core::Resolution& r) {
  if (r.note != nullptr) return r.note->path;
  if (!r.attachment.empty()) return r.attachment;
  return nullptr;
}

/// Finds the note an argument names; prints a "did you mean" when there is none.
const core::Note* find_shown_note(const Context& context, const std::string& argument) {
  const auto& vault = context.vault();
  std::error_code ec;
  if (std::filesystem::is_regular_file(argument, ec)) {
    if (const auto inside = context.vault_relative(argument)) {
      if (const core::Note* note = vault.find(*inside)) return note;
    }
  }
  if (const core::Note* note = find_named_note(context, "mdvault show", argument)) return note;
  std::vector<std::string> candidates;
  const bool by_path = argument.find('/') != std::string::npos;
  for (const auto& note : vault.notes) candidates.push_back(by_path ? note.path : note.name);
  std::cerr << "mdvault show: there is no note '" << argument << "' in the vault.";
  if (const auto hint = core::closest_match(argument, candidates)) std::cerr << " Did you mean '" << *hint << "'?";
  std::cerr << '\n';
  return nullptr;
}


/// One link from another note that opens the shown note.
struct Backlink {
  const core::Note* source = nullptr;
  const core::Link* link = nullptr;
};

/// What a command prints about one note, gathered once for both formats.
struct NoteView {
  const core::Note* note = nullptr;
  std::vector<std::string> classes;
  std::vector<core::Resolution> resolutions;  ///< one per link of the note
  std::vector<Backlink> backlinks;
  std::vector<core::Diagnostic> diagnostics;
};

/// Longest rendering of a value we print: show is for seeing values whole.
constexpr std::size_t k_whole = 100'000;

/// One frontmatter field: `key: value  (type)`; a list or group of fields too wide for
/// the terminal goes one item per line.
void print_field(std::ostream& out, const core::MapEntry& entry, std::size_t width, const Style& style) {
  const auto& value = entry.value;
  const std::string type = "(" + type_words(value) + ")";
  const std::string one_line = core::to_display(value, k_whole);
  const std::size_t length = 2 + core::count_code_points(entry.key) + 2 + core::count_code_points(one_line) + 2 +
                             type.size();
  const bool split = length > width && ((value.is_list() && !value.as_list().empty()) ||
                                        (value.is_map() && !value.as_map().empty()));
  if (!split) {
    out << "  " << entry.key << ": " << one_line << "  " << style.dim(type) << '\n';
    return;
  }
  out << "  " << entry.key << ":  " << style.dim(type) << '\n';
  if (value.is_list()) {
    for (const auto& item : value.as_list()) out << "    - " << core::to_display(item, k_whole) << '\n';
  } else {
    for (const auto& field : value.as_map()) {
      out << "    " << field.key << ": " << core::to_display(field.value, k_whole) << '\n';
    }
  }
}

void print_text(std::ostream& out, const NoteView& view, const Style& style) {
  const core::Note& note = *view.note;
  const auto width = terminal_width();
  const auto section = [&](const std::string& title, bool empty) {
    out << '\n' << style.bold(title) << '\n';
    if (empty) out << "  none\n";
  };
  out << style.bold(note.path) << '\n';
  out << "  name:     " << note.name << '\n';
  out << "  classes:  " << join_or_none(view.classes) << '\n';
  out << "  aliases:  " << join_or_none(note.aliases) << '\n';

  section("Frontmatter", false);
  if (!note.frontmatter || !note.frontmatter->is_map()) {
    out << (note.has_frontmatter_block ? "  (could not be read: see Problems)\n" : "  (no frontmatter)\n");
  } else if (note.frontmatter->as_map().empty()) {
    out << "  (empty)\n";
  } else {
    for (const auto& entry : note.frontmatter->as_map()) print_field(out, entry, width, style);
  }

  section("Headings", note.headings.empty());
  for (const auto& heading : note.headings) {
    out << "  line " << heading.line << ": " << std::string(static_cast<std::size_t>(std::max(heading.level, 1)), '#')
        << ' ' << heading.text << '\n';
  }

  section("Links", note.links.empty());
  for (std::size_t i = 0; i < note.links.size(); ++i) {
    const auto& link = note.links[i];
    out << "  line " << link.line;
    if (!link.field.empty()) out << ", " << link.field;
    out << ": " << link.raw << ' ' << describe_resolution(link, view.resolutions[i]) << '\n';
  }

  section("Tags", note.tags.empty());
  for (const auto& tag : note.tags) {
    out << "  #" << tag.name << ' '
        << style.dim(tag.from_frontmatter ? "(frontmatter)" : "(line " + std::to_string(tag.line) + ")") << '\n';
  }

  section("Tasks", note.tasks.empty());
  for (const auto& task : note.tasks) {
    out << "  line " << task.line << ": [" << task.status << "] " << task.text << '\n';
  }

  section("Inline fields", note.fields.empty());
  for (const auto& field : note.fields) {
    out << "  line " << field.line << ": " << field.key << ":: " << field.value << '\n';
  }

  section("Backlinks", view.backlinks.empty());
  for (const auto& backlink : view.backlinks) {
    out << "  " << backlink.source->path << " line " << backlink.link->line << ": " << backlink.link->raw << '\n';
  }

  section("Problems", view.diagnostics.empty());
  for (const auto& d : view.diagnostics) out << "  " << format_diagnostic(d, style) << '\n';
}

Json note_json(const NoteView& view) {
  const core::Note& note = *view.note;
  Json doc = Json::object();
  doc["path"] = note.path;
  doc["name"] = note.name;
  doc["classes"] = view.classes;
  doc["aliases"] = note.aliases;
  doc["frontmatter"] = note.frontmatter ? to_json(*note.frontmatter) : Json(nullptr);
  doc["headings"] = Json::array();
  for (const auto& heading : note.headings) {
    doc["headings"].push_back(Json{{"level", heading.level}, {"text", heading.text}, {"line", heading.line}});
  }
  doc["links"] = Json::array();
  for (std::size_t i = 0; i < note.links.size(); ++i) {
    const auto& link = note.links[i];
    Json item = Json::object();
    item["kind"] = std::string(core::to_string(link.kind));
    item["target"] = link.target;
    item["subpath"] = string_or_null(link.subpath);
    item["display"] = link.has_display ? Json(link.display) : Json(nullptr);
    item["field"] = string_or_null(link.field);
    item["line"] = link.line;
    item["column"] = link.column;
    item["resolved"] = resolved_json(view.resolutions[i]);
    doc["links"].push_back(std::move(item));
  }
  doc["tags"] = Json::array();
  for (const auto& tag : note.tags) {
    doc["tags"].push_back(Json{{"name", tag.name},
                               {"line", tag.line},
                               {"column", tag.column},
                               {"source", tag.from_frontmatter ? "frontmatter" : "body"}});
  }
  doc["tasks"] = Json::array();
  for (const auto& task : note.tasks) {
    doc["tasks"].push_back(Json{
        {"status", task.status}, {"completed", task.is_completed()}, {"text", task.text}, {"line", task.line}});
  }
  doc["fields"] = Json::array();
  for (const auto& field : note.fields) {
    doc["fields"].push_back(
        Json{{"key", field.key}, {"value", field.value}, {"line", field.line}, {"column", field.column}});
  }
  doc["backlinks"] = Json::array();
  for (const auto& backlink : view.backlinks) {
    const auto& link = *backlink.link;
    doc["backlinks"].push_back(Json{{"source", backlink.source->path},
                                    {"line", link.line},
                                    {"column", link.column},
                                    {"kind", std::string(core::to_string(link.kind))},
                                    {"field", string_or_null(link.field)}});
  }
  doc["diagnostics"] = Json::array();
  for (const auto& d : view.diagnostics) doc["diagnostics"].push_back(diagnostic_json(d));
  return doc;
}

ExitCode run(Context& context, const ShowArgs& args) {
  if (!check_choice("mdvault show", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  if (auto rc = request_sharing(context, args.share, "mdvault show", {false, false, {}})) return *rc;
  if (auto rc = context.load_vault(); rc != ExitCode::ok) return rc;
  if (auto rc = context.load_schemas(); rc != ExitCode::ok) return rc;
  const core::Note* note = find_shown_note(context, args.note);
  if (note == nullptr) return ExitCode::usage;

  NoteView view;
  view.note = note;
  view.classes = core::classes_of(*note, context.config());
  for (const auto& link : note->links) view.resolutions.push_back(context.resolver().resolve(*note, link));
  const core::LinkGraph graph = core::build_link_graph(context.vault(), context.resolver(), context.options.jobs);
  for (const auto& ref : graph.incoming[core::note_index(context.vault(), *note)]) {
    const core::Note& source = context.vault().notes[ref.note];
    view.backlinks.push_back({&source, &source.links[ref.link]});
  }
  core::LintOptions options;
  options.paths.push_back(note->path);
  view.diagnostics =
      core::run_lint(context.vault(), context.schemas(), context.config(), context.resolver(), options).diagnostics;

  if (args.format == "json") {
    write_json(std::cout, note_json(view));
  } else {
    print_text(std::cout, view, context.style(STDOUT_FILENO));
  }
  return ExitCode::ok;
}

}  // namespace

Command add_show(CLI::App& app, Context& context) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* command = add_command(app, "show", "Show one note as mdvault reads it", k_examples);
  command->add_option("NOTE", args->note, "The note: its name, or its path in the vault")->required()->type_name("");
  command->add_option("--format", args->format, "text (default) or json")->type_name("FORMAT");
  add_share_options(*command, args->share, false);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
