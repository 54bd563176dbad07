#pragma once
// Finding names in text as whole words, case-insensitively and Unicode-aware, so that each
// can be replaced by its pseudonym (docs/privacy.md): "Jane Doe" matches "jane  doe",
// "Jane\nDoe", "Jane_Doe" and "Jane-Doe", never "Janet Doe" or "Jane Doerr". Linear in the
// text: one hash look-up per word of the text.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mdvault::core::privacy {

/// A set of names, each with the text that replaces it.
class NameMatcher {
public:
  /// One place a name stands in a text: bytes [begin, end), and which name.
  struct Match {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::size_t name = 0;
  };

  /// Adds `name` (a name equal to one already added after NFC and case folding is that
  /// one: the first replacement stays). A name without a letter or digit is ignored. A name
  /// of several words is also found written as one ("JaneDoe").
  void add(std::string_view name, std::string replacement);

  [[nodiscard]] bool empty() const { return m_names.empty(); }
  [[nodiscard]] std::size_t size() const { return m_names.size(); }
  /// The name as first added.
  [[nodiscard]] const std::string& name(std::size_t index) const { return m_names[index].original; }
  [[nodiscard]] const std::string& replacement(std::size_t index) const { return m_names[index].replacement; }

  /// Every match in `text`, left to right, the longest name at each place; matches do not overlap.
  [[nodiscard]] std::vector<Match> find_all(std::string_view text) const;
  /// `text` with every match replaced; nothing when no name occurs. A match written without
  /// spaces ("Jane_Doe", "JaneDoe", or a name inside a #tag, or anywhere with `in_tags`) gets
  /// its pseudonym in the same style ("Client_1", "Client1"), so a tag stays one tag.
  [[nodiscard]] std::optional<std::string> replace(std::string_view text, bool in_tags = false) const;

private:
  /// A name cut into words and what stands between them.
  struct Name {
    std::string original;
    std::string replacement;
    std::vector<std::string> words;      ///< folded runs of letters and digits
    std::vector<std::string> separators;  ///< between words: "" for spaces, '_' or '-', else the folded text
    bool joined = false;                  ///< the words of another name written as one ("janedoe")
  };
  /// A word after the first word of a match being tried, and the gap before it.
  struct FollowingWord {
    std::size_t gap_begin = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string folded;
  };
  /// The end of `name` matched at the first word, which ends at `first_end`, or nothing;
  /// `following` caches the words after it for the other names tried at the same place.
  [[nodiscard]] std::optional<std::size_t> match_at(const Name& name, std::string_view text, std::size_t first_end,
                                                    std::vector<FollowingWord>& following) const;

  /// The pseudonym of `match` in the style the name was written in.
  [[nodiscard]] std::string styled_replacement(std::string_view text, const Match& match, bool in_tags) const;

  std::vector<Name> m_names;
  std::unordered_map<std::string, std::size_t> m_by_key;                 ///< whole folded name
  std::unordered_map<std::string, std::vector<std::size_t>> m_by_first;  ///< first word: names, longest first
  std::array<bool, 256> m_first_bytes{};  ///< first bytes of first words, a quick filter
};

}  // namespace mdvault::core::privacy
