// Fuzz target: the note cache's codec (core/cache/note_codec). The first byte picks the mode:
// 0 reads the rest as a note and sends its facts through the codec, which must give them back
// as they were; any other value hands the rest to decode_note as a damaged cache entry, which
// must be refused or decode to a note that encodes again to the same bytes.
#include <string>

#include "core/cache/note_codec.hpp"
#include "core/vault.hpp"

#include "fuzz/fuzz_targets.hpp"

namespace mdvault::fuzz {

int fuzz_note_codec(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = as_text(data + 1, size - 1);
  if (data[0] == 0) {
    const core::Note note = core::read_note("Fuzz/Note.md", std::string(rest));
    const std::string bytes = core::cache::encode_note(note);
    const auto decoded = core::cache::decode_note(bytes);
    fuzz_check(decoded.has_value(), "decode_note refused what encode_note wrote");
    fuzz_check(core::cache::encode_note(*decoded) == bytes, "a note through the codec came back different");
    fuzz_check(decoded->links.size() == note.links.size() && decoded->diagnostics.size() == note.diagnostics.size(),
               "a note through the codec lost links or findings");
    return 0;
  }
  if (const auto decoded = core::cache::decode_note(rest)) {
    const std::string bytes = core::cache::encode_note(*decoded);
    const auto again = core::cache::decode_note(bytes);
    fuzz_check(again.has_value() && core::cache::encode_note(*again) == bytes,
               "a decoded cache entry does not survive a second trip through the codec");
  }
  return 0;
}

}  // namespace mdvault::fuzz
