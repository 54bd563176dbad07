#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/vault.hpp"
#include "vault_options.hpp"

using namespace mdvault::core;
using mdvault::core::testing::vault_options;

namespace {

MemoryFileSystem sample_fs() {
  MemoryFileSystem fs;
  fs.add("Styles/Secure.md", "---\nfileClass: attachment_theory\ntitle: Secure\ntags: [attachment/secure]\n"
                             "aliases: [Secure Base Style]\n---\n# Secure\nSee [[Anxious]].\n");
  fs.add("Styles/Anxious.md", "\xEF\xBB\xBF---\r\ntitle: Anxious\r\n---\r\nLine [[Secure]]\r\n");
  fs.add("Broken.md", std::string("bad \xC3 byte\n"));
  fs.add("Nul.md", std::string("a\nb\0c\n", 6));
  fs.add("Templates/Draft.md", "---\ntitle: [\n---\n");
  fs.add(".obsidian/workspace.md", "hidden\n");
  fs.add("attachments/photo.png", "\x89PNG");
  return fs;
}

}  // namespace

TEST_CASE("vault: scanning sorts notes, skips hidden and ignored paths, keeps attachments") {
  const MemoryFileSystem fs = sample_fs();
  const Vault v = load_vault(vault_options("/vault", 2, {"Templates/**"}, {}), fs);
  REQUIRE(v.notes.size() == 4);
  CHECK(v.notes[0].path == "Broken.md");
  CHECK(v.notes[3].path == "Styles/Secure.md");
  CHECK(v.attachments == std::vector<std::string>{"attachments/photo.png"});
  CHECK(v.find("Styles/Anxious.md") == &v.notes[2]);
  CHECK(v.find("Nope.md") == nullptr);
}

TEST_CASE("vault: BOM and CRLF keep line numbers") {
  const MemoryFileSystem fs = sample_fs();
  const Vault v = load_vault(vault_options("/vault", 1, {}, {}), fs);
  const Note* anxious = v.find("Styles/Anxious.md");
  REQUIRE(anxious != nullptr);
  REQUIRE(anxious->frontmatter.has_value());
  CHECK(anxious->frontmatter->find("title")->as_string() == "Anxious");
  REQUIRE(anxious->links.size() == 1);
  CHECK(anxious->links[0].line == 4);
  CHECK(anxious->links[0].column == 6);
}

TEST_CASE("vault: a lone CR ends a line, as in CommonMark") {
  // Found by the markdown fuzzer: "\r#" put a heading on line 2 of a one-line body.
  const Note old_mac = read_note("Old.md", "---\rtitle: Old\r---\rtext\r# Heading\r[[Secure]]\r");
  REQUIRE(old_mac.frontmatter.has_value());
  CHECK(old_mac.frontmatter->find("title")->as_string() == "Old");
  REQUIRE(old_mac.headings.size() == 1);
  CHECK(old_mac.headings[0].line == 5);
  REQUIRE(old_mac.links.size() == 1);
  CHECK(old_mac.links[0].line == 6);
  CHECK(old_mac.body == "text\n# Heading\n[[Secure]]\n");
  const Note lone = read_note("Lone.md", "\r#");
  REQUIRE(lone.headings.size() == 1);
  CHECK(lone.headings[0].line == 2);
  CHECK(lone.body == "\n#");
}

TEST_CASE("vault: bad encoding and NUL bytes give one file.encoding finding with the place") {
  const MemoryFileSystem fs = sample_fs();
  const Vault v = load_vault(vault_options("/vault", 2, {}, {}), fs);
  const Note* broken = v.find("Broken.md");
  REQUIRE(broken->diagnostics.size() == 1);
  CHECK(broken->diagnostics[0].rule == "file.encoding");
  CHECK(broken->diagnostics[0].location.line == 1);
  CHECK(broken->diagnostics[0].location.column == 5);
  CHECK_FALSE(broken->readable);
  const Note* nul = v.find("Nul.md");
  REQUIRE(nul->diagnostics.size() == 1);
  CHECK(nul->diagnostics[0].location.line == 2);
  CHECK(nul->diagnostics[0].message.find("NUL") != std::string::npos);
}

