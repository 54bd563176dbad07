// The guard in front of cmark-gfm: the cost model (markdown_cost.hpp) decides, before any
// parse, whether the body is given to cmark-gfm as it is, from its neutralised copy (over the
// time budget), or not at all (over the node cap, the memory bound); a guarded note gets one
// body.too-complex finding at the line of the shape that costs.

#include <algorithm>
#include <cstddef>
#include <iomanip>
#include <sstream>
#include <string>

#include "core/markdown_cost.hpp"
#include "core/markdown_internal.hpp"

namespace mdvault::core::markdown_detail {

namespace {

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(seconds < 10 ? 1 : 0) << seconds;
  return out.str();
}

}  // namespace

void BodyReader::choose_guard() {
  m_cost = estimate_markdown_cost(m_plain);
  if (!is_over_budget(m_cost) && m_cost.nodes <= k_markdown_max_nodes) {
    return;
  }
  // Neutralising takes the big tables apart too; what still builds too many nodes is read raw.
  const MarkdownCost after = estimate_markdown_cost(neutralise_markdown(m_plain, k_neutral_fill));
  if (after.nodes > k_markdown_max_nodes) {
    m_guard = Guard::raw;
    m_cost.nodes = after.nodes;
    m_cost.nodes_line = after.nodes_line;
  } else {
    m_guard = Guard::neutralised;
  }
}

DocumentPtr BodyReader::parse_guarded(const std::string& text) const {
  if (m_guard == Guard::neutralised) {
    return parse_markdown(neutralise_markdown(text, k_neutral_fill));
  }
  return parse_markdown(text);
}

// Without a tree: fenced code blocks (after any `>` and spaces) and each line's code spans
// and math are filled, so links and tags there still do not count.
void BodyReader::mask_without_tree() {
  char fence = 0;
  std::size_t fence_length = 0;
  long fence_first = 0;
  const auto lines = static_cast<long>(m_line_starts.size());
  for (long line = 1; line <= lines; ++line) {
    const std::size_t e = line_end(line);
    std::size_t p = skip_prefix(line_begin(line), e);
    std::size_t run = 0;
    const char c = p < e ? m_plain[p] : '\0';
    if (c == '`' || c == '~') {
      while (p + run < e && m_plain[p + run] == c) {
        ++run;
      }
    }
    if (fence != 0) {
      if (c == fence && run >= fence_length) {
        fill_lines(fence_first, line);
        fence = 0;
      }
      continue;
    }
    if (run >= 3) {
      fence = c;
      fence_length = run;
      fence_first = line;
      continue;
    }
    fill_code_spans(line_begin(line), e);
    fill_math(line_begin(line), e);
  }
  if (fence != 0) {
    fill_lines(fence_first, lines);  // an unclosed fence runs to the end
  }
}

void BodyReader::report_guard(Note& note) const {
  if (m_guard == Guard::none) {
    return;
  }
  long line = 1;
  std::string message;
  if (m_guard == Guard::raw) {
    line = m_cost.nodes_line;
    message = "this note's Markdown would build about " + std::to_string(m_cost.nodes / 1000) +
              " thousand parser nodes (over " + std::to_string(k_markdown_max_nodes / 1000) +
              " thousand, about 200 MiB), so it is read without the Markdown parser: wikilinks, tags and "
              "inline fields as usual, code fences and spans left out, but no headings, Markdown links, "
              "tasks or HTML; split the note";
  } else {
    const double nest = m_cost.nest_seconds;
    const double table = m_cost.table_seconds;
    const double html = m_cost.html_seconds;
    const std::string about = " (about " + seconds_text(m_cost.seconds()) + " s of parsing)";
    if (nest >= table && nest >= html) {
      line = m_cost.depth_line;
      message = "block quotes or lists nest " + std::to_string(m_cost.depth) + " deep here" + about +
                ", so containers past " + std::to_string(k_markdown_max_depth) +
                " levels are read as text; flatten the nesting";
    } else if (table >= html) {
      line = m_cost.table_line;
      message = "this table's rows times columns make too many cells" + about +
                ", so it is read as text; split the table or drop the empty columns";
    } else {
      line = m_cost.html_line;
      message = "raw HTML openers (<?, <!X, <![CDATA[) that nothing closes" + about +
                " are read as text; close them or put the text in code";
    }
  }
  note.diagnostics.push_back({{note.path, file_line(std::max(line, 1L)), 1},
                              Severity::warning,
                              "body.too-complex",
                              "",
                              std::move(message)});
}

}  // namespace mdvault::core::markdown_detail
