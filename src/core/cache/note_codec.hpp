#pragma once
// A note's facts as bytes and back: what the note cache keeps of each file (docs/cache.md).

#include <optional>
#include <string>
#include <string_view>

#include "core/note.hpp"

namespace mdvault::core::cache {

/// Bumped whenever the encoding or the meaning of a Note field changes; the cache keeps only
/// notes written with the same format.
inline constexpr int k_note_codec_format = 1;

/// Every fact read_note gives for a file, except the body text and what later steps add
/// (classes, schema findings, x-link checks): those depend on the settings, not on the file.
std::string encode_note(const Note& note);

/// The note encode_note wrote, or nothing when the bytes are not such an encoding (a damaged
/// cache): every length and count is checked against what is left.
std::optional<Note> decode_note(std::string_view bytes);

}  // namespace mdvault::core::cache
