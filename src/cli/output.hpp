#pragma once
// Printers shared by the commands: colour, terminal width, JSON writing, plain-English
// counts, and diagnostics in the `path:line:col: error: message [rule]` form with the
// source line and a caret under the column.

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "core/value.hpp"

namespace mdvault::cli {

using Json = nlohmann::ordered_json;

/// When to colour output: on a terminal only (auto), always, or never.
enum class ColorMode { automatic, always, never };

/// The names --color accepts, in help order.
const std::vector<std::string>& color_mode_names();

/// Parses "auto", "always" or "never".
std::optional<ColorMode> parse_color_mode(std::string_view name);

/// True when output to file descriptor `fd` should be coloured: `always` forces it;
/// `auto` needs a terminal and no (non-empty) NO_COLOR variable.
bool should_color(ColorMode mode, int fd);

/// ANSI styling that turns into plain text when disabled.
class Style {
public:
  explicit Style(bool enabled) : m_enabled(enabled) {}
  [[nodiscard]] bool enabled() const { return m_enabled; }
  [[nodiscard]] std::string bold(std::string_view s) const { return wrap("1", s); }
  [[nodiscard]] std::string red(std::string_view s) const { return wrap("1;31", s); }
  [[nodiscard]] std::string yellow(std::string_view s) const { return wrap("1;33", s); }
  [[nodiscard]] std::string green(std::string_view s) const { return wrap("1;32", s); }
  [[nodiscard]] std::string dim(std::string_view s) const { return wrap("2", s); }
  /// "error" in red or "warning" in yellow.
  [[nodiscard]] std::string severity(core::Severity s) const;

private:
  [[nodiscard]] std::string wrap(std::string_view code, std::string_view s) const;
  bool m_enabled;
};

/// The width to cut source lines under a caret to: the terminal's on stdout, else $COLUMNS,
/// else 0 (not cut: a file or a CI log keeps whole lines).
std::size_t source_width();

/// Columns of the terminal on stdout (ioctl TIOCGWINSZ), or 80 when not a terminal.
std::size_t terminal_width();

/// Writes `doc` pretty-printed with two spaces and a trailing newline (invalid UTF-8 replaced).
void write_json(std::ostream& out, const Json& doc);

/// A Value as JSON: integers stay integers, map order kept.
Json to_json(const core::Value& value);

/// "1 error", "3 errors": the count and the noun, plural when needed (adds "s").
std::string count_of(std::size_t n, std::string_view noun);

/// A path for messages: relative to the working directory when it lies inside it,
/// else as given; always with '/' separators.
std::string display_path(const std::filesystem::path& path);

/// Lines of one file at a time, read again from disk for the diagnostics being printed.
class SourceCache {
public:
  /// Relative paths are read from `base` (the vault root, or "" for the working directory).
  explicit SourceCache(std::filesystem::path base) : m_base(std::move(base)) {}
  /// The 1-based line of `path` without its line ending, or nothing when unreadable.
  std::optional<std::string> line(const std::string& path, int line);

private:
  std::filesystem::path m_base;
  std::string m_path;  ///< the file cached in m_lines
  bool m_loaded = false;
  std::vector<std::string> m_lines;
};

/// `path:line:col: error: message [rule]` (position parts left out when zero), no newline.
std::string format_diagnostic(const core::Diagnostic& d, const Style& style);

/// Prints the diagnostic line and, when `sources` is given, the source line with a caret
/// under the column (tabs kept so the caret lines up; one space per code point).
void print_diagnostic(std::ostream& out, const core::Diagnostic& d, const Style& style,
                      SourceCache* sources);

/// Prints problems found in a config or schema file to stderr (with source lines).
void print_file_diagnostics(const std::vector<core::Diagnostic>& diagnostics, const Style& style);

/// Turns curly quotes pasted from a document (“ ” „ ‘ ’ ‚) into straight ones, which
/// queries and searches use; true when there were any (the caller says so once).
bool straighten_quotes(std::string& text);

/// True when any diagnostic has error severity.
bool has_errors(const std::vector<core::Diagnostic>& diagnostics);

}  // namespace mdvault::cli
