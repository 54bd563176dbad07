#include "core/bases/base_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/bases/expression_check.hpp"
#include "core/bases/parser.hpp"
#include "core/frontmatter.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::bases {

namespace {

/// Reads one document into a BaseFile, collecting diagnostics.
class BaseReader {
public:
  BaseReader(std::string_view text, const std::string& path, int first_line)
      : m_path(path), m_first_line(first_line) {
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = text.find('\n', start);
      m_lines.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }

  void read(const Value& root, BaseParse& out) {
    m_out = &out;
    out.base.path = m_path;
    if (!root.is_map()) {
      if (root.is_null()) return;  // an empty file is a base of every file with no view
      error(root.position, "bases.shape", "", "a base is a YAML mapping of filters, formulas, properties, summaries and views");
      return;
    }
    for (const auto& entry : root.as_map()) {
      const std::string& key = entry.key;
      if (key == "filters") {
        out.base.filters = read_filter(entry.value, "filters", 0);
      } else if (key == "formulas") {
        read_formulas(entry.value, out.base.formulas, "formulas");
      } else if (key == "properties" || key == "display") {
        if (key == "display") {
          warning(entry.key_position, "bases.renamed", key,
                  "'display' was renamed 'properties' (Obsidian 1.9): write properties: { name: { displayName: ... } }");
        }
        read_properties(entry.value, key == "display");
      } else if (key == "summaries") {
        read_formulas(entry.value, out.base.summaries, "summaries");
      } else if (key == "views") {
        read_views(entry.value);
      } else {
        unknown_key(entry, {"filters", "formulas", "properties", "summaries", "views"}, "");
      }
    }
    check_formula_references();
    check_cycles();
    check_summaries();
  }

private:
  SourceLocation location(Position p) const { return {m_path, p.line, p.column}; }

  void error(Position p, std::string rule, std::string field, std::string message) {
    m_out->diagnostics.push_back({location(p), Severity::error, std::move(rule), std::move(field), std::move(message)});
  }
  void warning(Position p, std::string rule, std::string field, std::string message) {
    m_out->diagnostics.push_back({location(p), Severity::warning, std::move(rule), std::move(field), std::move(message)});
  }

  void unknown_key(const MapEntry& entry, const std::vector<std::string>& known, const std::string& where) {
    std::string message = "unknown key '" + entry.key + "'" + (where.empty() ? "" : " in " + where);
    if (const auto close = closest_match(entry.key, known)) message += "; did you mean '" + *close + "'?";
    warning(entry.key_position, "bases.key", entry.key, message);
  }

  /// The column of the text's first character when the scalar at `p` holds the text as it is
  /// written on that line (plain, or quoted without escapes or folding); else nothing, and
  /// positions inside it fall back to the scalar's start.
  std::optional<int> text_start_column(Position p, std::string_view text) const {
    const int index = p.line - m_first_line;
    if (p.line <= 0 || index < 0 || static_cast<std::size_t>(index) >= m_lines.size()) return std::nullopt;
    const std::string_view line = m_lines[static_cast<std::size_t>(index)];
    std::size_t byte = 0;  // the scalar's column, in bytes of the line
    for (int column = 1; column < p.column && byte < line.size(); ++column) {
      const auto b = static_cast<unsigned char>(line[byte]);
      byte += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    }
    int shift = 0;
    if (byte < line.size() && (line[byte] == '"' || line[byte] == '\'')) shift = 1;
    if (byte + static_cast<std::size_t>(shift) > line.size()) return std::nullopt;
    if (line.substr(byte + static_cast<std::size_t>(shift), text.size()) != text) return std::nullopt;
    return p.column + shift;
  }

