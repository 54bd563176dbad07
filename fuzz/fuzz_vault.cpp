// The in-memory vault of the query and note targets.
#include "fuzz/fuzz_vault.hpp"

#include "core/file_system.hpp"

namespace mdvault::fuzz {
namespace {

core::Vault read_fuzz_vault() {
  core::MemoryFileSystem fs;
  fs.add("Fears/Abandonment.md",
         "---\nfileClass: fear\nstatus: done\ncluster: Relational\nfears: [Abandonment, Being Forgotten]\n"
         "created: 2025-07-05\nrelated: \"[[Rejection]]\"\ntags: [fear/abandonment]\naliases: [Left]\n"
         "score: 3.5\ncount: 7\nflag: true\nnested:\n  a: 1\n  b: [x, y]\n---\n"
         "# Abandonment\nBody [[Rejection]]. #attachment\nmood:: anxious\n- [ ] open task\n- [x] done task\n"
         "Due:: 2025-08-01\nspan:: 3 days\n^block1\n");
  fs.add("Fears/Rejection.md",
         "---\nstatus: todo\ncluster: Relational\nfears: [Rejection]\ncreated: 2025-06-01T10:30:00Z\n---\n"
         "## Signs\nLinks to [[Abandonment#Abandonment|the fear]] and ![[diagram.png]].\nMy Field:: 7\n");
  fs.add("Fears/Defective.md", "---\nstatus: todo\ncluster: Identity\nempty:\n---\nNo links. [md](Start.md)\n");
  fs.add("Start.md", "# Start\n[[Abandonment]] and [[Defective]] and [[Missing]]\n- [ ] task [due:: 2025-01-01]\n");
  fs.add("attachments/diagram.png", "PNG");
  core::VaultOptions options;
  options.root = "/fuzz-vault";
  options.jobs = 1;
  options.keep_body = true;
  return core::load_vault(options, fs);
}

}  // namespace

const core::Vault& fuzz_vault() {
  static const core::Vault vault = read_fuzz_vault();
  return vault;
}

const core::LinkResolver& fuzz_resolver() {
  static const core::LinkResolver resolver(fuzz_vault());
  return resolver;
}

}  // namespace mdvault::fuzz
