#pragma once
// The first, cheap look of a search: can a note's body hold a term at all? Decided on the
// raw bytes by an ASCII case-insensitive scan, before any line is normalised and folded.

#include <string_view>

namespace mdvault::core {

/// Answers "may this body hold this term?" for the terms of a search (parse_search_terms
/// folds them). A "no" is certain; a "yes" means the body is searched line by line. The
/// answer is exact for ASCII terms in a body whose other characters never normalise or fold
/// into ASCII (emoji and most scripts: see may_become_ascii); any other body answers "yes".
class BodyPrefilter {
public:
  explicit BodyPrefilter(std::string_view body);

  [[nodiscard]] bool may_hold(std::string_view term) const;

private:
  std::string_view m_body;
  bool m_ascii = true;      ///< every byte below 0x80
  bool m_decides = true;    ///< no character that may become ASCII
};

}  // namespace mdvault::core
