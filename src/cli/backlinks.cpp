#include "cli/backlinks.hpp"

namespace mdvault::cli {

std::vector<Backlink> find_backlinks(const core::Vault& vault, const core::LinkResolver& resolver,
                                     const core::Note& target) {
  std::vector<Backlink> found;
  for (const auto& note : vault.notes) {  // notes are sorted by path, links in file order
    if (&note == &target) continue;
    for (const auto& link : note.links) {
      const auto resolution = resolver.resolve(note, link);
      if (resolution.note != nullptr && resolution.note->path == target.path) found.push_back({&note, &link});
    }
  }
  return found;
}

}  // namespace mdvault::cli
