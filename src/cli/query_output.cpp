#include "cli/query_output.hpp"

#include <algorithm>
#include <ostream>
#include <vector>

#include "cli/output.hpp"
#include "core/query/number_format.hpp"
#include "core/query/result_value.hpp"

namespace mdvault::cli {

namespace {

using core::query::DqlValue;
using core::query::QueryResult;
using core::query::ResultRow;

/// Columns a code point takes on a terminal: emoji and wide East Asian characters take two.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    n = std::min(n, s.size() - i);
    char32_t cp = b;
    if (n > 1) {
      cp = b & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    }
    if (cp == 0xFE0F || cp == 0x200D || (cp >= 0x300 && cp < 0x370)) {
      // zero width
    } else if ((cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
               (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) ||
               (cp >= 0x2600 && cp <= 0x27BF && cp != 0x2713 && cp != 0x2714)) {
      width += 2;
    } else {
      width += 1;
    }
    i += n;
  }
  return width;
}

std::string link_title(const core::query::Link& link) {
  if (link.display && !link.display->empty()) return *link.display;
  std::string title = link.file_title();
  if (link.type != core::query::Link::Type::file) title += " > " + link.subpath.value_or("");
  return title;
}

using core::query::link_path;

Json row_json(const QueryResult& result, const ResultRow& row) { return to_json(core::query::row_value(result, row)); }

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' '))) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string md_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

/// Splits text into lines of at most `width` columns, at spaces where possible.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  std::size_t i = 0;
  auto flush = [&] {
    lines.push_back(line);
    line.clear();
    line_width = 0;
  };
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(i, end - i);
    const std::size_t word_width = display_width(word);
    if (line_width > 0 && line_width + 1 + word_width > width) flush();
    if (word_width > width) {  // a word longer than the column: cut it
      std::size_t k = 0;
      while (k < word.size()) {
        const auto b = static_cast<unsigned char>(word[k]);
        const std::size_t n = std::min<std::size_t>(b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1, word.size() - k);
        const std::string cp = word.substr(k, n);
        if (line_width + display_width(cp) > width && line_width > 0) flush();
        line += cp;
        line_width += display_width(cp);
        k += n;
      }
    } else {
      if (line_width > 0) {
        line += ' ';
        ++line_width;
      }
      line += word;
      line_width += word_width;
    }
    i = end + 1;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::vector<std::string> header_row(const QueryResult& result) {
  std::vector<std::string> headers;
  if (result.show_id) headers.push_back(result.id_header);
  headers.insert(headers.end(), result.headers.begin(), result.headers.end());
  return headers;
}

std::vector<std::vector<std::string>> cell_rows(const QueryResult& result, const std::string& separator, bool markdown,
                                                bool id_as_path) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : result.rows) {
    std::vector<std::string> cells;
    if (result.show_id) {
      cells.push_back(id_as_path && row.id.is_link() ? link_path(row.id.as_link()) : render_cell(row.id, separator, markdown));
    }
    for (const auto& v : row.values) cells.push_back(render_cell(v, separator, markdown));
    rows.push_back(std::move(cells));
  }
  return rows;
}

void print_table(std::ostream& out, const QueryResult& result, std::size_t width) {
  const auto headers = header_row(result);
  const auto rows = cell_rows(result, ", ", false, false);
  if (headers.empty()) return;
  std::vector<std::size_t> widths(headers.size(), 0);
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = display_width(headers[c]);
    for (const auto& r : rows) widths[c] = std::max(widths[c], display_width(r[c]));
  }
  const std::size_t gaps = 2 * (headers.size() - 1);
  std::size_t total = gaps;
  for (auto w : widths) total += w;
  const std::size_t min_width = 8;
  while (total > width) {  // shrink the widest column until the table fits
    auto widest = std::max_element(widths.begin(), widths.end());
    if (*widest <= min_width) break;
    const std::size_t cut = std::min(total - width, *widest - min_width);
    *widest -= std::max<std::size_t>(1, std::min(cut, (*widest - min_width + 1) / 2 + 1));
    total = gaps;
    for (auto w : widths) total += w;
  }
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> wrapped;
    std::size_t height = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      wrapped.push_back(wrap(cells[c], widths[c]));
      height = std::max(height, wrapped.back().size());
    }
    for (std::size_t line = 0; line < height; ++line) {
      std::string text;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string piece = line < wrapped[c].size() ? wrapped[c][line] : "";
        text += piece;
        if (c + 1 < cells.size()) text += std::string(widths[c] - std::min(widths[c], display_width(piece)) + 2, ' ');
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      out << text << '\n';
    }
  };
  print_row(headers);
  std::vector<std::string> rules;
  for (auto w : widths) rules.emplace_back(w, '-');
  print_row(rules);
  for (const auto& r : rows) print_row(r);
}

