// Fuzz target: the MCP server's protocol core (core/mcp/server) over the fuzz vault. The input
// is read as lines, after an initialize; every line gets at most one answer, and every answer
// is one line of JSON: a JSON-RPC 2.0 object with a result or an error.
#include <memory>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/json_value.hpp"
#include "core/mcp/server.hpp"
#include "core/mcp/vault_index.hpp"
#include "core/schema/schema_set.hpp"

#include "fuzz/fuzz_targets.hpp"
#include "fuzz/fuzz_vault.hpp"

namespace mdvault::fuzz {
namespace {

class FuzzSource final : public core::mcp::IndexSource {
public:
  FuzzSource() : m_index(fuzz_vault(), fuzz_resolver(), m_config, m_schemas, {}) {}
  std::variant<const core::mcp::VaultIndex*, std::string> index() override { return &m_index; }

private:
  core::Config m_config;
  core::schema::SchemaSet m_schemas;
  core::mcp::VaultIndex m_index;
};

void check_answer(const std::string& line) {
  fuzz_check(line.find('\n') == std::string::npos, "an MCP answer holds a line break");
  std::string error;
  const auto value = core::parse_json(line, &error);
  if (!value) fuzz_fail("an MCP answer is not JSON (" + error + "): " + line);
  fuzz_check(value->is_map(), "an MCP answer is not a JSON object");
  const core::Value* version = value->find("jsonrpc");
  fuzz_check(version != nullptr && version->is_string() && version->as_string() == "2.0",
             "an answer without jsonrpc 2.0");
  fuzz_check((value->find("result") != nullptr) != (value->find("error") != nullptr),
             "an answer needs exactly one of result and error");
  fuzz_check(value->find("id") != nullptr, "an answer without id");
}

}  // namespace

int fuzz_mcp_message(const std::uint8_t* data, std::size_t size) {
  static FuzzSource source;  // the index is read once; the server is new for each input
  core::mcp::Server server(source, {"mdvault", "fuzz", ""});
  for (const auto& line :
       server.handle(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})")) {
    check_answer(line);
  }
  const std::string_view text = as_text(data, size);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::size_t requests = 0;
  for (const auto& line : lines) {
    const auto answers = server.handle(line);
    fuzz_check(answers.size() <= 1, "one line got several answers");
    requests += answers.size();
    for (const auto& answer : answers) check_answer(answer);
  }
  for (const auto& answer : server.handle_batch(lines)) check_answer(answer);
  fuzz_check(requests <= lines.size(), "more answers than lines");
  return 0;
}

}  // namespace mdvault::fuzz
