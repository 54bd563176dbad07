#include "cli/completion_command.hpp"

#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace mdvault::cli {

namespace {

constexpr const char* k_examples = R"(  mdvault completion bash > ~/.local/share/bash-completion/completions/mdvault
  mdvault completion zsh > ~/.zfunc/_mdvault      (with fpath+=~/.zfunc in ~/.zshrc)
  mdvault completion fish > ~/.config/fish/completions/mdvault.fish

'cmake --install' puts all three where the shells look, so this is only needed for a
copy of mdvault that was not installed.)";

/// One option as the scripts need it.
struct OptionSpec {
  std::string long_name;   ///< "--format", or empty
  std::string short_name;  ///< "-q", or empty
  std::string help;
  bool takes_value = false;
};

/// One command (or a command of a command, "schema validate").
struct CommandSpec {
  std::string name;
  std::string help;
  std::vector<OptionSpec> options;
  std::vector<std::string> subcommands;
};

std::vector<OptionSpec> options_of(const CLI::App& app) {
  std::vector<OptionSpec> out;
  for (const CLI::Option* option : app.get_options({})) {
    if (option->get_lnames().empty() && option->get_snames().empty()) continue;  // a positional
    OptionSpec spec;
    if (!option->get_lnames().empty()) spec.long_name = "--" + option->get_lnames().front();
    if (!option->get_snames().empty()) spec.short_name = "-" + option->get_snames().front();
    spec.help = option->get_description();
    spec.takes_value = option->get_expected_min() > 0;
    out.push_back(std::move(spec));
  }
  return out;
}

/// Every command, depth first, with names such as "schema validate".
void collect(const CLI::App& app, const std::string& prefix, std::vector<CommandSpec>& out) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    CommandSpec spec{prefix + sub->get_name(), sub->get_description(), options_of(*sub), {}};
    for (const CLI::App* child : sub->get_subcommands({})) spec.subcommands.push_back(child->get_name());
    out.push_back(std::move(spec));
    collect(*sub, prefix + sub->get_name() + " ", out);
  }
}

/// Text inside single quotes, for every shell: ' becomes '\''.
std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c != '\n') {
      out += c;
    }
  }
  return out + "'";
}

/// An option's help for zsh's _arguments: no brackets or colons, which have meanings there.
std::string zsh_help(std::string_view text) {
  std::string out;
  for (const char c : text) out += (c == '[' || c == ']') ? '(' : c == ':' ? ' ' : c;
  return out;
}

std::string words_of(const std::vector<OptionSpec>& options) {
  std::string out;
  for (const auto& o : options) {
    for (const auto& name : {o.long_name, o.short_name}) {
      if (!name.empty()) out += (out.empty() ? "" : " ") + name;
    }
  }
  return out;
}

std::string value_options(const std::vector<OptionSpec>& options) {
  std::string out;
  for (const auto& o : options) {
    if (o.takes_value && !o.long_name.empty()) out += (out.empty() ? "" : "|") + o.long_name;
  }
  return out;
}

void print_bash(std::ostream& out, const std::vector<OptionSpec>& globals, const std::vector<CommandSpec>& commands) {
  std::string top;
  for (const auto& c : commands) {
    if (c.name.find(' ') == std::string::npos) top += (top.empty() ? "" : " ") + c.name;
  }
  out << "# bash completion for mdvault (mdvault completion bash)\n"
      << "_mdvault() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=\"\" i\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case ${COMP_WORDS[i]} in\n"
      << "      " << value_options(globals) << ") ((i++)) ;;\n"
      << "      -*) ;;\n"
      << "      *) cmd=\"${cmd:+$cmd }${COMP_WORDS[i]}\" ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  case $prev in\n"
      << "    --vault|--schemas) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
      << "    --config) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
      << "    --color) COMPREPLY=($(compgen -W 'auto always never' -- \"$cur\")); return ;;\n"
      << "  esac\n"
      << "  local words\n"
      << "  case $cmd in\n"
      << "    \"\") words=" << shell_quote(top + " help " + words_of(globals)) << " ;;\n";
  for (const auto& c : commands) {
    std::string words = words_of(c.options);
    for (const auto& s : c.subcommands) words += " " + s;
    out << "    " << shell_quote(c.name) << "*) words=" << shell_quote(words + " " + words_of(globals)) << " ;;\n";
  }
  out << "  esac\n"
      << "  COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
      << "  if [[ $cur != -* && -n $cmd ]]; then COMPREPLY+=($(compgen -f -- \"$cur\")); fi\n"
      << "}\n"
      << "complete -o filenames -F _mdvault mdvault\n";
}

