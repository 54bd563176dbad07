#include <doctest/doctest.h>

#include <variant>

#include "core/config.hpp"
#include "core/link_resolver.hpp"
#include "core/privacy/name_matcher.hpp"
#include "core/privacy/names.hpp"
#include "core/privacy/privacy_check.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/privacy/pseudonym_map.hpp"
#include "core/privacy/redact.hpp"
#include "core/privacy/shared_vault.hpp"
#include "core/vault.hpp"
#include "vault_options.hpp"

using namespace mdvault::core;
using namespace mdvault::core::privacy;
using mdvault::core::testing::vault_options;

namespace {

NameMatcher jane_matcher() {
  NameMatcher m;
  m.add("Jane Doe", "Client 1");
  m.add("JD", "Client 1");
  m.add("Hope", "Client 2");
  return m;
}

/// The policy of `text`, a whole .mdvault.yaml.
PrivacyPolicy policy_of(const std::string& text, std::vector<Diagnostic>& diagnostics) {
  Config config = parse_config(text, "/v/.mdvault.yaml", diagnostics);
  return config.privacy.value_or(PrivacyPolicy{});
}

MemoryFileSystem therapist_fs() {
  MemoryFileSystem fs;
  fs.add("Clients/Jane Doe.md", "---\naliases: [JD]\nclient_phone: 555-0100\n---\n# Jane Doe\n");
  fs.add("Sessions/2025-03-04 Jane Doe.md",
         "---\nclient: \"[[Jane Doe]]\"\nvisibility: public\ndate: 2025-03-04\n---\n# Session with Jane Doe\n"
         "jane\ndoe came. %% aside about JD %%\nclient_phone:: 555-0100\nSee [[Secret]], [[Secret|the plan]], "
         "![[Secret]].\n%%🔐β abc 🔐%%\n");
  fs.add("Secret.md", "---\nvisibility: 🔒 private\n---\nThe plan.\n");
  fs.add("Broken.md", "---\nvisibility: [\n---\nbroken\n");
  fs.add("Public.md", "---\nvisibility: public\n---\nLinks to [[Public]] and [[Sessions/2025-03-04 Jane Doe]].\n");
  fs.add("Clients/intake.mdenc", "cipher");
  return fs;
}

constexpr const char* k_policy =
    "privacy:\n  private: 'visibility = \"🔒 private\"'\n  private_folders: [\"Clients/**\"]\n"
    "  omit: [client_phone]\n  pseudonymize: [client]\n";

}  // namespace

TEST_CASE("privacy: names are found as whole words, in any case, across spaces and line breaks") {
  const NameMatcher m = jane_matcher();
  CHECK(m.replace("Jane Doe came") == std::optional<std::string>("Client 1 came"));
  CHECK(m.replace("JANE   DOE came") == std::optional<std::string>("Client 1 came"));
  CHECK(m.replace("jane\ndoe came") == std::optional<std::string>("Client 1\n came"));
  CHECK(!m.replace("Janet Doe and Jane Doerr").has_value());
  CHECK(m.replace("#client/jane-doe") == std::optional<std::string>("#client/Client-1"));
  CHECK(m.replace("Jane_Doe.md") == std::optional<std::string>("Client_1.md"));
  CHECK(m.replace("JaneDoe said") == std::optional<std::string>("Client1 said"));
  CHECK(m.replace("#jd") == std::optional<std::string>("#Client_1"));
  // A name that is also a word is replaced as a word too: the policy fails closed.
  CHECK(m.replace("I hope so") == std::optional<std::string>("I Client 2 so"));
  CHECK(!m.replace("hopeful").has_value());
}

TEST_CASE("privacy: names equal after case folding or Unicode normalisation are one name") {
  NameMatcher m;
  m.add("Jos\xC3\xA9", "Client 1");       // NFC é
  m.add("jose\xCC\x81", "Client 2");      // NFD e + combining acute: the same name
  CHECK(m.size() == 1);
  CHECK(m.replace("JOSE\xCC\x81 came") == std::optional<std::string>("Client 1 came"));
  CHECK(m.replace("Jos\xC3\xA9!") == std::optional<std::string>("Client 1!"));
}

TEST_CASE("privacy: redaction removes comments, encrypted blocks and omitted inline fields, keeping lines") {
  const FieldSet omit({"client_phone"});
  const RedactOptions options{&omit, false};
  CHECK(redact_text("a %% secret %% b\n", options) == std::optional<std::string>("a  b\n"));
  CHECK(redact_text("a %%two\nlines%% b", options) == std::optional<std::string>("a \n b"));
  CHECK(redact_text("x\n%% never closed\nmore", options) == std::optional<std::string>("x\n\n"));
  CHECK(redact_text("%%🔐β c2Vj\ncmV0 🔐%%", options) == std::optional<std::string>("[encrypted text withheld]\n"));
  CHECK(redact_text("client_phone:: 555\nnext", options) == std::optional<std::string>("\nnext"));
  CHECK(redact_text("- **Client Phone**:: 555", options) == std::optional<std::string>("- "));
  CHECK(redact_text("mood [client_phone:: 555] ok (client_phone:: 1)", options) ==
        std::optional<std::string>("mood  ok "));
  CHECK(!redact_text("mood:: calm [other:: x]", options).has_value());
  const RedactOptions dates{nullptr, true};
  CHECK(redact_text("on 2025-03-04 and 2025-03-04T10:00:00+02:00.", dates) ==
        std::optional<std::string>("on 2025 and 2025."));
  CHECK(date_year("2025-03") == std::optional<std::string>("2025"));
  CHECK(date_year("2025-03-04 16:53") == std::optional<std::string>("2025"));
  CHECK(!date_year("20250-03-04").has_value());
  CHECK(!date_year("not a date").has_value());
}

