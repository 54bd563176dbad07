#pragma once
// `mdvault base`: runs a view of an Obsidian base (a `.base` file, or a ```base block of a note).

#include "cli/command_line.hpp"

namespace mdvault::cli {

Command add_base(CLI::App& app, Context& context);

}  // namespace mdvault::cli
