#pragma once
// The privacy options of the commands that can share the vault (docs/privacy.md):
// --share, --include-private, --pseudonym-map, --dates.

#include <optional>
#include <string>
#include <variant>

#include <CLI/CLI.hpp>

#include "cli/cli_context.hpp"
#include "cli/exit_code.hpp"

namespace mdvault::cli {

/// The privacy options as given.
struct ShareArgs {
  bool share = false;            ///< --share (query, search, show, links, base)
  bool include_private = false;  ///< --include-private (export, graph)
  std::string pseudonym_map;     ///< --pseudonym-map FILE
  std::string dates;             ///< --dates year
};

/// Adds the options to `command`: --include-private where sharing is the default (export,
/// graph), --share elsewhere; --pseudonym-map and --dates on both.
void add_share_options(CLI::App& command, ShareArgs& args, bool by_default);

/// What a command makes of the shared vault.
struct ShareTarget {
  bool by_default = false;  ///< export and graph share unless told not to
  bool is_export = false;   ///< the output leaves the machine: pseudonyms must be kept in a file
  std::string out;          ///< the export's file, if any: the map may not lie in its folder
};

/// How to share for this run, checked (a bad --dates value is a usage error); prints the
/// --include-private notice. For a command that loads the vault more than once (mcp).
std::variant<SharingRequest, ExitCode> make_sharing_request(const ShareArgs& args, const std::string& command,
                                                           const ShareTarget& target);

/// Tells `context` how to share for this run (before load_vault). Prints the
/// --include-private notice; a bad --dates value is a usage error.
std::optional<ExitCode> request_sharing(Context& context, const ShareArgs& args, const std::string& command,
                                        const ShareTarget& target);

}  // namespace mdvault::cli
