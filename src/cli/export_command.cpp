#include "cli/export_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <system_error>
#include <variant>

#include "cli/output.hpp"
#include "cli/share_options.hpp"
#include "core/export/atomic_file.hpp"
#include "core/export/csv_export.hpp"
#include "core/export/json_export.hpp"
#include "core/export/note_record.hpp"
#include "core/export/note_stash.hpp"
#include "core/export/sqlite_export.hpp"
#include "core/file_system.hpp"
#include "core/privacy/field_set.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/query/engine.hpp"
#include "core/query/parser.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"

namespace mdvault::cli {

namespace {

namespace ex = core::exports;
namespace fs = std::filesystem;

struct ExportArgs {
  std::string format;
  std::string out;
  bool no_body = false;
  std::vector<std::string> fields;
  std::vector<std::string> omit;
  std::string where;
  std::string from;
  bool force = false;
  bool no_bom = false;
  ShareArgs share;
};

constexpr const char* k_examples = R"(  mdvault export --format json --out notes.json
      every note: frontmatter, tags, links, tasks, inline fields and text
  mdvault export --format json --out shared/notes.json --pseudonym-map ~/private/pseudonyms.json
      with a privacy: section in .mdvault.yaml: private notes left out, names replaced
  mdvault export --format csv --out fears.csv --from "Core Fears" --fields status,core_fears
      a spreadsheet of one folder, with two columns of your own choosing
  mdvault export --format sqlite --out vault.db --omit-field client --no-body
      a database without the client field and without the text of the notes
  mdvault export --format jsonl --out - | head -n 1
      one note per line on standard output

--where takes a Dataview expression (as after WHERE in a query); --from a Dataview source:
"Folder", #tag, [[Note]] (or a bare folder name). An existing file is replaced only with
--force. --omit-field removes the field from the frontmatter, links and inline fields of
every note, but not from the note text: add --no-body to be sure it is gone, or list it under
omit: in the privacy policy, which takes it out of the text too.
The privacy policy (docs/privacy.md) applies unless --include-private is given.
The format is described in docs/export-format.md.)";

constexpr std::string_view k_cmd = "mdvault export";

/// Prints a DQL syntax error in --where / --from with a caret under the column.
void print_syntax_error(std::string_view option, const std::string& text, const core::query::SyntaxError& error) {
  std::cerr << k_cmd << ": " << option << " is not a valid Dataview " << (option == "--where" ? "expression" : "source")
            << " (column " << error.column << "): " << error.message << "\n  " << text << "\n  "
            << core::caret_padding(text, error.column) << "^\n";
}

/// A bare folder name (no quotes, '#' or '[[') is taken as a "folder" source.
bool looks_like_folder(const std::string& text) {
  return !text.empty() && text.find_first_of("\"#[()!-") == std::string::npos &&
         text.find(" and ") == std::string::npos && text.find(" or ") == std::string::npos;
}

/// Progress on stderr: "exporting 1200/10000 notes…", rewritten in place.
class ProgressLine {
public:
  explicit ProgressLine(bool enabled) : m_enabled(enabled) {}
  ~ProgressLine() {
    if (m_shown) std::cerr << "\r\033[K" << std::flush;
  }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  void operator()(std::size_t done, std::size_t total) {
    if (!m_enabled || (done < m_last + 250 && done != total)) return;
    std::cerr << "\rexporting " << done << '/' << total << " notes\u2026" << std::flush;
    m_last = done;
    m_shown = true;
  }

private:
  bool m_enabled;
  bool m_shown = false;
  std::size_t m_last = 0;  ///< notes done at the last line printed
};

/// The paths of the notes `source` and `where` (either may be null) pick.
std::variant<std::set<std::string>, ExitCode> run_selection(Context& context, const core::query::SourcePtr& source,
                                                            const core::query::ExprPtr& where) {
  core::query::Query query;
  query.type = core::query::Query::Type::list;
  if (source != nullptr) {
    query.source = source;
  } else {
    auto all = std::make_shared<core::query::Source>();
    all->kind = core::query::Source::Kind::folder;
    query.source = all;
  }
  if (where != nullptr) {
    core::query::Operation op;
    op.kind = core::query::Operation::Kind::where;
    op.expr = where;
    query.operations.push_back(op);
  }
  auto outcome = core::query::run_query(query, context.vault(), context.resolver());
  if (auto* failure = std::get_if<core::query::QueryFailure>(&outcome)) {
    std::cerr << k_cmd << ": " << (where == nullptr ? "--from" : "--where") << " failed: " << failure->message << '\n';
    return failure->usage ? ExitCode::usage : ExitCode::findings;
  }
  std::set<std::string> chosen;
  for (const auto& row : std::get<core::query::QueryResult>(outcome).rows) {
    if (row.id.is_link()) chosen.insert(row.id.as_link().path);
  }
  return chosen;
}

/// Folders or tags of the vault, for a "did you mean" about a --from that picks nothing.
std::vector<std::string> source_candidates(const core::Vault& vault, core::query::Source::Kind kind) {
  std::set<std::string> names;
  for (const auto& note : vault.notes) {
    if (kind == core::query::Source::Kind::tag) {
      for (const auto& tag : note.tags) names.insert("#" + tag.name);
    } else {
      for (std::size_t slash = note.path.find('/'); slash != std::string::npos; slash = note.path.find('/', slash + 1)) {
        names.insert(note.path.substr(0, slash));
      }
    }
  }
  return {names.begin(), names.end()};
}

/// A --from folder or tag that picks no note is a mistake (a typo would export nothing),
/// said with a "did you mean"; true when the source is fine.
bool check_source_used(const core::Vault& vault, const core::query::Source& source, const std::string& text) {
  using Kind = core::query::Source::Kind;
  if (source.kind != Kind::folder && source.kind != Kind::tag) return true;
  std::cerr << k_cmd << ": --from " << text << " matches no note";
  if (const auto hint = core::closest_match(source.text, source_candidates(vault, source.kind))) {
    std::cerr << "; did you mean " << (source.kind == Kind::folder ? "\"" + *hint + "\"" : *hint) << "?";
  }
  std::cerr << '\n';
  return false;
}

/// Notes chosen by --from and --where (every readable note without them), sorted by path.
std::variant<std::vector<const core::Note*>, ExitCode> select_notes(Context& context, const ExportArgs& args,
                                                                   const core::query::SourcePtr& source,
                                                                   const core::query::ExprPtr& where) {
  const auto& vault = context.vault();
  std::set<std::string> chosen;
  const bool filtered = source != nullptr || where != nullptr;
  if (source != nullptr) {
    auto picked = run_selection(context, source, nullptr);
    if (auto* rc = std::get_if<ExitCode>(&picked)) return *rc;
    if (std::get<std::set<std::string>>(picked).empty() && !check_source_used(vault, *source, args.from)) {
      return ExitCode::usage;
    }
    chosen = std::move(std::get<std::set<std::string>>(picked));
  }
  if (where != nullptr) {
    auto picked = run_selection(context, source, where);
    if (auto* rc = std::get_if<ExitCode>(&picked)) return *rc;
    chosen = std::move(std::get<std::set<std::string>>(picked));
  }
  std::vector<const core::Note*> notes;
  std::vector<std::string> unseen;
  std::size_t unreadable = 0;
  for (const auto& note : vault.notes) {
    if (filtered && chosen.count(note.path) == 0) continue;
    if (!note.readable) {
      ++unreadable;
      continue;
    }
    // A note whose frontmatter could not be read has no fields for --where to see: a
    // `visibility: 🔒 private` in broken YAML would not keep it out. Left out, and named.
    if (where != nullptr && core::privacy::has_unreadable_frontmatter(note)) {
      unseen.push_back(note.path);
      continue;
    }
    notes.push_back(&note);
  }
  if (!unseen.empty()) {
    std::cerr << k_cmd << ": left out " << count_of(unseen.size(), "note")
              << " whose frontmatter could not be read, so --where cannot tell what it holds (run mdvault lint): ";
    constexpr std::size_t k_named = 10;
    for (std::size_t i = 0; i < unseen.size() && i < k_named; ++i) std::cerr << (i == 0 ? "" : ", ") << unseen[i];
    if (unseen.size() > k_named) std::cerr << " and " << (unseen.size() - k_named) << " more";
    std::cerr << '\n';
  }
  if (unreadable > 0 && !context.options.quiet) {
    std::cerr << k_cmd << ": left out " << count_of(unreadable, "file")
              << " that could not be read as a note (run mdvault lint to see why)\n";
  }
  return notes;
}

/// Field names given on the command line that no note has: each an error with a "did you
/// mean"; true when every name is known.
bool check_field_names(std::string_view option, const std::vector<std::string>& names,
                       const std::vector<std::string>& keys) {
  bool ok = true;
  for (const auto& name : names) {
    if (core::privacy::names_a_field(name, keys)) continue;
    std::cerr << k_cmd << ": " << option << " names the field '" << name << "', which no note has";
    if (const auto hint = core::closest_match(name, keys)) std::cerr << "; did you mean '" << *hint << "'?";
    std::cerr << '\n';
    ok = false;
  }
  return ok;
}

/// The field names --where reads that no note has (a typo would silently pick nothing, or
/// everything); true when there are none.
bool check_where_fields(const core::Vault& vault, const core::query::ExprPtr& where,
                        const std::vector<std::string>& keys) {
  core::query::Query query;
  core::query::Operation op;
  op.kind = core::query::Operation::Kind::where;
  op.expr = where;
  query.operations.push_back(op);
  const auto problems = core::query::unknown_field_warnings(query, vault, &keys);
  for (const auto& problem : problems) std::cerr << k_cmd << ": --where: " << problem << '\n';
  return problems.empty();
}

/// Writes the chosen format into `file` (a path), or stdout when `file` is empty.
std::optional<std::string> write_export(const ExportArgs& args, const ex::RecordBuilder& builder,
                                        const std::string& file, const ex::Progress& progress) {
  if (args.format == "sqlite") return ex::write_sqlite_export(file, builder, progress);
  std::ofstream stream;
  std::ostream* out = &std::cout;
  if (!file.empty()) {
    stream.open(file, std::ios::binary | std::ios::trunc);
    if (!stream) return "cannot open '" + file + "' for writing";
    out = &stream;
  }
  bool written = true;
  std::optional<std::string> error;  // why the JSON writer stopped
  if (args.format == "csv") {
    written = ex::write_csv_export(*out, builder, progress);
  } else {
    error = ex::write_json_export(*out, builder, args.format == "jsonl", progress);
  }
  if (!file.empty()) stream.close();
  if (!written || (file.empty() ? !*out : !stream)) {
    return file.empty() ? std::string("cannot write to standard output")
                        : "cannot write '" + file + "' (is the disk full?)";
  }
  return error;
}

/// An export may be written inside the vault only under a name no note can have: never a
/// note (`.md`), an encrypted note (`.mdenc`) or the settings file, which it would replace or
/// which the next export would read as a note.
bool check_out_of_notes(const Context& context, const std::string& out) {
  const auto inside = context.vault_relative(out);
  if (!inside) return true;
  std::string lower = *inside;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view name = lower;
  if (!name.ends_with(".md") && !name.ends_with(".mdenc") && name != ".mdvault.yaml") return true;
  std::cerr << k_cmd << ": '" << out << "' is a note's name inside the vault: the export would replace a note or "
            << "become one; write it elsewhere, or under another extension\n";
  return false;
}

ExitCode run(Context& context, const ExportArgs& args) {
  if (!check_choice(std::string(k_cmd), "--format", args.format, {"json", "jsonl", "csv", "sqlite"})) {
    return ExitCode::usage;
  }
  const bool to_stdout = args.out == "-";
  if (to_stdout && args.format == "sqlite") {
    std::cerr << k_cmd << ": a SQLite database cannot go to standard output; give a file, e.g. --out vault.db\n";
    return ExitCode::usage;
  }
  if (!args.fields.empty() && args.format != "csv") {
    std::cerr << k_cmd << ": --fields chooses CSV columns; it works with --format csv only\n";
    return ExitCode::usage;
  }
  if (!to_stdout) {
    std::error_code ec;
    if (fs::is_directory(args.out, ec)) {
      std::cerr << k_cmd << ": '" << args.out << "' is a folder; give a file name, e.g. --out "
                << (fs::path(args.out) / ("notes." + (args.format == "sqlite" ? std::string("db") : args.format)))
                       .generic_string()
                << '\n';
      return ExitCode::usage;
    }
    const auto status = fs::status(args.out, ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
      // A FIFO, a device or a socket: renaming over it would replace it (/dev/null included).
      std::cerr << k_cmd << ": '" << args.out
                << "' is not a regular file (a device, pipe or socket), so it cannot be replaced; give a file "
                   "name, or --out - for standard output\n";
      return ExitCode::usage;
    }
    if (fs::exists(status) && !args.force) {
      std::cerr << k_cmd << ": '" << args.out << "' already exists; add --force to replace it\n";
      return ExitCode::usage;
    }
  }
  core::query::SourcePtr source;
  if (!args.from.empty()) {
    auto parsed = core::query::parse_source(args.from);
    if (auto* error = std::get_if<core::query::SyntaxError>(&parsed)) {
      if (!looks_like_folder(args.from)) {
        print_syntax_error("--from", args.from, *error);
        return ExitCode::usage;
      }
      auto folder = std::make_shared<core::query::Source>();
      folder->kind = core::query::Source::Kind::folder;
      folder->text = args.from;
      source = folder;
    } else {
      source = std::get<core::query::SourcePtr>(parsed);
    }
  }
  core::query::ExprPtr where;
  if (!args.where.empty()) {
    auto parsed = core::query::parse_expression(args.where);
    if (auto* error = std::get_if<core::query::SyntaxError>(&parsed)) {
      print_syntax_error("--where", args.where, *error);
      return ExitCode::usage;
    }
    where = std::get<core::query::ExprPtr>(parsed);
  }

  const bool with_body = !args.no_body && args.format != "csv";
  // The reading threads keep only each note's body size and hash (the text is read again
  // when the note is written) and, for JSON without --where/--from, its frontmatter as JSON
  // text: the export never holds the whole vault's text and values at once.
  const bool json = args.format == "json" || args.format == "jsonl";
  if (auto rc = request_sharing(context, args.share, std::string(k_cmd), {true, true, to_stdout ? "" : args.out})) return *rc;
  if (auto rc = context.load_settings(); rc != ExitCode::ok) return rc;
  if (!to_stdout && !check_out_of_notes(context, args.out)) return ExitCode::usage;
  // With the privacy policy, the text exported is the one the policy edited in memory: never
  // read again from disk, so the stash keeps nothing.
  const bool shared = !args.share.include_private && context.config().privacy.has_value();
  const bool stash_frontmatter = !shared && json && source == nullptr && where == nullptr;
  const core::DiskFileSystem disk;
  ex::NoteStash stash(ex::FieldFilter(args.omit), stash_frontmatter, with_body && !shared, context.root().string(),
                      disk);
  std::function<void(core::Note&)> after_read;
  if (!shared && (stash_frontmatter || with_body)) after_read = [&stash](core::Note& note) { stash.take(note); };
  if (auto rc = context.load_vault(after_read, {.body = shared && with_body, .fingerprint = with_body && !shared}); rc != ExitCode::ok) {
    return rc;
  }
  {
    // Typos fail: a misspelt field would otherwise export everything, or keep what it names.
    std::vector<std::string> keys = stash_frontmatter ? stash.frontmatter_keys() : context.field_keys();
    for (const auto& key : context.field_keys()) keys.push_back(key);
    for (const char* key : {"tags", "tag", "aliases", "alias"}) keys.emplace_back(key);
    bool ok = check_field_names("--omit-field", args.omit, keys);
    ok = check_field_names("--fields", args.fields, keys) && ok;
    if (where != nullptr) ok = check_where_fields(context.vault(), where, keys) && ok;
    if (!ok) return ExitCode::usage;
  }
  auto selected = select_notes(context, args, source, where);
  if (auto* rc = std::get_if<ExitCode>(&selected)) return *rc;

  ex::ExportOptions options;
  options.body = with_body;
  options.omit_fields = args.omit;
  options.csv_fields = args.fields;
  options.csv_bom = !args.no_bom;
  options.jobs = context.options.jobs;
  const ex::RecordBuilder builder(context.resolver(),
                                  std::move(std::get<std::vector<const core::Note*>>(selected)), options,
                                  shared ? nullptr : &stash);
  if (!context.options.quiet) {
    if (const std::size_t n = builder.omitted_fields_in_bodies(); n > 0) {
      std::cerr << k_cmd << ": warning: " << count_of(n, "note")
                << " still hold an omitted field in their text (key:: value); add --no-body to leave the text out\n";
    }
  }
  ProgressLine progress_line(!context.options.quiet && isatty(STDERR_FILENO) == 1);
  const ex::Progress progress = [&progress_line](std::size_t done, std::size_t total) { progress_line(done, total); };

  if (to_stdout) {
    if (auto error = write_export(args, builder, "", progress)) {
      std::cerr << k_cmd << ": " << *error << '\n';
      return ExitCode::io;
    }
    return ExitCode::ok;
  }
  auto created = ex::AtomicFile::create(args.out);
  if (auto* error = std::get_if<std::string>(&created)) {
    std::cerr << k_cmd << ": " << *error << '\n';
    return ExitCode::io;
  }
  auto& file = std::get<ex::AtomicFile>(created);
  if (auto error = write_export(args, builder, file.temp_path(), progress)) {
    std::cerr << k_cmd << ": " << *error << "; '" << args.out << "' was left as it was\n";
    return ExitCode::io;
  }
  std::error_code ec;
  if (!args.force && fs::exists(args.out, ec)) {  // appeared while we were writing
    std::cerr << k_cmd << ": '" << args.out << "' already exists; add --force to replace it\n";
    return ExitCode::usage;
  }
  // A database keeps what it held in its pages; the policy's exports are the owner's alone.
  if (auto error = file.commit(args.format == "sqlite" || shared)) {
    std::cerr << k_cmd << ": " << *error << '\n';
    return ExitCode::io;
  }
  return ExitCode::ok;
}

}  // namespace