void print_zsh(std::ostream& out, const std::vector<OptionSpec>& globals, const std::vector<CommandSpec>& commands) {
  auto arguments = [](const std::vector<OptionSpec>& options) {
    std::string text;
    for (const auto& o : options) {
      const std::string name = o.long_name.empty() ? o.short_name : o.long_name;
      text += " " + shell_quote(name + "[" + zsh_help(o.help) + "]" + (o.takes_value ? ":value:_files" : ""));
    }
    return text;
  };
  out << "#compdef mdvault\n# zsh completion for mdvault (mdvault completion zsh)\n"
      << "_mdvault() {\n"
      << "  local -a commands\n"
      << "  commands=(";
  for (const auto& c : commands) {
    if (c.name.find(' ') == std::string::npos) out << ' ' << shell_quote(c.name + ":" + zsh_help(c.help));
  }
  out << ")\n"
      << "  local cmd=\"\" i\n"
      << "  for ((i = 2; i < CURRENT; i++)); do\n"
      << "    case $words[i] in\n"
      << "      " << value_options(globals) << ") ((i++)) ;;\n"
      << "      -*) ;;\n"
      << "      *) cmd=\"${cmd:+$cmd }$words[i]\" ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  case $cmd in\n"
      << "    \"\") _describe command commands; _arguments" << arguments(globals) << " ;;\n";
  for (const auto& c : commands) {
    out << "    " << shell_quote(c.name) << "*) ";
    if (!c.subcommands.empty()) {
      out << "compadd";
      for (const auto& s : c.subcommands) out << ' ' << s;
      out << "; ";
    }
    out << "_arguments" << arguments(c.options) << arguments(globals) << " '*:file:_files' ;;\n";
  }
  out << "  esac\n}\n_mdvault \"$@\"\n";
}

void print_fish(std::ostream& out, const std::vector<OptionSpec>& globals, const std::vector<CommandSpec>& commands) {
  auto option_line = [&out](const std::string& condition, const OptionSpec& o) {
    out << "complete -c mdvault";
    if (!condition.empty()) out << " -n " << shell_quote(condition);
    if (!o.long_name.empty()) out << " -l " << o.long_name.substr(2);
    if (!o.short_name.empty()) out << " -s " << o.short_name.substr(1);
    if (o.takes_value) out << " -r";
    out << " -d " << shell_quote(o.help) << '\n';
  };
  out << "# fish completion for mdvault (mdvault completion fish)\n";
  for (const auto& o : globals) option_line("", o);
  for (const auto& c : commands) {
    const auto space = c.name.rfind(' ');
    if (space == std::string::npos) {
      out << "complete -c mdvault -f -n '__fish_use_subcommand' -a " << c.name << " -d " << shell_quote(c.help) << '\n';
    } else {
      out << "complete -c mdvault -f -n " << shell_quote("__fish_seen_subcommand_from " + c.name.substr(0, space))
          << " -a " << c.name.substr(space + 1) << " -d " << shell_quote(c.help) << '\n';
    }
    for (const auto& o : c.options) option_line("__fish_seen_subcommand_from " + c.name.substr(space + 1), o);
  }
}

}  // namespace

Command add_completion(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  CLI::App* command = add_command(app, "completion", "Print a shell completion script: bash, zsh or fish", k_examples);
  command->add_option("SHELL", *shell, "bash, zsh or fish")->required()->type_name("");
  CLI::App* root = &app;
  return {command, [root, shell] {
            if (!check_choice("mdvault completion", "SHELL", *shell, {"bash", "zsh", "fish"})) return ExitCode::usage;
            std::vector<CommandSpec> commands;
            collect(*root, "", commands);
            const auto globals = options_of(*root);
            if (*shell == "bash") {
              print_bash(std::cout, globals, commands);
            } else if (*shell == "zsh") {
              print_zsh(std::cout, globals, commands);
            } else {
              print_fish(std::cout, globals, commands);
            }
            return ExitCode::ok;
          }};
}

}  // namespace mdvault::cli
