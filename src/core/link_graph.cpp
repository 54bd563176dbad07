#include "core/link_graph.hpp"


#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "core/parallel.hpp"
#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view file_name_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::size_t note_index(const Vault& vault, const Note& note) {
  return static_cast<std::size_t>(&note - vault.notes.data());
}

std::string note_title(const Note& note) {
  if (note.frontmatter && note.frontmatter->is_map()) {
    if (const Value* title = note.frontmatter->find("title"); title != nullptr && title->is_string()) {
      const std::string_view text = trim(title->as_string());
      if (!text.empty()) {
        return std::string(text);
      }
    }
  }
  return note.name;
}

LinkGraph build_link_graph(const Vault& vault, const LinkResolver& resolver, unsigned jobs) {
  const std::size_t n = vault.notes.size();
  LinkGraph graph;
  graph.resolutions.resize(n);
  graph.incoming.resize(n);

  // Resolve on all cores: each note's resolutions go to its own slot, so the order of work
  // does not matter.
  parallel_for(
      n, jobs,
      [&](std::size_t i) {
        const Note& note = vault.notes[i];
        auto& out = graph.resolutions[i];
        out.reserve(note.links.size());
        for (const auto& link : note.links) {
          out.push_back(resolver.resolve(note, link));
        }
      },
      64);

  // Notes in path order and links in file order: every list comes out sorted.
  for (std::size_t i = 0; i < n; ++i) {
    const auto& resolutions = graph.resolutions[i];
    for (std::size_t k = 0; k < resolutions.size(); ++k) {
      const Resolution& r = resolutions[k];
      if (!r.is_resolved()) {
        graph.broken.push_back({i, k});
        continue;
      }
      if (r.is_ambiguous()) {
        graph.ambiguous.push_back({i, k});
      }
      if (r.note != nullptr) {
        const std::size_t target = note_index(vault, *r.note);
        if (target != i) {
          graph.incoming[target].push_back({i, k});
        }
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (graph.incoming[i].empty()) {
      graph.orphans.push_back(i);
    }
  }
  return graph;
}

GraphView build_graph_view(const Vault& vault, const LinkGraph& graph, const GraphOptions& options) {
  const std::size_t n = vault.notes.size();
  const bool all = options.selected.empty();
  auto is_selected = [&](std::size_t i) { return all || (i < options.selected.size() && options.selected[i]); };

  // First pass: which targets are drawn, then number the nodes in their final order.
  std::vector<bool> note_drawn(n, false);
  std::unordered_map<std::string, std::size_t> attachment_slot;  // path -> index in `attachments`
  std::vector<std::string> attachments;
  std::unordered_map<std::string, std::size_t> missing_slot;  // fold_key(target) -> index in `missing`
  std::vector<std::string> missing;

  struct RawEdge {
    std::size_t source = 0;  // note index
    int target_type = 0;     // 0 note, 1 attachment, 2 missing
    std::size_t target = 0;  // index in its own list
    LinkKind kind = LinkKind::wikilink;
  };
  std::vector<RawEdge> raw;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_selected(i)) {
      continue;
    }
    note_drawn[i] = true;
    const Note& note = vault.notes[i];
    for (std::size_t k = 0; k < note.links.size(); ++k) {
      const Resolution& r = graph.resolutions[i][k];
      const Link& link = note.links[k];
      if (r.note != nullptr) {
        const std::size_t target = note_index(vault, *r.note);
        if (target == i) {
          continue;  // links to the note itself are not drawn
        }
        note_drawn[target] = true;
        raw.push_back({i, 0, target, link.kind});
      } else if (!r.attachment.empty()) {
        if (!options.attachments) {
          continue;
        }
        auto [it, added] = attachment_slot.try_emplace(r.attachment, attachments.size());
        if (added) {
          attachments.push_back(r.attachment);
        }
        raw.push_back({i, 1, it->second, link.kind});
      } else {
        const std::string_view text = trim(link.target);
        auto [it, added] = missing_slot.try_emplace(fold_key(text), missing.size());
        if (added) {
          missing.emplace_back(text);
        }
        raw.push_back({i, 2, it->second, link.kind});
      }
    }
  }

  GraphView view;
  std::vector<std::size_t> note_node(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!note_drawn[i]) {
      continue;
    }
    const Note& note = vault.notes[i];
    note_node[i] = view.nodes.size();
    view.nodes.push_back({GraphNode::Type::note, note.path, note_title(note), note.classes});
  }
  auto by_text = [](const std::vector<std::string>& items) {
    std::vector<std::size_t> order(items.size());
    for (std::size_t j = 0; j < order.size(); ++j) {
      order[j] = j;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return items[a] < items[b]; });
    return order;
  };
  std::vector<std::size_t> attachment_node(attachments.size(), 0);
  for (const std::size_t j : by_text(attachments)) {
    attachment_node[j] = view.nodes.size();
    view.nodes.push_back({GraphNode::Type::attachment, attachments[j], std::string(file_name_of(attachments[j])), {}});
  }
  std::vector<std::size_t> missing_node(missing.size(), 0);
  for (const std::size_t j : by_text(missing)) {
    missing_node[j] = view.nodes.size();
    view.nodes.push_back({GraphNode::Type::missing, missing[j], missing[j], {}});
  }

  // Group the edges: sort by (source, target, kind), then count runs.
  std::vector<GraphEdge> edges;
  edges.reserve(raw.size());
  for (const auto& e : raw) {
    const std::size_t target = e.target_type == 0   ? note_node[e.target]
                               : e.target_type == 1 ? attachment_node[e.target]
                                                    : missing_node[e.target];
    edges.push_back({note_node[e.source], target, e.kind, 1});
  }
  auto key = [](const GraphEdge& e) { return std::make_tuple(e.source, e.target, static_cast<int>(e.kind)); };
  std::sort(edges.begin(), edges.end(), [&](const GraphEdge& a, const GraphEdge& b) { return key(a) < key(b); });
  for (const auto& e : edges) {
    if (!view.edges.empty() && key(view.edges.back()) == key(e)) {
      ++view.edges.back().count;
    } else {
      view.edges.push_back(e);
    }
  }
  return view;
}

}  // namespace mdvault::core