TEST_CASE("privacy: the policy's settings are checked where they are written") {
  std::vector<Diagnostic> d;
  (void)policy_of("privacy:\n  privat: 'x = 1'\n  omit: [a]\n", d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  CHECK(d[0].message.find("did you mean \"private\"") != std::string::npos);
  d.clear();
  (void)policy_of("privacy:\n  private: 'visibility = '\n", d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("not a valid Dataview expression") != std::string::npos);
}

TEST_CASE("privacy: the pseudonym map keeps pseudonyms, joins a person's names and refuses a corrupt file") {
  PseudonymMap map;
  CHECK(map.assign({"Jane Doe", "JD"}, "Client") == "Client 1");
  CHECK(map.assign({"Marco"}, "Client") == "Client 2");
  CHECK(map.assign({"jane doe"}, "Client") == "Client 1");
  auto again = PseudonymMap::parse(map.to_json());
  REQUIRE(std::holds_alternative<PseudonymMap>(again));
  auto& read = std::get<PseudonymMap>(again);
  CHECK(!read.changed());
  CHECK(read.assign({"Ann"}, "Client") == "Client 3");
  CHECK(read.assign({"MARCO"}, "Client") == "Client 2");
  CHECK(std::holds_alternative<std::string>(PseudonymMap::parse("{not json")));
  CHECK(std::holds_alternative<std::string>(PseudonymMap::parse("{\"format\": \"other\", \"pseudonyms\": []}")));
  CHECK(std::holds_alternative<std::string>(PseudonymMap::parse(
      "{\"format\": \"mdvault-pseudonyms\", \"pseudonyms\": [{\"pseudonym\": \"A\", \"names\": [\"x\"]},"
      " {\"pseudonym\": \"A\", \"names\": [\"y\"]}]}")));
}

TEST_CASE("privacy: the shared vault holds no private note, name, omitted value or comment") {
  const MemoryFileSystem fs = therapist_fs();
  VaultOptions options = vault_options("/v", 2);
  options.keep_body = true;
  Vault vault = load_vault(options, fs);
  const LinkResolver resolver(vault);
  std::vector<Diagnostic> d;
  const PrivacyPolicy policy = policy_of(k_policy, d);
  REQUIRE(d.empty());
  const PrivateNotes private_notes = find_private_notes(vault, resolver, policy);
  CHECK(private_notes.problems.empty());
  CHECK(private_notes.unreadable == std::vector<std::string>{"Broken.md"});
  PseudonymMap map;
  const auto groups = collect_names(vault, resolver, policy);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].label == "Client");
  NameMatcher names;
  for (const auto& group : groups) {
    const std::string pseudonym = map.assign(group.names, group.label);
    for (const auto& name : group.names) names.add(name, pseudonym);
  }
  const auto withheld = withheld_texts(vault, policy, private_notes, groups);
  const std::string owner_session_body = vault.notes[4].body;
  const Vault shared = share_vault(vault, resolver, policy, private_notes, names, ShareOptions{});
  REQUIRE(shared.notes.size() == 2);
  CHECK(shared.notes[0].path == "Public.md");
  CHECK(shared.notes[1].path == "Sessions/2025-03-04 Client 1.md");
  CHECK(shared.attachments.empty());
  const Note& session = shared.notes[1];
  CHECK(session.frontmatter->find("client")->as_string() == "Client 1");
  CHECK(session.headings.at(0).text == "Session with Client 1");
  CHECK(session.body.find("Jane") == std::string::npos);
  CHECK(session.body.find("aside") == std::string::npos);
  CHECK(session.body.find("555") == std::string::npos);
  CHECK(session.body.find("abc") == std::string::npos);
  CHECK(session.body.find("See [withheld], the plan, [withheld].") != std::string::npos);
  CHECK(session.links.empty());
  // The public note's link to the renamed session follows it.
  const LinkResolver shared_resolver(shared);
  const Note& pub = shared.notes[0];
  REQUIRE(pub.links.size() == 2);
  CHECK(shared_resolver.resolve(pub, pub.links[1]).note == &session);

  // What privacy check looks for, and finds in the owner's text but not in the shared one.
  CHECK(!find_withheld(owner_session_body, withheld).empty());
  CHECK(find_withheld(session.body, withheld).empty());
  CHECK(!find_withheld("{\"body\":\"x\\nJane Doe\"}", withheld).empty());
  CHECK(!find_withheld(std::string("\x01\x02Clients/Jane Doe.md\xFF", 22), withheld).empty());
}

TEST_CASE("privacy: a policy naming a field no note has is an error; an unused folder a warning") {
  const MemoryFileSystem fs = therapist_fs();
  const Vault vault = load_vault(vault_options("/v", 1), fs);
  const LinkResolver resolver(vault);
  std::vector<Diagnostic> d;
  const PrivacyPolicy policy =
      policy_of("privacy:\n  private: 'visiblity = \"x\"'\n  private_folders: [Nowhere/**]\n  omit: [clinet_phone]\n", d);
  const PrivateNotes result = find_private_notes(vault, resolver, policy);
  REQUIRE(result.problems.size() == 3);
  CHECK(result.problems[0].severity == Severity::error);
  CHECK(result.problems[0].location.line == 4);
  CHECK(result.problems[0].message.find("did you mean 'client_phone'") != std::string::npos);
  CHECK(result.problems[1].message.find("'visiblity'") != std::string::npos);
  CHECK(result.problems[2].severity == Severity::warning);
}
