#include "cli/share_options.hpp"
#include "cli/search_command.hpp"

#include <unistd.h>

#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/search.hpp"
#include "core/search_snippet.hpp"

namespace mdvault::cli {

namespace {

struct SearchArgs {
  ShareArgs share;
  std::vector<std::string> text;
  std::string format = "text";
};

constexpr const char* k_examples = R"(  mdvault search shame                       notes that mention shame, with each line
  mdvault search shame repair                notes that mention both words (anywhere in the note)
  mdvault search "secure base"               the words together, as one phrase
  mdvault search '"secure base" repair'      a phrase and a word
  mdvault search Abandonment --format json   path, line, column and text of each line, for scripts

Upper and lower case are the same (in every alphabet). Note bodies and frontmatter
values are searched; a note is listed when it holds every word or phrase, and each of
its lines that holds one of them is printed as path:line: text.
Exit status: 0 something found, 1 nothing found (like grep), 2 a mistake in the command,
3 the vault could not be read.)";

/// The hit's snippet with the matches in red.
std::string snippet(const core::SearchHit& hit, const Style& style) {
  return core::search_snippet(hit, [&style](std::string_view match) { return style.red(match); });
}

ExitCode run(Context& context, const SearchArgs& args) {
  if (!check_choice("mdvault search", "--format", args.format, {"text", "json"})) return ExitCode::usage;
  std::vector<std::string> words = args.text;
  bool curly = false;
  for (auto& word : words) curly = straighten_quotes(word) || curly;
  if (curly) std::cerr << "mdvault search: note: read the curly quotes (“ ” ‘ ’) as straight quotes (\" ').\n";
  const auto terms = core::parse_search_terms(words);
  if (terms.empty()) {
    std::cerr << "mdvault search: give a word or a phrase to look for, for example: mdvault search \"secure base\"\n";
    return ExitCode::usage;
  }
  // Each note is searched in its reading thread and then dropped to its path, so the vault's
  // text is never held at once. Search needs bodies and frontmatter values only: the Markdown
  // is not parsed (with --share the policy needs the links, so the notes come parsed).
  std::mutex found_mutex;
  std::unordered_map<std::string, std::vector<core::SearchHit>> found;
  const auto search_and_drop = [&terms, &found_mutex, &found](core::Note& note) {
    auto hits = core::search_note(note, terms);
    note.body = std::string{};
    note.frontmatter.reset();
    note.links = {};
    note.tags = {};
    note.tasks = {};
    note.fields = {};
    note.headings = {};
    note.block_ids = {};
    note.diagnostics = {};
    if (hits.empty()) return;
    const std::lock_guard<std::mutex> lock(found_mutex);
    found.emplace(note.path, std::move(hits));
  };
  if (auto rc = request_sharing(context, args.share, "mdvault search", {false, false, {}})) return *rc;
  if (auto rc = context.load_vault(search_and_drop, {.body = true, .body_facts = false}); rc != ExitCode::ok) {
    return rc;
  }

  const Style style = context.style(STDOUT_FILENO);
  Json list = Json::array();
  std::size_t notes = 0;
  for (const auto& note : context.vault().notes) {
    const auto hits = found.find(note.path);
    if (hits == found.end()) continue;
    ++notes;
    for (const auto& hit : hits->second) {
      if (args.format == "json") {
        list.push_back(Json{{"path", note.path}, {"line", hit.line}, {"column", hit.column}, {"text", hit.text}});
      } else {
        std::cout << style.bold(note.path + ":" + std::to_string(hit.line) + ":") << ' ' << snippet(hit, style)
                  << '\n';
      }
    }
  }
  if (args.format == "json") write_json(std::cout, list);
  if (notes == 0) {
    if (!context.options.quiet) {
      std::cerr << "mdvault search: no note holds " << (terms.size() == 1 ? "\"" : "all of \"");
      for (std::size_t i = 0; i < terms.size(); ++i) std::cerr << (i == 0 ? "" : "\", \"") << terms[i];
      std::cerr << "\".\n";
    }
    return ExitCode::findings;
  }
  return ExitCode::ok;
}

}  // namespace

Command add_search(CLI::App& app, Context& context) {
  auto args = std::make_shared<SearchArgs>();
  CLI::App* command = add_command(app, "search", "Find words and phrases in the notes", k_examples);
  command->add_option("TEXT", args->text, "Words, or \"phrases in quotes\"; a note must hold all of them")
      ->required()
      ->type_name("");
  command->add_option("--format", args->format, "text (default) or json")->type_name("FORMAT");
  add_share_options(*command, args->share, false);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
