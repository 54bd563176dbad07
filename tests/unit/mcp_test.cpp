#include <memory>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/json_value.hpp"
#include "core/link_resolver.hpp"
#include "core/mcp/json_rpc.hpp"
#include "core/mcp/paging.hpp"
#include "core/mcp/resources.hpp"
#include "core/mcp/server.hpp"
#include "core/mcp/tools.hpp"
#include "core/privacy/name_matcher.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/privacy/shared_vault.hpp"
#include "core/schema/schema_set.hpp"

using namespace mdvault::core;
using namespace mdvault::core::mcp;

namespace {

/// An index over notes made in memory; `fail` makes it answer with a problem instead.
class MemorySource final : public IndexSource {
public:
  explicit MemorySource(std::vector<Note> notes) {
    m_vault.notes = std::move(notes);
    std::sort(m_vault.notes.begin(), m_vault.notes.end(), [](const Note& a, const Note& b) { return a.path < b.path; });
    m_resolver = std::make_unique<LinkResolver>(m_vault);
    m_index = std::make_unique<VaultIndex>(m_vault, *m_resolver, m_config, m_schemas, IndexFacts{});
  }
  std::variant<const VaultIndex*, std::string> index() override {
    if (fail) return std::string("the vault could not be read");
    return m_index.get();
  }
  bool fail = false;

private:
  Vault m_vault;
  Config m_config;
  schema::SchemaSet m_schemas;
  std::unique_ptr<LinkResolver> m_resolver;
  std::unique_ptr<VaultIndex> m_index;
};

/// A note with two base blocks over the notes that have a score.
constexpr const char* k_scores_note = R"(# Scores
```base
filters: score
views:
  - type: table
    name: By status
    groupBy:
      property: status
      direction: ASC
    order: [file.name, score]
    summaries:
      score: Sum
  - type: table
    name: Flat
    order: [file.name, score]
    sort:
      - property: score
        direction: DESC
    summaries:
      score: Sum
```
Second:
```base
filters: 'status == "done"'
views:
  - type: list
    name: Done
```
)";

std::vector<Note> sample_notes() {
  std::vector<Note> notes;
  notes.push_back(
      read_note("Styles/Secure Attachment.md",
                "---\nstatus: done\ntags: [style]\naliases: [Secure]\n---\n# Signs\nTrust and [[Anxious Attachment]] "
                "and [[Nowhere]].\n- [ ] ask about trust\nmood:: calm\n"));
  notes.push_back(
      read_note("Styles/Anxious Attachment.md", "---\nstatus: draft\n---\nWorry, see [[Secure Attachment]].\n"));
  notes.push_back(read_note("Lonely.md", "Nobody links here; secure base.\n"));
  return notes;
}

/// Notes as shared under `policy_yaml` (a .mdvault.yaml `privacy:` section): private ones taken out.
std::vector<Note> shared_notes(std::vector<Note> notes, const std::string& policy_yaml) {
  Vault vault;
  vault.notes = std::move(notes);
  std::sort(vault.notes.begin(), vault.notes.end(), [](const Note& a, const Note& b) { return a.path < b.path; });
  const LinkResolver resolver(vault);
  std::vector<Diagnostic> problems;
  const Config config = parse_config(policy_yaml, "/v/.mdvault.yaml", problems);
  REQUIRE(problems.empty());
  REQUIRE(config.privacy.has_value());
  const auto private_notes = privacy::find_private_notes(vault, resolver, *config.privacy);
  return share_vault(vault, resolver, *config.privacy, private_notes, privacy::NameMatcher{}, privacy::ShareOptions{})
      .notes;
}

/// The notes of a base test: the note with the blocks, two scored notes and a private one.
std::vector<Note> base_notes() {
  std::vector<Note> notes;
  notes.push_back(read_note("Scores.md", k_scores_note));
  notes.push_back(read_note("Scores/A.md", "---\nscore: 3\nstatus: done\n---\nA\n"));
  notes.push_back(read_note("Scores/B.md", "---\nscore: 4\nstatus: draft\n---\nB\n"));
  notes.push_back(read_note("Scores/Secret.md", "---\nscore: 100\nstatus: done\nvisibility: \"🔒 private\"\n---\nS\n"));
  return shared_notes(std::move(notes), "privacy:\n  private: 'visibility = \"🔒 private\"'\n");
}