TEST_CASE("vault: frontmatter tags, aliases and classes by fileClass or rule") {
  const MemoryFileSystem fs = sample_fs();
  const Vault v = load_vault(vault_options("/vault", 2, {}, {{"Styles/**", "", "style"}}), fs);
  const Note* secure = v.find("Styles/Secure.md");
  CHECK(secure->aliases == std::vector<std::string>{"Secure Base Style"});
  CHECK(secure->classes == std::vector<std::string>{"attachment_theory"});
  CHECK(has_tag(*secure, "#attachment"));
  CHECK(has_tag(*secure, "Attachment/Secure"));
  CHECK_FALSE(has_tag(*secure, "attach"));
  CHECK(v.find("Styles/Anxious.md")->classes == std::vector<std::string>{"style"});
}

TEST_CASE("vault: the result is the same at any number of jobs") {
  MemoryFileSystem fs;
  for (int i = 0; i < 200; ++i) {
    fs.add("n/" + std::to_string(i) + ".md", "---\nid: " + std::to_string(i) + "\n---\n[[" + std::to_string(i + 1) + "]]\n");
  }
  const Vault one = load_vault(vault_options("/v", 1, {}, {}), fs);
  const Vault four = load_vault(vault_options("/v", 4, {}, {}), fs);
  REQUIRE(one.notes.size() == four.notes.size());
  for (std::size_t i = 0; i < one.notes.size(); ++i) {
    CHECK(one.notes[i].path == four.notes[i].path);
    CHECK(one.notes[i].links.size() == four.notes[i].links.size());
  }
}

TEST_CASE("vault: a note over 16 MiB is skipped with file.too-large") {
  MemoryFileSystem fs;
  fs.add("Huge.md", std::string(k_max_note_bytes + 1, 'a'));
  fs.add("Small.md", "ok\n");
  const Vault v = load_vault(vault_options("/v", 2, {}, {}), fs);
  REQUIRE(v.notes.size() == 2);
  REQUIRE(v.notes[0].diagnostics.size() == 1);
  CHECK(v.notes[0].diagnostics[0].rule == "file.too-large");
  CHECK(v.notes[1].diagnostics.empty());
}

TEST_CASE("vault: aliases as Dataview reads them, tags from a string") {
  const Note list = read_note("A.md",
                              "---\naliases:\n  - First Alias\n  - \"Smith, John\"\n  - ' First Alias '\n  - \n"
                              "Alias: Extra\ntags: \"one, two three #four\"\n---\n");
  CHECK(list.aliases == std::vector<std::string>{"First Alias", "Smith, John", "Extra"});
  std::vector<std::string> tags;
  for (const auto& tag : list.tags) {
    tags.push_back(tag.name);
    CHECK(tag.from_frontmatter);
  }
  CHECK(tags == std::vector<std::string>{"one", "two", "three", "four"});
  const Note string = read_note("B.md", "---\nalias: One, Two ,One\ntag: solo\n---\n");
  CHECK(string.aliases == std::vector<std::string>{"One", "Two"});
  REQUIRE(string.tags.size() == 1);
  CHECK(string.tags[0].name == "solo");
  CHECK(string.tags[0].line == 3);
}

