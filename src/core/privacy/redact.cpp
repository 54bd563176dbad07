#include "core/privacy/redact.hpp"

#include <algorithm>
#include <cctype>

namespace mdvault::core::privacy {
namespace {

constexpr std::string_view k_lock = "\xF0\x9F\x94\x90";  // 🔐

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The newlines of `text`, to keep in place of what is removed.
std::string newlines_of(std::string_view text) {
  return std::string(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')), '\n');
}

/// Comments and encrypted blocks out; nothing when there are none.
std::optional<std::string> remove_comments(std::string_view text) {
  std::size_t open = text.find("%%");
  if (open == std::string_view::npos) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (open != std::string_view::npos) {
    out.append(text.substr(at, open - at));
    const bool encrypted = text.substr(open + 2, k_lock.size()) == k_lock;
    std::size_t close = std::string_view::npos;
    std::size_t close_size = 2;
    if (encrypted) {
      close = text.find(std::string(k_lock) + "%%", open + 2 + k_lock.size());
      close_size = k_lock.size() + 2;
    } else {
      close = text.find("%%", open + 2);
    }
    const std::size_t stop = close == std::string_view::npos ? text.size() : close + close_size;
    if (encrypted) out += k_encrypted_marker;
    out += newlines_of(text.substr(open, stop - open));
    at = stop;
    open = at < text.size() ? text.find("%%", at) : std::string_view::npos;
  }
  out.append(text.substr(std::min(at, text.size())));
  return out;
}

/// `key` without emphasis marks and spaces around it.
std::string_view bare_key(std::string_view key) {
  auto decoration = [](char c) { return c == ' ' || c == '\t' || c == '*' || c == '_' || c == '~' || c == '`'; };
  while (!key.empty() && decoration(key.front())) key.remove_prefix(1);
  while (!key.empty() && decoration(key.back())) key.remove_suffix(1);
  return key;
}

/// Where, in `key`, an omitted field name starts: the whole key or a suffix of it that
/// begins a word ("Call client_phone" holds client_phone); npos when none.
std::size_t omitted_suffix(std::string_view key, const FieldSet& omit) {
  const std::string_view bare = bare_key(key);
  if (bare.empty()) return std::string_view::npos;
  const std::size_t offset = static_cast<std::size_t>(bare.data() - key.data());
  for (std::size_t i = 0; i < bare.size(); ++i) {
    if (i > 0 && bare[i - 1] != ' ' && bare[i - 1] != '\t') continue;
    if (omit.contains(bare_key(bare.substr(i)))) return offset + i;
  }
  return std::string_view::npos;
}

/// The closing bracket for the opener at `open` in `line`, brackets nested; npos when none.
std::size_t closing_bracket(std::string_view line, std::size_t open) {
  const char opener = line[open];
  const char closer = opener == '[' ? ']' : ')';
  int depth = 0;
  for (std::size_t i = open; i < line.size(); ++i) {
    if (line[i] == opener) ++depth;
    if (line[i] == closer && --depth == 0) return i;
  }
  return std::string_view::npos;
}

/// One line without its omitted inline fields; nothing when it holds none.
std::optional<std::string> remove_fields_in_line(std::string_view line, const FieldSet& omit) {
  if (line.find("::") == std::string_view::npos) return std::nullopt;
  std::string out(line);
  bool changed = false;
  std::size_t search = 0;
  while ((search = out.find("::", search)) != std::string::npos) {
    const std::string_view text = out;
    // A bracketed field: the nearest '[' or '(' before "::" that is not closed before it.
    std::size_t open = std::string_view::npos;
    int closed = 0;
    for (std::size_t i = search; i-- > 0;) {
      if (text[i] == ']' || text[i] == ')') ++closed;
      if (text[i] == '[' || text[i] == '(') {
        if (closed == 0) {
          open = i;
          break;
        }
        --closed;
      }
    }
    if (open != std::string_view::npos && omit.contains(bare_key(text.substr(open + 1, search - open - 1)))) {
      const std::size_t close = closing_bracket(text, open);
      const std::size_t stop = close == std::string_view::npos ? text.size() : close + 1;
      out.erase(open, stop - open);
      changed = true;
      search = open;
      continue;
    }
    // A whole-line field: the key runs from the start of the line (after list marks).
    const std::string_view key = text.substr(0, search);
    if (const std::size_t at = omitted_suffix(key, omit); at != std::string_view::npos) {
      out.erase(at);
      changed = true;
      break;
    }
    search += 2;
  }
  return changed ? std::optional<std::string>(std::move(out)) : std::nullopt;
}

/// Omitted inline fields out, line by line.
std::optional<std::string> remove_fields(std::string_view text, const FieldSet& omit) {
  if (omit.empty() || text.find("::") == std::string_view::npos) return std::nullopt;
  return edit_lines(text, [&omit](std::string_view line) { return remove_fields_in_line(line, omit); });
}

/// Length of the ISO date (and time) at text[i], 0 when none starts there; `month_only`
/// allows "YYYY-MM" alone.
std::size_t date_length(std::string_view s, std::size_t i) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_digit(s[at + k])) return false;
    }
    return true;
  };
  if (i > 0 && is_digit(s[i - 1])) return 0;
  if (!digits(i, 4) || i + 10 > s.size() || s[i + 4] != '-' || !digits(i + 5, 2) || s[i + 7] != '-' ||
      !digits(i + 8, 2)) {
    return 0;
  }
  std::size_t end = i + 10;
  if (end < s.size() && is_digit(s[end])) return 0;
  // A time after 'T' or one space: HH:MM, :SS, .fraction, Z or an offset.
  if (end + 6 <= s.size() && (s[end] == 'T' || s[end] == ' ') && digits(end + 1, 2) && s[end + 3] == ':' &&
      digits(end + 4, 2)) {
    end += 6;
    if (end + 3 <= s.size() && s[end] == ':' && digits(end + 1, 2)) end += 3;
    if (end < s.size() && (s[end] == '.' || s[end] == ',')) {
      std::size_t k = end + 1;
      while (k < s.size() && is_digit(s[k])) ++k;
      if (k > end + 1) end = k;
    }
    if (end < s.size() && s[end] == 'Z') {
      ++end;
    } else if (end + 3 <= s.size() && (s[end] == '+' || s[end] == '-') && digits(end + 1, 2)) {
      end += 3;
      if (end + 3 <= s.size() && s[end] == ':' && digits(end + 1, 2)) {
        end += 3;
      } else if (digits(end, 2)) {
        end += 2;
      }
    }
  }
  return end - i;
}

}  // namespace