/// The one response to `line`, parsed.
Value ask(Server& server, const std::string& line) {
  const auto out = server.handle(line);
  REQUIRE(out.size() == 1);
  std::string error;
  auto value = parse_json(out[0], &error);
  REQUIRE_MESSAGE(value.has_value(), error);
  CHECK(out[0].find('\n') == std::string::npos);
  return *value;
}

int error_code(const Value& response) {
  const Value* error = response.find("error");
  REQUIRE(error != nullptr);
  return static_cast<int>(error->find("code")->as_int());
}

std::string error_message(const Value& response) { return response.find("error")->find("message")->as_string(); }

Value result_of(const Value& response) {
  const Value* result = response.find("result");
  REQUIRE_MESSAGE(result != nullptr, to_json_text(response));
  return *result;
}

void initialize(Server& server, const std::string& version = "2025-11-25") {
  ask(server, R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":")" + version +
                  R"(","capabilities":{},"clientInfo":{"name":"test","version":"1"}}})");
  CHECK(server.handle(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").empty());
}

/// A tools/call in the session; returns the result.
Value call(Server& server, const std::string& tool, const std::string& arguments) {
  return result_of(ask(server, R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":")" + tool +
                                   R"(","arguments":)" + arguments + "}}"));
}

std::string error_text(const Value& result) {
  REQUIRE(result.find("isError") != nullptr);
  CHECK(result.find("isError")->as_bool());
  return result.find("content")->as_list().at(0).find("text")->as_string();
}

Value structured(const Value& result) {
  REQUIRE_MESSAGE(result.find("isError")->as_bool() == false, to_json_text(result));
  const Value* content = result.find("structuredContent");
  REQUIRE(content != nullptr);
  // The text item holds the same JSON, for clients that read only text.
  CHECK(result.find("content")->as_list().at(0).find("text")->as_string() == to_json_text(*content));
  return *content;
}

}  // namespace

TEST_CASE("mcp json-rpc: malformed messages get the JSON-RPC error codes") {
  MemorySource source(sample_notes());
  Server server(source, {});
  CHECK(error_code(ask(server, "{not json")) == k_parse_error);
  CHECK(ask(server, "{not json").find("id")->is_null());
  CHECK(error_code(ask(server, R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])")) == k_invalid_request);
  CHECK(error_message(ask(server, R"([])")).find("batches") != std::string::npos);
  CHECK(error_code(ask(server, R"("just a string")")) == k_invalid_request);
  CHECK(error_code(ask(server, R"({"id":1,"method":"ping"})")) == k_invalid_request);
  CHECK(ask(server, R"({"id":1,"method":"ping"})").find("id")->as_int() == 1);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":null,"method":"ping"})")) == k_invalid_request);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})")) == k_invalid_request);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1,"method":7})")) == k_invalid_request);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"ping","params":[1]})")) == k_invalid_params);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1})")) == k_invalid_request);
  // Nothing answers a notification or a response, even a malformed one.
  CHECK(server.handle(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}})").empty());
  CHECK(server.handle(R"({"jsonrpc":"1.0","method":"notifications/whatever"})").empty());
  CHECK(server.handle(R"({"jsonrpc":"2.0","id":5,"result":{}})").empty());
  const std::string huge =
      R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":")" + std::string(k_max_message_bytes, 'a') + "\"}}";
  CHECK(error_code(ask(server, huge)) == k_invalid_request);
  const std::string deep = std::string(10000, '[') + std::string(10000, ']');
  CHECK(error_code(ask(server, deep)) == k_parse_error);
}

