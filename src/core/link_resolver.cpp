#include "core/link_resolver.hpp"

#include <algorithm>

#include "core/unicode.hpp"

namespace mdvault::core {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A vault path without its ".md" (any case).
std::string_view strip_md(std::string_view s) {
  if (s.size() >= 3 && (s.substr(s.size() - 3) == ".md" || fold_case(s.substr(s.size() - 3)) == ".md")) {
    s.remove_suffix(3);
  }
  return s;
}

std::string_view folder_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view file_name_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// True when the last path segment has an extension other than .md.
bool has_foreign_extension(std::string_view target) {
  const std::string_view name = file_name_of(target);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size()) {
    return false;
  }
  return fold_case(name.substr(dot)) != ".md";
}

// Joins `relative` ("./x", "../y/z") onto `folder`; false when it climbs above the vault root.
bool join_relative(std::string_view folder, std::string_view relative, std::string& out) {
  std::vector<std::string_view> parts;
  auto push_segments = [&parts](std::string_view s) -> bool {
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t slash = s.find('/', start);
      if (slash == std::string_view::npos) {
        slash = s.size();
      }
      const std::string_view seg = s.substr(start, slash - start);
      if (seg == "..") {
        if (parts.empty()) {
          return false;
        }
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      start = slash + 1;
    }
    return true;
  };
  if (!push_segments(folder) || !push_segments(relative)) {
    return false;
  }
  out.clear();
  for (const auto& seg : parts) {
    if (!out.empty()) {
      out += '/';
    }
    out += seg;
  }
  return true;
}

// The text of a heading or a link's heading part reduced to what Obsidian compares:
// letters and digits of any script, single spaces, case folded.
std::string loose_heading(std::string_view text) {
  const std::string folded = fold_key(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  std::size_t i = 0;
  while (i < folded.size()) {
    std::size_t n = 1;
    if (is_alnum_at(folded, i, &n)) {
      if (space && !out.empty()) {
        out += ' ';
      }
      space = false;
      out.append(folded, i, n);
    } else if (folded[i] == ' ' || folded[i] == '\t') {
      space = true;
    }
    i += n;
  }
  return out;
}

}  // namespace

LinkResolver::LinkResolver(const Vault& vault) : m_vault(vault) {
  for (const auto& note : vault.notes) {
    m_by_name[fold_key(note.name)].push_back(&note);
    m_by_path[fold_key(strip_md(note.path))] = &note;
    for (const auto& alias : note.aliases) {
      m_by_alias[fold_key(alias)].push_back(&note);
    }
  }
  for (const auto& path : vault.attachments) {
    m_attachments[fold_key(file_name_of(path))].push_back(path);
  }
}

bool LinkResolver::has_heading(const Note& note, std::string_view heading) {
  // Of "A#B" only the last part names the heading.
  const std::size_t hash = heading.rfind('#');
  if (hash != std::string_view::npos) {
    heading = heading.substr(hash + 1);
  }
  const std::string wanted = loose_heading(heading);
  return std::any_of(note.headings.begin(), note.headings.end(),
                     [&](const Heading& h) { return loose_heading(h.text) == wanted; });
}

