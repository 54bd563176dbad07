#include "core/privacy/shared_vault.hpp"

#include <algorithm>
#include <ctime>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/config.hpp"
#include "core/link_graph.hpp"
#include "core/parallel.hpp"
#include "core/privacy/field_set.hpp"
#include "core/privacy/names.hpp"
#include "core/privacy/redact.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::privacy {
namespace {

/// What sharing changes in one note (see Sharing::share_note).
struct NoteEdit {
  std::optional<Note> rebuilt;           ///< the note parsed again from its edited text
  std::optional<Value> frontmatter;      ///< else the new frontmatter, when only it changed
};

/// Everything one run of share_vault reads.
class Sharing {
public:
  Sharing(const Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy,
          const PrivateNotes& private_notes, const NameMatcher& names, const ShareOptions& options)
      : m_vault(vault),
        m_resolver(resolver),
        m_policy(policy),
        m_private(private_notes),
        m_names(names),
        m_options(options),
        m_omit(omitted_names(policy)) {
    auto add = [this](const std::string& name) { m_withheld_names.insert(fold_key(name)); };
    for (std::size_t i = 0; i < vault.notes.size(); ++i) {
      if (!private_notes.is_private[i]) continue;
      add(vault.notes[i].name);
      for (const auto& alias : vault.notes[i].aliases) add(alias);
    }
    for (const auto& attachment : vault.attachments) {
      if (!is_withheld_attachment(attachment, policy)) continue;
      const std::size_t slash = attachment.rfind('/');
      add(slash == std::string::npos ? attachment : attachment.substr(slash + 1));
    }
  }

  /// A vault path as shared: names and (with dates_year) dates replaced in every segment.
  [[nodiscard]] std::string share_path(const std::string& path) const {
    std::string out;
    std::size_t at = 0;
    while (at <= path.size()) {
      const std::size_t slash = std::min(path.find('/', at), path.size());
      std::string segment = path.substr(at, slash - at);
      if (auto named = m_names.replace(segment)) segment = std::move(*named);
      if (m_options.dates_year) {
        if (auto dated = reduce_dates(segment)) segment = std::move(*dated);
      }
      out += segment;
      if (slash == path.size()) break;
      out += '/';
      at = slash + 1;
    }
    return out;
  }

  /// How public note `index`, to be shared at `path`, changes: a note parsed again from its
  /// edited text, or (its text unchanged) only a new frontmatter; nothing for either when the
  /// note stays as it is but for its path.
  [[nodiscard]] NoteEdit share_note(std::size_t index, const std::string& path) const {
    const Note& note = m_vault.notes[index];
    NoteEdit edit;
    bool frontmatter_changed = false;
    std::optional<Value> frontmatter;
    if (note.frontmatter) frontmatter = share_frontmatter(note, *note.frontmatter, frontmatter_changed);
    if (std::optional<std::string> body = share_body(note)) {
      edit.rebuilt = rebuild_note(note, path, std::move(frontmatter), *body, m_options.keep_body);
      edit.rebuilt->diagnostics = share_diagnostics(note.diagnostics, path);
    } else if (frontmatter_changed) {
      edit.frontmatter = std::move(frontmatter);
    }
    return edit;
  }

  /// A note's findings as shared: at its shared path, names replaced in the messages.
  [[nodiscard]] std::vector<Diagnostic> share_diagnostics(const std::vector<Diagnostic>& diagnostics,
                                                          const std::string& path) const {
    std::vector<Diagnostic> out;
    for (const auto& d : diagnostics) {
      Diagnostic copy = d;
      copy.location.path = path;
      if (auto named = m_names.replace(copy.message)) copy.message = std::move(*named);
      out.push_back(std::move(copy));
    }
    return out;
  }

private:
  static FieldSet omitted_names(const PrivacyPolicy& policy) {
    std::vector<std::string> names;
    for (const auto& item : policy.omit) names.push_back(item.text);
    return FieldSet(std::move(names));
  }