TEST_CASE("mcp lifecycle: initialize negotiates a handshake revision") {
  MemorySource source(sample_notes());
  for (const std::string version : {"2025-06-18", "2025-11-25"}) {
    Server server(source, {"mdvault", "1.2.3", "hello"});
    const Value& result =
        result_of(ask(server, R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":")" +
                                  version + R"(","capabilities":{}}})"));
    CHECK(result.find("protocolVersion")->as_string() == version);
    CHECK(result.find("serverInfo")->find("version")->as_string() == "1.2.3");
    CHECK(result.find("capabilities")->find("tools") != nullptr);
    CHECK(result.find("capabilities")->find("resources") != nullptr);
    CHECK(result.find("instructions")->as_string() == "hello");
    CHECK(result.find("resultType") == nullptr);  // not a field of the handshake revisions
    CHECK(server.session_version() == version);
  }
  Server server(source, {});
  // An unknown or newer revision gets the newest handshake revision.
  const Value old =
      ask(server, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05"}})");
  CHECK(result_of(old).find("protocolVersion")->as_string() == "2025-11-25");
  CHECK(error_code(ask(
            server, R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"2025-11-25"}})")) ==
        k_invalid_request);
  CHECK(result_of(ask(server, R"({"jsonrpc":"2.0","id":3,"method":"ping"})")).as_map().empty());
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":4,"method":"tools/lsit"})")) == k_method_not_found);
  CHECK(error_message(ask(server, R"({"jsonrpc":"2.0","id":4,"method":"tools/lsit"})")).find("tools/list") !=
        std::string::npos);

  Server fresh(source, {});
  CHECK(error_code(ask(fresh, R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})")) == k_invalid_params);
  CHECK(error_code(ask(fresh, R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})")) == k_invalid_params);
  CHECK(result_of(ask(fresh, R"({"jsonrpc":"2.0","id":1,"method":"ping"})")).as_map().empty());
}

TEST_CASE("mcp stateless revision: the version rides in _meta of every request") {
  MemorySource source(sample_notes());
  Server server(source, {"mdvault", "9", ""});
  const std::string meta =
      R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}})";
  const Value discover =
      result_of(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"server/discover","params":{)" + meta + "}}"));
  CHECK(to_json_text(*discover.find("supportedVersions")) == R"(["2026-07-28","2025-11-25","2025-06-18"])");
  CHECK(discover.find("resultType")->as_string() == "complete");
  CHECK(discover.find("_meta")->find("io.modelcontextprotocol/serverInfo")->find("version")->as_string() == "9");

  const Value tools =
      result_of(ask(server, R"({"jsonrpc":"2.0","id":2,"method":"tools/list","params":{)" + meta + "}}"));
  CHECK(tools.find("resultType")->as_string() == "complete");
  CHECK(tools.find("cacheScope")->as_string() == "private");
  CHECK(tools.find("ttlMs")->is_int());
  CHECK(tools.find("tools")->as_list().size() == tool_table().size());
  CHECK_FALSE(server.session_version().has_value());  // no session was opened

  const Value wrong = ask(
      server,
      R"({"jsonrpc":"2.0","id":3,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"1900-01-01","io.modelcontextprotocol/clientCapabilities":{}}}})");
  CHECK(error_code(wrong) == k_unsupported_protocol_version);
  CHECK(wrong.find("error")->find("data")->find("requested")->as_string() == "1900-01-01");
  CHECK(wrong.find("error")->find("data")->find("supported")->as_list().size() == 3);
  CHECK(
      error_code(ask(
          server,
          R"({"jsonrpc":"2.0","id":4,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})")) ==
      k_invalid_params);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":5,"method":"ping","params":{)" + meta + "}}")) ==
        k_method_not_found);

  const Value missing =
      ask(server, R"({"jsonrpc":"2.0","id":6,"method":"resources/read","params":{"uri":"mdvault://note/Nope.md",)" +
                      meta + "}}");
  CHECK(error_code(missing) == k_invalid_params);  // -32002 is retired in 2026-07-28
  const Value call = result_of(
      ask(server, R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"vault_info","arguments":{},)" +
                      meta + "}}"));
  CHECK(call.find("resultType")->as_string() == "complete");
  CHECK(call.find("structuredContent")->find("notes")->as_int() == 3);
}