  SourceExpr read_expression(const Value& v, const std::string& field) {
    SourceExpr out;
    out.location = location(v.position);
    if (v.is_bool() || v.is_number()) {
      // `filters: true` or a formula `5`: YAML read them as scalars; the expression is their text.
      out.text = to_display(v);
    } else if (!v.is_string()) {
      error(v.position, "bases.shape", field, "an expression is a string, not a " + std::string(Value::kind_name(v.kind())));
      return out;
    } else {
      out.text = v.as_string();
    }
    out.text_column = text_start_column(v.position, out.text).value_or(0);
    auto parsed = parse_expression(out.text);
    if (auto* e = std::get_if<ExprError>(&parsed)) {
      m_out->diagnostics.push_back({out.location_of(e->offset), Severity::error, "bases.syntax", field, e->message});
      return out;
    }
    out.expr = std::get<ExprPtr>(std::move(parsed));
    check_expression(out, field, m_out->diagnostics);
    return out;
  }

  FilterNode read_filter(const Value& v, const std::string& field, std::size_t depth) {
    FilterNode node;
    if (depth > k_max_expression_depth) {
      error(v.position, "bases.shape", field, "filters are nested too deeply");
      return node;
    }
    if (!v.is_map()) {
      node.statement = read_expression(v, field);
      return node;
    }
    if (v.as_map().size() != 1) {
      error(v.position, "bases.shape", field, "a filter object has exactly one key: and, or or not");
    }
    for (const auto& entry : v.as_map()) {
      if (entry.key == "and") {
        node.kind = FilterNode::Kind::all;
      } else if (entry.key == "or") {
        node.kind = FilterNode::Kind::any;
      } else if (entry.key == "not") {
        node.kind = FilterNode::Kind::none;
      } else {
        std::string message = "unknown filter key '" + entry.key + "': a filter object has and, or or not";
        if (const auto close = closest_match(entry.key, {"and", "or", "not"})) message += "; did you mean '" + *close + "'?";
        error(entry.key_position, "bases.shape", field, message);
        continue;
      }
      const std::string child_field = field + "." + entry.key;
      if (entry.value.is_list()) {
        std::size_t i = 0;
        for (const auto& item : entry.value.as_list()) {
          node.children.push_back(read_filter(item, child_field + "[" + std::to_string(i++) + "]", depth + 1));
        }
      } else if (!entry.value.is_null()) {
        node.children.push_back(read_filter(entry.value, child_field, depth + 1));
      }
      break;
    }
    return node;
  }

  void read_formulas(const Value& v, std::vector<Formula>& out, const std::string& section) {
    if (v.is_null()) return;
    if (!v.is_map()) {
      error(v.position, "bases.shape", section, section + " is a mapping of names to expressions");
      return;
    }
    for (const auto& entry : v.as_map()) {
      Formula f;
      f.name = entry.key;
      f.source = read_expression(entry.value, section + "." + entry.key);
      out.push_back(std::move(f));
    }
  }

  void read_properties(const Value& v, bool old_display) {
    if (v.is_null()) return;
    if (!v.is_map()) {
      error(v.position, "bases.shape", "properties", "properties is a mapping of property names to their settings");
      return;
    }
    for (const auto& entry : v.as_map()) {
      const std::string field = "properties." + entry.key;
      if (old_display && entry.value.is_string()) {
        m_out->base.display_names.emplace_back(normalize_property(entry.key), entry.value.as_string());
        continue;
      }
      if (!entry.value.is_map()) {
        if (!entry.value.is_null()) error(entry.value.position, "bases.shape", field, "a property's settings are a mapping (displayName: ...)");
        continue;
      }
      for (const auto& setting : entry.value.as_map()) {
        if (setting.key == "displayName") {
          if (setting.value.is_string() || setting.value.is_number() || setting.value.is_bool()) {
            m_out->base.display_names.emplace_back(normalize_property(entry.key),
                                                   setting.value.is_string() ? setting.value.as_string() : to_display(setting.value));
          } else {
            error(setting.value.position, "bases.shape", field + ".displayName", "displayName is a text");
          }
        }
        // Other settings belong to views (column widths and the like) and are kept by the app.
      }
    }
  }

