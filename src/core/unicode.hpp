#pragma once
// Unicode helpers over utf8proc: validation, case folding, NFC, columns.

#include <cstddef>
#include <string>
#include <string_view>

namespace mdvault::core {

/// True when `s` is well-formed UTF-8 with no NUL byte.
bool is_valid_utf8(std::string_view s);

/// NFC-normalised, case-folded form used to compare names and links.
std::string fold_key(std::string_view s);

/// NFC normalisation only.
std::string normalize_nfc(std::string_view s);

/// Lower-cased (case-folded) copy, no normalisation beyond NFC.
std::string fold_case(std::string_view s);

/// True when the text at `s` (one code point, UTF-8) may turn into ASCII characters once a
/// line holding it is NFC-normalised and case-folded (the Kelvin sign folds to "k", "ß" to
/// "ss", "é" decomposes to "e" and a mark). Conservative: false means it never does, so a
/// byte search for an ASCII word may skip over it. Remembered per code point.
bool may_become_ascii(std::string_view code_point);

/// Number of code points in `s` (invalid bytes count one each).
std::size_t count_code_points(std::string_view s);

/// Appends the UTF-8 form of one code point (nothing for a value past U+10FFFF).
void append_utf8(std::string& out, char32_t code_point);

/// 1-based column of the byte at `byte_offset` within `line` (code points before it + 1).
int column_at(std::string_view line, std::size_t byte_offset);

/// The text to print before a caret ('^') so that it stands under code point `column`
/// (1-based) of `line` on a terminal: tabs kept, wide characters (CJK, emoji) two spaces,
/// combining marks none.
std::string caret_padding(std::string_view line, int column);

/// A source line cut to fit `width` terminal columns around code point `column`: "…" marks
/// each cut end, and the column of the same character in the cut line is returned; the
/// line is returned whole when it fits. A tab counts as one column here.
struct CutLine {
  std::string text;
  int column = 0;
};
CutLine cut_around_column(std::string_view line, int column, std::size_t width);

/// True when the code point starting at s[i] is a letter or digit of any script.
bool is_alnum_at(std::string_view s, std::size_t i, std::size_t* length);

/// As is_alnum_at, without symbols: letters (and their marks) and digits only.
bool is_letter_or_digit_at(std::string_view s, std::size_t i, std::size_t* length);

}  // namespace mdvault::core