TEST_CASE("mcp tools: schemas compile and every result follows its output schema") {
  std::vector<Note> notes = sample_notes();
  for (auto& note : base_notes()) notes.push_back(std::move(note));
  MemorySource source(std::move(notes));
  Server server(source, {});
  initialize(server);
  const Value listed = result_of(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})"));
  std::vector<std::string> names;
  for (const auto& tool : listed.find("tools")->as_list()) {
    names.push_back(tool.find("name")->as_string());
    CHECK(tool.find("annotations")->find("readOnlyHint")->as_bool());
    CHECK(tool.find("inputSchema")->find("type")->as_string() == "object");
  }
  CHECK(names ==
        std::vector<std::string>{"search", "query", "base", "show_note", "links", "list_notes", "lint", "vault_info"});
  const std::vector<std::pair<std::string, std::string>> calls{
      {"search", R"({"query":"trust"})"},
      {"query", R"({"dql":"TABLE status FROM \"Styles\" SORT file.name"})"},
      {"base", R"({"path":"Scores.md","view":"By status"})"},
      {"base", R"({"path":"Scores.md","view":"Flat"})"},
      {"show_note", R"({"note":"Secure Attachment","include_text":true})"},
      {"links", R"({"note":"Secure Attachment"})"},
      {"links", R"({"kind":"broken"})"},
      {"links", R"({"kind":"orphans"})"},
      {"list_notes", R"({"folder":"Styles"})"},
      {"lint", R"({})"},
      {"vault_info", R"({})"}};
  for (const auto& [name, arguments] : calls) {
    CAPTURE(name);
    const Tool* tool = find_tool(name);
    REQUIRE(tool != nullptr);
    for (const Value* s : {&tool->input_schema, &tool->output_schema}) CHECK(s->is_map());
    CHECK_FALSE(tool->output_schema.as_map().empty());
    std::vector<Diagnostic> problems;
    const auto input = schema::SchemaSet::from_value(tool->input_schema, "in", name, problems);
    const auto output = schema::SchemaSet::from_value(tool->output_schema, "out", name, problems);
    CHECK(problems.empty());
    auto args = parse_json(arguments, nullptr);
    REQUIRE(args.has_value());
    CHECK(input.validate("in", *args, nullptr).empty());
    const Value result = call(server, name, arguments);
    const auto findings = output.validate("out", structured(result), nullptr);
    for (const auto& f : findings) FAIL_CHECK(f.field << ": " << f.message);
  }
}

TEST_CASE("mcp tools: what they return") {
  MemorySource source(sample_notes());
  Server server(source, {});
  initialize(server);
  const Value search = structured(call(server, "search", R"({"query":"secure"})"));
  CHECK(search.find("notes")->as_int() == 3);  // the link [[Secure Attachment]] holds the word too
  CHECK(search.find("hits")->as_list().at(0).find("path")->as_string() == "Lonely.md");

  const Value query = structured(call(server, "query", R"({"dql":"TABLE status FROM \"Styles\" SORT file.name"})"));
  CHECK(to_json_text(*query.find("columns")) == R"(["File","status"])");
  CHECK(
      to_json_text(*query.find("rows")) ==
      R"([{"File":"Styles/Anxious Attachment.md","status":"draft"},{"File":"Styles/Secure Attachment.md","status":"done"}])");

  const Value note = structured(call(server, "show_note", R"({"note":"secure"})"));  // an alias
  CHECK(note.find("path")->as_string() == "Styles/Secure Attachment.md");
  CHECK(note.find("fields")->find("status")->as_string() == "done");
  CHECK(note.find("tasks")->as_list().size() == 1);
  CHECK(note.find("backlinks")->as_list().at(0).find("source")->as_string() == "Styles/Anxious Attachment.md");
  CHECK(note.find("links")->as_list().at(1).find("resolved")->is_null());
  CHECK(note.find("text") == nullptr);

  const Value links = structured(call(server, "links", R"({"kind":"broken"})"));
  CHECK(links.find("total")->as_int() == 1);
  CHECK(links.find("links")->as_list().at(0).find("target")->as_string() == "Nowhere");
  const Value orphans = structured(call(server, "links", R"({"kind":"orphans"})"));
  CHECK(orphans.find("notes")->as_list().at(0).find("path")->as_string() == "Lonely.md");

  const Value info = structured(call(server, "vault_info", "{}"));
  CHECK(info.find("notes")->as_int() == 3);
  CHECK(info.find("folders")->as_int() == 1);
  CHECK(info.find("broken_links")->as_int() == 1);
  CHECK(info.find("open_tasks")->as_int() == 1);

  const Value lint = structured(call(server, "lint", R"({"path":"Styles"})"));
  CHECK(lint.find("checked_notes")->as_int() == 2);
  bool broken = false;
  for (const auto& f : lint.find("findings")->as_list())
    broken = broken || f.find("rule")->as_string() == "links.broken";
  CHECK(broken);
}

