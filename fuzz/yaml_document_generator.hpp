#pragma once
// Random frontmatter documents for the differential test of the YAML readers
// (yaml_differential_main.cpp): deterministic for a seed.

#include <cstdint>
#include <string>

namespace mdvault::fuzz {

/// Writes frontmatter texts from a fixed seed: maps of plain, quoted, numeric, null, long,
/// unicode and anchored keys; plain scalars of every core-schema type, quoted texts with
/// escapes, literal and folded blocks, flow and block lists and maps at odd indentations,
/// anchors, aliases and tags, comments and blank lines; some with a BOM, CRLF, tabs, no final
/// newline, or a deliberate syntax error.
class YamlDocumentGenerator {
public:
  explicit YamlDocumentGenerator(std::uint64_t seed) : m_state(seed * 2654435761U + 1) {}

  /// The next document.
  std::string next();

private:
  std::uint32_t below(std::uint32_t n);
  bool chance(std::uint32_t percent) { return below(100) < percent; }
  std::string key();
  std::string plain_scalar();
  std::string quoted_scalar();
  std::string properties();
  std::string flow_value(int depth);
  // Appends `key: value` entries (block value at `indent`).
  void block_map(std::string& out, int indent, int depth);
  void block_value(std::string& out, int indent, int depth);
  void block_list(std::string& out, int indent, int depth);

  std::uint64_t m_state;
  int m_anchors = 0;      // anchors defined so far in the document (&a0, &a1, ...)
  bool m_simple = false;  // this document stays in the fast reader's subset, mostly
};

}  // namespace mdvault::fuzz
