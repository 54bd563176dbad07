#include "cli/command_line.hpp"

#include <algorithm>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string_view>

#include "cli/version.hpp"
#include "core/suggest.hpp"

namespace mdvault::cli {

namespace {

constexpr const char* k_top_examples = R"(Examples:
  mdvault lint                        check every note in this vault
  mdvault --vault ~/Notes stats       count the notes, tags and links of another vault
  mdvault show "Secure Attachment"    see how mdvault reads one note
  mdvault schema list                 list the note classes and their schema files

The vault is the folder given with --vault, else $MDVAULT_VAULT, else the nearest
folder above this one that holds .obsidian/ or .mdvault.yaml, else this folder.
Run 'mdvault COMMAND --help' for the options of a command, with examples.)";

/// The deepest subcommand the user chose ("schema validate" -> its App).
CLI::App* chosen_command(CLI::App& app) {
  CLI::App* current = &app;
  for (;;) {
    const auto chosen = current->get_subcommands();
    if (chosen.empty()) return current;
    current = chosen.front();
  }
}

/// "Run 'mdvault lint --help' ..." hint for a command.
void print_help_hint(CLI::App& app) {
  const bool has_commands = !app.get_subcommands({}).empty();
  std::cerr << "Run '" << command_path(app) << " --help' to see the " << (has_commands ? "commands" : "options")
            << ", with examples.\n";
}

/// The names of every option of `app` and the apps above it, with their dashes.
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* level = &app; level != nullptr; level = level->get_parent()) {
    for (const CLI::Option* option : level->get_options({})) {
      for (const auto& name : option->get_lnames()) names.push_back("--" + name);
      for (const auto& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

/// True when `app` has an option named `name` ("--format", "-q").
bool has_option(const CLI::App& app, const std::string& name) {
  for (const CLI::Option* option : app.get_options({})) {
    for (const auto& n : option->get_lnames()) {
      if ("--" + n == name) return true;
    }
    for (const auto& n : option->get_snames()) {
      if ("-" + n == name) return true;
    }
  }
  return false;
}

/// An option of a command given before the command (`mdvault --format json lint`): says where it
/// belongs instead of "unknown option". False when the option is no command's.
bool report_misplaced_option(const CLI::App& top, const CLI::App& chosen, const std::vector<std::string>& extras) {
  const std::string& word = extras.front();
  const std::string name = word.substr(0, word.find('='));
  std::string value;
  if (word.find('=') == std::string::npos && extras.size() > 1 && extras[1].front() != '-') value = " " + extras[1];
  if (&chosen != &top && has_option(chosen, name)) {
    std::cerr << "mdvault: " << name << " is an option of '" << command_path(chosen)
              << "', so it goes after the command: " << command_path(chosen) << ' ' << word << value << '\n';
    return true;
  }
  if (&chosen != &top) return false;
  std::vector<std::string> owners;
  for (const CLI::App* sub : top.get_subcommands({})) {
    if (has_option(*sub, name)) owners.push_back(sub->get_name());
  }
  if (owners.empty()) return false;
  std::cerr << "mdvault: " << name << " is an option of a command; give it after the command, for example: mdvault "
            << owners.front() << ' ' << word << value << '\n';
  std::cerr << "Commands with " << name << ":";
  for (const auto& owner : owners) std::cerr << ' ' << owner;
  std::cerr << ".\n";
  return true;
}

/// True for commands that take one text argument (a query, a search): several words there
/// mean the shell split it.
bool takes_one_text(const CLI::App& app) {
  return app.get_name() == "query";
}

/// The command's words as one argument again: the first positional and the extras, with the
/// double quotes the shell removed put back around words that hold spaces.
std::string rejoin(const CLI::App& app, const std::vector<std::string>& extras) {
  std::vector<std::string> words;
  for (const CLI::Option* option : app.get_options({})) {
    if (option->get_lnames().empty() && option->get_snames().empty()) {
      for (const auto& r : option->results()) words.push_back(r);
    }
  }
  words.insert(words.end(), extras.begin(), extras.end());
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += ' ';
    out += w.find(' ') != std::string::npos ? "\"" + w + "\"" : w;
  }
  return out;
}

/// Reports the first argument nobody claimed; false when there was none.
bool report_extras(CLI::App& app) {
  const auto extras = app.remaining(true);
  if (extras.empty()) return false;
  CLI::App* command = chosen_command(app);
  const std::string& word = extras.front();
  const std::string where = command_path(*command);
  if (word.size() > 1 && word.front() == '-') {
    const std::string name = word.substr(0, word.find('='));
    if (report_misplaced_option(app, *command, extras)) return true;
    std::cerr << where << ": unknown option '" << name << "'.";
    if (const auto hint = core::closest_match(name, option_names(*command))) {
      std::cerr << " Did you mean '" << *hint << "'?";
    }
    std::cerr << '\n';
  } else if (!command->get_subcommands({}).empty()) {
    std::vector<std::string> names;
    for (const CLI::App* sub : command->get_subcommands({})) names.push_back(sub->get_name());
    std::cerr << where << ": unknown command '" << word << "'.";
    if (const auto hint = core::closest_match(word, names)) std::cerr << " Did you mean '" << *hint << "'?";
    std::cerr << '\n';
  } else if (takes_one_text(*command)) {
    std::cerr << where << ": the shell split the " << "query"
              << " into several words; put it in single quotes:\n  " << where << " '" << rejoin(*command, extras)
              << "'\n";
  } else {
    std::cerr << where << ": unexpected argument '" << word << "'.\n";
  }
  print_help_hint(*command);
  return true;
}

/// CLI11's message in plainer words where we know its shape.
std::string plain_message(const CLI::ParseError& error) {
  std::string message = error.what();
  const std::string convert = "Could not convert: ";
  if (message.rfind(convert, 0) == 0) {
    const auto equals = message.find(" = ");
    if (equals != std::string::npos) {
      const auto option = message.substr(convert.size(), equals - convert.size());
      return option + " needs a whole number, not '" + message.substr(equals + 3) + "'.";
    }
  }
  if (error.get_name() == "ArgumentMismatch" && message.find("missing") != std::string::npos) {
    return message.substr(0, message.find(':')) + " needs a value.";
  }
  if (!message.empty() && message.back() != '.') message += '.';
  return message;
}

/// Flushes stdout: a write that failed (a full disk, `> /dev/full`, a closed pipe) is exit 3,
/// never a silent success.
ExitCode check_stdout() {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  if (flushed && std::cout.good() && std::ferror(stdout) == 0) return ExitCode::ok;
  const int error = errno;
  std::cerr << "mdvault: cannot write the output" << (error != 0 ? std::string(": ") + std::strerror(error) : "")
            << ".\n";
  return ExitCode::io;
}

}  // namespace

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* parent = app.get_parent(); parent != nullptr; parent = parent->get_parent()) {
    path = parent->get_name() + " " + path;
  }
  return path;
}

