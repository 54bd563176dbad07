#pragma once
// The command table and argument handling around CLI11: global options, plain-English
// parse errors with exit code 2, "did you mean" for misspelt commands and options.

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/exit_code.hpp"

namespace mdvault::cli {

/// One command: its CLI11 sub-app and what runs it once the arguments are parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<ExitCode()> run;
};

/// Describes the program, adds --version and the global options (SPEC §1) to `app`.
void add_global_options(CLI::App& app, Context& context);

/// Adds a subcommand with mdvault's conventions: a one-line description, examples in the
/// footer, unknown arguments collected so that they get a "did you mean" hint.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& examples);

/// Parses argv, reports usage errors (exit 2) and help/version (exit 0), then runs the
/// chosen command.
ExitCode parse_and_run(CLI::App& app, const std::vector<Command>& commands, Context& context, int argc,
                       char** argv);

/// Checks that an option's value is one of `choices`; otherwise explains, with a
/// "did you mean", and returns false. `command` names the command for the message.
bool check_choice(const std::string& command, const std::string& option, const std::string& value,
                  const std::vector<std::string>& choices);

/// "mdvault lint" for the lint sub-app: the command as the user typed it.
std::string command_path(const CLI::App& app);

}  // namespace mdvault::cli
