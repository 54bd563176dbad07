#include "cli/base_output.hpp"

#include <algorithm>
#include <ostream>
#include <string>
#include <vector>

#include "cli/output.hpp"
#include "core/bases/result_json.hpp"

namespace mdvault::cli {

namespace {

using core::bases::BaseValue;
using core::bases::ViewResult;

/// Columns a string takes on a terminal: one per code point, two for those beyond U+FFFF (emoji).
std::size_t width_of(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = std::min<std::size_t>(b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1, s.size() - i);
    width += n == 4 ? 2 : 1;
    i += n;
  }
  return width;
}

std::string cell_text(const BaseValue& v, const std::string& separator) {
  switch (v.type()) {
    case BaseValue::Type::null: return "";
    case BaseValue::Type::list: {
      std::string out;
      for (std::size_t i = 0; i < v.as_list().size(); ++i) {
        if (i > 0) out += separator;
        out += cell_text(v.as_list()[i], ", ");
      }
      return out;
    }
    case BaseValue::Type::link: {
      const auto& link = v.as_link();
      return link.display ? *link.display : link.target;
    }
    default: return core::bases::to_text(v);
  }
}

std::string summary_line(const core::bases::SummaryCell& c) {
  return c.summary + " of " + c.column_name + ": " +
         (c.error.empty() ? (c.value.is_null() ? "-" : cell_text(c.value, ", ")) : "error: " + c.error);
}

std::string group_title(const ViewResult& result, const core::bases::Group& g) {
  const std::string key = g.key.is_null() ? "(none)" : cell_text(g.key, ", ");
  const std::size_t n = g.end - g.begin;
  return result.group_by_name + ": " + key + " (" + count_of(n, "row") + ")";
}

void print_rows(std::ostream& out, const ViewResult& result, std::size_t begin, std::size_t end) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& c : result.columns) widths.push_back(width_of(c.name));
  for (std::size_t r = begin; r < end; ++r) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < result.columns.size(); ++c) {
      line.push_back(cell_text(result.rows[r].values[c], ", "));
      widths[c] = std::max(widths[c], width_of(line.back()));
    }
    cells.push_back(std::move(line));
  }
  const auto print_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) text += std::string(widths[c] - std::min(widths[c], width_of(line[c])) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << '\n';
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (std::size_t c = 0; c < result.columns.size(); ++c) {
    headers.push_back(result.columns[c].name);
    rules.emplace_back(widths[c], '-');
  }
  print_line(headers);
  print_line(rules);
  for (const auto& line : cells) print_line(line);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (const char c : s) {
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

void print_md_rows(std::ostream& out, const ViewResult& result, std::size_t begin, std::size_t end) {
  out << "|";
  for (const auto& c : result.columns) out << ' ' << md_cell(c.name) << " |";
  out << "\n|";
  for (std::size_t i = 0; i < result.columns.size(); ++i) out << " --- |";
  out << '\n';
  for (std::size_t r = begin; r < end; ++r) {
    out << "|";
    for (const auto& v : result.rows[r].values) out << ' ' << md_cell(cell_text(v, ", ")) << " |";
    out << '\n';
  }
}

}  // namespace

void print_view_result(std::ostream& out, const ViewResult& result, QueryFormat format) {
  switch (format) {
    case QueryFormat::table:
      if (result.group_by) {
        for (std::size_t g = 0; g < result.groups.size(); ++g) {
          const auto& group = result.groups[g];
          if (g > 0) out << '\n';
          out << group_title(result, group) << '\n';
          for (const auto& s : group.summaries) out << "  " << summary_line(s) << '\n';
          print_rows(out, result, group.begin, group.end);
        }
      } else if (!result.rows.empty()) {
        print_rows(out, result, 0, result.rows.size());
      }
      if (!result.summaries.empty()) {
        if (!result.rows.empty()) out << '\n';
        for (const auto& s : result.summaries) out << summary_line(s) << '\n';
      }
      return;
    case QueryFormat::json:
      write_json(out, to_json(core::bases::result_value(result)));
      return;
    case QueryFormat::jsonl: {
      std::size_t group = 0;
      for (std::size_t r = 0; r < result.rows.size(); ++r) {
        Json line{{"path", result.rows[r].file.path}};
        if (result.group_by) {
          while (group + 1 < result.groups.size() && r >= result.groups[group].end) ++group;
          line["group"] = to_json(core::bases::plain_value(result.groups[group].key));
        }
        line["values"] = to_json(core::bases::row_values(result, result.rows[r]));
        out << line.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
      }
      return;
    }
    case QueryFormat::csv: {
      for (std::size_t c = 0; c < result.columns.size(); ++c) out << (c ? "," : "") << csv_field(result.columns[c].name);
      out << "\r\n";
      for (const auto& row : result.rows) {
        for (std::size_t c = 0; c < row.values.size(); ++c) out << (c ? "," : "") << csv_field(cell_text(row.values[c], "; "));
        out << "\r\n";
      }
      return;
    }
    case QueryFormat::md:
      if (result.group_by) {
        for (std::size_t g = 0; g < result.groups.size(); ++g) {
          const auto& group = result.groups[g];
          if (g > 0) out << '\n';
          out << "#### " << md_cell(group_title(result, group)) << "\n\n";
          for (const auto& s : group.summaries) out << "- " << md_cell(summary_line(s)) << '\n';
          if (!group.summaries.empty()) out << '\n';
          print_md_rows(out, result, group.begin, group.end);
        }
      } else {
        print_md_rows(out, result, 0, result.rows.size());
      }
      if (!result.summaries.empty()) {
        out << '\n';
        for (const auto& s : result.summaries) out << "- " << md_cell(summary_line(s)) << '\n';
      }
      return;
  }
}

}  // namespace mdvault::cli