TEST_CASE("mcp tools: paging with cursors") {
  std::vector<Note> notes;
  for (int i = 0; i < 7; ++i) notes.push_back(read_note("N" + std::to_string(i) + ".md", "word\n"));
  MemorySource source(std::move(notes));
  Server server(source, {});
  initialize(server);
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const std::string args = cursor.empty() ? R"({"limit":3})" : R"({"limit":3,"cursor":")" + cursor + "\"}";
    const Value listed = structured(call(server, "list_notes", args));
    CHECK(listed.find("total")->as_int() == 7);
    for (const auto& n : listed.find("notes")->as_list()) seen.push_back(n.find("path")->as_string());
    if (listed.find("next_cursor")->is_null()) break;
    cursor = listed.find("next_cursor")->as_string();
  }
  CHECK(seen == std::vector<std::string>{"N0.md", "N1.md", "N2.md", "N3.md", "N4.md", "N5.md", "N6.md"});
  const Value second =
      structured(call(server, "search", R"({"query":"word","limit":5,"cursor":")" + cursor_for(5) + "\"}"));
  CHECK(second.find("hits")->as_list().size() == 2);
  CHECK(second.find("next_cursor")->is_null());
  CHECK(error_text(call(server, "list_notes", R"({"cursor":"garbage"})")).find("cursor") != std::string::npos);
}

TEST_CASE("mcp tools: mistakes are tool errors a model can act on") {
  MemorySource source(sample_notes());
  Server server(source, {});
  initialize(server);
  const Value unknown =
      ask(server, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"serch","arguments":{}}})");
  CHECK(error_code(unknown) == k_invalid_params);
  CHECK(error_message(unknown).find("did you mean search") != std::string::npos);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"arguments":{}}})")) ==
        k_invalid_params);
  CHECK(error_code(ask(
            server, R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","arguments":[1]}})")) ==
        k_invalid_params);

  CHECK(error_text(call(server, "show_note", R"({"note":"Secure Atachment"})"))
            .find("Did you mean 'Secure Attachment'") != std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({"note":42})")).find("must be a string") != std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({})")).find("'note' is required") != std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({"note":"Lonely","colour":1})")).find("no argument 'colour'") !=
        std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({"note":"../etc/passwd.md"})")).find("leaves the vault") !=
        std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({"note":"/etc/passwd"})")).find("not a path inside") !=
        std::string::npos);
  CHECK(error_text(call(server, "show_note", R"({"note":"Lonely","include_text":true,"text_offset":999999})"))
            .find("past the end") != std::string::npos);
  CHECK(error_text(call(server, "query", R"({"dql":"TABLE FROM WHERE"})")).find("syntax error at line 1") !=
        std::string::npos);
  CHECK(error_text(call(server, "search", R"({"query":"x","limit":0})")).find("between 1 and 500") !=
        std::string::npos);
  CHECK(error_text(call(server, "links", R"({"kind":"brokn"})")).find("Did you mean 'broken'") != std::string::npos);
  CHECK(error_text(call(server, "list_notes", R"({"folder":"Stiles"})")).find("Did you mean 'Styles'") !=
        std::string::npos);
  CHECK(error_text(call(server, "list_notes", R"({"class":"nothing"})")).find("no note has the class") !=
        std::string::npos);
  source.fail = true;
  CHECK(error_text(call(server, "vault_info", "{}")) == "the vault could not be read");
}

