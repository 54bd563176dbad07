#include "cli/share_options.hpp"
#include "cli/graph_command.hpp"

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <variant>

#include "cli/lint_command.hpp"
#include "core/link_graph.hpp"
#include "core/query/engine.hpp"
#include "core/query/parser.hpp"

namespace mdvault::cli {

namespace {

struct GraphArgs {
  ShareArgs share;
  std::string format = "dot";
  std::string from;    ///< a DQL FROM source
  std::string folder;  ///< a folder (or note) of the vault
  bool attachments = false;
};

constexpr const char* k_examples = R"(  mdvault graph > vault.dot                        the whole vault in Graphviz's DOT language
  mdvault graph | dot -Tsvg > vault.svg           drawn as a picture (needs Graphviz)
  mdvault graph --format mermaid                  a Mermaid flowchart to paste into a note or README
  mdvault graph --from '"Styles"'                 only the links of the notes in the folder Styles
  mdvault graph --from '#attachment/secure'       only the links of the notes with this tag
  mdvault graph --folder Sessions --format json   nodes and edges as JSON
  mdvault graph --format graphml > vault.graphml  for Gephi, yEd or Cytoscape

Each note is a box labelled with its title (its frontmatter 'title', else its name);
a link that opens nothing points to a grey dashed box. Links of the same kind between
the same two notes are drawn once, with their number. Embeds are bold lines, links in
the frontmatter dashed lines. A note's links to itself are left out.)";

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> k_names{"dot", "mermaid", "json", "graphml"};
  return k_names;
}

/// A node's label: its title, cut after about 80 bytes (a broken link can be very long).
std::string label_of(const std::string& title) {
  constexpr std::size_t k_max = 80;
  if (title.size() <= k_max) return title;
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0U) == 0x80U) --cut;
  return title.substr(0, cut) + "…";
}

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n.
std::string dot_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      continue;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

/// Text for a Mermaid label in double quotes: quotes and characters Mermaid reads as
/// markup written as its entity codes.
std::string mermaid_text(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '\n':
      case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

/// XML text or attribute value; control characters XML 1.0 forbids are dropped.
std::string xml_text(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
        out += c;
    }
  }
  return out;
}

std::string_view type_name(core::GraphNode::Type t) {
  switch (t) {
    case core::GraphNode::Type::note: return "note";
    case core::GraphNode::Type::attachment: return "attachment";
    case core::GraphNode::Type::missing: return "missing";
  }
  return "note";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

/// Fill colours for the first class of a note, in order of the sorted class names.
const std::vector<std::string>& palette() {
  static const std::vector<std::string> k_colors{"#dbe9f6", "#e3f1dc", "#fbe5d6", "#ece2f4",
                                                 "#fff3c4", "#d9f0ee", "#f6dce6", "#e8e8d0"};
  return k_colors;
}

/// Above this many nodes the DOT output asks for the sfdp layout.
constexpr std::size_t k_large_graph_nodes = 1000;

void print_dot(std::ostream& out, const core::GraphView& view) {
  std::map<std::string, std::size_t> class_color;
  for (const auto& node : view.nodes) {
    if (!node.classes.empty()) class_color.emplace(node.classes.front(), 0);
  }
  std::size_t next = 0;
  for (auto& [name, color] : class_color) color = next++ % palette().size();

  // dot's layered layout takes hours on thousands of notes; large graphs ask Graphviz for
  // its force-directed sfdp layout instead, which draws a 10,000-note vault in about a minute.
  const bool large = view.nodes.size() > k_large_graph_nodes;
  out << "digraph vault {\n"
      << (large ? "  graph [layout=sfdp, overlap=false, splines=false, outputorder=edgesfirst, fontname=\"Helvetica\"];\n"
                : "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n")
      << "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f5f5\", color=\"#555555\", fontname=\"Helvetica\", "
         "fontsize=11];\n"
      << "  edge [color=\"#777777\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& node : view.nodes) {
    out << "  " << dot_quote(node.id) << " [label=" << dot_quote(label_of(node.title)) << ", tooltip=" << dot_quote(node.id);
    switch (node.type) {
      case core::GraphNode::Type::note:
        if (!node.classes.empty()) {
          out << ", class=" << dot_quote(join(node.classes, " "))
              << ", fillcolor=" << dot_quote(palette()[class_color[node.classes.front()]]);
        }
        break;
      case core::GraphNode::Type::attachment:
        out << ", shape=note, fillcolor=\"#ffffff\", class=\"attachment\"";
        break;
      case core::GraphNode::Type::missing:
        out << ", style=\"rounded,dashed\", color=\"#999999\", fontcolor=\"#777777\", class=\"missing\"";
        break;
    }
    out << "];\n";
  }
  for (const auto& edge : view.edges) {
    out << "  " << dot_quote(view.nodes[edge.source].id) << " -> " << dot_quote(view.nodes[edge.target].id)
        << " [class=" << dot_quote(core::to_string(edge.kind));
    if (edge.kind == core::LinkKind::embed) out << ", style=bold";
    if (edge.kind == core::LinkKind::frontmatter) out << ", style=dashed";
    if (edge.kind == core::LinkKind::markdown) out << ", arrowhead=empty";
    if (edge.count > 1) out << ", label=\"×" << edge.count << "\"";
    out << "];\n";
  }
  out << "}\n";
}

