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
  m_folded_paths.reserve(vault.notes.size());
  m_folded_folders.reserve(vault.notes.size());
  for (const auto& note : vault.notes) {
    m_by_name[fold_key(note.name)].push_back(&note);
    m_folded_paths.push_back(fold_key(strip_md(note.path)));
    m_folded_folders.push_back(fold_key(folder_of(note.path)));
    m_by_path[m_folded_paths.back()].push_back(&note);
    for (const auto& alias : note.aliases) {
      m_by_alias[fold_key(alias)].push_back(&note);
    }
  }
  for (const auto& path : vault.attachments) {
    m_attachments[fold_key(file_name_of(path))].push_back(path);
  }
  // Notes of one name in path order: a link's candidates come out sorted without a sort.
  for (auto& [name, notes] : m_by_name) {
    std::sort(notes.begin(), notes.end(), [](const Note* a, const Note* b) { return a->path < b->path; });
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

const Note* LinkResolver::note_at(std::string_view path) const {
  // Case-insensitive, but a note whose path matches with its exact case comes first
  // (two notes may differ only by case on a case-sensitive file system).
  const auto it = m_by_path.find(fold_key(strip_md(path)));
  if (it == m_by_path.end()) {
    return nullptr;
  }
  const std::string_view bare = strip_md(path);
  for (const Note* n : it->second) {
    if (strip_md(n->path) == bare) {
      return n;
    }
  }
  return it->second.front();
}

std::string LinkResolver::attachment_at(std::string_view path) const {
  const auto found = m_attachments.find(fold_key(file_name_of(path)));
  if (found == m_attachments.end()) {
    return {};
  }
  const std::string wanted = fold_key(path);
  std::string folded_match;
  for (const auto& candidate : found->second) {
    if (candidate == path) {
      return candidate;
    }
    if (folded_match.empty() && fold_key(candidate) == wanted) {
      folded_match = candidate;
    }
  }
  return folded_match;
}

void LinkResolver::resolve_by_name(const Note& source, std::string_view target, Resolution& r) const {
  const bool foreign = has_foreign_extension(target);
  const std::string note_key = fold_key(strip_md(target));
  const std::string file_key = fold_key(target);
  const bool has_slash = note_key.find('/') != std::string::npos;
  const std::string source_folder = fold_key(folder_of(source.path));

  // Notes by name (path suffix when the target has a '/').
  auto find_notes = [&]() -> bool {
    // The folded paths and folders were made once for the vault: a name that many notes
    // share costs a comparison per candidate here, not a case fold.
    std::vector<const Note*> candidates;
    const auto by_name = m_by_name.find(std::string(file_name_of(note_key)));
    const std::string slash_key = has_slash ? "/" + note_key : std::string();
    if (by_name != m_by_name.end()) {
      for (const Note* note : by_name->second) {
        const std::string& path = m_folded_paths[note_index(*note)];
        if (!has_slash || path == note_key || ends_with(path, slash_key)) {
          candidates.push_back(note);
        }
      }
    }
    if (candidates.empty()) {
      return false;
    }
    // Tie-break (SPEC §4): the exact vault path (same case first), then the source note's
    // folder, then the shortest path, then the first by path order.
    const std::string_view written = strip_md(target);
    auto rank = [&](const Note* n) {
      const std::size_t i = note_index(*n);
      const int exact = strip_md(n->path) == written ? 0 : (m_folded_paths[i] == note_key ? 1 : 2);
      const int same_folder = m_folded_folders[i] == source_folder ? 0 : 1;
      // Between paths of equal length (notes differing only by case), the name written
      // with the same case comes first.
      const int other_case = file_name_of(strip_md(n->path)) == file_name_of(written) ? 0 : 1;
      return std::make_tuple(exact, same_folder, n->path.size(), other_case, std::string_view(n->path));
    };
    const Note* best = candidates.front();
    auto best_rank = rank(best);
    for (std::size_t c = 1; c < candidates.size(); ++c) {
      if (auto candidate_rank = rank(candidates[c]); candidate_rank < best_rank) {
        best = candidates[c];
        best_rank = candidate_rank;
      }
    }
    r.note = best;
    if (candidates.size() > 1) {
      // In path order already (the names' lists are sorted).
      r.candidates.reserve(candidates.size());
      for (const Note* n : candidates) {
        r.candidates.push_back(n->path);
      }
    }
    return true;
  };

  // Attachments (and any file named with its extension) by file name or path suffix,
  // with the same tie-break as notes.
  auto find_attachment = [&]() -> bool {
    const auto found = m_attachments.find(std::string(file_name_of(file_key)));
    if (found == m_attachments.end()) {
      return false;
    }
    const std::string* best = nullptr;
    auto rank = [&](const std::string& path) {
      const std::string folded = fold_key(path);
      const int exact = path == target ? 0 : (folded == file_key ? 1 : 2);
      const int same_folder = fold_key(folder_of(path)) == source_folder ? 0 : 1;
      return std::make_tuple(exact, same_folder, path.size(), std::string_view(path));
    };
    for (const auto& path : found->second) {
      const std::string folded = fold_key(path);
      if (has_slash && folded != file_key && !ends_with(folded, "/" + file_key)) {
        continue;
      }
      if (best == nullptr || rank(path) < rank(*best)) {
        best = &path;
      }
    }
    if (best == nullptr) {
      return false;
    }
    r.attachment = *best;
    return true;
  };

  // "photo.png" is a file first; "Dr. Smith" or "v2.0" is a note first.
  const bool found = foreign ? (find_attachment() || find_notes()) : (find_notes() || find_attachment());
  if (!found) {
    if (const auto alias = m_by_alias.find(note_key); alias != m_by_alias.end()) {
      r.alias_of = alias->second.front()->path;
    }
  }
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
  } else if (target.substr(0, 2) == "./" || target.substr(0, 3) == "../" || target == "." || target == ".." ||
             target.front() == '/') {
    // Relative to the source note's folder, or (a leading '/') to the vault root: exactly
    // that path, never above the root.
    std::string joined;
    const std::string_view base = target.front() == '/' ? std::string_view{} : folder_of(source.path);
    if (join_relative(base, target, joined) && !joined.empty()) {
      const bool foreign = has_foreign_extension(joined);
      if (!foreign) {
        r.note = note_at(joined);
      }
      if (r.note == nullptr) {
        r.attachment = attachment_at(joined);
      }
      if (!r.is_resolved() && foreign) {
        r.note = note_at(joined);
      }
    }
  } else {
    resolve_by_name(source, target, r);
  }
  if (r.note != nullptr && !link.subpath.empty()) {
    // Of "A#B" only the last part is looked up (Obsidian opens the last heading).
    std::string_view sub = link.subpath;
    if (const std::size_t hash = sub.rfind('#'); hash != std::string_view::npos) {
      sub = sub.substr(hash + 1);
    }
    if (!sub.empty() && sub[0] == '^') {
      const std::string wanted = fold_key(sub.substr(1));
      r.subpath_missing = std::none_of(r.note->block_ids.begin(), r.note->block_ids.end(),
                                       [&](const BlockId& b) { return fold_key(b.id) == wanted; });
    } else if (!sub.empty()) {
      r.subpath_missing = !has_heading(*r.note, sub);
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
  if (const Note* note = note_at(argument)) {
    return note;
  }
  // A bare name resolves like a wikilink written in a note at the vault root.
  Note root;
  Link link;
  link.target = std::string(argument);
  const Resolution r = resolve(root, link);
  // An empty (or blank) target points into the note it is written in: here `root`, which is
  // no note of the vault and is gone when this returns.
  return r.note == &root ? nullptr : r.note;
}

NoteMatch LinkResolver::match_note(std::string_view argument) const {
  NoteMatch match;
  std::string with_md(argument);
  with_md += ".md";
  // A bare name that is also a path at the top folder ("Repair" and Repair.md) still says
  // which other notes share the name.
  auto same_name = [&](const Note* chosen) {
    match.note = chosen;
    if (argument.find('/') != std::string_view::npos) {
      return match;
    }
    const std::string key = fold_key(strip_md(argument));
    for (const auto& note : m_vault.notes) {
      if (fold_key(note.name) == key) {
        match.candidates.push_back(note.path);
      }
    }
    if (match.candidates.size() < 2) {
      match.candidates.clear();
    }
    return match;
  };
  if (const Note* exact = m_vault.find(argument) != nullptr ? m_vault.find(argument) : m_vault.find(with_md)) {
    return same_name(exact);
  }
  if (const Note* note = note_at(argument)) {
    return same_name(note);
  }
  Note root;
  Link link;
  link.target = std::string(argument);
  const Resolution r = resolve(root, link);
  if (r.note != nullptr && r.note != &root) {
    match.note = r.note;
    match.candidates = r.candidates;
  } else if (!r.alias_of.empty()) {
    match.note = m_vault.find(r.alias_of);
    match.by_alias = match.note != nullptr;
  }
  return match;
}

}  // namespace mdvault::core