  /// True when a link to `target` may open something withheld: its last segment (without
  /// ".md") is the name or alias of a private note, or the file name of a withheld
  /// attachment. Others need no resolution.
  [[nodiscard]] bool may_be_withheld(std::string_view target) const {
    return m_withheld_names.count(fold_key(target_name(target))) > 0;
  }

  /// True when a link that resolved this way opens something the policy withholds.
  [[nodiscard]] bool is_withheld(const Resolution& r) const {
    if (r.note != nullptr) return m_private.is_private[note_index(m_vault, *r.note)];
    if (!r.attachment.empty()) return is_withheld_attachment(r.attachment, m_policy);
    if (!r.alias_of.empty()) {
      const Note* owner = m_vault.find(r.alias_of);
      return owner == nullptr || m_private.is_private[note_index(m_vault, *owner)];
    }
    return false;
  }

  /// What a withheld [[link]] becomes: its display text; for a note named after a person,
  /// the pseudonym; else the marker (an embed always the marker).
  [[nodiscard]] std::string withheld_link_text(const LinkParts& parts, bool embed) const {
    if (embed) return std::string(k_withheld_link);
    if (parts.has_display) return parts.display;
    if (auto named = m_names.replace(target_name(parts.target))) return *named;
    return std::string(k_withheld_link);
  }

  /// `text` with every [[link]] to a withheld note replaced by its own text, or the marker.
  [[nodiscard]] std::optional<std::string> withhold_wikilinks(std::string_view text, const Note& note) const {
    // Only a note with a link whose name is a withheld note's or file's needs the scan.
    if (text.find("[[") == std::string_view::npos ||
        std::none_of(note.links.begin(), note.links.end(), [this](const Link& l) { return may_be_withheld(l.target); })) {
      return std::nullopt;
    }
    return edit_lines(text, [&](std::string_view line) -> std::optional<std::string> {
      std::string out;
      std::size_t copied = 0;
      for (const auto& span : find_wikilinks(line)) {
        const LinkParts parts = split_link_text(span.inner(line));
        if (!has_destination(parts) || parts.target.empty()) continue;
        if (!may_be_withheld(parts.target)) continue;
        Link link;
        link.kind = span.is_embed ? LinkKind::embed : LinkKind::wikilink;
        link.target = parts.target;
        if (!is_withheld(m_resolver.resolve(note, link))) continue;
        out.append(line.substr(copied, span.begin - copied));
        out += withheld_link_text(parts, span.is_embed);
        copied = span.end;
      }
      if (copied == 0) return std::nullopt;
      out.append(line.substr(copied));
      return out;
    });
  }

  /// The body's Markdown links ([text](Private.md)) to withheld notes replaced by their text.
  [[nodiscard]] std::optional<std::string> withhold_markdown_links(std::string_view body, const Note& note) const {
    std::optional<std::string> out;
    for (const Link& link : note.links) {
      if (link.raw.empty() || link.raw.find("](") == std::string::npos) continue;
      if (!may_be_withheld(link.target) || !is_withheld(m_resolver.resolve(note, link))) continue;
      if (!out) out = std::string(body);
      const std::size_t at = out->find(link.raw);
      if (at == std::string::npos) continue;
      const std::string text = link.kind == LinkKind::embed || link.display.empty() ? std::string(k_withheld_link)
                                                                                      : link.display;
      out->replace(at, link.raw.size(), text);
    }
    return out;
  }