  std::optional<SortKey> read_sort_key(const Value& v, const std::string& field) {
    if (v.is_string()) return SortKey{v.as_string(), false};
    if (!v.is_map()) {
      error(v.position, "bases.shape", field, "a sort key is a mapping with property and direction");
      return std::nullopt;
    }
    SortKey key;
    bool has_property = false;
    for (const auto& entry : v.as_map()) {
      if (entry.key == "property" && entry.value.is_string()) {
        key.property = entry.value.as_string();
        has_property = true;
      } else if (entry.key == "direction" && entry.value.is_string()) {
        const std::string& d = entry.value.as_string();
        if (d == "DESC" || d == "desc") {
          key.descending = true;
        } else if (d != "ASC" && d != "asc") {
          error(entry.value.position, "bases.shape", field + ".direction", "direction is ASC or DESC, not '" + d + "'");
        }
      } else if (entry.key == "property" || entry.key == "direction") {
        error(entry.value.position, "bases.shape", field + "." + entry.key, entry.key + " is a text");
      } else {
        unknown_key(entry, {"property", "direction"}, field);
      }
    }
    if (!has_property) {
      error(v.position, "bases.shape", field, "a sort key needs a property");
      return std::nullopt;
    }
    return key;
  }

  void read_views(const Value& v) {
    if (v.is_null()) return;
    if (!v.is_list()) {
      error(v.position, "bases.shape", "views", "views is a list of views (- type: table ...)");
      return;
    }
    std::map<std::string, Position> names;
    std::size_t i = 0;
    for (const auto& item : v.as_list()) {
      const std::string field = "views[" + std::to_string(i++) + "]";
      if (!item.is_map()) {
        error(item.position, "bases.shape", field, "a view is a mapping with type and name");
        continue;
      }
      View view;
      view.location = location(item.position);
      for (const auto& entry : item.as_map()) {
        const std::string f = field + "." + entry.key;
        const Value& value = entry.value;
        if (entry.key == "type") {
          if (value.is_string()) {
            view.type = value.as_string();
            static const std::vector<std::string> known{"table", "cards", "list", "map"};
            if (std::find(known.begin(), known.end(), view.type) == known.end()) {
              std::string message = "view type '" + view.type + "' is not one of Obsidian's (table, cards, list, map); mdvault shows it as a table";
              if (const auto close = closest_match(view.type, known)) message += "; did you mean '" + *close + "'?";
              warning(value.position, "bases.view-type", f, message);
            }
          } else {
            error(value.position, "bases.shape", f, "type is a text (table, cards, list, map)");
          }
        } else if (entry.key == "name") {
          if (value.is_string() || value.is_number()) {
            view.name = value.is_string() ? value.as_string() : to_display(value);
            const auto [it, inserted] = names.emplace(view.name, value.position);
            if (!inserted) {
              error(value.position, "bases.view-name", f,
                    "a second view named '" + view.name + "' (the first is at line " + std::to_string(it->second.line) +
                        "): --view could not tell them apart");
            }
          } else {
            error(value.position, "bases.shape", f, "name is a text");
          }
        } else if (entry.key == "filters") {
          view.filters = read_filter(value, f, 0);
        } else if (entry.key == "order") {
          read_names(value, f, view.order, view.order_locations);
        } else if (entry.key == "sort") {
          if (value.is_list()) {
            std::size_t k = 0;
            for (const auto& s : value.as_list()) {
              if (auto key = read_sort_key(s, f + "[" + std::to_string(k++) + "]")) view.sort.push_back(*key);
            }
          } else if (!value.is_null()) {
            error(value.position, "bases.shape", f, "sort is a list of { property, direction }");
          }
        } else if (entry.key == "groupBy") {
          if (!value.is_null()) view.group_by = read_sort_key(value, f);
        } else if (entry.key == "limit") {
          read_limit(value, f, view);
        } else if (entry.key == "summaries") {
          if (value.is_map()) {
            for (const auto& s : value.as_map()) {
              if (s.value.is_string()) {
                view.summaries.push_back({s.key, s.value.as_string(), location(s.value.position)});
              } else {
                error(s.value.position, "bases.shape", f + "." + s.key, "a summary is named by a text (Average, Sum, ...)");
              }
            }
          } else if (!value.is_null()) {
            error(value.position, "bases.shape", f, "summaries maps properties to summary names");
          }
        }
        // Any other key is the view type's own setting (row height, card size, map center...).
      }
      if (view.type.empty()) error(item.position, "bases.shape", field, "a view needs a type (table, cards, list or map)");
      m_out->base.views.push_back(std::move(view));
    }
  }

