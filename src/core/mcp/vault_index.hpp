#pragma once
// What the MCP server answers from: a loaded vault (already shared under the privacy policy
// when one applies), its resolver, settings and schemas, and what is worked out once per
// load (the link graph, "did you mean" over names and paths). The source of indexes keeps
// it fresh; tools only read it.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/bases/evaluator.hpp"
#include "core/config.hpp"
#include "core/link_graph.hpp"
#include "core/link_resolver.hpp"
#include "core/schema/schema_set.hpp"
#include "core/suggest.hpp"
#include "core/vault.hpp"

namespace mdvault::core::mcp {

/// How the vault was loaded, for vault_info and lint.
struct IndexFacts {
  std::string privacy = "none";  ///< "applied" (the policy is in force), "none" (no policy), "off" (--include-private)
  bool has_schema_folder = false;         ///< lint checks schemas only when there is one
  std::vector<std::string> skip_folders;  ///< the Templates folders lint leaves out
  unsigned jobs = 0;
  bases::PropertyTypes property_types;    ///< .obsidian/types.json, for the base tool
};

class VaultIndex {
public:
  /// The references must outlive the index.
  VaultIndex(const Vault& vault, const LinkResolver& resolver, const Config& config, const schema::SchemaSet& schemas,
             IndexFacts facts);

  [[nodiscard]] const Vault& vault() const { return m_vault; }
  [[nodiscard]] const LinkResolver& resolver() const { return m_resolver; }
  [[nodiscard]] const Config& config() const { return m_config; }
  [[nodiscard]] const schema::SchemaSet& schemas() const { return m_schemas; }
  [[nodiscard]] const LinkGraph& graph() const { return m_graph; }
  [[nodiscard]] const IndexFacts& facts() const { return m_facts; }

  /// The note a tool argument names: a vault path ("Styles/Secure.md") or a name as in a
  /// [[link]] (aliases too). Otherwise a message that says what to give instead, with a
  /// "did you mean".
  [[nodiscard]] std::variant<const Note*, std::string> find_note(std::string_view argument) const;

  /// A vault folder argument without its trailing '/' ("" for the whole vault), or why it cannot
  /// be one (absolute, "..", no such folder, with a "did you mean").
  [[nodiscard]] std::variant<std::string, std::string> find_folder(std::string_view argument) const;

  /// Why a path argument can never name something in the vault (absolute, "..", backslashes), or nothing.
  [[nodiscard]] static std::optional<std::string> path_problem(std::string_view path);

private:
  const Vault& m_vault;
  const LinkResolver& m_resolver;
  const Config& m_config;
  const schema::SchemaSet& m_schemas;
  IndexFacts m_facts;
  LinkGraph m_graph;
  std::vector<std::string> m_folders;  ///< every folder that holds a note, sorted
  Suggester m_names;
  Suggester m_paths;
  Suggester m_folder_names;
};

/// Where the server gets the index: the files as they are now, or why they cannot be read.
class IndexSource {
public:
  virtual ~IndexSource() = default;
  /// The current index (refreshed first when the files changed), or a message for the client.
  virtual std::variant<const VaultIndex*, std::string> index() = 0;
};

}  // namespace mdvault::core::mcp
