#include <doctest/doctest.h>

#include <algorithm>

#include "core/link_graph.hpp"

using namespace mdvault::core;

namespace {

Vault make_vault() {
  Vault v;
  v.notes.push_back(read_note("A.md", "---\ntitle: The A note\nrelated: \"[[B]]\"\n---\n[[B]] [[b]] ![[C]] [[A]] [[#Top]] [[Nowhere]] [[nowhere]]\n"));
  v.notes.push_back(read_note("B.md", "# Top\n[link](A.md) [[Gone|x]] ![[pic.png]]\n"));
  v.notes.push_back(read_note("C.md", "Only myself: [[C]]\n"));
  v.notes.push_back(read_note("D/Dup.md", "[[Dup]]\n"));
  v.notes.push_back(read_note("E/Dup.md", "nothing\n"));
  v.attachments = {"pic.png"};
  return v;
}

std::vector<std::string> paths(const Vault& v, const std::vector<std::size_t>& indexes) {
  std::vector<std::string> out;
  for (const auto i : indexes) out.push_back(v.notes[i].path);
  return out;
}

}  // namespace

TEST_CASE("link graph: backlinks, broken, ambiguous and orphans") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  const LinkGraph g = build_link_graph(v, r, 1);
  REQUIRE(g.resolutions.size() == v.notes.size());
  CHECK(g.resolutions[0].size() == v.notes[0].links.size());

  // B is linked from A three times: the frontmatter link and two wikilinks.
  REQUIRE(g.incoming[1].size() == 3);
  CHECK(v.notes[0].links[g.incoming[1][0].link].kind == LinkKind::frontmatter);
  // A's links to itself ([[A]], [[#Top]]) are not backlinks; B's markdown link is.
  REQUIRE(g.incoming[0].size() == 1);
  CHECK(g.incoming[0][0].note == 1);
  // C is reached by an embed only; its own link to itself does not count.
  REQUIRE(g.incoming[2].size() == 1);
  CHECK(v.notes[0].links[g.incoming[2][0].link].kind == LinkKind::embed);

  // Broken: [[Nowhere]], [[nowhere]] in A, [[Gone|x]] in B; the attachment resolves.
  REQUIRE(g.broken.size() == 3);
  CHECK(g.broken[0].note == 0);
  CHECK(g.broken[2].note == 1);
  CHECK(v.notes[1].links[g.broken[2].link].target == "Gone");

  // [[Dup]] from D/ opens D/Dup.md (same folder) among two candidates; that is a self link.
  REQUIRE(g.ambiguous.size() == 1);
  CHECK(g.resolution(g.ambiguous[0]).note == &v.notes[3]);
  CHECK(g.resolution(g.ambiguous[0]).candidates == std::vector<std::string>{"D/Dup.md", "E/Dup.md"});

  // Orphans: nothing links to D/Dup.md from another note, nor to E/Dup.md.
  CHECK(paths(v, g.orphans) == std::vector<std::string>{"D/Dup.md", "E/Dup.md"});
}

TEST_CASE("link graph: the same result at any number of jobs") {
  Vault v;
  for (int i = 0; i < 300; ++i) {
    const std::string name = "N" + std::to_string(1000 + i);
    v.notes.push_back(read_note(name + ".md", "[[N" + std::to_string(1000 + (i * 7) % 300) + "]] [[Missing " +
                                                  std::to_string(i % 5) + "]]\n"));
  }
  const LinkResolver r(v);
  const LinkGraph one = build_link_graph(v, r, 1);
  const LinkGraph four = build_link_graph(v, r, 4);
  CHECK(one.broken.size() == 300);
  REQUIRE(one.orphans == four.orphans);
  for (std::size_t i = 0; i < v.notes.size(); ++i) {
    REQUIRE(one.incoming[i].size() == four.incoming[i].size());
    for (std::size_t k = 0; k < one.incoming[i].size(); ++k) {
      CHECK(one.incoming[i][k].note == four.incoming[i][k].note);
    }
  }
  const GraphView a = build_graph_view(v, one, {});
  const GraphView b = build_graph_view(v, four, {});
  CHECK(a.nodes.size() == 305);
  CHECK(a.edges.size() == b.edges.size());
}

TEST_CASE("link graph: drawn nodes and edges") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  const LinkGraph g = build_link_graph(v, r);
  CHECK(note_title(v.notes[0]) == "The A note");
  CHECK(note_title(v.notes[1]) == "B");

  const GraphView all = build_graph_view(v, g, {});
  // Five notes, then the missing targets ("Nowhere" and "nowhere" are one), no attachment.
  REQUIRE(all.nodes.size() == 7);
  CHECK(all.nodes[5].type == GraphNode::Type::missing);
  CHECK(all.nodes[5].id == "Gone");
  CHECK(all.nodes[6].id == "Nowhere");
  CHECK(all.nodes[0].title == "The A note");
  // A -> B: two wikilinks counted once, and the frontmatter link apart; no self edges.
  std::vector<std::string> edges;
  for (const auto& e : all.edges) {
    edges.push_back(all.nodes[e.source].id + ">" + all.nodes[e.target].id + ":" + std::string(to_string(e.kind)) +
                    "x" + std::to_string(e.count));
  }
  CHECK(edges == std::vector<std::string>{"A.md>B.md:wikilinkx2", "A.md>B.md:frontmatterx1", "A.md>C.md:embedx1",
                                          "A.md>Nowhere:wikilinkx2", "B.md>A.md:markdownx1", "B.md>Gone:wikilinkx1"});

  // Attachments on request; a selection draws the targets of the chosen notes too.
  GraphOptions options;
  options.attachments = true;
  options.selected = {false, true, false, false, false};
  const GraphView part = build_graph_view(v, g, options);
  std::vector<std::string> ids;
  for (const auto& n : part.nodes) ids.push_back(n.id);
  CHECK(ids == std::vector<std::string>{"A.md", "B.md", "pic.png", "Gone"});
  CHECK(part.nodes[2].type == GraphNode::Type::attachment);
  CHECK(part.edges.size() == 3);
}
