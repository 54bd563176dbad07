#include "cli/stats_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "cli/output.hpp"
#include "core/lint.hpp"
#include "core/unicode.hpp"

namespace mdvault::cli {

namespace {

struct StatsArgs {
  std::string format = "text";
  bool no_timing = false;
  std::size_t top = 10;
};

constexpr const char* k_examples = R"(  mdvault stats                      counts for this vault
  mdvault stats --format json        the same as JSON, for scripts
  mdvault stats --no-timing          leave out the parse time, so that two runs give the same output

Counts notes, attachments (other files), links and broken links, notes per class,
notes per frontmatter field and notes per tag, and how long reading the vault took.)";

/// Names with the number of notes that have them, most frequent first, then by name.
using Ranking = std::vector<std::pair<std::string, std::size_t>>;

Ranking rank(const std::map<std::string, std::size_t>& counts) {
  Ranking out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

struct Stats {
  std::size_t notes = 0;
  std::size_t attachments = 0;
  std::size_t links = 0;
  std::size_t broken_links = 0;
  std::size_t ambiguous_links = 0;
  std::size_t without_class = 0;
  Ranking classes;
  Ranking fields;
  Ranking tags;
  double parse_seconds = 0;
};

Stats count(const Context& context) {
  const auto& vault = context.vault();
  Stats stats;
  stats.notes = vault.notes.size();
  stats.attachments = vault.attachments.size();
  stats.parse_seconds = vault.parse_seconds;
  std::map<std::string, std::size_t> classes;
  std::map<std::string, std::size_t> fields;
  std::map<std::string, std::size_t> tags;
  for (const auto& note : vault.notes) {
    const auto note_classes = core::classes_of(note, context.config());
    if (note_classes.empty()) ++stats.without_class;
    for (const auto& name : std::set<std::string>(note_classes.begin(), note_classes.end())) ++classes[name];
    if (note.frontmatter && note.frontmatter->is_map()) {
      std::set<std::string> keys;
      for (const auto& entry : note.frontmatter->as_map()) keys.insert(entry.key);
      for (const auto& key : keys) ++fields[key];
    }
    std::set<std::string> note_tags;  // tags are case-insensitive: counted once per note
    for (const auto& tag : note.tags) note_tags.insert(core::fold_case(tag.name));
    for (const auto& tag : note_tags) ++tags[tag];
    for (const auto& link : note.links) {
      ++stats.links;
      const auto resolution = context.resolver().resolve(note, link);
      if (!resolution.is_resolved()) ++stats.broken_links;
      if (resolution.is_ambiguous()) ++stats.ambiguous_links;
    }
  }
  stats.classes = rank(classes);
  stats.fields = rank(fields);
  stats.tags = rank(tags);
  return stats;
}

/// Prints a ranking as an aligned two-column list, at most `limit` rows.
void print_ranking(std::ostream& out, const Ranking& ranking, std::string_view prefix, std::size_t limit) {
  if (ranking.empty()) {
    out << "  none\n";
    return;
  }
  std::size_t width = 0;
  for (const auto& [name, n] : ranking) width = std::max(width, prefix.size() + core::count_code_points(name));
  std::size_t shown = 0;
  for (const auto& [name, n] : ranking) {
    if (shown++ == limit) break;
    const std::size_t length = prefix.size() + core::count_code_points(name);
    out << "  " << prefix << name << std::string(width - length + 2, ' ') << n << '\n';
  }
}

void print_text(std::ostream& out, const Stats& stats, const StatsArgs& args, const Style& style) {
  out << "Notes:        " << stats.notes << '\n';
  out << "Attachments:  " << stats.attachments << '\n';
  out << "Links:        " << stats.links << " (" << stats.broken_links << " broken, " << stats.ambiguous_links
      << " ambiguous)\n";
  if (!args.no_timing) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.3f", stats.parse_seconds);
    out << "Parse time:   " << seconds << " s\n";
  }
  out << '\n' << style.bold("Classes (notes per class)") << '\n';
  Ranking classes = stats.classes;
  if (stats.without_class > 0) classes.emplace_back("(no class)", stats.without_class);
  print_ranking(out, classes, "", classes.size());
  out << '\n' << style.bold("Fields (notes per frontmatter field)") << '\n';
  print_ranking(out, stats.fields, "", stats.fields.size());
  if (stats.tags.size() > args.top) {
    out << '\n'
        << style.bold("Tags (notes per tag: the " + std::to_string(args.top) + " most used of " +
                      std::to_string(stats.tags.size()) + ")")
        << '\n';
  } else {
    out << '\n' << style.bold("Tags (notes per tag)") << '\n';
  }
  print_ranking(out, stats.tags, "#", args.top);
}

Json ranking_json(const Ranking& ranking) {
  Json out = Json::object();
  for (const auto& [name, n] : ranking) out[name] = n;
  return out;
}

Json stats_json(const Stats& stats, const StatsArgs& args) {
  Json doc = Json::object();
  doc["notes"] = stats.notes;
  doc["attachments"] = stats.attachments;
  doc["links"] = stats.links;
  doc["broken_links"] = stats.broken_links;
  doc["ambiguous_links"] = stats.ambiguous_links;
  doc["classes"] = ranking_json(stats.classes);
  doc["notes_without_class"] = stats.without_class;
  doc["fields"] = ranking_json(stats.fields);
  doc["tags"] = ranking_json(stats.tags);
  if (!args.no_timing) doc["parse_seconds"] = std::round(stats.parse_seconds * 1000.0) / 1000.0;
  return doc;
}

ExitCode run(Context& context, const StatsArgs& args) {
  if (!check_choice("mdvault stats", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  if (auto rc = context.load_vault(); rc != ExitCode::ok) return rc;
  const Stats stats = count(context);
  if (args.format == "json") {
    write_json(std::cout, stats_json(stats, args));
  } else {
    print_text(std::cout, stats, args, context.style(STDOUT_FILENO));
  }
  return ExitCode::ok;
}

}  // namespace

Command add_stats(CLI::App& app, Context& context) {
  auto args = std::make_shared<StatsArgs>();
  CLI::App* command = add_command(app, "stats", "Count notes, classes, fields, tags and links", k_examples);
  command->add_option("--format", args->format, "text (default) or json")->type_name("FORMAT");
  command->add_flag("--no-timing", args->no_timing,
                    "Leave out the parse time (text) and parse_seconds (json), so output is the same every run");
  command->add_option("--top", args->top, "How many tags to list in text output (default: 10)")->type_name("N");
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
