#include "cli/export_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <system_error>
#include <variant>

#include "cli/output.hpp"
#include "core/export/atomic_file.hpp"
#include "core/export/csv_export.hpp"
#include "core/export/json_export.hpp"
#include "core/export/note_record.hpp"
#include "core/export/note_stash.hpp"
#include "core/export/sqlite_export.hpp"
#include "core/file_system.hpp"
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
};

constexpr const char* k_examples = R"(  mdvault export --format json --out notes.json
      every note: frontmatter, tags, links, tasks, inline fields and text
  mdvault export --format json --out notes.json --where 'visibility != "🔒 private"'
      leave out every note whose frontmatter says  visibility: 🔒 private
  mdvault export --format csv --out fears.csv --from "Core Fears" --fields status,core_fears
      a spreadsheet of one folder, with two columns of your own choosing
  mdvault export --format sqlite --out vault.db --omit-field client --no-body
      a database without the client field and without the text of the notes
  mdvault export --format jsonl --out - | head -n 1
      one note per line on standard output

--where takes a Dataview expression (as after WHERE in a query); --from a Dataview source:
"Folder", #tag, [[Note]] (or a bare folder name). An existing file is replaced only with
--force. --omit-field removes the field from the frontmatter, links and inline fields of
every note, but not from the note text: add --no-body to be sure it is gone.
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

/// Notes chosen by --from and --where (every readable note without them), sorted by path.
std::variant<std::vector<const core::Note*>, ExitCode> select_notes(Context& context, const ExportArgs& args,
                                                                   const core::query::SourcePtr& source,
                                                                   const core::query::ExprPtr& where) {
  const auto& vault = context.vault();
  std::set<std::string> chosen;
  const bool filtered = source != nullptr || where != nullptr;
  if (filtered) {
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
    auto outcome = core::query::run_query(query, vault, context.resolver());
    if (auto* failure = std::get_if<core::query::QueryFailure>(&outcome)) {
      std::cerr << k_cmd << ": " << (args.where.empty() ? "--from" : "--where") << " failed: " << failure->message
                << '\n';
      return failure->usage ? ExitCode::usage : ExitCode::findings;
    }
    for (const auto& row : std::get<core::query::QueryResult>(outcome).rows) {
      if (row.id.is_link()) chosen.insert(row.id.as_link().path);
    }
  }
  std::vector<const core::Note*> notes;
  std::size_t unreadable = 0;
  for (const auto& note : vault.notes) {
    if (filtered && chosen.count(note.path) == 0) continue;
    if (!note.readable) {
      ++unreadable;
      continue;
    }
    notes.push_back(&note);
  }
  if (!args.where.empty()) {
    // A note whose frontmatter could not be read has no fields for --where to see: a
    // `visibility: 🔒 private` in broken YAML would not keep it out. Say so, even with -q.
    std::vector<std::string> unseen;
    for (const core::Note* note : notes) {
      if (note->has_frontmatter_block && !note->frontmatter) unseen.push_back(note->path);
    }
    if (!unseen.empty()) {
      std::cerr << k_cmd << ": warning: --where could not see the frontmatter of " << count_of(unseen.size(), "note")
                << " (it could not be read; run mdvault lint): ";
      for (std::size_t i = 0; i < unseen.size() && i < 5; ++i) std::cerr << (i == 0 ? "" : ", ") << unseen[i];
      if (unseen.size() > 5) std::cerr << ", ...";
      std::cerr << '\n';
    }
  }
  if (unreadable > 0 && !context.options.quiet) {
    std::cerr << k_cmd << ": left out " << count_of(unreadable, "file")
              << " that could not be read as a note (run mdvault lint to see why)\n";
  }
  return notes;
}

/// Warns about --fields naming a key no exported note has.
void warn_unknown_fields(const ex::RecordBuilder& builder, const std::vector<std::string>& fields) {
  const auto keys = builder.frontmatter_keys();
  for (const auto& field : fields) {
    if (std::find(keys.begin(), keys.end(), field) != keys.end()) continue;
    std::cerr << k_cmd << ": warning: no exported note has the field '" << field << "'";
    if (const auto hint = core::closest_match(field, keys)) std::cerr << "; did you mean '" << *hint << "'?";
    std::cerr << '\n';
  }
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
    if (fs::exists(args.out, ec) && !args.force) {
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
  const bool stash_frontmatter = json && source == nullptr && where == nullptr;
  if (auto rc = context.load_settings(); rc != ExitCode::ok) return rc;
  const core::DiskFileSystem disk;
  ex::NoteStash stash(ex::FieldFilter(args.omit), stash_frontmatter, with_body, context.root().string(), disk);
  std::function<void(core::Note&)> after_read;
  if (stash_frontmatter || with_body) after_read = [&stash](core::Note& note) { stash.take(note); };
  if (auto rc = context.load_vault(after_read, false, with_body); rc != ExitCode::ok) return rc;
  auto selected = select_notes(context, args, source, where);
  if (auto* rc = std::get_if<ExitCode>(&selected)) return *rc;

  ex::ExportOptions options;
  options.body = with_body;
  options.omit_fields = args.omit;
  options.csv_fields = args.fields;
  options.csv_bom = !args.no_bom;
  options.jobs = context.options.jobs;
  const ex::RecordBuilder builder(context.resolver(),
                                  std::move(std::get<std::vector<const core::Note*>>(selected)), options, &stash);
  if (!context.options.quiet) {
    warn_unknown_fields(builder, args.fields);
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
  if (auto error = file.commit()) {
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
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
