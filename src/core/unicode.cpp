#include "core/unicode.hpp"
#include "core/unicode_case.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace mdvault::core {
namespace {

// Runs utf8proc_map with `options`; returns the input unchanged when it is not valid UTF-8.
std::string map_utf8(std::string_view s, int options) {
  bool ascii = true;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out(s);
    if ((options & UTF8PROC_CASEFOLD) != 0) {
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
          c = static_cast<char>(c - 'A' + 'a');
        }
      }
    }
    return out;
  }
  utf8proc_uint8_t* result = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                   &result, static_cast<utf8proc_option_t>(options));
  if (n < 0) {
    return std::string(s);
  }
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(result, &std::free);
  return std::string(reinterpret_cast<const char*>(result), static_cast<std::size_t>(n));
}

// Decodes one code point at s[i]; returns its length in bytes (1 for an invalid byte).
std::size_t decode_at(std::string_view s, std::size_t i, utf8proc_int32_t* cp) {
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                  static_cast<utf8proc_ssize_t>(s.size() - i), cp);
  if (n <= 0) {
    *cp = -1;
    return 1;
  }
  return static_cast<std::size_t>(n);
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time while none is NUL or has its high bit set.
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (i + 8 <= s.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, s.data() + i, 8);
      if (((word | ((word - ones) & ~word)) & highs) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) {
      return false;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                    static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      return false;
    }
    i += static_cast<std::size_t>(n);
  }
  return true;
}

std::string fold_key(std::string_view s) {
  return map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string normalize_nfc(std::string_view s) { return map_utf8(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE); }

std::string fold_case(std::string_view s) { return map_utf8(s, UTF8PROC_CASEFOLD); }

bool may_become_ascii(std::string_view code_point) {
  utf8proc_int32_t cp = 0;
  if (decode_at(code_point, 0, &cp) != code_point.size() || cp < 0x80) return true;
  // One byte per code point: 0 not yet known, 1 never becomes ASCII, 2 may.
  static std::vector<std::atomic<std::uint8_t>> known(0x110000);
  auto& slot = known[static_cast<std::size_t>(cp)];
  const std::uint8_t seen = slot.load(std::memory_order_relaxed);
  if (seen != 0) return seen == 2;
  const auto has_ascii = [](const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80U; });
  };
  const std::string decomposed = map_utf8(code_point, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
  const std::string composed = normalize_nfc(code_point);
  const bool may = has_ascii(decomposed) || has_ascii(fold_case(code_point)) || has_ascii(fold_case(decomposed)) ||
                   has_ascii(fold_case(composed));
  slot.store(may ? 2 : 1, std::memory_order_relaxed);
  return may;
}

void append_utf8(std::string& out, char32_t code_point) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(n));
}

std::size_t count_code_points(std::string_view s) {
  std::size_t count = 0;
  for (const char c : s) {
    // Count every byte that does not continue a multi-byte sequence.
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++count;
    }
  }
  return count;
}

int column_at(std::string_view line, std::size_t byte_offset) {
  if (byte_offset > line.size()) {
    byte_offset = line.size();
  }
  return static_cast<int>(count_code_points(line.substr(0, byte_offset))) + 1;
}

std::string caret_padding(std::string_view line, int column) {
  std::string pad;
  std::size_t i = 0;
  for (int at = 1; at < column && i < line.size(); ++at) {
    utf8proc_int32_t cp = 0;
    const std::size_t n = decode_at(line, i, &cp);
    if (line[i] == '\t') {
      pad += '\t';
    } else {
      // Wide characters (CJK, most emoji) take two columns, combining marks none; an
      // invalid byte is shown as one replacement character.
      pad.append(cp < 0 ? 1 : static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp))), ' ');
    }
    i += n;
  }
  return pad;
}

CutLine cut_around_column(std::string_view line, int column, std::size_t width) {
  // The code points with their byte offsets and display widths.
  struct Piece {
    std::size_t offset;
    std::size_t width;
  };
  std::vector<Piece> pieces;
  std::size_t total = 0;
  for (std::size_t i = 0; i < line.size();) {
    utf8proc_int32_t cp = 0;
    const std::size_t n = decode_at(line, i, &cp);
    const std::size_t w = line[i] == '\t' || cp < 0 ? 1 : static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    pieces.push_back({i, w});
    total += w;
    i += n;
  }
  if (total <= width || width < 8) {
    return {std::string(line), column};
  }
  const std::size_t at = column < 1 ? 0 : std::min(pieces.size(), static_cast<std::size_t>(column - 1));
  // Start about a third of the width before the column; each cut end costs one column for "…".
  std::size_t first = at;
  std::size_t used = 0;
  const std::size_t before = width / 3;
  while (first > 0 && used + pieces[first - 1].width <= before) {
    used += pieces[first - 1].width;
    --first;
  }
  if (first == 1) {  // cutting one character off the start gains nothing
    first = 0;
  }
  std::size_t budget = width - (first > 0 ? 1 : 0);
  std::size_t last = first;
  std::size_t shown = 0;
  while (last < pieces.size() && shown + pieces[last].width <= budget - (last + 1 < pieces.size() ? 1 : 0)) {
    shown += pieces[last].width;
    ++last;
  }
  CutLine out;
  if (first > 0) {
    out.text = "\u2026";
  }
  const std::size_t begin = first < pieces.size() ? pieces[first].offset : line.size();
  const std::size_t end = last < pieces.size() ? pieces[last].offset : line.size();
  out.text.append(line.substr(begin, end - begin));
  if (last < pieces.size()) {
    out.text += "\u2026";
  }
  out.column = column - static_cast<int>(first) + (first > 0 ? 1 : 0);
  return out;
}

namespace {

// General category of the code point at s[i], or -1 for an invalid byte.
int category_at(std::string_view s, std::size_t i, std::size_t* length) {
  utf8proc_int32_t cp = 0;
  const std::size_t n = decode_at(s, i, &cp);
  if (length != nullptr) {
    *length = n;
  }
  return cp < 0 ? -1 : static_cast<int>(utf8proc_category(cp));
}

bool is_letter_or_digit(int category) {
  switch (category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool is_alnum_at(std::string_view s, std::size_t i, std::size_t* length) {
  const int category = category_at(s, i, length);
  return is_letter_or_digit(category) || category == UTF8PROC_CATEGORY_SO;  // emoji, which Obsidian accepts in tags
}

bool is_letter_or_digit_at(std::string_view s, std::size_t i, std::size_t* length) {
  return is_letter_or_digit(category_at(s, i, length));
}

char32_t simple_upper(char32_t cp) {
  return static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(cp)));
}

char32_t simple_lower(char32_t cp) {
  return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
}

}  // namespace mdvault::core
