#include "cli/share_options.hpp"
#include "cli/links_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/lint_command.hpp"
#include "core/link_graph.hpp"

namespace mdvault::cli {

namespace {

struct LinksArgs {
  ShareArgs share;
  std::string target;  ///< NOTE, or the note or folder a list is limited to
  std::string format = "text";
  bool broken = false;
  bool ambiguous = false;
  bool orphans = false;
};

constexpr const char* k_examples = R"(  mdvault links "Secure Attachment"          links from this note, and the notes that link to it
  mdvault links "Secure Attachment" --format json   the same as JSON, for scripts
  mdvault links --broken                     every link that opens nothing
  mdvault links --broken Sessions            only the links written in notes under Sessions/
  mdvault links --ambiguous                  links whose name fits several notes, and the one opened
  mdvault links --orphans                    notes that no other note links to

Links are followed the way Obsidian follows them: names are matched without regard to
case, ".md" is optional, "Folder/Note" matches the note whose path ends that way, and
when several notes share a name the one in the vault's top folder, then the one next
to the linking note, then the one with the shortest path is opened.
Exit status: 0 (also when broken links are found: use 'mdvault lint' to fail a CI job),
2 a mistake in the command, 3 the vault could not be read.)";

/// Text or JSON null for an optional string.
Json string_or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

/// The path a link opens, or empty.
std::string resolved_path(const core::Resolution& r) {
  if (r.note != nullptr) return r.note->path;
  return r.attachment;
}

/// One outgoing link as SPEC §4 shapes it, optionally preceded by its source note.
Json outgoing_json(const core::Link& link, const core::Resolution& r, const core::Note* source) {
  Json item = Json::object();
  if (source != nullptr) item["source"] = source->path;
  item["target"] = link.target;
  item["subpath"] = string_or_null(link.subpath);
  item["display"] = link.has_display ? Json(link.display) : Json(nullptr);
  item["kind"] = std::string(core::to_string(link.kind));
  item["field"] = string_or_null(link.field);
  item["line"] = link.line;
  item["column"] = link.column;
  const std::string resolved = resolved_path(r);
  item["resolved"] = string_or_null(resolved);
  return item;
}

/// Where a link leads, in words.
std::string describe(const core::Link& link, const core::Resolution& r, const Style& style) {
  if (r.is_resolved()) {
    std::string out = "→ " + resolved_path(r);
    if (r.subpath_missing) {
      out += style.yellow(link.subpath[0] == '^' ? " (no block ^" + link.subpath.substr(1) + " there)"
                                                 : " (no heading \"" + link.subpath + "\" there)");
    }
    if (r.is_ambiguous()) out += style.dim(" (" + std::to_string(r.candidates.size()) + " notes have this name)");
    return out;
  }
  if (!r.alias_of.empty()) {
    const std::string& path = r.alias_of;
    const std::string name = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
    return style.red("→ not found") + " (\"" + link.target + "\" is an alias of " + path + "; write [[" +
           name.substr(0, name.size() - 3) + "|" + link.target + "]])";
  }
  return style.red("→ not found");
}

/// "line 12:5" and, for a frontmatter link, its field.
std::string where(const core::Link& link) {
  std::string out = "line " + std::to_string(link.line) + ":" + std::to_string(link.column);
  if (!link.field.empty()) out += " (" + link.field + ")";
  return out;
}

/// The link as written, cut after about 100 characters (a link can be very long).
std::string shorten(const std::string& raw) {
  constexpr std::size_t k_max = 100;
  if (raw.size() <= k_max) return raw;
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0U) == 0x80U) --cut;
  return raw.substr(0, cut) + "… (" + std::to_string(raw.size()) + " bytes)";
}

/// `text` followed by spaces up to `width` bytes.
std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

/// True when a note path lies in `scope` (a note path, a folder, or "" for the vault).
bool in_scope(const std::string& path, const std::string& scope) {
  if (scope.empty() || path == scope) return true;
  return path.size() > scope.size() && path.compare(0, scope.size(), scope) == 0 && path[scope.size()] == '/';
}

