#pragma once
// Notes as MCP resources. Every readable note is `mdvault://note/<path>` (its vault path,
// each segment percent-encoded as RFC 3986 asks); two templates read one by path or by name
// (`mdvault://name/<name>`, resolved as a [[link]] is). A resource's text is the note as
// shared: its frontmatter (as JSON, which YAML reads too) between `---` lines, then its body.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/mcp/vault_index.hpp"
#include "core/value.hpp"

namespace mdvault::core::mcp {

/// Notes per resources/list page.
inline constexpr std::size_t k_resources_per_page = 200;
/// Longest resource text, in bytes; a longer note is cut (show_note pages through all of it).
inline constexpr std::size_t k_max_resource_bytes = 1024u * 1024u;

/// The URI of the note at a vault path.
std::string note_uri(std::string_view path);

/// RFC 3986 percent-decoding; nothing when a '%' is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text);

/// One page of resources/list from `offset`: {"resources": [...], "nextCursor"?}.
Value list_resources(const VaultIndex& index, std::size_t offset);

/// The resource templates: {"resourceTemplates": [...]}.
Value list_resource_templates();

/// Why a resource cannot be read: the URI is not one of ours, or names no note.
struct ResourceProblem {
  std::string message;
};

/// {"contents": [{uri, mimeType, text}]} for a resource URI, or the problem.
std::variant<Value, ResourceProblem> read_resource(const VaultIndex& index, std::string_view uri);

}  // namespace mdvault::core::mcp
