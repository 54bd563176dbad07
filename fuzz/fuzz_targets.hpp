#pragma once
// The fuzz targets: one entry function per parser of mdvault_core, each taking the fuzzer's
// bytes. libfuzzer_entry.cpp turns one of them into a libFuzzer binary; replay_main.cpp runs
// every one over its seed corpus in the ordinary test build.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::fuzz {

/// One fuzz target: its name (also the folder of its corpus) and its entry function, which
/// returns 0 and aborts (through fuzz_check) when an invariant breaks.
struct FuzzTarget {
  std::string_view name;
  int (*run)(const std::uint8_t* data, std::size_t size);
};

int fuzz_frontmatter(const std::uint8_t* data, std::size_t size);
int fuzz_yaml_reader(const std::uint8_t* data, std::size_t size);
int fuzz_yaml_oracle(const std::uint8_t* data, std::size_t size);
int fuzz_note(const std::uint8_t* data, std::size_t size);
int fuzz_markdown(const std::uint8_t* data, std::size_t size);
int fuzz_wikilink(const std::uint8_t* data, std::size_t size);
int fuzz_dql_query(const std::uint8_t* data, std::size_t size);
int fuzz_dql_expression(const std::uint8_t* data, std::size_t size);
int fuzz_schema(const std::uint8_t* data, std::size_t size);
int fuzz_schema_instance(const std::uint8_t* data, std::size_t size);
int fuzz_json(const std::uint8_t* data, std::size_t size);
int fuzz_config(const std::uint8_t* data, std::size_t size);
int fuzz_note_codec(const std::uint8_t* data, std::size_t size);
int fuzz_mcp_message(const std::uint8_t* data, std::size_t size);
int fuzz_bases(const std::uint8_t* data, std::size_t size);

/// Every target, by name.
inline constexpr std::array<FuzzTarget, 15> k_fuzz_targets{{
    {"frontmatter", fuzz_frontmatter},
    {"yaml_reader", fuzz_yaml_reader},
    {"yaml_oracle", fuzz_yaml_oracle},
    {"note", fuzz_note},
    {"markdown", fuzz_markdown},
    {"wikilink", fuzz_wikilink},
    {"dql_query", fuzz_dql_query},
    {"dql_expression", fuzz_dql_expression},
    {"schema", fuzz_schema},
    {"schema_instance", fuzz_schema_instance},
    {"json", fuzz_json},
    {"config", fuzz_config},
    {"note_codec", fuzz_note_codec},
    {"mcp_message", fuzz_mcp_message},
    {"bases", fuzz_bases},
}};

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// The bytes as read_note hands them to the parsers (normalize_note_text: BOM removed, CRLF and
/// lone CR turned into LF), when they are valid UTF-8; else nothing.
std::optional<std::string> note_text(const std::uint8_t* data, std::size_t size);

/// Prints `what` and aborts: a broken invariant is a finding.
[[noreturn]] void fuzz_fail(std::string_view what);

/// fuzz_fail(what) when `condition` is false.
inline void fuzz_check(bool condition, std::string_view what) {
  if (!condition) {
    fuzz_fail(what);
  }
}

/// The lines of a text, to check that positions fall inside it.
class TextLines {
public:
  /// `first_line` is the file line of the text's first line.
  TextLines(std::string_view text, int first_line);
  /// True when `pos` is on a line of the text, at most one column past its last code point.
  [[nodiscard]] bool contains(core::Position pos) const;
  /// File line of the text's last line.
  [[nodiscard]] int last_line() const;

private:
  int m_first_line;
  std::vector<int> m_columns;  ///< code points of each line
};

/// Checks every position of `value` (its own and its keys') with fuzz_check.
void check_value_positions(const TextLines& lines, const core::Value& value);

/// Checks that each diagnostic names `path` and a place in the text (line 0: the whole file).
void check_diagnostics(const TextLines& lines, const std::string& path,
                       const std::vector<core::Diagnostic>& diagnostics);

}  // namespace mdvault::fuzz
