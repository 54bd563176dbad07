// mdvault: checks, shows and counts an Obsidian-style vault of Markdown notes.
// Builds the command table and catches what nothing else should have let through.

#include <exception>
#include <iostream>

#include "cli/base_command.hpp"
#include "cli/cache_command.hpp"
#include "cli/command_line.hpp"
#include "cli/completion_command.hpp"
#include "cli/export_command.hpp"
#include "cli/graph_command.hpp"
#include "cli/links_command.hpp"
#include "cli/lint_command.hpp"
#include "cli/mcp_command.hpp"
#include "cli/privacy_command.hpp"
#include "cli/query_command.hpp"
#include "cli/schema_command.hpp"
#include "cli/search_command.hpp"
#include "cli/show_command.hpp"
#include "cli/stats_command.hpp"

int main(int argc, char** argv) {
  using namespace mdvault::cli;
  try {
    Context context;
    CLI::App app{"mdvault reads a folder of Markdown notes (an Obsidian vault), checks their frontmatter\n"
                 "against your schemas, follows links the way Obsidian does and says what needs fixing.",
                 "mdvault"};
    add_global_options(app, context);
    const std::vector<Command> commands{add_lint(app, context),   add_show(app, context),  add_links(app, context),
                                        add_graph(app, context),  add_search(app, context), add_stats(app, context),
                                        add_query(app, context),  add_export(app, context), add_schema(app, context),
                                        add_privacy(app, context), add_base(app, context),   add_cache(app, context),
                                        add_mcp(app, context),     add_completion(app)};
    const ExitCode code = parse_and_run(app, commands, context, argc, argv);
    context.end_of_process();
    return to_int(code);
  } catch (const std::exception& error) {
    std::cerr << "mdvault: internal error: " << error.what() << "\nThis is a bug in mdvault; please report it.\n";
    return to_int(ExitCode::internal);
  }
}