  void read_names(const Value& v, const std::string& field, std::vector<std::string>& out,
                  std::vector<SourceLocation>& locations) {
    if (v.is_null()) return;
    if (!v.is_list()) {
      error(v.position, "bases.shape", field, "order is a list of property names");
      return;
    }
    for (const auto& item : v.as_list()) {
      if (item.is_string()) {
        out.push_back(item.as_string());
        locations.push_back(location(item.position));
      } else {
        error(item.position, "bases.shape", field, "a property name is a text");
      }
    }
  }

  void read_limit(const Value& v, const std::string& field, View& view) {
    if (v.is_int() && v.as_int() > 0) {
      view.limit = static_cast<std::size_t>(v.as_int());
    } else if (v.is_float() && v.as_number() >= 1 && v.as_number() == std::floor(v.as_number()) &&
               v.as_number() < 9e15) {
      view.limit = static_cast<std::size_t>(v.as_number());
    } else if (!v.is_null()) {
      error(v.position, "bases.limit", field, "limit is a whole number of rows above 0, not " + to_display(v));
    }
  }

  /// Every `formula.name` and `formula["name"]` in an expression.
  static void formula_references(const Expr& e, std::vector<std::pair<std::string, std::size_t>>& out) {
    if ((e.kind == Expr::Kind::member || e.kind == Expr::Kind::index) && !e.args.empty() &&
        e.args[0]->kind == Expr::Kind::identifier && e.args[0]->name == "formula") {
      if (e.kind == Expr::Kind::member) out.emplace_back(e.name, e.offset);
      if (e.kind == Expr::Kind::index && e.args.size() > 1 && e.args[1]->kind == Expr::Kind::string_literal) {
        out.emplace_back(e.args[1]->name, e.args[1]->offset);
      }
    }
    for (const auto& child : e.args) formula_references(*child, out);
  }

  void check_references_in(const SourceExpr& source, const std::vector<std::string>& names, const std::string& field) {
    if (!source.expr) return;
    std::vector<std::pair<std::string, std::size_t>> refs;
    formula_references(*source.expr, refs);
    for (const auto& [name, offset] : refs) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string message = "no formula is named '" + name + "'";
      if (const auto close = closest_match(name, names)) message += "; did you mean 'formula." + *close + "'?";
      const SourceLocation at = source.location_of(offset);
      m_out->diagnostics.push_back({at, Severity::error, "bases.unknown-formula", field, message});
    }
  }

  void check_filter_references(const std::optional<FilterNode>& node, const std::vector<std::string>& names,
                               const std::string& field) {
    if (!node) return;
    std::vector<const FilterNode*> stack{&*node};
    while (!stack.empty()) {
      const FilterNode* n = stack.back();
      stack.pop_back();
      if (n->kind == FilterNode::Kind::statement) check_references_in(n->statement, names, field);
      for (const auto& c : n->children) stack.push_back(&c);
    }
  }

  void check_formula_references() {
    std::vector<std::string> names;
    for (const auto& f : m_out->base.formulas) names.push_back(f.name);
    for (const auto& f : m_out->base.formulas) check_references_in(f.source, names, "formulas." + f.name);
    check_filter_references(m_out->base.filters, names, "filters");
    for (const auto& view : m_out->base.views) check_filter_references(view.filters, names, "views." + view.name);
  }

