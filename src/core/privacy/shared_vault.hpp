#pragma once
// The vault as a privacy policy lets it be shared (docs/privacy.md): private notes gone,
// links to them reduced to their text, omitted fields, comments and encrypted blocks taken
// out, names replaced by pseudonyms in every value, text and path, and, on request, dates
// reduced to their year. Every command that shares reads this vault instead of the owner's,
// so nothing it prints can hold what the policy withholds.

#include <string>
#include <string_view>

#include "core/link_resolver.hpp"
#include "core/privacy/name_matcher.hpp"
#include "core/privacy/privacy_policy.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/vault.hpp"

namespace mdvault::core::privacy {

/// What stands in a shared text where a link to a withheld note was, when it has no text of its own.
inline constexpr std::string_view k_withheld_link = "[withheld]";

struct ShareOptions {
  bool dates_year = false;  ///< every date and date-time to its year, file times to 1 January
  bool keep_body = true;    ///< keep the shared notes' text (Note::body)
  unsigned jobs = 0;        ///< 0: all cores
};

/// True when an attachment is never shared: a Meld Encrypt file (.mdenc) or one under a private folder.
bool is_withheld_attachment(std::string_view path, const PrivacyPolicy& policy);

/// The vault as shared. `vault` must have been read with its bodies; `resolver` is its own;
/// `names` holds each name with its pseudonym. Notes come out sorted by their new paths. The
/// notes the policy leaves as they are are moved out of `vault`, which is left for destruction
/// (as is `resolver`).
Vault share_vault(Vault& vault, const LinkResolver& resolver, const PrivacyPolicy& policy,
                  const PrivateNotes& private_notes, const NameMatcher& names, const ShareOptions& options);

}  // namespace mdvault::core::privacy
