#include "core/query/dql_value.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/query/number_format.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

std::string_view link_type_name(Link::Type t) {
  switch (t) {
    case Link::Type::file: return "file";
    case Link::Type::header: return "header";
    case Link::Type::block: return "block";
  }
  return "file";
}

/// Decodes one UTF-8 code point at s[i]; advances i (invalid bytes count as themselves).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3Fu); };
  if (b0 < 0x80) {
    i += 1;
    return b0;
  }
  if ((b0 & 0xE0u) == 0xC0u && i + 1 < s.size()) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x1Fu) << 6) | cont(1);
    i += 2;
    return cp;
  }
  if ((b0 & 0xF0u) == 0xE0u && i + 2 < s.size()) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    i += 3;
    return cp;
  }
  if ((b0 & 0xF8u) == 0xF0u && i + 3 < s.size()) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    i += 4;
    return cp;
  }
  i += 1;
  return b0;
}

/// One collation element: primary (class and base letter), secondary (accent), tertiary (case).
struct CollationKey {
  std::uint32_t primary;
  std::uint32_t secondary;
  std::uint32_t tertiary;
};

constexpr std::string_view k_punctuation_order = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

/// Base letter and accent of Latin-1 and Latin Extended-A letters (lower case), else 0.
std::pair<char, std::uint32_t> latin_base(char32_t lower) {
  static constexpr std::string_view k_latin1 =  // U+00E0..U+00FF
      "aaaaaaaceeeeiiiidnooooo/ouuuuyty";
  if (lower >= 0xE0 && lower <= 0xFF && lower != 0xF7) {
    const char base = k_latin1[lower - 0xE0];
    return {base, static_cast<std::uint32_t>(lower - 0xDF)};
  }
  if (lower >= 0x100 && lower <= 0x17F) {
    static constexpr std::string_view k_ext_a =  // U+0100..U+017F, pairs of upper/lower
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkklllllllllln"
        "nnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const std::size_t index = lower - 0x100;
    if (index < k_ext_a.size()) return {k_ext_a[index], static_cast<std::uint32_t>(index + 40)};
  }
  return {0, 0};
}

CollationKey collation_key(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) return {0x100 + cp, 0, 0};
  if (cp < 0x80) {
    if (cp >= '0' && cp <= '9') return {0x30000 + cp, 0, 0};
    if (cp >= 'a' && cp <= 'z') return {0x40000 + (cp - 'a') * 16, 0, 0};
    if (cp >= 'A' && cp <= 'Z') return {0x40000 + (cp - 'A') * 16, 0, 1};
    const std::size_t rank = k_punctuation_order.find(static_cast<char>(cp));
    return {0x1000 + static_cast<std::uint32_t>(rank == std::string_view::npos ? 64 + cp : rank), 0, 0};
  }
  if (cp == 0xDF) return {0x40000 + ('s' - 'a') * 16 + 1, 0, 0};  // ß sorts after s
  // Lower-case the code point for Latin letters (U+00C0..U+00DE, Latin Extended-A pairs).
  char32_t lower = cp;
  std::uint32_t upper = 0;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
    lower = cp + 0x20;
    upper = 1;
  } else if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) {
    lower = cp + 1;
    upper = 1;
  }
  const auto [base, accent] = latin_base(lower);
  if (base >= 'a' && base <= 'z') return {0x40000 + static_cast<std::uint32_t>(base - 'a') * 16, accent, upper};
  const bool letter_like = (cp >= 0x370 && cp < 0x2000) || (cp >= 0x3040 && cp < 0xA000) || (cp >= 0xAC00 && cp < 0xD800);
  if (letter_like) return {0x50000 + cp, 0, 0};
  return {0x2000 + cp, 0, 0};  // symbols, emoji
}

std::vector<CollationKey> collation_keys(std::string_view s) {
  std::vector<CollationKey> keys;
  keys.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) keys.push_back(collation_key(next_code_point(s, i)));
  return keys;
}

template <typename Get>
int compare_level(const std::vector<CollationKey>& a, const std::vector<CollationKey>& b, Get get) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (get(a[i]) != get(b[i])) return get(a[i]) < get(b[i]) ? -1 : 1;
  }
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return 0;
}

int sign_of(int n) { return n < 0 ? -1 : (n > 0 ? 1 : 0); }

}  // namespace