  /// A formula that uses itself, directly or through others: one error naming the whole loop.
  void check_cycles() {
    const auto& formulas = m_out->base.formulas;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < formulas.size(); ++i) index.emplace(formulas[i].name, i);
    std::vector<std::vector<std::size_t>> edges(formulas.size());
    for (std::size_t i = 0; i < formulas.size(); ++i) {
      if (!formulas[i].source.expr) continue;
      std::vector<std::pair<std::string, std::size_t>> refs;
      formula_references(*formulas[i].source.expr, refs);
      for (const auto& ref : refs) {
        if (const auto it = index.find(ref.first); it != index.end()) edges[i].push_back(it->second);
      }
    }
    // Iterative depth-first search: 0 unseen, 1 on the path, 2 done.
    std::vector<int> state(formulas.size(), 0);
    for (std::size_t start = 0; start < formulas.size(); ++start) {
      if (state[start] != 0) continue;
      std::vector<std::pair<std::size_t, std::size_t>> path{{start, 0}};
      state[start] = 1;
      while (!path.empty()) {
        auto& [node, next] = path.back();
        if (next < edges[node].size()) {
          const std::size_t to = edges[node][next++];
          if (state[to] == 1) {
            std::string loop;
            bool on = false;
            for (const auto& step : path) {
              if (step.first == to) on = true;
              if (on) loop += "formula." + formulas[step.first].name + " -> ";
            }
            loop += "formula." + formulas[to].name;
            m_out->diagnostics.push_back({formulas[to].source.location, Severity::error, "bases.cycle",
                                          "formulas." + formulas[to].name, "formulas use each other in a loop: " + loop});
          } else if (state[to] == 0) {
            state[to] = 1;
            path.emplace_back(to, 0);
          }
        } else {
          state[node] = 2;
          path.pop_back();
        }
      }
    }
  }

  void check_summaries() {
    std::vector<std::string> known = default_summary_names();
    for (const auto& s : m_out->base.summaries) known.push_back(s.name);
    for (const auto& view : m_out->base.views) {
      for (const auto& s : view.summaries) {
        if (std::find(known.begin(), known.end(), s.summary) != known.end()) continue;
        std::string message = "no summary is named '" + s.summary + "'";
        if (const auto close = closest_match(s.summary, known)) message += "; did you mean '" + *close + "'?";
        m_out->diagnostics.push_back({s.location, Severity::error, "bases.unknown-summary", "summaries." + s.property, message});
      }
    }
  }

  std::string m_path;
  int m_first_line = 1;
  std::vector<std::string_view> m_lines;
  BaseParse* m_out = nullptr;
};

}  // namespace

SourceLocation SourceExpr::location_of(std::size_t offset) const {
  SourceLocation at = location;
  if (text_column > 0) {
    at.column = text_column + static_cast<int>(count_code_points(std::string_view(text).substr(0, std::min(offset, text.size()))));
  }
  return at;
}

const Formula* BaseFile::formula(std::string_view name) const {
  for (const auto& f : formulas) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Formula* BaseFile::summary(std::string_view name) const {
  for (const auto& f : summaries) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string BaseFile::display_name(std::string_view property) const {
  const std::string id = normalize_property(property);
  for (const auto& [key, name] : display_names) {
    if (key == id) return name;
  }
  if (id.rfind("note.", 0) == 0) return id.substr(5);
  if (id.rfind("formula.", 0) == 0) return id.substr(8);
  return id;
}

bool BaseParse::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string normalize_property(std::string_view property) {
  for (const std::string_view prefix : {"note.", "file.", "formula."}) {
    if (property.substr(0, prefix.size()) == prefix) return std::string(property);
  }
  return "note." + std::string(property);
}

const std::vector<std::string>& default_summary_names() {
  static const std::vector<std::string> names{"Average", "Min",     "Max",       "Sum",   "Range",  "Median", "Stddev",
                                              "Earliest", "Latest", "Checked", "Unchecked", "Empty", "Filled", "Unique"};
  return names;
}

BaseParse parse_base(std::string_view text, const std::string& path, int first_line) {
  BaseParse out;
  YamlResult yaml = parse_yaml(text, path, first_line);
  out.diagnostics = std::move(yaml.diagnostics);
  if (!yaml.value) {
    if (out.diagnostics.empty()) {
      out.diagnostics.push_back({{path, first_line, 1}, Severity::error, "bases.shape", "", "the base is not a YAML document"});
    }
    return out;
  }
  BaseReader reader(text, path, first_line);
  reader.read(*yaml.value, out);
  return out;
}

}  // namespace mdvault::core::bases
