#include "cli/output.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <system_error>

#include "core/display_text.hpp"
#include "core/unicode.hpp"
#include "core/vault.hpp"

namespace mdvault::cli {

const std::vector<std::string>& color_mode_names() {
  static const std::vector<std::string> k_names{"auto", "always", "never"};
  return k_names;
}

std::optional<ColorMode> parse_color_mode(std::string_view name) {
  if (name == "auto") return ColorMode::automatic;
  if (name == "always") return ColorMode::always;
  if (name == "never") return ColorMode::never;
  return std::nullopt;
}

bool should_color(ColorMode mode, int fd) {
  switch (mode) {
    case ColorMode::always: return true;
    case ColorMode::never: return false;
    case ColorMode::automatic: break;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(fd) != 0;
}

std::string Style::severity(core::Severity s) const {
  return s == core::Severity::error ? red("error") : yellow("warning");
}

std::string Style::wrap(std::string_view code, std::string_view s) const {
  if (!m_enabled) return std::string(s);
  std::string out = "\x1b[";
  out += code;
  out += 'm';
  out += s;
  out += "\x1b[0m";
  return out;
}

std::size_t source_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  const char* columns = std::getenv("COLUMNS");
  if (columns != nullptr && *columns != '\0') {
    char* end = nullptr;
    const unsigned long value = std::strtoul(columns, &end, 10);
    if (end != nullptr && *end == '\0' && value >= 20 && value <= 10000) return static_cast<std::size_t>(value);
  }
  return 0;
}

std::size_t terminal_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return 80;
}

void write_json(std::ostream& out, const Json& doc) {
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

Json to_json(const core::Value& value) {
  using Kind = core::Value::Kind;
  switch (value.kind()) {
    case Kind::null: return nullptr;
    case Kind::boolean: return value.as_bool();
    case Kind::integer: return value.as_int();
    case Kind::floating: return value.as_number();
    case Kind::string: return value.as_string();
    case Kind::list: {
      Json list = Json::array();
      for (const auto& item : value.as_list()) list.push_back(to_json(item));
      return list;
    }
    case Kind::map: {
      Json map = Json::object();
      for (const auto& entry : value.as_map()) map[entry.key] = to_json(entry.value);
      return map;
    }
  }
  return nullptr;
}

std::string count_of(std::size_t n, std::string_view noun) {
  std::string out = std::to_string(n);
  out += ' ';
  out += noun;
  if (n != 1) out += 's';
  return out;
}

std::string display_path(const std::filesystem::path& path) {
  if (path.is_absolute()) {
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    if (!ec) {
      const auto relative = path.lexically_normal().lexically_relative(cwd);
      const auto text = relative.generic_string();
      if (!relative.empty() && text != ".." && text.rfind("../", 0) != 0) return text;
    }
  }
  return path.generic_string();
}

std::optional<std::string> SourceCache::line(const std::string& path, int line) {
  if (line <= 0) return std::nullopt;
  if (!m_loaded || path != m_path) {
    m_path = path;
    m_loaded = true;
    m_lines.clear();
    std::ifstream in(m_base.empty() ? std::filesystem::path(path) : m_base / path, std::ios::binary);
    std::string text;
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    }
    // The lines read_note numbered: the same BOM and line-end rules (a lone CR ends a line).
    core::normalize_note_text(text);
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      m_lines.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  const auto index = static_cast<std::size_t>(line - 1);
  if (index >= m_lines.size()) return std::nullopt;
  return m_lines[index];
}

namespace {
// The widest source line shown under a finding when the output is no terminal.
constexpr std::size_t k_max_source_columns = 1000;
}  // namespace

std::string format_diagnostic(const core::Diagnostic& d, const Style& style) {
  // The name and message as one line each: control characters and bad bytes as \xHH.
  std::string where = core::display_name(d.location.path);
  if (d.location.line > 0) {
    where += ':' + std::to_string(d.location.line);
    if (d.location.column > 0) where += ':' + std::to_string(d.location.column);
  }
  where += ':';
  std::string out = style.bold(where);
  out += ' ';
  out += style.severity(d.severity);
  out += ": ";
  out += core::display_name(d.message);
  if (!d.rule.empty()) {
    out += " [";
    out += d.rule;
    out += ']';
  }
  return out;
}

void print_diagnostic(std::ostream& out, const core::Diagnostic& d, const Style& style,
                      SourceCache* sources) {
  out << format_diagnostic(d, style) << '\n';
  if (sources == nullptr) return;
  const auto source = sources->line(d.location.path, d.location.line);
  if (!source) return;
  // gcc's layout: the line number right-aligned in five columns, then " | ".
  std::string number = std::to_string(d.location.line);
  if (number.size() < 5) number.insert(0, 5 - number.size(), ' ');
  // A long line is cut around the column to the terminal's width, so it does not wrap and
  // the caret stays under its character.
  // Not on a terminal, a line is cut at k_max_source_columns (a 10 MB line printed whole
  // made 20 MB of output for one finding).
  const std::size_t width = source_width();
  const auto cut = width == 0 ? (source->size() <= k_max_source_columns
                                     ? core::CutLine{*source, d.location.column}
                                     : core::cut_around_column(*source, d.location.column, k_max_source_columns))
                              : core::cut_around_column(*source, d.location.column, width - number.size() - 3);
  out << style.dim(number + " |") << ' ' << cut.text << '\n';
  if (d.location.column > 0) {
    out << style.dim(std::string(number.size(), ' ') + " |") << ' ' << core::caret_padding(cut.text, cut.column)
        << style.green("^") << '\n';
  }
}

void print_file_diagnostics(const std::vector<core::Diagnostic>& diagnostics, const Style& style) {
  SourceCache sources{std::filesystem::path{}};
  for (const auto& d : diagnostics) print_diagnostic(std::cerr, d, style, &sources);
}

bool straighten_quotes(std::string& text) {
  static const std::pair<std::string_view, char> k_quotes[] = {
      {"\u201C", '"'}, {"\u201D", '"'}, {"\u201E", '"'}, {"\u201F", '"'},
      {"\u2018", '\''}, {"\u2019", '\''}, {"\u201A", '\''}, {"\u201B", '\''}};
  bool changed = false;
  for (const auto& [curly, straight] : k_quotes) {
    for (auto at = text.find(curly); at != std::string::npos; at = text.find(curly, at + 1)) {
      text.replace(at, curly.size(), 1, straight);
      changed = true;
    }
  }
  return changed;
}

bool has_errors(const std::vector<core::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    if (d.severity == core::Severity::error) return true;
  }
  return false;
}

}  // namespace mdvault::cli