Link Link::infer(std::string_view text, bool embed, std::optional<std::string> display) {
  Link link;
  link.embed = embed;
  link.display = std::move(display);
  const std::size_t block = text.find("#^");
  if (block != std::string_view::npos) {
    link.path = std::string(text.substr(0, block));
    const std::string_view rest = text.substr(block + 2);
    link.subpath = std::string(rest.substr(0, rest.find("#^")));
    link.type = Type::block;
    return link;
  }
  const std::size_t hash = text.find('#');
  if (hash != std::string_view::npos) {
    link.path = std::string(text.substr(0, hash));
    const std::string_view rest = text.substr(hash + 1);
    // Dataview's normalizeHeaderForLink: letters, digits, '_', '-' and emoji kept; the rest becomes
    // spaces, runs of spaces collapse.
    std::string header;
    bool space = false;
    std::size_t i = 0;
    const std::string_view part = rest.substr(0, rest.find('#'));
    while (i < part.size()) {
      const std::size_t start = i;
      const char32_t cp = next_code_point(part, i);
      std::size_t length = 0;
      const bool keep = cp == '_' || cp == '-' || cp >= 0x2000 || core::is_alnum_at(part, start, &length);
      if (keep) {
        if (space && !header.empty()) header += ' ';
        space = false;
        header.append(part.substr(start, i - start));
      } else {
        space = true;
      }
    }
    link.subpath = header;
    link.type = Type::header;
    return link;
  }
  link.path = std::string(text);
  return link;
}

std::string Link::file_title() const {
  std::string title = path;
  const std::size_t slash = title.rfind('/');
  if (slash != std::string::npos) title = title.substr(slash + 1);
  if (title.size() >= 3 && title.compare(title.size() - 3, 3, ".md") == 0) title.resize(title.size() - 3);
  return title;
}

std::string Link::markdown() const {
  std::string out = embed ? "![[" : "[[";
  // obsidianLink(): a '|' in the path or subpath is escaped, so it cannot end the target.
  auto escaped = [](std::string_view s) {
    std::string e;
    for (const char c : s) {
      if (c == '|') e += '\\';
      e += c;
    }
    return e;
  };
  out += escaped(path);
  if (type == Type::header) out += "#" + escaped(subpath.value_or(""));
  if (type == Type::block) out += "#^" + escaped(subpath.value_or(""));
  if (display && !display->empty()) {  // an empty display is falsy, as in JavaScript
    out += "|" + *display;
  } else {
    out += "|" + file_title();
    if (type != Type::file) out += " > " + subpath.value_or("");
  }
  return out + "]]";
}

DqlValue DqlValue::boolean(bool b) {
  DqlValue v;
  v.m_data = b;
  return v;
}
DqlValue DqlValue::number(double n) {
  DqlValue v;
  v.m_data = n;
  return v;
}
DqlValue DqlValue::string(std::string s) {
  DqlValue v;
  v.m_data = std::move(s);
  return v;
}
DqlValue DqlValue::date(DateTime d) {
  DqlValue v;
  v.m_data = d;
  return v;
}
DqlValue DqlValue::duration(Duration d) {
  DqlValue v;
  v.m_data = d;
  return v;
}
DqlValue DqlValue::link(Link l) {
  DqlValue v;
  v.m_data = std::move(l);
  return v;
}
DqlValue DqlValue::list(DqlList items) {
  DqlValue v;
  v.m_data = std::make_shared<const DqlList>(std::move(items));
  return v;
}
DqlValue DqlValue::object(DqlObject entries) {
  DqlValue v;
  v.m_data = std::make_shared<const DqlObject>(std::move(entries));
  return v;
}
DqlValue DqlValue::object(std::shared_ptr<const DqlObject> entries) {
  DqlValue v;
  v.m_data = std::move(entries);
  return v;
}
DqlValue DqlValue::function(DqlFunction f) {
  DqlValue v;
  v.m_data = std::make_shared<const DqlFunction>(std::move(f));
  return v;
}

const DqlValue* DqlValue::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [k, value] : as_object()) {
    if (k == key) return &value;
  }
  return nullptr;
}

std::string_view type_name(DqlValue::Type t) {
  switch (t) {
    case DqlValue::Type::null: return "null";
    case DqlValue::Type::boolean: return "boolean";
    case DqlValue::Type::number: return "number";
    case DqlValue::Type::string: return "string";
    case DqlValue::Type::date: return "date";
    case DqlValue::Type::duration: return "duration";
    case DqlValue::Type::link: return "link";
    case DqlValue::Type::array: return "array";
    case DqlValue::Type::object: return "object";
    case DqlValue::Type::function: return "function";
  }
  return "null";
}

bool is_truthy(const DqlValue& v) {
  switch (v.type()) {
    case DqlValue::Type::null: return false;
    case DqlValue::Type::boolean: return v.as_bool();
    case DqlValue::Type::number: return v.as_number() != 0 && v.as_number() == v.as_number();
    case DqlValue::Type::string: return !v.as_string().empty();
    case DqlValue::Type::date: return v.as_date().instant() != 0;
    case DqlValue::Type::duration: return v.as_duration().as(DurationUnit::seconds) != 0;
    case DqlValue::Type::link: return !v.as_link().path.empty();
    case DqlValue::Type::array: return !v.as_list().empty();
    case DqlValue::Type::object: return !v.as_object().empty();
    case DqlValue::Type::function: return true;
  }
  return false;
}