void print_note_text(std::ostream& out, const core::Vault& vault, const core::LinkGraph& graph, std::size_t index,
                     const Style& style) {
  const core::Note& note = vault.notes[index];
  const auto& resolutions = graph.resolutions[index];
  out << style.bold(note.path) << '\n';
  constexpr std::pair<core::LinkKind, const char*> k_groups[] = {
      {core::LinkKind::wikilink, "Links"},
      {core::LinkKind::embed, "Embeds"},
      {core::LinkKind::markdown, "Markdown links"},
      {core::LinkKind::frontmatter, "Links in the frontmatter"},
  };
  std::size_t total = 0;
  for (const auto& [kind, title] : k_groups) {
    std::size_t count = 0;
    for (const auto& link : note.links) count += link.kind == kind ? 1 : 0;
    if (count == 0) continue;
    total += count;
    out << '\n' << style.bold(std::string(title) + " (" + std::to_string(count) + ")") << '\n';
    std::size_t width = 0;
    for (const auto& link : note.links) width = link.kind == kind ? std::max(width, where(link).size()) : width;
    for (std::size_t k = 0; k < note.links.size(); ++k) {
      const auto& link = note.links[k];
      if (link.kind != kind) continue;
      out << "  " << style.dim(pad(where(link), width)) << "  " << shorten(link.raw) << "  " << describe(link, resolutions[k], style)
          << '\n';
    }
  }
  if (total == 0) out << '\n' << style.bold("Links") << "\n  none\n";

  const auto& incoming = graph.incoming[index];
  out << '\n' << style.bold("Notes that link here (" + std::to_string(incoming.size()) + ")") << '\n';
  if (incoming.empty()) out << "  none\n";
  for (const auto& ref : incoming) {
    const core::Note& source = vault.notes[ref.note];
    const core::Link& link = source.links[ref.link];
    out << "  " << source.path << "  " << style.dim(where(link)) << "  " << shorten(link.raw);
    if (link.kind != core::LinkKind::wikilink) out << style.dim(" (" + std::string(core::to_string(link.kind)) + ")");
    out << '\n';
  }
}

Json note_json(const core::Vault& vault, const core::LinkGraph& graph, std::size_t index) {
  const core::Note& note = vault.notes[index];
  Json doc = Json::object();
  doc["note"] = note.path;
  doc["outgoing"] = Json::array();
  for (std::size_t k = 0; k < note.links.size(); ++k) {
    doc["outgoing"].push_back(outgoing_json(note.links[k], graph.resolutions[index][k], nullptr));
  }
  doc["backlinks"] = Json::array();
  for (const auto& ref : graph.incoming[index]) {
    const core::Note& source = vault.notes[ref.note];
    const core::Link& link = source.links[ref.link];
    doc["backlinks"].push_back(Json{{"source", source.path},
                                    {"line", link.line},
                                    {"column", link.column},
                                    {"kind", std::string(core::to_string(link.kind))},
                                    {"field", string_or_null(link.field)}});
  }
  return doc;
}

/// `links --broken` / `--ambiguous`: the chosen links whose source lies in `scope`.
void print_link_list(std::ostream& out, const core::Vault& vault, const core::LinkGraph& graph,
                     const std::vector<core::LinkRef>& refs, const std::string& scope, const LinksArgs& args,
                     const Style& style, bool quiet) {
  Json list = Json::array();
  std::size_t count = 0;
  std::string last_note;
  std::size_t notes = 0;
  for (const auto& ref : refs) {
    const core::Note& source = vault.notes[ref.note];
    if (!in_scope(source.path, scope)) continue;
    const core::Link& link = source.links[ref.link];
    const core::Resolution& r = graph.resolution(ref);
    ++count;
    if (source.path != last_note) {
      last_note = source.path;
      ++notes;
    }
    if (args.format == "json") {
      Json item = outgoing_json(link, r, &source);
      if (args.ambiguous) item["candidates"] = r.candidates;
      list.push_back(std::move(item));
      continue;
    }
    out << style.bold(source.path + ":" + std::to_string(link.line) + ":" + std::to_string(link.column) + ":") << ' '
        << shorten(link.raw);
    if (!link.field.empty()) out << style.dim(" (" + link.field + ")");
    out << ' ' << describe(link, r, style) << '\n';
    if (args.ambiguous) {
      for (const auto& candidate : r.candidates) {
        out << "    " << (candidate == r.note->path ? style.green("* " + candidate) + " (opened)" : "  " + candidate)
            << '\n';
      }
    }
  }
  if (args.format == "json") {
    write_json(out, list);
    return;
  }
  if (quiet) return;
  const std::string what = args.broken ? "broken link" : "ambiguous link";
  if (count == 0) {
    out << "No " << what << "s" << (scope.empty() ? "" : " under " + scope) << ".\n";
  } else {
    out << count_of(count, what) << " in " << count_of(notes, "note") << ".\n";
  }
}

