#include "cli/mcp_command.hpp"

#include <cerrno>
#include <csignal>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

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
    R"(  mdvault --vault ~/Notes mcp                     serve ~/Notes to an assistant (Claude Desktop, ...)
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

/// Reads lines from stdin until end of file, a stop signal or a vanished client, answering
/// the lines of each read together (so that a cancellation reaches a request read with it).
ExitCode serve(core::mcp::Server& server) {
  std::string pending;
  bool overlong = false;  // the current line went past the limit: skipped to its end
  std::vector<std::string> batch;
  char buffer[65536];
  const auto flush = [&] {
    std::vector<std::string> lines;
    lines.swap(batch);
    for (auto& out : server.handle_batch(lines)) {
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
  const auto gone = [] {
    std::cerr << "mdvault mcp: the client closed its end (stdout); stopping\n";
    return ExitCode::ok;
  };
  const auto end_line = [&] {
    if (!pending.empty() && pending.back() == '\r') pending.pop_back();
    if (overlong) {
      if (!flush() || !too_long()) return false;  // the answers keep the order of the lines
    } else if (pending.find_first_not_of(" \t") != std::string::npos) {
      batch.push_back(std::move(pending));
    }
    overlong = false;
    pending.clear();
    return true;
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
      if (!end_line()) return gone();
    }
    if (!flush()) return gone();
  }
  if (g_stop != 0) {
    std::cerr << "mdvault mcp: stopped by a signal\n";
    return ExitCode::ok;
  }
  if (overlong || !pending.empty()) {
    if (!end_line() || !flush()) return gone();  // a last message without its newline
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
