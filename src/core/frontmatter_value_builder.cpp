// Building Values from yaml-cpp events: core-schema scalars, anchors and aliases (with a
// bound on what they expand to), duplicate keys, and positions that point at what the user
// wrote rather than where yaml-cpp's marks fall.

#include "core/frontmatter_value_builder.hpp"

#include "core/frontmatter_internal.hpp"

namespace mdvault::core::frontmatter_detail {

namespace {

// Anchored values are copied into the anchor table; this bounds that copying.
constexpr std::size_t k_max_anchor_work = 10 * k_max_yaml_nodes;
// Maps with more keys than this get a hash index for the duplicate-key check.
constexpr std::size_t k_linear_key_search = 64;

}  // namespace

void ValueBuilder::OnDocumentStart(const YAML::Mark& mark) {
  if (m_documents++ > 0) {
    throw BuildAbort{k_rule_yaml, m_source.position(mark),
                     "invalid YAML: a second YAML document starts here; keep one document "
                     "(remove the '---' or '...' line above)"};
  }
}

void ValueBuilder::OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) {
  count_nodes(1, mark);
  const std::size_t offset = m_source.offset(mark);
  const std::string_view literal = null_literal_at(offset);
  Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
  if (top != nullptr && top->is_map && top->state == MapState::key) {
    const Position pos = m_source.position(mark);
    register_anchor(anchor, Value::make_null(pos), 1, 0, literal);
    set_key(std::string(literal), pos);
    return;
  }
  Value v = Value::make_null(empty_node_position(mark, offset, literal));
  register_anchor(anchor, v, 1, 0, literal);
  add_node(std::move(v), 0);
}

void ValueBuilder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                            const std::string& value) {
  count_nodes(1, mark);
  const Position pos = m_source.position(mark);
  if (tag != "?") {
    check_quote_closed(mark);  // quoted, or tagged (`!!str "x`)
  }
  Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
  const bool is_key = top != nullptr && top->is_map && top->state == MapState::key;
  if (is_key && anchor == YAML::NullAnchor) {
    set_key(value, pos);
    return;
  }
  // An anchored key is also a value for its aliases: typed as any scalar, its text kept for
  // the aliases that are keys (yaml-cpp keeps one node: `&a 0x1f` is 31 as a value, `0x1f` as
  // a key).
  Value v = tag == "?"   ? resolve_plain(value, pos)
            : tag == "!" ? Value::make_string(value, pos)
                         : resolve_tagged(tag, value, pos);
  register_anchor(anchor, v, 1, 0, std::string_view(value));
  if (is_key) {
    set_key(value, pos);
    return;
  }
  add_node(std::move(v), 0);
}

void ValueBuilder::OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) {
  const Position pos = m_source.position(mark);
  if (anchor >= m_anchors.size() || !m_anchors[anchor].defined) {
    // yaml-cpp knows the anchor but its node is not finished: it contains this alias.
    throw BuildAbort{k_rule_yaml, pos,
                     "invalid YAML: this alias refers to the list or map that contains it; "
                     "an alias may only repeat a value that is complete"};
  }
  const Anchor& a = m_anchors[anchor];
  count_nodes(a.nodes, mark);
  if (m_stack.size() + a.height > k_max_value_depth) {
    throw BuildAbort{k_rule_too_large, pos, too_deep_message()};
  }
  Frame* top = m_stack.empty() ? nullptr : &m_stack.back();
  if (top != nullptr && top->is_map && top->state == MapState::key) {
    if (a.key_text) {
      set_key(*a.key_text, pos);
    } else {
      complex_key(pos);
      top->state = MapState::value;
      top->discard_value = true;
    }
    return;
  }
  Value copy = a.value;
  copy.position = pos;
  add_node(std::move(copy), a.height);
}

void ValueBuilder::OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                                   YAML::EmitterStyle::value style) {
  open_container(mark, anchor, style, false);
}

void ValueBuilder::OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                              YAML::EmitterStyle::value style) {
  open_container(mark, anchor, style, true);
}

std::optional<Position> ValueBuilder::innermost_position() const {
  if (m_stack.empty()) {
    return std::nullopt;
  }
  return m_stack.back().container.position;
}