void print_orphans(std::ostream& out, const core::Vault& vault, const core::LinkGraph& graph, const std::string& scope,
                   const LinksArgs& args, bool quiet) {
  Json list = Json::array();
  std::size_t count = 0;
  for (const std::size_t i : graph.orphans) {
    const std::string& path = vault.notes[i].path;
    if (!in_scope(path, scope)) continue;
    ++count;
    if (args.format == "json") {
      list.push_back(Json{{"path", path}});
    } else {
      out << path << '\n';
    }
  }
  if (args.format == "json") {
    write_json(out, list);
  } else if (!quiet) {
    out << (count == 0 ? "No orphans: every note" + std::string(scope.empty() ? "" : " under " + scope) +
                             " has a link from another note.\n"
                       : count_of(count, "note") + " with no link from another note.\n");
  }
}

ExitCode run(Context& context, const LinksArgs& args) {
  if (!check_choice("mdvault links", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  const bool listing = args.broken || args.ambiguous || args.orphans;
  if (!listing && args.target.empty()) {
    std::cerr << "mdvault links: name a note, or choose --broken, --ambiguous or --orphans.\n"
              << "For example: mdvault links \"Secure Attachment\"   or   mdvault links --broken\n";
    return ExitCode::usage;
  }
  // Links need names, paths, aliases, headings and block ids: the rest of each note is
  // dropped as soon as it is read.
  const auto slim = [](core::Note& note) {
    note.frontmatter.reset();
    note.tags = {};
    note.tasks = {};
    note.fields = {};
    note.diagnostics = {};
    note.link_class_checks = {};
  };
  if (auto rc = request_sharing(context, args.share, "mdvault links", {false, false, {}})) return *rc;
  if (auto rc = context.load_vault(slim); rc != ExitCode::ok) return rc;
  const auto& vault = context.vault();

  std::string scope;
  if (!args.target.empty()) {
    auto found = find_lint_target(context, "mdvault links", args.target);
    if (!found) return ExitCode::usage;
    scope = *found;
  }
  const core::Note* note = scope.empty() ? nullptr : vault.find(scope);
  if (!listing && note == nullptr) {
    std::cerr << "mdvault links: '" << args.target << "' is a folder; name one note, or list links under it with "
              << "--broken, --ambiguous or --orphans.\n";
    return ExitCode::usage;
  }

  const auto graph = core::build_link_graph(vault, context.resolver(), context.options.jobs);
  const Style style = context.style(STDOUT_FILENO);
  if (args.broken) {
    print_link_list(std::cout, vault, graph, graph.broken, scope, args, style, context.options.quiet);
  } else if (args.ambiguous) {
    print_link_list(std::cout, vault, graph, graph.ambiguous, scope, args, style, context.options.quiet);
  } else if (args.orphans) {
    print_orphans(std::cout, vault, graph, scope, args, context.options.quiet);
  } else if (args.format == "json") {
    write_json(std::cout, note_json(vault, graph, core::note_index(vault, *note)));
  } else {
    print_note_text(std::cout, vault, graph, core::note_index(vault, *note), style);
  }
  return ExitCode::ok;
}

}  // namespace

Command add_links(CLI::App& app, Context& context) {
  auto args = std::make_shared<LinksArgs>();
  CLI::App* command =
      add_command(app, "links", "Links of a note and its backlinks; broken, ambiguous and orphaned notes", k_examples);
  command
      ->add_option("NOTE", args->target,
                   "The note (its name or path); with --broken, --ambiguous or --orphans, a note or folder to limit the list to")
      ->type_name("");
  auto* broken = command->add_flag("--broken", args->broken, "List the links that open no note or file");
  auto* ambiguous =
      command->add_flag("--ambiguous", args->ambiguous, "List the links whose name fits several notes");
  auto* orphans = command->add_flag("--orphans", args->orphans, "List the notes no other note links to");
  broken->excludes(ambiguous)->excludes(orphans);
  ambiguous->excludes(orphans);
  command->add_option("--format", args->format, "text (default) or json")->type_name("FORMAT");
  add_share_options(*command, args->share, false);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
