#pragma once
// A file name as every output shows it: valid UTF-8 with no control character, so a name
// cannot break a JSON document or forge a line of text output (docs/cli.md, "File names").

#include <string>
#include <string_view>

namespace mdvault::core {

/// `name` with each byte that is a control character (U+0000 to U+001F, U+007F) or not part
/// of valid UTF-8 written as `\xHH` (two upper-case hex digits); every other byte as it is.
/// Names that need no escape come back unchanged.
std::string display_name(std::string_view name);

/// True when display_name would change `name`.
bool needs_display_escape(std::string_view name);

}  // namespace mdvault::core
