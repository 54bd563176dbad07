#pragma once
// `mdvault privacy check`: looking through files that are about to be shared for what the
// privacy policy withholds (docs/privacy.md), so a CI job can stop a leak before it leaves.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/link_resolver.hpp"
#include "core/privacy/names.hpp"
#include "core/privacy/privacy_policy.hpp"
#include "core/privacy/private_notes.hpp"
#include "core/vault.hpp"

namespace mdvault::core::privacy {

/// One string that must not appear in a shared file, and why.
struct WithheldText {
  std::string text;
  std::string why;  ///< "the path of a private note", "a name to pseudonymize", ...
  bool any_case = true;  ///< false: matched with its case (a one-word title such as "Plan")
};

/// Everything the policy withholds: private notes' paths (with and without ".md"), names,
/// titles and aliases; values of omitted fields; names to pseudonymize.
std::vector<WithheldText> withheld_texts(const Vault& vault, const PrivacyPolicy& policy,
                                         const PrivateNotes& private_notes, const std::vector<NameGroup>& names);

/// One place a withheld text was found.
struct CheckHit {
  std::size_t offset = 0;  ///< byte offset in the file
  int line = 0;            ///< 1-based line and column (code points) for text files; 0 for others
  int column = 0;
  std::size_t withheld = 0;  ///< index into the withheld list
};

/// The hits in one file's bytes. Valid UTF-8 is searched as text (whole words, any case,
/// spaces or line breaks between words); anything else, such as a SQLite database with its
/// free pages, byte by byte (ASCII case folded), so strings run together still match.
std::vector<CheckHit> find_withheld(std::string_view bytes, const std::vector<WithheldText>& withheld);

}  // namespace mdvault::core::privacy