std::optional<std::string> date_year(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  const bool month = text.size() == 7 && text[4] == '-' && is_digit(text[5]) && is_digit(text[6]);
  if (!month && (text.empty() || date_length(text, 0) != text.size())) return std::nullopt;
  if (month && !std::all_of(text.begin(), text.begin() + 4, is_digit)) return std::nullopt;
  return std::string(text.substr(0, 4));
}

std::optional<std::string> reduce_dates(std::string_view text) {
  std::string out;
  bool changed = false;
  std::size_t at = 0;
  for (std::size_t i = 0; i + 10 <= text.size(); ++i) {
    if (!is_digit(text[i])) continue;
    const std::size_t n = date_length(text, i);
    if (n == 0) continue;
    out.append(text.substr(at, i - at));
    out.append(text.substr(i, 4));
    at = i + n;
    i = at - 1;
    changed = true;
  }
  if (!changed) return std::nullopt;
  out.append(text.substr(at));
  return out;
}

std::optional<std::string> edit_lines(std::string_view text,
                                      const std::function<std::optional<std::string>(std::string_view)>& edit) {
  std::string out;
  bool changed = false;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    if (auto edited = edit(line)) {
      out += *edited;
      changed = true;
    } else {
      out.append(line);
    }
    if (end == text.size()) break;
    out += '\n';
    at = end + 1;
  }
  return changed ? std::optional<std::string>(std::move(out)) : std::nullopt;
}

bool has_encrypted_block(std::string_view text) { return text.find(std::string("%%") + std::string(k_lock)) != std::string_view::npos; }

std::optional<std::string> redact_text(std::string_view text, const RedactOptions& options) {
  std::optional<std::string> out = remove_comments(text);
  auto current = [&]() -> std::string_view { return out ? std::string_view(*out) : text; };
  if (options.omit != nullptr) {
    if (auto edited = remove_fields(current(), *options.omit)) out = std::move(edited);
  }
  if (options.dates_year) {
    if (auto edited = reduce_dates(current())) out = std::move(edited);
  }
  return out;
}

}  // namespace mdvault::core::privacy