void add_global_options(CLI::App& app, Context& context) {
  app.footer(k_top_examples);
  auto formatter = app.get_formatter();
  formatter->label("SUBCOMMAND", "COMMAND");
  formatter->label("Positionals", "Arguments");
  app.set_help_flag("-h,--help", "Show this help, with examples, and exit");
  app.set_version_flag("-V,-v,--version", "mdvault " + std::string(k_version), "Show the version of mdvault and exit");
  app.allow_extras();
  auto& options = context.options;
  app.add_option("--vault", options.vault, "The folder that holds your notes")->type_name("DIR");
  app.add_option("--config", options.config, "Settings file (default: .mdvault.yaml in the vault)")
      ->type_name("FILE");
  app.add_option("--schemas", options.schemas,
                 "Folder of schema files (default: 'schemas:' in the settings, else schemas/ in the vault)")
      ->type_name("DIR");
  app.add_option("--jobs", options.jobs, "How many notes to read at once (default: one per processor core)")
      ->type_name("N");
  app.add_option("--color", options.color, "Colour the output: auto (on a terminal), always or never")
      ->type_name("WHEN");
  app.add_flag("-q,--quiet", options.quiet, "Print only the findings: no source lines, no summaries");
  app.add_option("--cache-dir", options.cache_dir,
                 "Where notes read before are kept (default: $MDVAULT_CACHE_DIR, else ~/.cache/mdvault)")
      ->type_name("DIR");
  app.add_flag("--no-cache", options.no_cache, "Read every note from its file and keep nothing between runs");
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description,
                      const std::string& examples) {
  CLI::App* command = parent.add_subcommand(name, description);
  command->allow_extras();
  command->fallthrough();
  command->group("Commands");
  command->footer("Examples:\n" + examples +
                  "\n\nOptions for every command (--vault, --config, --schemas, --jobs, --color, -q):"
                  " see 'mdvault --help'.");
  return command;
}

