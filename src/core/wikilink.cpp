#include "core/wikilink.hpp"

#include <algorithm>
#include <utility>

namespace mdvault::core {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && is_blank(s.back())) {
    s.remove_suffix(1);
  }
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// One value still to visit while walking the frontmatter, with its field path.
struct Pending {
  const Value* value = nullptr;
  std::string path;
};

}  // namespace

std::string_view WikilinkSpan::inner(std::string_view line) const {
  const std::size_t open = begin + (is_embed ? 3 : 2);
  if (end < open + 2 || end > line.size()) {
    return {};
  }
  return line.substr(open, end - 2 - open);
}

LinkParts split_link_text(std::string_view inner) {
  LinkParts parts;
  std::string_view left = inner;
  // The display starts after the first '|'; inside tables it is written `\|`.
  const std::size_t bar = inner.find('|');
  if (bar != std::string_view::npos) {
    parts.has_display = true;
    parts.display = std::string(trim(inner.substr(bar + 1)));
    const std::size_t left_end = bar > 0 && inner[bar - 1] == '\\' ? bar - 1 : bar;
    left = inner.substr(0, left_end);
  }
  const std::size_t hash = left.find('#');
  if (hash != std::string_view::npos) {
    parts.subpath = std::string(trim(left.substr(hash + 1)));
    left = left.substr(0, hash);
  }
  parts.target = std::string(trim(left));
  return parts;
}

bool has_destination(const LinkParts& parts) { return !parts.target.empty() || !parts.subpath.empty(); }

std::optional<LinkParts> parse_single_wikilink(std::string_view s) {
  s = trim(s);
  if (s.size() < 4 || s.substr(0, 2) != "[[" || s.substr(s.size() - 2) != "]]") {
    return std::nullopt;
  }
  const std::string_view inner = s.substr(2, s.size() - 4);
  // "[[a]] and [[b]]" is two links, not one.
  if (inner.find("[[") != std::string_view::npos || inner.find("]]") != std::string_view::npos) {
    return std::nullopt;
  }
  LinkParts parts = split_link_text(inner);
  if (!has_destination(parts)) {
    return std::nullopt;
  }
  return parts;
}

std::vector<WikilinkSpan> find_wikilinks(std::string_view line) {
  std::vector<WikilinkSpan> spans;
  constexpr std::size_t none = std::string_view::npos;
  std::size_t open = none;  // offset of the `[[` that the next `]]` closes
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    const char c = line[i];
    if (c == '\\' && open == none) {
      i += 2;  // an escaped character opens nothing
    } else if (c == '[' && i + 1 < n && line[i + 1] == '[') {
      open = i;
      i += 2;
    } else if (c == ']' && i + 1 < n && line[i + 1] == ']' && open != none) {
      const bool embed = open > 0 && line[open - 1] == '!';
      spans.push_back({embed ? open - 1 : open, i + 2, embed});
      open = none;
      i += 2;
    } else {
      ++i;
    }
  }
  return spans;
}

std::string url_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

void collect_frontmatter_links(Note& note) {
  std::vector<Link> found;
  if (note.frontmatter && note.frontmatter->is_map()) {
    // Depth-first in document order with an explicit stack: nesting depth costs no C++ stack.
    std::vector<Pending> stack;
    const ValueMap& top = note.frontmatter->as_map();
    for (auto it = top.rbegin(); it != top.rend(); ++it) {
      stack.push_back({&it->value, it->key});
    }
    while (!stack.empty()) {
      Pending item = std::move(stack.back());
      stack.pop_back();
      const Value& v = *item.value;
      if (v.is_string()) {
        if (auto parts = parse_single_wikilink(v.as_string())) {
          Link link;
          link.kind = LinkKind::frontmatter;
          link.target = std::move(parts->target);
          link.subpath = std::move(parts->subpath);
          link.display = std::move(parts->display);
          link.has_display = parts->has_display;
          link.raw = v.as_string();
          link.field = std::move(item.path);
          link.line = v.position.line;
          link.column = v.position.column;
          found.push_back(std::move(link));
        }
      } else if (v.is_list()) {
        const ValueList& list = v.as_list();
        for (std::size_t k = list.size(); k-- > 0;) {
          stack.push_back({&list[k], item.path + "[" + std::to_string(k) + "]"});
        }
      } else if (v.is_map()) {
        const ValueMap& map = v.as_map();
        for (auto it = map.rbegin(); it != map.rend(); ++it) {
          stack.push_back({&it->value, item.path + "." + it->key});
        }
      }
    }
  }
  // Frontmatter lines come before the body: its links go first, replacing earlier ones.
  auto& links = note.links;
  links.erase(std::remove_if(links.begin(), links.end(), [](const Link& l) { return l.kind == LinkKind::frontmatter; }),
              links.end());
  links.insert(links.begin(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
}

}  // namespace mdvault::core
