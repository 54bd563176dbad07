#pragma once
// The yaml-cpp side of frontmatter reading: file positions of yaml-cpp marks, and the event
// handler that turns one YAML document into a Value. Included only by frontmatter_*.cpp.

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/emitterstyle.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/unicode.hpp"
#include "core/value.hpp"

namespace mdvault::core::frontmatter_detail {

// Positions: yaml-cpp marks (0-based, relative to the YAML text, in bytes) -> file positions.
// One per document read (it remembers the last column it counted), never shared by threads.
// yaml-cpp skips a UTF-8 BOM at the start of the text without counting it in its marks: the
// marks of the first line are moved past it (a BOM right after the `---` line is text there).
class SourceMap {
public:
  SourceMap(std::string_view text, int first_line)
      : m_text(text), m_first_line(first_line),
        m_bom(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) {
    m_starts.reserve(64);
    m_starts.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
      m_starts.push_back(i + 1);
    }
  }

  [[nodiscard]] std::string_view text() const { return m_text; }

  /// 0-based line index of a mark, clamped to the text.
  [[nodiscard]] std::size_t line_index(const YAML::Mark& mark) const {
    if (mark.line < 0) {
      return 0;
    }
    return std::min(static_cast<std::size_t>(mark.line), m_starts.size() - 1);
  }

  [[nodiscard]] std::string_view line_text(std::size_t index) const {
    const std::size_t begin = m_starts[index];
    const std::size_t end = index + 1 < m_starts.size() ? m_starts[index + 1] - 1 : m_text.size();
    return m_text.substr(begin, end - begin);
  }

  /// Byte offset in the text of a mark, clamped to its line.
  [[nodiscard]] std::size_t offset(const YAML::Mark& mark) const {
    const std::size_t index = line_index(mark);
    return m_starts[index] + byte_column(mark, index);
  }

  [[nodiscard]] Position position(const YAML::Mark& mark) const {
    const std::size_t index = line_index(mark);
    return position_at(index, byte_column(mark, index));
  }

  /// The file position of byte `offset` of the text.
  [[nodiscard]] Position position_of_offset(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    const auto it = std::upper_bound(m_starts.begin(), m_starts.end(), offset);
    const auto index = static_cast<std::size_t>(it - m_starts.begin()) - 1;
    return position_at(index, offset - m_starts[index]);
  }

  [[nodiscard]] int file_line(std::size_t index) const {
    return m_first_line + static_cast<int>(index);
  }

private:
  // The byte column of a mark on line `index`, past a skipped BOM, clamped to the line.
  [[nodiscard]] std::size_t byte_column(const YAML::Mark& mark, std::size_t index) const {
    const std::size_t column =
        (mark.column < 0 ? 0 : static_cast<std::size_t>(mark.column)) + (index == 0 ? m_bom : 0);
    return std::min(column, line_text(index).size());
  }

  // Marks come in text order, so the code points are counted on from the last mark of the
  // same line: recounting from the line start made a long line of many values quadratic.
  [[nodiscard]] Position position_at(std::size_t index, std::size_t byte_column) const {
    const std::string_view line = line_text(index);
    byte_column = std::min(byte_column, line.size());
    if (index != m_cached_line || byte_column < m_cached_byte) {
      m_cached_line = index;
      m_cached_byte = 0;
      m_cached_column = 1;
    }
    m_cached_column += static_cast<int>(count_code_points(line.substr(m_cached_byte, byte_column - m_cached_byte)));
    m_cached_byte = byte_column;
    return Position{file_line(index), m_cached_column};
  }

  std::string_view m_text;
  int m_first_line;
  std::size_t m_bom;  // 3 when the text starts with a UTF-8 BOM (yaml-cpp skips it), else 0
  std::vector<std::size_t> m_starts;  // byte offset of each line's start
  mutable std::size_t m_cached_line = static_cast<std::size_t>(-1);  // the last position asked for
  mutable std::size_t m_cached_byte = 0;
  mutable int m_cached_column = 1;
};