void print_mermaid(std::ostream& out, const core::GraphView& view) {
  out << "flowchart LR\n";
  std::vector<std::string> missing;
  std::vector<std::string> attachments;
  for (std::size_t i = 0; i < view.nodes.size(); ++i) {
    const auto& node = view.nodes[i];
    const std::string id = "n" + std::to_string(i);
    out << "  " << id << "[\"" << mermaid_text(label_of(node.title)) << "\"]\n";
    if (node.type == core::GraphNode::Type::missing) missing.push_back(id);
    if (node.type == core::GraphNode::Type::attachment) attachments.push_back(id);
  }
  for (const auto& edge : view.edges) {
    const char* arrow = edge.kind == core::LinkKind::embed         ? "==>"
                        : edge.kind == core::LinkKind::frontmatter ? "-.->"
                                                                   : "-->";
    out << "  n" << edge.source << ' ' << arrow;
    std::string label = edge.kind == core::LinkKind::markdown ? "markdown" : "";
    if (edge.count > 1) label += (label.empty() ? "×" : " ×") + std::to_string(edge.count);
    if (!label.empty()) out << "|\"" << label << "\"|";
    out << " n" << edge.target << '\n';
  }
  if (!missing.empty()) {
    out << "  classDef missing stroke-dasharray: 5 5, fill:#f5f5f5, stroke:#999999, color:#777777\n";
    out << "  class " << join(missing, ",") << " missing\n";
  }
  if (!attachments.empty()) {
    out << "  classDef attachment fill:#ffffff, stroke:#555555\n";
    out << "  class " << join(attachments, ",") << " attachment\n";
  }
}

void print_json(std::ostream& out, const core::GraphView& view) {
  Json doc = Json::object();
  doc["nodes"] = Json::array();
  for (const auto& node : view.nodes) {
    doc["nodes"].push_back(Json{{"id", node.id},
                                {"type", std::string(type_name(node.type))},
                                {"title", node.title},
                                {"classes", node.classes}});
  }
  doc["edges"] = Json::array();
  for (const auto& edge : view.edges) {
    doc["edges"].push_back(Json{{"source", view.nodes[edge.source].id},
                                {"target", view.nodes[edge.target].id},
                                {"kind", std::string(core::to_string(edge.kind))},
                                {"count", edge.count}});
  }
  write_json(out, doc);
}

