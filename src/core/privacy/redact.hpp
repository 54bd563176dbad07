#pragma once
// Taking out of a note's text what sharing withholds (docs/privacy.md): `%% comments %%`,
// Meld Encrypt blocks, inline fields the policy omits, and, on request, every date but its
// year. Line breaks are kept, so every line keeps its number.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/privacy/field_set.hpp"

namespace mdvault::core::privacy {

/// What stands in the text where an encrypted block was.
inline constexpr std::string_view k_encrypted_marker = "[encrypted text withheld]";

struct RedactOptions {
  const FieldSet* omit = nullptr;  ///< inline fields to remove (key and value)
  bool dates_year = false;         ///< reduce every ISO date and date-time to its year
};

/// `text` without what `options` withholds; nothing when there was nothing to take out.
/// Comments go even inside code (better too much than too little); an unclosed `%%` hides
/// the rest of the text, as in Obsidian.
std::optional<std::string> redact_text(std::string_view text, const RedactOptions& options);

/// The year of an ISO date, month or date-time ("2025-03-04", "2025-03", "2025-03-04T10:00Z");
/// nothing when `text` (trimmed) is not one.
std::optional<std::string> date_year(std::string_view text);

/// `text` with every ISO date and date-time in it reduced to its year; nothing when it has none.
std::optional<std::string> reduce_dates(std::string_view text);

/// `text` with `edit` applied to each line (without its '\n'); nothing when no line changed.
std::optional<std::string> edit_lines(std::string_view text,
                                      const std::function<std::optional<std::string>(std::string_view)>& edit);

/// True when `text` holds a Meld Encrypt block (`%%🔐 ... 🔐%%`).
bool has_encrypted_block(std::string_view text);

}  // namespace mdvault::core::privacy