bool check_choice(const std::string& command, const std::string& option, const std::string& value,
                  const std::vector<std::string>& choices) {
  for (const auto& choice : choices) {
    if (choice == value) return true;
  }
  std::cerr << command << ": " << option << " does not know '" << value << "'.";
  if (const auto hint = core::closest_match(value, choices)) std::cerr << " Did you mean '" << *hint << "'?";
  std::cerr << "\nChoose one of: ";
  for (std::size_t i = 0; i < choices.size(); ++i) std::cerr << (i == 0 ? "" : ", ") << choices[i];
  std::cerr << ".\n";
  return false;
}

ExitCode parse_and_run(CLI::App& app, const std::vector<Command>& commands, Context& context, int argc,
                       char** argv) {
  // "mdvault help [COMMAND...]" is "mdvault [COMMAND...] --help", for people who try it.
  std::vector<char*> args(argv, argv + argc);
  std::string help_flag = "--help";
  if (args.size() > 1 && std::string_view(args[1]) == "help") {
    args.erase(args.begin() + 1);
    args.push_back(help_flag.data());
  }
  // "--" ends the options: what follows are the command's arguments even when they start
  // with '-' (CLI11 2.1 with fallthrough handed "--" on as an unknown option). They are given
  // to the command's positional argument after the parse.
  std::vector<std::string> operands;
  const auto end_of_options =
      std::find_if(args.begin() + 1, args.end(), [](const char* a) { return std::string_view(a) == "--"; });
  std::vector<CLI::Option*> required;  // positionals the operands may fill: checked after them
  if (end_of_options != args.end()) {
    operands.assign(end_of_options + 1, args.end());
    args.erase(end_of_options, args.end());
    if (!operands.empty()) {
      std::vector<CLI::App*> apps{&app};
      for (std::size_t i = 0; i < apps.size(); ++i) {
        for (CLI::App* sub : apps[i]->get_subcommands({})) apps.push_back(sub);
        for (CLI::Option* option : apps[i]->get_options({})) {
          if (option->get_required() && option->get_lnames().empty() && option->get_snames().empty()) {
            option->required(false);
            required.push_back(option);
          }
        }
      }
    }
  }
  try {
    app.parse(static_cast<int>(args.size()), args.data());
    if (!operands.empty() && !app.get_subcommands().empty()) {
      CLI::App* command = chosen_command(app);
      CLI::Option* positional = nullptr;
      for (CLI::Option* option : command->get_options({})) {
        if (option->get_lnames().empty() && option->get_snames().empty()) {
          positional = option;
          break;
        }
      }
      if (positional == nullptr) {
        std::cerr << command_path(*command) << ": unexpected argument '" << operands.front() << "'.\n";
        print_help_hint(*command);
        return ExitCode::usage;
      }
      for (const auto& word : operands) positional->add_result(word);
      positional->run_callback();
    }
    const std::vector<CLI::Option*> chosen_options = chosen_command(app)->get_options({});
    for (CLI::Option* option : required) {
      const bool chosen = std::find(chosen_options.begin(), chosen_options.end(), option) != chosen_options.end();
      if (chosen && option->count() == 0) throw CLI::RequiredError(option->get_name());
    }
  } catch (const CLI::Success& success) {
    const ExitCode rc = app.exit(success) == 0 ? ExitCode::ok : ExitCode::usage;
    return worse(rc, check_stdout());
  } catch (const CLI::ParseError& error) {
    CLI::App* command = chosen_command(app);
    std::cerr << command_path(*command) << ": " << plain_message(error) << '\n';
    print_help_hint(*command);
    return ExitCode::usage;
  }
  if (report_extras(app)) return ExitCode::usage;
  if (!check_choice("mdvault", "--color", context.options.color, color_mode_names())) return ExitCode::usage;
  for (const auto& command : commands) {
    if (command.app->parsed()) {
      const ExitCode rc = command.run();
      return worse(rc, check_stdout());
    }
  }
  std::cerr << "mdvault: no command given. Try 'mdvault lint' to check your notes, or 'mdvault --help' to see "
               "every command.\n";
  return ExitCode::usage;
}

}  // namespace mdvault::cli