TEST_CASE("mcp base: a view's rows, groups and summaries over the shared vault only") {
  MemorySource source(base_notes());
  Server server(source, {});
  initialize(server);
  const Value grouped = structured(call(server, "base", R"({"path":"Scores"})"));  // a note by name; the first view
  CHECK(grouped.find("view")->as_string() == "By status");
  CHECK(to_json_text(*grouped.find("views")) == R"(["By status","Flat"])");
  CHECK(to_json_text(*grouped.find("columns")) ==
        R"([{"id":"file.name","name":"file.name"},{"id":"score","name":"score"}])");
  CHECK(grouped.find("total")->as_int() == 2);
  CHECK(to_json_text(*grouped.find("rows")) == R"([{"path":"Scores/A.md","values":{"file.name":"A.md","score":3}},)"
                                               R"({"path":"Scores/B.md","values":{"file.name":"B.md","score":4}}])");
  CHECK(grouped.find("groupBy")->as_string() == "status");
  CHECK(to_json_text(*grouped.find("groups")) ==
        R"([{"key":"done","rows":["Scores/A.md"],"summaries":[{"column":"score","summary":"Sum","value":3}]},)"
        R"({"key":"draft","rows":["Scores/B.md"],"summaries":[{"column":"score","summary":"Sum","value":4}]}])");
  // The private note (score 100) is in no row, group or summary.
  CHECK(to_json_text(*grouped.find("summaries")) == R"([{"column":"score","summary":"Sum","value":7}])");
  CHECK(to_json_text(grouped).find("Secret") == std::string::npos);

  const Value first = structured(call(server, "base", R"({"path":"Scores.md","view":"Flat","limit":1})"));
  CHECK(first.find("groups") == nullptr);
  CHECK(first.find("total")->as_int() == 2);
  REQUIRE(first.find("rows")->as_list().size() == 1);
  CHECK(first.find("rows")->as_list()[0].find("path")->as_string() == "Scores/B.md");
  const Value second = structured(call(server, "base",
                                       R"({"path":"Scores.md","view":"Flat","limit":1,"cursor":")" +
                                           first.find("next_cursor")->as_string() + "\"}"));
  CHECK(second.find("rows")->as_list().at(0).find("path")->as_string() == "Scores/A.md");
  CHECK(second.find("next_cursor")->is_null());

  const Value done = structured(call(server, "base", R"({"path":"Scores.md","block":2})"));
  CHECK(done.find("type")->as_string() == "list");
  CHECK(to_json_text(*done.find("rows")) == R"([{"path":"Scores/A.md","values":{"file.name":"A.md"}}])");
}

TEST_CASE("mcp base: mistakes are tool errors") {
  std::vector<Note> notes = base_notes();
  notes.push_back(
      read_note("Broken.md", "```base\nviews:\n  - type: table\n    name: X\n    filters: 'score >'\n```\n"));
  MemorySource source(std::move(notes));
  Server server(source, {});
  initialize(server);
  const std::string unknown = error_text(call(server, "base", R"({"path":"Scores.md","view":"Flta"})"));
  CHECK(unknown.find("has no view 'Flta'") != std::string::npos);
  CHECK(unknown.find("Did you mean 'Flat'?") != std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Scores.md","block":3})")).find("has 2 base blocks (1 to 2)") !=
        std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Scores/A.md"})")).find("no ```base code block") !=
        std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Scores/Secret.md"})")).find("there is no note") !=
        std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Scors"})")).find("Did you mean 'Scores'") != std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Bases/Nothing.base"})")).find("there is no .base file") !=
        std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"../x.base"})")).find("leaves the vault") != std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"/etc/x.base"})")).find("not a path inside") != std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"a\\b.base"})")).find("backslash") != std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"x.base","block":1})")).find("is a .base file") !=
        std::string::npos);
  CHECK(error_text(call(server, "base", R"({"path":"Broken.md"})")).find("Broken.md:5:") != std::string::npos);
}

TEST_CASE("mcp show_note: the text comes in bounded pages") {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "line " + std::to_string(i) + " of a long note é\n";
  std::vector<Note> notes;
  notes.push_back(read_note("Long.md", body));
  MemorySource source(std::move(notes));
  Server server(source, {});
  initialize(server);
  std::string read;
  std::int64_t offset = 0;
  int pages = 0;
  while (true) {
    const Value note = structured(call(
        server, "show_note", R"({"note":"Long","include_text":true,"text_offset":)" + std::to_string(offset) + "}"));
    const Value& page = *note.find("text");
    const std::string& content = page.find("content")->as_string();
    CHECK(content.size() <= k_text_page_bytes);
    read += content;
    ++pages;
    if (page.find("next_offset")->is_null()) break;
    offset = page.find("next_offset")->as_int();
    REQUIRE(pages < 100);
  }
  CHECK(pages > 1);
  CHECK(read == body);
}

