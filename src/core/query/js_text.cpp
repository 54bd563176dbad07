#include "core/query/js_text.hpp"

#include <array>
#include <cmath>
#include <utility>

#include "core/unicode.hpp"
#include "core/unicode_case.hpp"

namespace mdvault::core::query {

namespace {

/// Decodes the code point at s[i] and advances i; an invalid byte is the code point of its value.
char32_t decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0u) == 0x80u;
  };
  auto bits = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3Fu); };
  if (b0 >= 0xF0 && b0 < 0xF8 && cont(1) && cont(2) && cont(3)) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x07u) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
    i += 4;
    return cp;
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && cont(1) && cont(2)) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x0Fu) << 12) | (bits(1) << 6) | bits(2);
    i += 3;
    return cp;
  }
  if (b0 >= 0xC0 && b0 < 0xE0 && cont(1)) {
    const char32_t cp = (static_cast<char32_t>(b0 & 0x1Fu) << 6) | bits(1);
    i += 2;
    return cp;
  }
  i += 1;
  return b0;
}

void encode(char32_t cp, std::string& out) { append_utf8(out, cp); }

/// SpecialCasing.txt's unconditional upper case mappings to more than one code point.
struct FullUpper {
  char32_t cp;
  const char* upper;
};
constexpr FullUpper k_full_upper[] = {
    {0x00DF, "SS"}, {0x0149, "\u02BCN"}, {0x01F0, "J\u030C"}, {0x0390, "\u0399\u0308\u0301"},
    {0x03B0, "\u03A5\u0308\u0301"}, {0x0587, "\u0535\u0552"}, {0x1E96, "H\u0331"}, {0x1E97, "T\u0308"},
    {0x1E98, "W\u030A"}, {0x1E99, "Y\u030A"}, {0x1E9A, "A\u02BE"}, {0x1F50, "\u03A5\u0313"},
    {0x1F52, "\u03A5\u0313\u0300"}, {0x1F54, "\u03A5\u0313\u0301"}, {0x1F56, "\u03A5\u0313\u0342"}, {0x1F80, "\u1F08\u0399"},
    {0x1F81, "\u1F09\u0399"}, {0x1F82, "\u1F0A\u0399"}, {0x1F83, "\u1F0B\u0399"}, {0x1F84, "\u1F0C\u0399"},
    {0x1F85, "\u1F0D\u0399"}, {0x1F86, "\u1F0E\u0399"}, {0x1F87, "\u1F0F\u0399"}, {0x1F88, "\u1F08\u0399"},
    {0x1F89, "\u1F09\u0399"}, {0x1F8A, "\u1F0A\u0399"}, {0x1F8B, "\u1F0B\u0399"}, {0x1F8C, "\u1F0C\u0399"},
    {0x1F8D, "\u1F0D\u0399"}, {0x1F8E, "\u1F0E\u0399"}, {0x1F8F, "\u1F0F\u0399"}, {0x1F90, "\u1F28\u0399"},
    {0x1F91, "\u1F29\u0399"}, {0x1F92, "\u1F2A\u0399"}, {0x1F93, "\u1F2B\u0399"}, {0x1F94, "\u1F2C\u0399"},
    {0x1F95, "\u1F2D\u0399"}, {0x1F96, "\u1F2E\u0399"}, {0x1F97, "\u1F2F\u0399"}, {0x1F98, "\u1F28\u0399"},
    {0x1F99, "\u1F29\u0399"}, {0x1F9A, "\u1F2A\u0399"}, {0x1F9B, "\u1F2B\u0399"}, {0x1F9C, "\u1F2C\u0399"},
    {0x1F9D, "\u1F2D\u0399"}, {0x1F9E, "\u1F2E\u0399"}, {0x1F9F, "\u1F2F\u0399"}, {0x1FA0, "\u1F68\u0399"},
    {0x1FA1, "\u1F69\u0399"}, {0x1FA2, "\u1F6A\u0399"}, {0x1FA3, "\u1F6B\u0399"}, {0x1FA4, "\u1F6C\u0399"},
    {0x1FA5, "\u1F6D\u0399"}, {0x1FA6, "\u1F6E\u0399"}, {0x1FA7, "\u1F6F\u0399"}, {0x1FA8, "\u1F68\u0399"},
    {0x1FA9, "\u1F69\u0399"}, {0x1FAA, "\u1F6A\u0399"}, {0x1FAB, "\u1F6B\u0399"}, {0x1FAC, "\u1F6C\u0399"},
    {0x1FAD, "\u1F6D\u0399"}, {0x1FAE, "\u1F6E\u0399"}, {0x1FAF, "\u1F6F\u0399"}, {0x1FB2, "\u1FBA\u0399"},
    {0x1FB3, "\u0391\u0399"}, {0x1FB4, "\u0386\u0399"}, {0x1FB6, "\u0391\u0342"}, {0x1FB7, "\u0391\u0342\u0399"},
    {0x1FBC, "\u0391\u0399"}, {0x1FC2, "\u1FCA\u0399"}, {0x1FC3, "\u0397\u0399"}, {0x1FC4, "\u0389\u0399"},
    {0x1FC6, "\u0397\u0342"}, {0x1FC7, "\u0397\u0342\u0399"}, {0x1FCC, "\u0397\u0399"}, {0x1FD2, "\u0399\u0308\u0300"},
    {0x1FD3, "\u0399\u0308\u0301"}, {0x1FD6, "\u0399\u0342"}, {0x1FD7, "\u0399\u0308\u0342"}, {0x1FE2, "\u03A5\u0308\u0300"},
    {0x1FE3, "\u03A5\u0308\u0301"}, {0x1FE4, "\u03A1\u0313"}, {0x1FE6, "\u03A5\u0342"}, {0x1FE7, "\u03A5\u0308\u0342"},
    {0x1FF2, "\u1FFA\u0399"}, {0x1FF3, "\u03A9\u0399"}, {0x1FF4, "\u038F\u0399"}, {0x1FF6, "\u03A9\u0342"},
    {0x1FF7, "\u03A9\u0342\u0399"}, {0x1FFC, "\u03A9\u0399"}, {0xFB00, "FF"}, {0xFB01, "FI"},
    {0xFB02, "FL"}, {0xFB03, "FFI"}, {0xFB04, "FFL"}, {0xFB05, "ST"},
    {0xFB06, "ST"}, {0xFB13, "\u0544\u0546"}, {0xFB14, "\u0544\u0535"}, {0xFB15, "\u0544\u053B"},
    {0xFB16, "\u054E\u0546"}, {0xFB17, "\u0544\u053D"},
};

