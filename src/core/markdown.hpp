#pragma once
// Facts of a note body, read with cmark-gfm (only the markdown*.cpp files include it):
// headings, block ids, links, embeds, tags, tasks and inline fields.

#include <string_view>

#include "core/note.hpp"

namespace mdvault::core {

/// Fills headings, block_ids, links (body kinds), tags, tasks and fields of `note` from
/// `body`, whose first line is file line `first_line`. Nothing inside code spans, code
/// blocks, HTML, math or `%% comments %%` counts. Linear in the body size; never throws.
void parse_body(std::string_view body, int first_line, Note& note);

}  // namespace mdvault::core