TEST_CASE("mcp resources: list, templates and read") {
  std::vector<Note> notes = sample_notes();
  for (int i = 0; i < 250; ++i) notes.push_back(read_note("Bulk/B" + std::to_string(1000 + i) + ".md", "x\n"));
  MemorySource source(std::move(notes));
  Server server(source, {});
  initialize(server, "2025-06-18");
  std::vector<std::string> uris;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    const std::string params = cursor.empty() ? "{}" : R"({"cursor":")" + cursor + "\"}";
    const Value listed =
        result_of(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"resources/list","params":)" + params + "}"));
    for (const auto& r : listed.find("resources")->as_list()) uris.push_back(r.find("uri")->as_string());
    if (listed.find("nextCursor") == nullptr) break;
    cursor = listed.find("nextCursor")->as_string();
  }
  CHECK(uris.size() == 253);
  CHECK(std::find(uris.begin(), uris.end(), "mdvault://note/Styles/Secure%20Attachment.md") != uris.end());
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"resources/list","params":{"cursor":"x"}})")) ==
        k_invalid_params);

  const Value templates = result_of(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"resources/templates/list"})"));
  CHECK(templates.find("resourceTemplates")->as_list().size() == 2);

  const Value read = result_of(ask(
      server,
      R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"mdvault://note/Styles/Secure%20Attachment.md"}})"));
  const Value& content = read.find("contents")->as_list().at(0);
  CHECK(content.find("mimeType")->as_string() == "text/markdown");
  CHECK(content.find("text")->as_string().rfind("---\n{\"status\":\"done\"", 0) == 0);
  CHECK(content.find("text")->as_string().find("# Signs\nTrust") != std::string::npos);
  const Value by_name = result_of(ask(
      server,
      R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"mdvault://name/Anxious%20Attachment"}})"));
  CHECK(by_name.find("contents")->as_list().at(0).find("text")->as_string().find("Worry") != std::string::npos);

  const Value missing = ask(
      server,
      R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"mdvault://note/Styles/Secure%20Atachment.md"}})");
  CHECK(error_code(missing) == k_resource_not_found);
  CHECK(error_message(missing).find("Did you mean") != std::string::npos);
  CHECK(
      error_code(ask(
          server,
          R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"mdvault://note/..%2F..%2Fetc%2Fpasswd"}})")) ==
      k_resource_not_found);
  CHECK(error_code(ask(
            server, R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"file:///etc/passwd"}})")) ==
        k_resource_not_found);
  CHECK(error_code(ask(server, R"({"jsonrpc":"2.0","id":1,"method":"resources/read","params":{}})")) ==
        k_invalid_params);
  CHECK(percent_decode("a%2") == std::nullopt);
  CHECK(percent_decode("a%20b") == std::optional<std::string>("a b"));
  CHECK(note_uri("A b/ü.md") == "mdvault://note/A%20b/%C3%BC.md");
}

TEST_CASE("mcp cancellation: a request cancelled by a later line of the same read is not served") {
  MemorySource source(sample_notes());
  Server server(source, {});
  initialize(server);
  const std::string call =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"vault_info","arguments":{}}})";
  const std::string cancel =
      R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1,"reason":"no"}})";
  const std::string ping = R"({"jsonrpc":"2.0","id":2,"method":"ping"})";
  auto out = server.handle_batch({call, cancel, ping});
  REQUIRE(out.size() == 1);
  CHECK(out[0].find(R"("id":2)") != std::string::npos);
  // A cancellation before the request, or naming another id ("1" is not 1), cancels nothing.
  CHECK(server.handle_batch({cancel, call, ping}).size() == 2);
  const std::string other = R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"1"}})";
  CHECK(server.handle_batch({call, other}).size() == 1);
}