// Thrown by the builder (and caught in read_yaml) to stop reading: a finding, no value.
struct BuildAbort {
  std::string_view rule;
  Position position;
  std::string message;
};

// Turns the events of one YAML document into a Value, counting nodes as it goes.
class ValueBuilder final : public YAML::EventHandler {
public:
  ValueBuilder(const SourceMap& source, const std::string& path) : m_source(source), m_path(path) {}

  void OnDocumentStart(const YAML::Mark& mark) override;

  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override;

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override;

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override;

  void OnSequenceEnd() override { close_container(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override;

  void OnMapEnd() override { close_container(); }

  /// The document's value: null when the document was empty.
  std::optional<Value> take_root() { return std::move(m_root); }

  std::vector<Diagnostic> take_diagnostics() { return std::move(m_diagnostics); }

  /// The file position of the innermost list or map still open, if any.
  [[nodiscard]] std::optional<Position> innermost_position() const;

  /// The file position of the innermost open flow collection ('[' or '{'), if any.
  [[nodiscard]] std::optional<Position> open_flow_position(bool map) const;

private:
  enum class MapState { key, complex_key, value };

  struct Frame {
    Value container;
    bool is_map = false;
    bool is_flow = false;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::size_t nodes_at_start = 0;
    std::size_t height = 1;  // 1 + the height of the deepest child
    // Maps only: the key waiting for its value.
    MapState state = MapState::key;
    std::string key;
    Position key_position;
    bool discard_value = false;  // the pending key is a duplicate or not plain text
    std::unique_ptr<std::unordered_map<std::string, std::size_t>> key_index;
  };

  struct Anchor {
    bool defined = false;
    Value value;
    std::size_t nodes = 0;
    std::size_t height = 0;
    // A scalar's text as written (after quoting): what an alias of it stands for as a key.
    std::optional<std::string> key_text;
  };

  static std::string too_deep_message();

  void count_nodes(std::size_t n, const YAML::Mark& mark);

  // The offset of the node's content at `offset`, past its properties (`&a`, `!tag`).
  [[nodiscard]] std::size_t after_properties(std::size_t offset) const;

  // "null", "Null", "NULL" or "~" when the text at `offset` spells an explicit null.
  [[nodiscard]] std::string_view null_literal_at(std::size_t offset) const;

  // yaml-cpp marks an empty value (`key:` with nothing, `- ` with nothing) at the token that
  // follows it, often on a later line: point at the key or the '-' instead.
  [[nodiscard]] Position empty_node_position(const YAML::Mark& mark, std::size_t offset,
                                             std::string_view literal) const;

  // yaml-cpp accepts a quoted scalar that runs to the end of the text: refuse it.
  void check_quote_closed(const YAML::Mark& mark) const;

  void register_anchor(YAML::anchor_t anchor, const Value& v, std::size_t nodes,
                       std::size_t height, std::optional<std::string_view> key_text);

  void open_container(const YAML::Mark& mark, YAML::anchor_t anchor,
                      YAML::EmitterStyle::value style, bool is_map);

  void close_container();

  void complex_key(Position pos);

  void add_node(Value v, std::size_t height);

  void set_key(std::string key, Position pos);

  // The field path of the innermost container being built ("meta", "items[2]").
  [[nodiscard]] std::string path_prefix() const;

  const SourceMap& m_source;
  const std::string& m_path;
  std::vector<Frame> m_stack;
  std::vector<Anchor> m_anchors;  // indexed by yaml-cpp's anchor id (1, 2, ...)
  std::optional<Value> m_root;
  std::size_t m_nodes = 0;
  std::size_t m_anchor_work = 0;
  int m_documents = 0;
  std::vector<Diagnostic> m_diagnostics;
};

}  // namespace mdvault::core::frontmatter_detail