  /// The percent-encoded destinations of Markdown links ([x](Jane%20Doe.md)) with names and
  /// dates replaced, as the text pass cannot see them there; spaces encoded again.
  [[nodiscard]] std::optional<std::string> share_markdown_destinations(std::string_view body, const Note& note) const {
    std::optional<std::string> out;
    for (const Link& link : note.links) {
      const std::size_t middle = link.raw.find("](");
      if (middle == std::string::npos || link.raw.back() != ')') continue;
      const std::string destination = link.raw.substr(middle + 2, link.raw.size() - middle - 3);
      if (destination.find('%') == std::string::npos) continue;  // plain text: the text pass sees it
      std::string decoded = url_decode(destination);
      bool changed = false;
      if (auto named = m_names.replace(decoded)) {
        decoded = std::move(*named);
        changed = true;
      }
      if (m_options.dates_year) {
        if (auto dated = reduce_dates(decoded)) {
          decoded = std::move(*dated);
          changed = true;
        }
      }
      if (!changed) continue;
      std::string encoded;
      for (const char c : decoded) encoded += c == ' ' ? std::string("%20") : std::string(1, c);
      if (!out) out = std::string(body);
      const std::size_t at = out->find(link.raw);
      if (at != std::string::npos) out->replace(at, link.raw.size(), link.raw.substr(0, middle + 2) + encoded + ")");
    }
    return out;
  }

  [[nodiscard]] std::optional<std::string> share_body(const Note& note) const {
    std::optional<std::string> out = withhold_markdown_links(note.body, note);
    auto current = [&]() -> std::string_view { return out ? std::string_view(*out) : std::string_view(note.body); };
    if (auto edited = share_markdown_destinations(current(), note)) out = std::move(edited);
    if (auto edited = withhold_wikilinks(current(), note)) out = std::move(edited);
    const RedactOptions redact{&m_omit, m_options.dates_year};
    if (auto edited = redact_text(current(), redact)) out = std::move(edited);
    if (auto edited = m_names.replace(current())) out = std::move(edited);
    return out;
  }

  /// A frontmatter string as shared; nothing when it stays as it is.
  [[nodiscard]] std::optional<std::string> share_string(const std::string& text, const Note& note, bool in_tags) const {
    std::optional<std::string> out = withhold_wikilinks(text, note);
    auto current = [&]() -> std::string_view { return out ? std::string_view(*out) : std::string_view(text); };
    if (auto named = m_names.replace(current(), in_tags)) out = std::move(named);
    if (m_options.dates_year) {
      if (auto year = date_year(current())) {
        out = std::move(year);
      } else if (auto dated = reduce_dates(current())) {
        out = std::move(dated);
      }
    }
    return out;
  }

  /// Replaces the strings of `value` in place; true when one changed.
  bool share_value(Value& value, const Note& note, bool in_tags) const {
    bool changed = false;
    if (value.is_string()) {
      if (auto shared = share_string(value.as_string(), note, in_tags)) {
        value = Value::make_string(std::move(*shared), value.position);
        changed = true;
      }
    } else if (value.is_list()) {
      for (auto& item : value.as_list()) changed = share_value(item, note, in_tags) || changed;
    } else if (value.is_map()) {
      for (auto& entry : value.as_map()) changed = share_value(entry.value, note, in_tags) || changed;
    }
    return changed;
  }

  [[nodiscard]] Value share_frontmatter(const Note& note, const Value& frontmatter, bool& changed) const {
    if (!frontmatter.is_map()) return frontmatter;
    ValueMap kept;
    for (const auto& entry : frontmatter.as_map()) {
      if (m_omit.contains(entry.key)) {
        changed = true;
        continue;
      }
      MapEntry copy = entry;
      const std::string key = fold_case(entry.key);
      changed = share_value(copy.value, note, key == "tags" || key == "tag") || changed;
      kept.push_back(std::move(copy));
    }
    return Value::make_map(std::move(kept), frontmatter.position);
  }