void print_graphml(std::ostream& out, const core::GraphView& view) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      << "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      << "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n"
      << "  <key id=\"classes\" for=\"node\" attr.name=\"classes\" attr.type=\"string\"/>\n"
      << "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
      << "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
      << "  <graph id=\"vault\" edgedefault=\"directed\">\n";
  for (const auto& node : view.nodes) {
    out << "    <node id=\"" << xml_text(node.id) << "\">" << "<data key=\"type\">" << type_name(node.type)
        << "</data><data key=\"title\">" << xml_text(node.title) << "</data>";
    if (!node.classes.empty()) out << "<data key=\"classes\">" << xml_text(join(node.classes, " ")) << "</data>";
    out << "</node>\n";
  }
  for (std::size_t i = 0; i < view.edges.size(); ++i) {
    const auto& edge = view.edges[i];
    out << "    <edge id=\"e" << i << "\" source=\"" << xml_text(view.nodes[edge.source].id) << "\" target=\""
        << xml_text(view.nodes[edge.target].id) << "\"><data key=\"kind\">" << core::to_string(edge.kind)
        << "</data><data key=\"count\">" << edge.count << "</data></edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

/// The notes a DQL FROM source picks, as a selection over vault.notes; nothing on error.
std::optional<std::vector<bool>> select_from(const Context& context, const std::string& text) {
  const auto& vault = context.vault();
  auto parsed = core::query::parse_source(text);
  if (auto* error = std::get_if<core::query::SyntaxError>(&parsed)) {
    std::cerr << "mdvault graph: --from '" << text << "' is not a Dataview source: " << error->message << '\n'
              << "Write a folder in quotes (--from '\"Styles\"'), a tag (--from '#anxiety') or a link "
                 "(--from '[[Secure Attachment]]').\n";
    return std::nullopt;
  }
  core::query::Query query;
  query.type = core::query::Query::Type::list;
  query.source = std::get<core::query::SourcePtr>(parsed);
  auto result = core::query::run_query(query, vault, context.resolver());
  if (auto* failure = std::get_if<core::query::QueryFailure>(&result)) {
    std::cerr << "mdvault graph: --from '" << text << "': " << failure->message << '\n';
    return std::nullopt;
  }
  std::vector<bool> selected(vault.notes.size(), false);
  for (const auto& row : std::get<core::query::QueryResult>(result).rows) {
    if (!row.id.is_link()) continue;
    if (const core::Note* note = vault.find(row.id.as_link().path)) selected[core::note_index(vault, *note)] = true;
  }
  return selected;
}

ExitCode run(Context& context, const GraphArgs& args) {
  if (!check_choice("mdvault graph", "--format", args.format, format_names())) return ExitCode::usage;
  if (auto rc = request_sharing(context, args.share, "mdvault graph", {true, false, {}})) return *rc;
  if (auto rc = context.load_vault(); rc != ExitCode::ok) return rc;
  const auto& vault = context.vault();

  core::GraphOptions options;
  options.attachments = args.attachments;
  if (!args.from.empty()) {
    auto selected = select_from(context, args.from);
    if (!selected) return ExitCode::usage;
    options.selected = std::move(*selected);
  }
  if (!args.folder.empty()) {
    auto found = find_lint_target(context, "mdvault graph", args.folder);
    if (!found) return ExitCode::usage;
    const std::string& scope = *found;
    std::vector<bool> selected(vault.notes.size(), false);
    for (std::size_t i = 0; i < vault.notes.size(); ++i) {
      const std::string& path = vault.notes[i].path;
      const bool inside = scope.empty() || path == scope ||
                          (path.size() > scope.size() && path.compare(0, scope.size(), scope) == 0 &&
                           path[scope.size()] == '/');
      // With --from as well, a note must meet both.
      selected[i] = inside && (options.selected.empty() || options.selected[i]);
    }
    options.selected = std::move(selected);
  }
  if (!options.selected.empty() && std::find(options.selected.begin(), options.selected.end(), true) ==
                                       options.selected.end()) {
    std::cerr << "mdvault graph: no note matches; the graph is empty.\n";
  }

  const auto graph = core::build_link_graph(vault, context.resolver(), context.options.jobs);
  const auto view = core::build_graph_view(vault, graph, options);
  if (args.format == "mermaid") {
    print_mermaid(std::cout, view);
  } else if (args.format == "json") {
    print_json(std::cout, view);
  } else if (args.format == "graphml") {
    print_graphml(std::cout, view);
  } else {
    print_dot(std::cout, view);
  }
  return ExitCode::ok;
}

}  // namespace

Command add_graph(CLI::App& app, Context& context) {
  auto args = std::make_shared<GraphArgs>();
  CLI::App* command = add_command(app, "graph", "Draw the links between notes: dot, mermaid, json or graphml", k_examples);
  command->add_option("--format", args->format, "dot (default), mermaid, json or graphml")->type_name("FORMAT");
  command->add_option("--from", args->from, "Only the links of the notes a Dataview FROM source picks")
      ->type_name("SOURCE");
  command->add_option("--folder", args->folder, "Only the links of the notes in this folder")->type_name("DIR");
  command->add_flag("--attachments", args->attachments, "Also draw links to attachments (images, PDFs)");
  add_share_options(*command, args->share, true);
  return {command, [&context, args] { return run(context, *args); }};
}

}  // namespace mdvault::cli
