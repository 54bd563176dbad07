#include <doctest/doctest.h>

#include <string>

#include "core/display_text.hpp"

namespace core = mdvault::core;

TEST_CASE("display_name: ordinary names come back as they are") {
  CHECK(core::display_name("Styles/Secure Attachment.md") == "Styles/Secure Attachment.md");
  CHECK(core::display_name("Café — notes/日本.md") == "Café — notes/日本.md");
  CHECK(core::display_name("back\\slash.md") == "back\\slash.md");
  CHECK_FALSE(core::needs_display_escape("Café.md"));
}

TEST_CASE("display_name: control characters and bad bytes as \\xHH") {
  CHECK(core::display_name("a\nb.md:1:1: error: forged") == "a\\x0Ab.md:1:1: error: forged");
  CHECK(core::display_name("tab\there\r\x7f.md") == "tab\\x09here\\x0D\\x7F.md");
  CHECK(core::display_name("bad\xff.md") == "bad\\xFF.md");
  CHECK(core::display_name(std::string("nul\0.md", 7)) == "nul\\x00.md");
  // Overlong, surrogate, cut and too-high sequences are bytes, not characters.
  CHECK(core::display_name("\xc0\xaf") == "\\xC0\\xAF");
  CHECK(core::display_name("\xed\xa0\x80") == "\\xED\\xA0\\x80");
  CHECK(core::display_name("caf\xc3") == "caf\\xC3");
  CHECK(core::display_name("\xf4\x90\x80\x80") == "\\xF4\\x90\\x80\\x80");
  CHECK(core::needs_display_escape("x\x1b[31m.md"));
}