  const Vault& m_vault;
  const LinkResolver& m_resolver;
  const PrivacyPolicy& m_policy;
  const PrivateNotes& m_private;
  const NameMatcher& m_names;
  const ShareOptions& m_options;
  FieldSet m_omit;
  std::unordered_set<std::string> m_withheld_names;  ///< folded names, aliases and file names of withheld targets
};

/// Seconds since the epoch of 1 January, 00:00 UTC, of the year of `seconds`.
std::int64_t start_of_year(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (gmtime_r(&t, &parts) == nullptr) return seconds;
  std::tm start{};
  start.tm_year = parts.tm_year;
  start.tm_mday = 1;
  return static_cast<std::int64_t>(timegm(&start));
}

/// `path` made unique among `taken` (folded): " 2", " 3"... before the extension.
std::string unique_path(std::string path, std::unordered_map<std::string, int>& taken) {
  if (taken.emplace(fold_key(path), 1).second) return path;
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  const std::size_t cut = dot != std::string::npos && (slash == std::string::npos || dot > slash) ? dot : path.size();
  for (int n = 2;; ++n) {
    std::string candidate = path.substr(0, cut) + " " + std::to_string(n) + path.substr(cut);
    if (taken.emplace(fold_key(candidate), 1).second) return candidate;
  }
}

}  // namespace

bool is_withheld_attachment(std::string_view path, const PrivacyPolicy& policy) {
  if (path.ends_with(".mdenc")) return true;
  for (const auto& folder : policy.private_folders) {
    if (is_ignored(path, {folder.text})) return true;
  }
  return false;
}

Vault share_vault(Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy,
                  const PrivateNotes& private_notes, const NameMatcher& names, const ShareOptions& options) {
  const Sharing sharing(vault, resolver, policy, private_notes, names, options);
  Vault shared;
  shared.root = vault.root;
  shared.parse_seconds = vault.parse_seconds;
  std::unordered_map<std::string, int> taken;
  std::vector<std::size_t> kept;
  std::vector<std::string> paths;
  for (std::size_t i = 0; i < vault.notes.size(); ++i) {
    if (private_notes.is_private[i]) continue;
    kept.push_back(i);
    paths.push_back(unique_path(sharing.share_path(vault.notes[i].path), taken));
  }
  for (const auto& attachment : vault.attachments) {
    if (!is_withheld_attachment(attachment, policy)) {
      shared.attachments.push_back(unique_path(sharing.share_path(attachment), taken));
    }
  }
  std::sort(shared.attachments.begin(), shared.attachments.end());
  std::vector<NoteEdit> edits(kept.size());
  parallel_for(kept.size(), options.jobs, [&](std::size_t k) { edits[k] = sharing.share_note(kept[k], paths[k]); });
  // Every edit read the owner's vault; from here on its notes are only taken: moved, not
  // copied, when their text stays as it was.
  shared.notes.resize(kept.size());
  parallel_for(kept.size(), options.jobs, [&](std::size_t k) {
    NoteEdit& edit = edits[k];
    Note& note = shared.notes[k];
    if (edit.rebuilt) {
      note = std::move(*edit.rebuilt);
    } else {
      note = std::move(vault.notes[kept[k]]);
      if (note.path != paths[k] || !note.diagnostics.empty()) {
        note.diagnostics = sharing.share_diagnostics(note.diagnostics, paths[k]);
        rename_note(note, paths[k]);
      }
      if (edit.frontmatter) replace_frontmatter(note, std::move(edit.frontmatter));
    }
    if (!options.keep_body) note.body.clear();
    if (options.dates_year) note.mtime = start_of_year(note.mtime);
  });
  std::sort(shared.notes.begin(), shared.notes.end(), [](const Note& a, const Note& b) { return a.path < b.path; });
  for (const auto& d : vault.diagnostics) {
    if (is_withheld_attachment(d.location.path, policy)) continue;
    Diagnostic copy = d;
    copy.location.path = sharing.share_path(d.location.path);
    if (auto named = names.replace(copy.message)) copy.message = std::move(*named);
    shared.diagnostics.push_back(std::move(copy));
  }
  return shared;
}

}  // namespace mdvault::core::privacy
