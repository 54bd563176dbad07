#include "cli/share_options.hpp"

#include <iostream>

#include "cli/command_line.hpp"

namespace mdvault::cli {

void add_share_options(CLI::App& command, ShareArgs& args, bool by_default) {
  if (by_default) {
    command.add_flag("--include-private", args.include_private,
                     "Leave the privacy policy of .mdvault.yaml off for this run: private notes and fields included");
  } else {
    command.add_flag("--share", args.share,
                     "Apply the privacy policy of .mdvault.yaml, as an export does: private notes left out, names "
                     "replaced");
  }
  command.add_option("--pseudonym-map", args.pseudonym_map,
                     "Where the pseudonyms of names are kept (a file outside the vault; needed to export when the "
                     "policy has pseudonymize:)")
      ->type_name("FILE");
  command.add_option("--dates", args.dates, "year: every date reduced to its year (with the privacy policy)")
      ->type_name("year");
}

std::variant<SharingRequest, ExitCode> make_sharing_request(const ShareArgs& args, const std::string& command,
                                                           const ShareTarget& target) {
  const bool by_default = target.by_default;
  if (!args.dates.empty() && !check_choice(command, "--dates", args.dates, {"year"})) return ExitCode::usage;
  SharingRequest request;
  request.active = by_default ? !args.include_private : args.share;
  request.required = !by_default && args.share;
  request.command = command;
  request.pseudonym_map = args.pseudonym_map;
  request.map_required = target.is_export;
  request.out = target.out;
  request.dates_year = args.dates == "year";
  if (!request.active && (!args.pseudonym_map.empty() || request.dates_year)) {
    std::cerr << command << ": --pseudonym-map and --dates work with the privacy policy, which "
              << (by_default ? "--include-private turns off" : "only --share turns on") << '\n';
    return ExitCode::usage;
  }
  if (by_default && args.include_private) {
    std::cerr << command << ": --include-private: the privacy policy is off for this run; private notes and fields "
              << "are included\n";
  }
  return request;
}

std::optional<ExitCode> request_sharing(Context& context, const ShareArgs& args, const std::string& command,
                                        const ShareTarget& target) {
  auto request = make_sharing_request(args, command, target);
  if (auto* rc = std::get_if<ExitCode>(&request)) return *rc;
  context.request_sharing(std::move(std::get<SharingRequest>(request)));
  return std::nullopt;
}

}  // namespace mdvault::cli
