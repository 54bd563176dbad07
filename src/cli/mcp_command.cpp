#include "cli/mcp_command.hpp"

#include <cerrno>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <unistd.h>

#include "cli/mcp_index_source.hpp"
#include "cli/share_options.hpp"
#include "cli/version.hpp"
#include "core/mcp/json_rpc.hpp"
#include "core/mcp/server.hpp"

namespace mdvault::cli {

namespace {

struct McpArgs {
  ShareArgs share;
};

constexpr const char* k_examples =
    R"(  mdvault --vault ~/Notes mcp                  serve ~/Notes to an assistant (Claude Desktop, ...)
  mdvault --vault ~/Notes mcp --include-private   the same with the privacy policy off

The assistant starts this command itself and talks to it on stdin and stdout (one JSON-RPC
message per line); messages about the server go to stderr. Nothing is ever written to the
vault. With a privacy: section in .mdvault.yaml the assistant sees the vault as an export
would: private notes do not exist, omitted fields are absent, names are pseudonyms
(--pseudonym-map FILE keeps them the same across restarts). See docs/mcp.md.)";

constexpr const char* k_instructions =
    "Read-only access to a vault of Markdown notes (Obsidian style, YAML frontmatter). Find notes with search "
    "or list_notes, read one with show_note (include_text for its text), ask Dataview DQL questions with query, "
    "follow links with links, check notes with lint; vault_info gives the overview. Notes the owner keeps "
    "private are not part of this vault.";

// Set by the SIGTERM and SIGINT handler; the only state a signal handler may touch.
volatile std::sig_atomic_t g_stop = 0;  // NOLINT: a signal flag is necessarily global

extern "C" void on_stop_signal(int /*signal*/) { g_stop = 1; }

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns EINTR and the loop ends
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a vanished client shows as EPIPE on write
}

/// Writes all of `line` and a newline to stdout; false when the client is gone.
bool write_line(std::string line) {
  line += '\n';
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDOUT_FILENO, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) {
      if (g_stop != 0) return false;
      continue;
    }
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

/// Reads lines from stdin until end of file, a stop signal or a vanished client, answering each.
ExitCode serve(core::mcp::Server& server) {
  std::string pending;
  bool overlong = false;  // the current line went past the limit: skipped to its end
  char buffer[65536];
  const auto answer = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return true;
    for (auto& out : server.handle(line)) {
      if (!write_line(std::move(out))) return false;
    }
    return true;
  };
  const auto too_long = [] {
    return write_line(core::mcp::error_line(std::nullopt, {core::mcp::k_invalid_request,
                                                           "the message is longer than " +
                                                               std::to_string(core::mcp::k_max_message_bytes) +
                                                               " bytes and was skipped; send smaller requests",
                                                           std::nullopt}));
  };
  while (g_stop == 0) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::cerr << "mdvault mcp: cannot read stdin; stopping\n";
      return ExitCode::io;
    }
    if (n == 0) break;
    std::string_view chunk(buffer, static_cast<std::size_t>(n));
    while (!chunk.empty()) {
      const auto newline = chunk.find('\n');
      const std::string_view part = chunk.substr(0, newline);
      if (!overlong) {
        if (pending.size() + part.size() > core::mcp::k_max_message_bytes) {
          overlong = true;
          pending.clear();
          pending.shrink_to_fit();
        } else {
          pending.append(part);
        }
      }
      if (newline == std::string_view::npos) break;
      chunk.remove_prefix(newline + 1);
      const bool alive = overlong ? too_long() : answer(pending);
      overlong = false;
      pending.clear();
      if (!alive) {
        std::cerr << "mdvault mcp: the client closed its end (stdout); stopping\n";
        return ExitCode::ok;
      }
    }
  }
  if (g_stop != 0) {
    std::cerr << "mdvault mcp: stopped by a signal\n";
    return ExitCode::ok;
  }
  if (overlong) {
    too_long();
  } else if (!pending.empty()) {
    answer(pending);  // a last message without its newline
  }
  std::cerr << "mdvault mcp: stdin closed; stopping\n";
  return ExitCode::ok;
}

ExitCode run(Context& context, const McpArgs& args) {
  // As query --share: the map is optional (without it, people are numbered for each read of the vault).
  auto sharing = make_sharing_request(args.share, "mdvault mcp", {true, false, {}});
  if (auto* rc = std::get_if<ExitCode>(&sharing)) return *rc;
  DiskIndexSource source(context.options, std::get<SharingRequest>(sharing), args.share.include_private);
  if (auto rc = source.load(); rc != ExitCode::ok) return rc;
  {
    auto index = source.index();
    if (auto* problem = std::get_if<std::string>(&index)) {
      std::cerr << "mdvault mcp: " << *problem << '\n';
      return ExitCode::io;
    }
    const auto& facts = std::get<const core::mcp::VaultIndex*>(index)->facts();
    std::cerr << "mdvault mcp: serving " << source.root().generic_string() << " ("
              << std::get<const core::mcp::VaultIndex*>(index)->vault().notes.size() << " notes; privacy policy "
              << (facts.privacy == "applied" ? "applied"
                  : facts.privacy == "off"   ? "off (--include-private)"
                                             : "none")
              << ") on stdin/stdout; read-only\n";
  }
  core::mcp::ServerIdentity identity;
  identity.version = std::string(k_version);
  identity.instructions = k_instructions;
  core::mcp::Server server(source, identity);
  install_signal_handlers();
  return serve(server);
}

}  // namespace

Command add_mcp(CLI::App& app, Context& context) {
  auto args = std::make_shared<McpArgs>();
  CLI::App* command =
      add_command(app, "mcp", "Serve the vault to an AI assistant over MCP, read-only and private", k_examples);
  add_share_options(*command, args->share, true);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