std::optional<Position> ValueBuilder::open_flow_position(bool map) const {
  for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
    if (it->is_flow && it->is_map == map) {
      return it->container.position;
    }
  }
  return std::nullopt;
}

std::string ValueBuilder::too_deep_message() {
  return "the YAML nests lists and maps more than " + std::to_string(k_max_value_depth) +
         " levels deep; it is not read";
}

void ValueBuilder::count_nodes(std::size_t n, const YAML::Mark& mark) {
  m_nodes += n;
  if (m_nodes > k_max_yaml_nodes) {
    throw BuildAbort{k_rule_too_large, m_source.position(mark),
                     "the YAML expands to more than " + std::to_string(k_max_yaml_nodes) +
                         " values (through anchors and aliases); it is not read: "
                         "remove the aliases that repeat large values"};
  }
}

std::size_t ValueBuilder::after_properties(std::size_t offset) const {
  const std::string_view text = m_source.text();
  // yaml-cpp marks a node at its properties (`&a null`, `!!str "x`): look past them.
  while (offset < text.size() && (text[offset] == '&' || text[offset] == '!')) {
    const std::size_t end = text.find_first_of(" \t\n", offset);
    if (end == std::string_view::npos) {
      return text.size();
    }
    offset = text.find_first_not_of(" \t", end);
    if (offset == std::string_view::npos || text[offset] == '\n') {
      return text.size();
    }
  }
  return offset;
}

std::string_view ValueBuilder::null_literal_at(std::size_t offset) const {
  const std::string_view rest = m_source.text().substr(after_properties(offset));
  for (std::string_view lit : {"null", "Null", "NULL", "~"}) {
    if (rest.substr(0, lit.size()) == lit) {
      const std::size_t after = lit.size();
      if (after == rest.size() ||
          std::string_view(" \t\n\r,]}#:").find(rest[after]) != std::string_view::npos) {
        return lit;
      }
    }
  }
  return {};
}

Position ValueBuilder::empty_node_position(const YAML::Mark& mark, std::size_t offset,
                                           std::string_view literal) const {
  const Position pos = m_source.position(mark);
  const std::string_view text = m_source.text();
  const bool has_properties =
      offset < text.size() && (text[offset] == '&' || text[offset] == '!');
  if (m_stack.empty() || has_properties) {
    return pos;
  }
  const Frame& top = m_stack.back();
  if (top.is_map) {
    const bool next_line_sibling =
        pos.line > top.key_position.line && pos.column <= top.key_position.column;
    return literal.empty() || next_line_sibling ? top.key_position : pos;
  }
  if (!literal.empty()) {
    return pos;
  }
  std::size_t i = offset;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
    --i;
  }
  if (i > 0 && text[i - 1] == '-') {
    return m_source.position_of_offset(i - 1);
  }
  return pos;
}

void ValueBuilder::check_quote_closed(const YAML::Mark& mark) const {
  const std::string_view text = m_source.text();
  const std::size_t start = after_properties(m_source.offset(mark));
  if (start >= text.size() || (text[start] != '"' && text[start] != '\'')) {
    return;
  }
  const char quote = text[start];
  for (std::size_t i = start + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' is an escaped quote
        continue;
      }
      return;
    }
  }
  const std::string q(1, quote);
  throw BuildAbort{k_rule_yaml, m_source.position(mark),
                   "invalid YAML: the text opened with " + q + " here is never closed: add the "
                   "closing " + q + " (everything after it was read as part of the text)"};
}

void ValueBuilder::register_anchor(YAML::anchor_t anchor, const Value& v, std::size_t nodes,
                                   std::size_t height, std::optional<std::string_view> key_text) {
  if (anchor == YAML::NullAnchor) {
    return;
  }
  m_anchor_work += nodes;
  if (m_anchor_work > k_max_anchor_work) {
    throw BuildAbort{k_rule_too_large, v.position,
                     "the YAML has too many large anchored values; it is not read"};
  }
  if (anchor >= m_anchors.size()) {
    m_anchors.resize(anchor + 1);
  }
  m_anchors[anchor] = Anchor{true, v, nodes, height,
                              key_text ? std::optional<std::string>(*key_text) : std::nullopt};
}