const char* full_upper(char32_t cp) {
  std::size_t low = 0;
  std::size_t high = std::size(k_full_upper);
  while (low < high) {  // the table is sorted by code point
    const std::size_t mid = (low + high) / 2;
    if (k_full_upper[mid].cp == cp) return k_full_upper[mid].upper;
    if (k_full_upper[mid].cp < cp) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return nullptr;
}

constexpr char32_t k_capital_sigma = 0x03A3;

/// A cased letter for the final sigma rule: one with a case mapping (or a lower case sigma).
bool is_cased(char32_t cp) { return simple_upper(cp) != cp || simple_lower(cp) != cp; }

/// Combining marks, apostrophes and the like that the final sigma rule looks through.
bool is_case_ignorable(char32_t cp) {
  return cp == '\'' || cp == '.' || cp == ':' || cp == 0x00AD || cp == 0x2019 || (cp >= 0x0300 && cp <= 0x036F);
}

}  // namespace

std::vector<std::uint16_t> utf16_units(std::string_view s) {
  std::vector<std::uint16_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = decode(s, i);
    if (cp >= 0x10000) {
      out.push_back(static_cast<std::uint16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      out.push_back(static_cast<std::uint16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      out.push_back(static_cast<std::uint16_t>(cp));
    }
  }
  return out;
}

double cyrb53(std::string_view s, double seed) {
  // JavaScript's ToInt32, kept as its 32 bits.
  std::uint32_t seed_bits = 0;
  if (std::isfinite(seed)) seed_bits = static_cast<std::uint32_t>(static_cast<std::int64_t>(std::fmod(std::trunc(seed), 4294967296.0)));
  std::uint32_t h1 = 0xdeadbeefU ^ seed_bits;
  std::uint32_t h2 = 0x41c6ce57U ^ seed_bits;
  for (const std::uint16_t ch : utf16_units(s)) {
    h1 = (h1 ^ ch) * 2654435761U;
    h2 = (h2 ^ ch) * 1597334677U;
  }
  h1 = (h1 ^ (h1 >> 16)) * 2246822507U;
  h1 ^= (h2 ^ (h2 >> 13)) * 3266489909U;
  h2 = (h2 ^ (h2 >> 16)) * 2246822507U;
  h2 ^= (h1 ^ (h1 >> 13)) * 3266489909U;
  return 4294967296.0 * static_cast<double>(2097151U & h2) + static_cast<double>(h1);
}

std::string js_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t cp = decode(s, i);
    if (cp < 0x80 || i == start + 1) {  // ASCII, or an invalid byte kept as it is
      out += cp >= 'a' && cp <= 'z' ? static_cast<char>(cp - 'a' + 'A') : s[start];
    } else if (const char* full = full_upper(cp)) {
      out += full;
    } else {
      encode(simple_upper(cp), out);
    }
  }
  return out;
}

std::string js_lower(std::string_view s) {
  std::vector<char32_t> cps;
  std::vector<std::size_t> starts;
  cps.reserve(s.size());
  starts.reserve(s.size() + 1);
  std::size_t i = 0;
  while (i < s.size()) {
    starts.push_back(i);
    cps.push_back(decode(s, i));
  }
  starts.push_back(s.size());
  std::string out;
  out.reserve(s.size());
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const char32_t cp = cps[k];
    if (cp < 0x80 || starts[k + 1] == starts[k] + 1) {  // ASCII, or an invalid byte kept as it is
      out += cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp - 'A' + 'a') : s[starts[k]];
    } else if (cp == 0x0130) {
      out += "i\u0307";  // İ: i and a combining dot above
    } else if (cp == k_capital_sigma) {
      // Final sigma: a cased letter before (through ignorable marks), none after.
      std::size_t before = k;
      while (before > 0 && is_case_ignorable(cps[before - 1])) --before;
      std::size_t after = k + 1;
      while (after < cps.size() && is_case_ignorable(cps[after])) ++after;
      const bool final = before > 0 && is_cased(cps[before - 1]) && !(after < cps.size() && is_cased(cps[after]));
      encode(final ? 0x03C2 : 0x03C3, out);
    } else {
      encode(simple_lower(cp), out);
    }
  }
  return out;
}

}  // namespace mdvault::core::query