Command add_export(CLI::App& app, Context& context) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* command = add_command(app, "export", "Export the notes as JSON, JSON Lines, CSV or SQLite", k_examples);
  command->add_option("--format", args->format, "json, jsonl, csv or sqlite")->required()->type_name("FORMAT");
  command->add_option("--out", args->out, "The file to write, or - for standard output (not sqlite)")
      ->required()
      ->type_name("PATH");
  command->add_flag("--no-body", args->no_body, "Leave out the text of the notes");
  command->add_option("--fields", args->fields, "CSV only: the frontmatter columns, e.g. status,core_fears")
      ->delimiter(',')
      ->type_name("A,B");
  command->add_option("--omit-field", args->omit, "Leave out this field everywhere (repeat for more)")
      ->type_name("FIELD")
      ->allow_extra_args(false);
  command->add_option("--where", args->where, "Only notes for which this Dataview expression is true")
      ->type_name("EXPR");
  command->add_option("--from", args->from, "Only notes from this Dataview source: \"Folder\", #tag, [[Note]]")
      ->type_name("SOURCE");
  command->add_flag("--force", args->force, "Replace PATH if it exists");
  command->add_flag("--no-bom", args->no_bom, "CSV only: no UTF-8 byte order mark at the start");
  add_share_options(*command, args->share, true);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