void ValueBuilder::open_container(const YAML::Mark& mark, YAML::anchor_t anchor,
                                  YAML::EmitterStyle::value style, bool is_map) {
  const Position pos = m_source.position(mark);
  count_nodes(1, mark);
  if (m_stack.size() >= k_max_value_depth) {
    throw BuildAbort{k_rule_too_large, pos, too_deep_message()};
  }
  if (!m_stack.empty() && m_stack.back().is_map && m_stack.back().state == MapState::key) {
    complex_key(pos);
    m_stack.back().state = MapState::complex_key;
  }
  Frame f;
  f.container = is_map ? Value::make_map({}, pos) : Value::make_list({}, pos);
  f.is_map = is_map;
  f.is_flow = style == YAML::EmitterStyle::Flow;
  f.anchor = anchor;
  f.nodes_at_start = m_nodes;
  m_stack.push_back(std::move(f));
}

void ValueBuilder::close_container() {
  if (m_stack.empty()) {
    return;
  }
  Frame f = std::move(m_stack.back());
  m_stack.pop_back();
  if (f.anchor != YAML::NullAnchor) {
    register_anchor(f.anchor, f.container, m_nodes - f.nodes_at_start + 1, f.height, std::nullopt);
  }
  add_node(std::move(f.container), f.height);
}

void ValueBuilder::complex_key(Position pos) {
  m_diagnostics.push_back(make_diagnostic(
      m_path, pos, k_rule_yaml, path_prefix(),
      "invalid YAML: keys must be plain text, not a list or a map; this entry is ignored"));
}

void ValueBuilder::add_node(Value v, std::size_t height) {
  if (m_stack.empty()) {
    m_root = std::move(v);
    return;
  }
  Frame& top = m_stack.back();
  top.height = std::max(top.height, height + 1);
  if (!top.is_map) {
    top.container.as_list().push_back(std::move(v));
    return;
  }
  if (top.state == MapState::value) {
    if (!top.discard_value) {
      ValueMap& entries = top.container.as_map();
      if (top.key_index) {
        top.key_index->emplace(top.key, entries.size());
      }
      entries.push_back(MapEntry{std::move(top.key), top.key_position, std::move(v)});
    }
    top.key.clear();
    top.discard_value = false;
    top.state = MapState::key;
    return;
  }
  // A finished list or map that was a key: its value will be dropped.
  top.state = MapState::value;
  top.discard_value = true;
}

void ValueBuilder::set_key(std::string key, Position pos) {
  Frame& top = m_stack.back();
  ValueMap& entries = top.container.as_map();
  const MapEntry* first = nullptr;
  if (!top.key_index && entries.size() >= k_linear_key_search) {
    top.key_index = std::make_unique<std::unordered_map<std::string, std::size_t>>();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      top.key_index->emplace(entries[i].key, i);
    }
  }
  if (top.key_index) {
    const auto it = top.key_index->find(key);
    if (it != top.key_index->end()) {
      first = &entries[it->second];
    }
  } else {
    for (const MapEntry& e : entries) {
      if (e.key == key) {
        first = &e;
        break;
      }
    }
  }
  top.discard_value = first != nullptr;
  if (first != nullptr) {
    std::string field = path_prefix();
    if (!field.empty()) {
      field += '.';
    }
    field += key;
    m_diagnostics.push_back(make_diagnostic(
        m_path, pos, k_rule_duplicate, std::move(field),
        "the key '" + key + "' appears twice; the first is on line " +
            std::to_string(first->key_position.line) +
            ": remove or rename one (the first value is kept)"));
  }
  top.key = std::move(key);
  top.key_position = pos;
  top.state = MapState::value;
}

std::string ValueBuilder::path_prefix() const {
  std::string path;
  for (std::size_t i = 0; i + 1 < m_stack.size(); ++i) {
    const Frame& f = m_stack[i];
    if (f.is_map) {
      if (!path.empty()) {
        path += '.';
      }
      path += f.key;
    } else {
      path += '[' + std::to_string(f.container.as_list().size()) + ']';
    }
  }
  return path;
}

}  // namespace mdvault::core::frontmatter_detail