int locale_compare(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  const auto ka = collation_keys(a);
  const auto kb = collation_keys(b);
  if (int c = compare_level(ka, kb, [](const CollationKey& k) { return k.primary; }); c != 0) return c;
  if (int c = compare_level(ka, kb, [](const CollationKey& k) { return k.secondary; }); c != 0) return c;
  if (int c = compare_level(ka, kb, [](const CollationKey& k) { return k.tertiary; }); c != 0) return c;
  return a < b ? -1 : 1;
}

int compare_values(const DqlValue& a, const DqlValue& b, const LinkNormalizer& normalize) {
  if (a.is_null() && b.is_null()) return 0;
  if (a.is_null()) return -1;
  if (b.is_null()) return 1;
  if (a.type() != b.type()) return sign_of(std::string_view(type_name(a.type())).compare(type_name(b.type())));
  switch (a.type()) {
    case DqlValue::Type::null: return 0;
    case DqlValue::Type::string: return locale_compare(a.as_string(), b.as_string());
    case DqlValue::Type::number: {
      const double x = a.as_number();
      const double y = b.as_number();
      if (x < y) return -1;
      if (x == y) return 0;
      return 1;
    }
    case DqlValue::Type::boolean:
      if (a.as_bool() == b.as_bool()) return 0;
      return a.as_bool() ? 1 : -1;
    case DqlValue::Type::link: {
      const Link& x = a.as_link();
      const Link& y = b.as_link();
      const std::string px = normalize ? normalize(x.path) : x.path;
      const std::string py = normalize ? normalize(y.path) : y.path;
      if (int c = locale_compare(px, py); c != 0) return c;
      if (int c = locale_compare(link_type_name(x.type), link_type_name(y.type)); c != 0) return c;
      const bool sx = x.subpath && !x.subpath->empty();
      const bool sy = y.subpath && !y.subpath->empty();
      if (sx && !sy) return 1;
      if (!sx && sy) return -1;
      if (!sx && !sy) return 0;
      return locale_compare(*x.subpath, *y.subpath);
    }
    case DqlValue::Type::date: {
      const DateTime& x = a.as_date();
      const DateTime& y = b.as_date();
      if (x.instant() < y.instant()) return -1;
      if (x.instant() == y.instant() && x.has_offset == y.has_offset && x.offset_minutes == y.offset_minutes) return 0;
      return 1;
    }
    case DqlValue::Type::duration: {
      const Duration& x = a.as_duration();
      const Duration& y = b.as_duration();
      if (x.to_millis() < y.to_millis()) return -1;
      return x.equals(y) ? 0 : 1;
    }
    case DqlValue::Type::array: {
      const DqlList& x = a.as_list();
      const DqlList& y = b.as_list();
      for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        if (int c = compare_values(x[i], y[i]); c != 0) return c;
      }
      return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
    }
    case DqlValue::Type::object: {
      std::vector<std::string> kx;
      std::vector<std::string> ky;
      for (const auto& e : a.as_object()) kx.push_back(e.first);
      for (const auto& e : b.as_object()) ky.push_back(e.first);
      std::sort(kx.begin(), kx.end());
      std::sort(ky.begin(), ky.end());
      DqlList lx;
      DqlList ly;
      for (const auto& k : kx) lx.push_back(DqlValue::string(k));
      for (const auto& k : ky) ly.push_back(DqlValue::string(k));
      if (int c = compare_values(DqlValue::list(std::move(lx)), DqlValue::list(std::move(ly))); c != 0) return c;
      for (const auto& k : kx) {
        const DqlValue* x = a.find(k);
        const DqlValue* y = b.find(k);
        if (int c = compare_values(x ? *x : DqlValue{}, y ? *y : DqlValue{}); c != 0) return c;
      }
      return 0;
    }
    case DqlValue::Type::function: return 0;
  }
  return 0;
}

bool equal_values(const DqlValue& a, const DqlValue& b, const LinkNormalizer& normalize) {
  return compare_values(a, b, normalize) == 0;
}

std::string to_dataview_string(const DqlValue& v, bool nested) {
  switch (v.type()) {
    case DqlValue::Type::null: return "\\-";
    case DqlValue::Type::string: return v.as_string();
    case DqlValue::Type::number: return format_number(v.as_number());
    case DqlValue::Type::boolean: return v.as_bool() ? "true" : "false";
    case DqlValue::Type::link: return v.as_link().markdown();
    case DqlValue::Type::function: return "<function>";
    case DqlValue::Type::date: return render_date(v.as_date());
    case DqlValue::Type::duration: return render_duration(v.as_duration());
    case DqlValue::Type::array: {
      std::string out = nested ? "[" : "";
      bool first = true;
      for (const auto& item : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        out += to_dataview_string(item, true);
      }
      return nested ? out + "]" : out;
    }
    case DqlValue::Type::object: {
      std::string out = "{ ";
      bool first = true;
      for (const auto& [k, item] : v.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + to_dataview_string(item, true);
      }
      return out + " }";
    }
  }
  return "";
}

}  // namespace mdvault::core::query
