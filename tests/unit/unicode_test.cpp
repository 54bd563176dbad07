#include <doctest/doctest.h>

#include <string>

#include "core/unicode.hpp"

using namespace mdvault::core;

TEST_CASE("unicode: UTF-8 validation rejects bad bytes and NUL") {
  CHECK(is_valid_utf8("plain text"));
  CHECK(is_valid_utf8("Bindung \xC3\xBC ok"));
  CHECK_FALSE(is_valid_utf8("bad \xC3 byte"));
  CHECK_FALSE(is_valid_utf8(std::string_view("nul\0byte", 8)));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  // Long ASCII runs are checked eight bytes at a time: a NUL or a bad byte at any offset.
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    CHECK(is_valid_utf8(text));
    text[at] = '\0';
    CHECK_FALSE(is_valid_utf8(text));
    text[at] = '\x80';
    CHECK_FALSE(is_valid_utf8(text));
    text.replace(at, 1, "\xC3\xBC");
    CHECK(is_valid_utf8(text));
  }
}

TEST_CASE("unicode: fold_key folds case and composes NFD into NFC") {
  CHECK(fold_key("Secure Attachment") == "secure attachment");
  // "é" decomposed (e + combining acute) equals the composed form after folding.
  CHECK(fold_key("Caf\x65\xCC\x81") == fold_key("CAF\xC3\x89"));
  CHECK(fold_key("STRASSE") == "strasse");
}

TEST_CASE("unicode: columns count code points") {
  CHECK(column_at("abc", 0) == 1);
  CHECK(column_at("abc", 2) == 3);
  CHECK(column_at("\xC3\xBC\xC3\xBC[[x]]", 4) == 3);
  CHECK(column_at("ab", 10) == 3);
  CHECK(count_code_points("\xF0\x9F\xA7\xA0 x") == 3);
}

TEST_CASE("unicode: letters of any script and emoji count as tag characters") {
  std::size_t n = 0;
  CHECK(is_alnum_at("\xC3\xBC", 0, &n));
  CHECK(n == 2);
  CHECK(is_alnum_at("7", 0, &n));
  CHECK_FALSE(is_alnum_at("!", 0, &n));
  CHECK_FALSE(is_alnum_at(" ", 0, &n));
}

TEST_CASE("unicode: the caret padding follows terminal widths") {
  // Column 3 is the code point after two others: ASCII takes one column each.
  CHECK(caret_padding("ab^", 3) == "  ");
  // A tab stays a tab, so the terminal expands both lines alike.
  CHECK(caret_padding("\tx", 2) == "\t");
  // An emoji and a CJK character take two columns each.
  CHECK(caret_padding("\xF0\x9F\x94\x92 private", 3) == "   ");
  CHECK(caret_padding("\xE6\x84\x9B!", 2) == "  ");
  // A combining accent (e + U+0301) adds no column.
  CHECK(caret_padding("e\xCC\x81x", 3) == " ");
  // A column past the end pads only the text there is.
  CHECK(caret_padding("ab", 10) == "  ");
}

TEST_CASE("unicode: a long line is cut around the column, the caret's character kept in view") {
  const std::string line = std::string(100, 'a') + "[[X]]" + std::string(100, 'b');
  const auto cut = cut_around_column(line, 101, 40);
  CHECK(count_code_points(cut.text) == 40);
  CHECK(cut.text.rfind("\u2026", 0) == 0);
  CHECK(cut.text.substr(cut.text.size() - 3) == "\u2026");
  // The same character stands at the new column.
  CHECK(caret_padding(cut.text, cut.column).size() + 3 == cut.text.find("[[X]]") + 1);
  // A line that fits, and a column near the start, are not cut at the start.
  CHECK(cut_around_column("short", 3, 40).text == "short");
  const auto start = cut_around_column(line, 2, 40);
  CHECK(start.text.rfind("aa", 0) == 0);
  CHECK(start.column == 2);
  // Wide characters count two columns.
  const auto wide = cut_around_column(std::string(30, 'a') + std::string(20, ' ') + "\xF0\x9F\x9F\xA9" + std::string(60, 'c'), 51, 30);
  CHECK(wide.text.find("\xF0\x9F\x9F\xA9") != std::string::npos);
}