namespace {

// A vault on disk in a temporary folder, with a sibling folder outside it; removed at the end.
struct DiskVault {
  std::filesystem::path top;
  std::filesystem::path root;
  DiskVault() {
    top = std::filesystem::temp_directory_path() /
          ("mdvault_vault_test_" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    root = top / "vault";
    std::filesystem::create_directories(root / "sub");
    std::filesystem::create_directories(top / "outside");
  }
  ~DiskVault() {
    std::error_code ec;
    std::filesystem::remove_all(top, ec);
  }
  DiskVault(const DiskVault&) = delete;
  DiskVault& operator=(const DiskVault&) = delete;
  void write(const std::filesystem::path& path, const std::string& text) const { std::ofstream(path) << text; }
};

const Diagnostic* diagnostic_at(const Vault& v, const std::string& path) {
  const auto it = std::find_if(v.diagnostics.begin(), v.diagnostics.end(),
                               [&path](const Diagnostic& d) { return d.location.path == path; });
  return it == v.diagnostics.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("vault: a symbolic link is followed only inside the vault; special files are never opened") {
  const DiskVault dv;
  dv.write(dv.root / "Inside.md", "inside\n");
  dv.write(dv.top / "outside" / "Secret.md", "secret [[x]]\n");
  namespace fs = std::filesystem;
  fs::create_symlink(dv.root / "Inside.md", dv.root / "Alias.md");             // inside: read
  fs::create_symlink(dv.top / "outside" / "Secret.md", dv.root / "Leak.md");   // outside: refused
  fs::create_symlink("../../outside/Secret.md", dv.root / "sub" / "Rel.md");  // outside by ..: refused
  fs::create_directory_symlink(dv.top / "outside", dv.root / "Out");          // a folder outside
  fs::create_symlink(dv.root / "Missing.md", dv.root / "Dangling.md");
  REQUIRE(::mkfifo((dv.root / "Pipe.md").c_str(), 0600) == 0);
  fs::create_symlink(dv.root / "Pipe.md", dv.root / "ToPipe.md");
  fs::create_symlink("/dev/zero", dv.root / "Zero.md");  // outside and a device

  const DiskFileSystem disk;
  const auto started = std::chrono::steady_clock::now();
  const Vault v = load_vault(vault_options(dv.root.string(), 2), disk);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));  // nothing blocks on the FIFO
  std::vector<std::string> paths;
  for (const Note& n : v.notes) paths.push_back(n.path);
  CHECK(paths == std::vector<std::string>{"Alias.md", "Inside.md"});
  for (const std::string p : {"Leak.md", "sub/Rel.md", "Out", "Zero.md"}) {
    const Diagnostic* d = diagnostic_at(v, p);
    REQUIRE_MESSAGE(d != nullptr, p);
    CHECK(d->rule == "file.outside-vault");
    CHECK(d->message.find("outside the vault, so it is not read") != std::string::npos);
  }
  const Diagnostic* pipe = diagnostic_at(v, "Pipe.md");
  REQUIRE(pipe != nullptr);
  CHECK(pipe->rule == "file.special");
  CHECK(pipe->message == "Pipe.md is a FIFO (named pipe), not a regular file, so it is not read");
  const Diagnostic* to_pipe = diagnostic_at(v, "ToPipe.md");
  REQUIRE(to_pipe != nullptr);
  CHECK(to_pipe->rule == "file.special");
  CHECK(to_pipe->message.starts_with("ToPipe.md is a symbolic link to a FIFO"));
  const Diagnostic* dangling = diagnostic_at(v, "Dangling.md");
  REQUIRE(dangling != nullptr);
  CHECK(dangling->rule == "file.unreadable");

  // Reading by path refuses the same files, even when asked directly (a file swapped after the walk).
  CHECK(disk.read(dv.root.string(), "Alias.md", 1000).bytes == "inside\n");
  const ReadResult leak = disk.read(dv.root.string(), "Leak.md", 1000);
  CHECK_FALSE(leak.ok);
  CHECK(leak.rule == "file.outside-vault");
  CHECK(leak.bytes.empty());
  const ReadResult fifo = disk.read(dv.root.string(), "Pipe.md", 1000);
  CHECK_FALSE(fifo.ok);
  CHECK(fifo.rule == "file.special");
  CHECK(disk.read(dv.root.string(), "ToPipe.md", 1000).rule == "file.special");
  CHECK(read_regular_file("/dev/null", 1000).rule == "file.special");

  // An ignored path gives no finding.
  const Vault ignored = load_vault(vault_options(dv.root.string(), 1, {"Leak.md"}), disk);
  CHECK(diagnostic_at(ignored, "Leak.md") == nullptr);
}
