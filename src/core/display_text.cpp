#include "core/display_text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace mdvault::core {

namespace {

// Length of the valid UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates, at most
// U+10FFFF), or 0 when the byte starts none.
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    return 1;
  }
  std::size_t n = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    low = c == 0xE0 ? 0xA0 : 0x80;
    high = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    low = c == 0xF0 ? 0x90 : 0x80;
    high = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < low || byte(i + 1) > high) {
    return 0;
  }
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
      return 0;
    }
  }
  return n;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

}  // namespace

bool needs_display_escape(std::string_view name) {
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = sequence_length(name, i);
    if (n == 0 || (n == 1 && is_control(static_cast<unsigned char>(name[i])))) {
      return true;
    }
    i += n;
  }
  return false;
}

std::string display_name(std::string_view name) {
  if (!needs_display_escape(name)) {
    return std::string(name);
  }
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(name.size() + 8);
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t n = sequence_length(name, i);
    const auto c = static_cast<unsigned char>(name[i]);
    if (n == 0 || (n == 1 && is_control(c))) {
      out += "\\x";
      out += k_hex[c >> 4U];
      out += k_hex[c & 0xFU];
      ++i;
    } else {
      out.append(name, i, n);
      i += n;
    }
  }
  return out;
}

}  // namespace mdvault::core
