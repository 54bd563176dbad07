#include <doctest/doctest.h>

#include <string>

#include "core/cache/note_codec.hpp"
#include "core/vault.hpp"

using namespace mdvault::core;
using mdvault::core::cache::decode_note;
using mdvault::core::cache::encode_note;

namespace {

/// A note with one of every fact the reader gives, and a frontmatter error.
Note rich_note() {
  return read_note("Styles/Secure Attachment.md",
                   "---\ntitle: Secure\ntags: [attachment/secure, \"#x\"]\naliases: [Secure Base]\n"
                   "related: \"[[Anxious#Signs|signs]]\"\nscore: 1.5e20\nnested: {a: [1, null, true]}\n---\n"
                   "# Secure *base*\nSee [[Anxious]] and [text](Other%20Note.md#part) #inline/tag\n"
                   "- [ ] call back 📅 2026-01-02\n- [x] done\nmood:: calm\n\nA paragraph ^block-1\n\n"
                   "![[picture.png]]\n");
}

}  // namespace

TEST_CASE("a note decoded from its encoding encodes to the same bytes and keeps its facts") {
  const Note note = rich_note();
  const std::string bytes = encode_note(note);
  const auto decoded = decode_note(bytes);
  REQUIRE(decoded.has_value());
  CHECK(encode_note(*decoded) == bytes);
  CHECK(decoded->path == note.path);
  CHECK(decoded->name == "Secure Attachment");
  REQUIRE(decoded->frontmatter.has_value());
  CHECK(*decoded->frontmatter == *note.frontmatter);
  CHECK(decoded->links.size() == note.links.size());
  REQUIRE(!decoded->links.empty());
  CHECK(decoded->links.front().raw == note.links.front().raw);
  CHECK(decoded->links.front().line == note.links.front().line);
  CHECK(decoded->tags.size() == note.tags.size());
  CHECK(decoded->tasks.size() == 2);
  CHECK(decoded->fields.size() == note.fields.size());
  CHECK(decoded->headings.size() == 1);
  CHECK(note.block_ids.size() == 1);
  CHECK(decoded->block_ids.size() == note.block_ids.size());
  CHECK(decoded->aliases == std::vector<std::string>{"Secure Base"});
  CHECK(decoded->body.empty());  // the body is kept apart from the facts
}

TEST_CASE("a note with a frontmatter error keeps its diagnostic through the cache") {
  const Note note = read_note("Broken.md", "---\ntitle: [\n---\nbody\n");
  REQUIRE(!note.diagnostics.empty());
  const auto decoded = decode_note(encode_note(note));
  REQUIRE(decoded.has_value());
  REQUIRE(decoded->diagnostics.size() == note.diagnostics.size());
  CHECK(decoded->diagnostics.front().message == note.diagnostics.front().message);
  CHECK(decoded->diagnostics.front().location.line == note.diagnostics.front().location.line);
  CHECK(!decoded->frontmatter.has_value());
  CHECK(decoded->has_frontmatter_block);
}

TEST_CASE("damaged encodings are refused, never read past their end") {
  const std::string bytes = encode_note(rich_note());
  // Every shorter prefix is refused (the last field is checked against what is left).
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    CHECK_FALSE(decode_note(std::string_view(bytes).substr(0, n)).has_value());
  }
  // Trailing bytes are refused too.
  CHECK_FALSE(decode_note(bytes + "x").has_value());
  // A flipped byte either decodes to some note or is refused; it never crashes (ASan checks).
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x5a);
    (void)decode_note(damaged);
  }
  CHECK_FALSE(decode_note("\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff").has_value());
}