void print_list(std::ostream& out, const QueryResult& result) {
  for (const auto& row : result.rows) {
    std::string line;
    if (result.show_id) line = render_cell(row.id, ", ", false);
    if (!row.values.empty()) {
      if (!line.empty()) line += ": ";
      line += render_cell(row.values[0], ", ", false);
    }
    out << "- " << line << '\n';
  }
}

}  // namespace

std::string render_cell(const DqlValue& value, const std::string& separator, bool markdown) {
  switch (value.type()) {
    case DqlValue::Type::null: return markdown ? "\\-" : "-";
    case DqlValue::Type::boolean: return value.as_bool() ? "true" : "false";
    case DqlValue::Type::number: return core::query::format_number(value.as_number());
    case DqlValue::Type::string: return value.as_string();
    case DqlValue::Type::date: return core::query::iso_date(value.as_date());
    case DqlValue::Type::duration: return core::query::render_duration(value.as_duration());
    case DqlValue::Type::link: return markdown ? value.as_link().markdown() : link_title(value.as_link());
    case DqlValue::Type::array: {
      std::string out;
      for (std::size_t i = 0; i < value.as_list().size(); ++i) {
        if (i > 0) out += separator;
        const auto& item = value.as_list()[i];
        out += item.is_list() ? "[" + render_cell(item, ", ", markdown) + "]" : render_cell(item, ", ", markdown);
      }
      return out;
    }
    case DqlValue::Type::object: {
      std::string out = "{ ";
      bool first = true;
      for (const auto& [k, item] : value.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + render_cell(item, ", ", markdown);
      }
      return out + " }";
    }
    case DqlValue::Type::function: return "<function>";
  }
  return "";
}

void print_query_result(std::ostream& out, const QueryResult& result, QueryFormat format, std::size_t width) {
  switch (format) {
    case QueryFormat::table:
      if (result.type == core::query::Query::Type::list) {
        print_list(out, result);
      } else {
        print_table(out, result, width);
      }
      return;
    case QueryFormat::json: {
      Json doc = Json::array();
      for (const auto& row : result.rows) doc.push_back(row_json(result, row));
      write_json(out, doc);
      return;
    }
    case QueryFormat::jsonl:
      for (const auto& row : result.rows) {
        out << row_json(result, row).dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
      }
      return;
    case QueryFormat::csv: {
      auto headers = header_row(result);
      if (result.type == core::query::Query::Type::list && !result.headers.empty() && result.show_id) headers[1] = "value";
      for (std::size_t i = 0; i < headers.size(); ++i) out << (i ? "," : "") << csv_quote(headers[i]);
      out << "\r\n";
      for (const auto& r : cell_rows(result, "; ", false, true)) {
        for (std::size_t i = 0; i < r.size(); ++i) out << (i ? "," : "") << csv_quote(r[i] == "-" ? std::string() : r[i]);
        out << "\r\n";
      }
      return;
    }
    case QueryFormat::md: {
      const auto headers = header_row(result);
      if (headers.empty()) return;
      out << "|";
      for (const auto& h : headers) out << ' ' << md_escape(h) << " |";
      out << "\n|";
      for (std::size_t i = 0; i < headers.size(); ++i) out << " --- |";
      out << '\n';
      for (const auto& r : cell_rows(result, ", ", true, false)) {
        out << "|";
        for (const auto& cell : r) out << ' ' << md_escape(cell) << " |";
        out << '\n';
      }
      return;
    }
  }
}

}  // namespace mdvault::cli
