#pragma once
// The vault's links resolved once: backlinks, broken and ambiguous links, orphans, and the
// graph of notes (SPEC §4). Built from a loaded Vault and its LinkResolver; read-only after.

#include <cstddef>
#include <string>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/note.hpp"
#include "core/vault.hpp"

namespace mdvault::core {

/// One link of the vault by position: vault.notes[note].links[link].
struct LinkRef {
  std::size_t note = 0;
  std::size_t link = 0;
};

/// Every link of every note, resolved once, and the indexes built from that.
struct LinkGraph {
  /// resolutions[i][k] is how vault.notes[i].links[k] resolves.
  std::vector<std::vector<Resolution>> resolutions;
  /// incoming[i]: links of other notes that open vault.notes[i], by source path then position.
  /// A note's links to itself ([[#Heading]], [[Own name]]) are left out.
  std::vector<std::vector<LinkRef>> incoming;
  std::vector<LinkRef> broken;       ///< links that open nothing, by path then position
  std::vector<LinkRef> ambiguous;    ///< links whose name matches several notes
  std::vector<std::size_t> orphans;  ///< indexes of notes no other note links to, by path

  [[nodiscard]] const Resolution& resolution(LinkRef ref) const { return resolutions[ref.note][ref.link]; }
};

/// Resolves every link on `jobs` threads (0: hardware threads); the result never depends on
/// `jobs`. Linear in notes plus links.
LinkGraph build_link_graph(const Vault& vault, const LinkResolver& resolver, unsigned jobs = 0);

/// Index of `note` in vault.notes (it must point into that vector).
std::size_t note_index(const Vault& vault, const Note& note);

/// A note's title for people: its frontmatter `title` when that is text, else its name.
std::string note_title(const Note& note);

/// One node of a drawn graph.
struct GraphNode {
  enum class Type { note, attachment, missing };
  Type type = Type::note;
  std::string id;  ///< the vault path of a note or attachment; the target as written for a missing one
  std::string title;                 ///< note_title, the file name, or the target as written
  std::vector<std::string> classes;  ///< a note's classes
};

/// Links from one node to another of the same kind, counted.
struct GraphEdge {
  std::size_t source = 0;  ///< index into GraphView::nodes
  std::size_t target = 0;
  LinkKind kind = LinkKind::wikilink;
  std::size_t count = 0;
};

/// The nodes and edges to draw.
struct GraphView {
  std::vector<GraphNode> nodes;  ///< notes by path, then attachments by path, then missing targets by id
  std::vector<GraphEdge> edges;  ///< by source, target, kind
};

/// What to draw.
struct GraphOptions {
  /// Notes whose outgoing links are drawn (by index into vault.notes); empty: every note.
  /// With a selection, the notes chosen and every node their links reach are drawn.
  std::vector<bool> selected;
  bool attachments = false;  ///< draw links to attachments (Obsidian's graph hides them by default)
};

/// Edges grouped by (source, target, kind); placeholder nodes for targets that resolve to
/// nothing (grouped by their case-folded text); a note's links to itself are left out.
GraphView build_graph_view(const Vault& vault, const LinkGraph& graph, const GraphOptions& options);

}  // namespace mdvault::core