Resolution LinkResolver::resolve(const Note& source, const Link& link) const {
  Resolution r;
  std::string_view target = link.target;
  while (!target.empty() && (target.back() == ' ' || target.back() == '\t')) {
    target.remove_suffix(1);
  }
  while (!target.empty() && (target.front() == ' ' || target.front() == '\t')) {
    target.remove_prefix(1);
  }
  if (target.empty()) {
    // [[#Heading]] and [text](#Heading) point into the note itself.
    r.note = &source;
  } else if (target.substr(0, 2) == "./" || target.substr(0, 3) == "../") {
    std::string joined;
    if (join_relative(folder_of(source.path), target, joined)) {
      if (const auto it = m_by_path.find(fold_key(strip_md(joined))); it != m_by_path.end()) {
        r.note = it->second;
      } else {
        const std::string wanted = fold_key(joined);
        const auto found = m_attachments.find(fold_key(file_name_of(joined)));
        if (found != m_attachments.end()) {
          for (const auto& path : found->second) {
            if (fold_key(path) == wanted) {
              r.attachment = path;
              break;
            }
          }
        }
      }
    }
  } else {
    const bool foreign = has_foreign_extension(target);
    const std::string key = fold_key(foreign ? target : strip_md(target));
    const bool has_slash = key.find('/') != std::string::npos;
    std::vector<const Note*> candidates;
    if (!foreign) {
      const auto by_name = m_by_name.find(std::string(file_name_of(key)));
      if (by_name != m_by_name.end()) {
        for (const Note* note : by_name->second) {
          if (!has_slash) {
            candidates.push_back(note);
            continue;
          }
          const std::string path = fold_key(strip_md(note->path));
          if (path == key || ends_with(path, "/" + key)) {
            candidates.push_back(note);
          }
        }
      }
    }
    if (!candidates.empty()) {
      // Tie-break (SPEC §4): the exact vault path, then the source note's folder,
      // then the shortest path, then the first by path order.
      const std::string source_folder = fold_key(folder_of(source.path));
      auto rank = [&](const Note* n) {
        const std::string path = fold_key(strip_md(n->path));
        const int exact = path == key ? 0 : 1;
        const int same_folder = fold_key(folder_of(n->path)) == source_folder ? 0 : 1;
        return std::make_tuple(exact, same_folder, n->path.size(), n->path);
      };
      r.note = *std::min_element(candidates.begin(), candidates.end(),
                                 [&](const Note* a, const Note* b) { return rank(a) < rank(b); });
      if (candidates.size() > 1) {
        for (const Note* n : candidates) {
          r.candidates.push_back(n->path);
        }
        std::sort(r.candidates.begin(), r.candidates.end());
      }
    } else {
      // Attachments (and any file named with its extension) by file name or path suffix.
      const auto found = m_attachments.find(std::string(file_name_of(key)));
      if (found != m_attachments.end()) {
        std::vector<std::string> matches;
        for (const auto& path : found->second) {
          const std::string folded = fold_key(path);
          if (!has_slash || folded == key || ends_with(folded, "/" + key)) {
            matches.push_back(path);
          }
        }
        if (!matches.empty()) {
          std::sort(matches.begin(), matches.end(), [](const std::string& a, const std::string& b) {
            return std::make_pair(a.size(), a) < std::make_pair(b.size(), b);
          });
          r.attachment = matches.front();
        }
      }
      if (!r.is_resolved() && !foreign) {
        if (const auto alias = m_by_alias.find(key); alias != m_by_alias.end()) {
          r.alias_of = alias->second.front()->path;
        }
      }
    }
  }
  if (r.note != nullptr && !link.subpath.empty()) {
    if (link.subpath[0] == '^') {
      const std::string wanted = fold_key(std::string_view(link.subpath).substr(1));
      r.subpath_missing = std::none_of(r.note->block_ids.begin(), r.note->block_ids.end(),
                                       [&](const BlockId& b) { return fold_key(b.id) == wanted; });
    } else {
      r.subpath_missing = !has_heading(*r.note, link.subpath);
    }
  }
  return r;
}

const Note* LinkResolver::find_note(std::string_view argument) const {
  if (const Note* exact = m_vault.find(argument)) {
    return exact;
  }
  std::string with_md(argument);
  with_md += ".md";
  if (const Note* exact = m_vault.find(with_md)) {
    return exact;
  }
  if (const auto it = m_by_path.find(fold_key(strip_md(argument))); it != m_by_path.end()) {
    return it->second;
  }
  // A bare name resolves like a wikilink written in a note at the vault root.
  Note root;
  Link link;
  link.target = std::string(argument);
  const Resolution r = resolve(root, link);
  return r.note;
}

}  // namespace mdvault::core
