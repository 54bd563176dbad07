#include <doctest/doctest.h>

#include <algorithm>

#include "core/link_resolver.hpp"

using namespace mdvault::core;

namespace {

Note make_note(const std::string& path, std::vector<std::string> headings = {},
               std::vector<std::string> aliases = {}) {
  Note n;
  n.path = path;
  const auto slash = path.rfind('/');
  n.name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  n.name.resize(n.name.size() - 3);
  for (auto& h : headings) {
    n.headings.push_back({2, std::move(h), 1});
  }
  n.aliases = std::move(aliases);
  return n;
}

Vault make_vault() {
  Vault v;
  v.notes.push_back(make_note("Core Fears/Abandonment.md", {"What It Helps Explain", "How large can it be?"}));
  v.notes.push_back(make_note("Notes/Repair.md"));
  v.notes.push_back(make_note("Repair.md"));
  v.notes.push_back(make_note("Sessions/2025/Repair.md"));
  v.notes.push_back(make_note("Styles/Secure Attachment.md", {"hasTag()"}, {"Secure Base Style"}));
  v.notes.push_back(make_note("Styles/Sub/Caf\xC3\xA9.md"));
  v.notes.back().block_ids.push_back({"rupture-repair", 3});
  v.attachments = {"attachments/secure-base.png"};
  return v;
}

Link link_to(const std::string& target, const std::string& subpath = "") {
  Link l;
  l.target = target;
  l.subpath = subpath;
  l.raw = "[[" + target + "]]";
  return l;
}

}  // namespace

TEST_CASE("resolver: case-insensitive names, .md optional, NFD matches NFC") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  const Note& src = v.notes[0];
  CHECK(r.resolve(src, link_to("secure attachment")).note == &v.notes[4]);
  CHECK(r.resolve(src, link_to("Secure Attachment.md")).note == &v.notes[4]);
  CHECK(r.resolve(src, link_to("CAFE\xCC\x81")).note == &v.notes[5]);
  CHECK_FALSE(r.resolve(src, link_to("Nowhere")).is_resolved());
}

TEST_CASE("resolver: tie-break exact path, same folder, shortest, and ambiguity is reported") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  // From the root the note at the root is the exact vault path.
  const Resolution root = r.resolve(v.notes[4], link_to("Repair"));
  CHECK(root.note == &v.notes[2]);
  CHECK(root.is_ambiguous());
  CHECK(root.candidates.size() == 3);
  // From Notes/ the one in the same folder wins... but the exact path still comes first.
  CHECK(r.resolve(v.notes[1], link_to("Repair")).note == &v.notes[2]);
  // A path suffix narrows the candidates.
  const Resolution sessions = r.resolve(v.notes[0], link_to("2025/Repair"));
  CHECK(sessions.note == &v.notes[3]);
  CHECK_FALSE(sessions.is_ambiguous());
}

TEST_CASE("resolver: relative paths stay inside the vault") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  CHECK(r.resolve(v.notes[5], link_to("../Secure Attachment")).note == &v.notes[4]);
  CHECK(r.resolve(v.notes[4], link_to("./Sub/Caf\xC3\xA9.md")).note == &v.notes[5]);
  CHECK_FALSE(r.resolve(v.notes[4], link_to("../../../../etc/passwd")).is_resolved());
}

TEST_CASE("resolver: attachments, aliases, headings and blocks") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  const Note& src = v.notes[0];
  CHECK(r.resolve(src, link_to("secure-base.png")).attachment == "attachments/secure-base.png");
  const Resolution alias = r.resolve(src, link_to("Secure Base Style"));
  CHECK_FALSE(alias.is_resolved());
  CHECK(alias.alias_of == "Styles/Secure Attachment.md");
  CHECK_FALSE(r.resolve(src, link_to("Abandonment", "How large can it be")).subpath_missing);
  CHECK_FALSE(r.resolve(src, link_to("Secure Attachment", "hasTag")).subpath_missing);
  CHECK(r.resolve(src, link_to("Abandonment", "Nope")).subpath_missing);
  CHECK_FALSE(r.resolve(src, link_to("", "what it helps explain")).subpath_missing);
  CHECK_FALSE(r.resolve(src, link_to("Café", "^rupture-repair")).subpath_missing);
  CHECK(r.resolve(src, link_to("Café", "^nope")).subpath_missing);
  CHECK(LinkResolver::has_heading(v.notes[4], "Note#hasTag"));
  CHECK_FALSE(LinkResolver::has_heading(v.notes[4], "hasTags"));
}

TEST_CASE("resolver: command-line NOTE arguments") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  CHECK(r.find_note("Styles/Secure Attachment.md") == &v.notes[4]);
  CHECK(r.find_note("Styles/Secure Attachment") == &v.notes[4]);
  CHECK(r.find_note("secure attachment") == &v.notes[4]);
  CHECK(r.find_note("nothing") == nullptr);
  // An empty or blank argument points into "the note it is written in", which is none: it once
  // returned the address of a local (found by fuzz/dql_expression through the query [[]].x).
  CHECK(r.find_note("") == nullptr);
  CHECK(r.find_note(" \t") == nullptr);
}

TEST_CASE("resolver: names with dots, leading slash, case twins, attachments by path") {
  Vault v;
  v.notes.push_back(make_note("Dr. Smith.md"));
  v.notes.push_back(make_note("Notes/anxiety.md"));
  v.notes.push_back(make_note("Notes/Anxiety.md"));
  v.notes.push_back(make_note("Styles/Secure.md", {"Signs"}));
  v.notes.back().block_ids.push_back({"b1", 4});
  std::sort(v.notes.begin(), v.notes.end(), [](const Note& a, const Note& b) { return a.path < b.path; });
  v.attachments = {"a/photo.png", "b/photo.png", "img/photo.png.md.bak"};
  const LinkResolver r(v);
  const Note& root = v.notes[0];
  const auto path_of = [&](const std::string& target, const std::string& sub = "") {
    const Resolution res = r.resolve(root, link_to(target, sub));
    return res.note != nullptr ? res.note->path : res.attachment;
  };
  // A dot in a note name is no file extension.
  CHECK(path_of("Dr. Smith") == "Dr. Smith.md");
  CHECK(path_of("dr. smith.MD") == "Dr. Smith.md");
  CHECK(path_of("Secure.md", "Signs") == "Styles/Secure.md");
  CHECK_FALSE(r.resolve(root, link_to("Secure.md", "Nope")).note == nullptr);
  CHECK(r.resolve(root, link_to("Secure.md", "Nope")).subpath_missing);
  // The last part of "A#^b" is the block.
  CHECK_FALSE(r.resolve(root, link_to("Secure", "Signs#^b1")).subpath_missing);
  // Two notes differing only by case: ambiguous; the exact case wins, else path order.
  const Resolution lower = r.resolve(root, link_to("Notes/anxiety"));
  CHECK(lower.note->path == "Notes/anxiety.md");
  CHECK(lower.is_ambiguous());
  CHECK(r.resolve(root, link_to("Notes/Anxiety")).note->path == "Notes/Anxiety.md");
  CHECK(r.resolve(root, link_to("ANXIETY")).note->path == "Notes/Anxiety.md");
  CHECK(r.resolve(root, link_to("anxiety")).note->path == "Notes/anxiety.md");
  CHECK(r.resolve(v.notes[1], link_to("./anxiety.md")).note->path == "Notes/anxiety.md");
  // A leading '/' is the vault root.
  CHECK(path_of("/Styles/Secure") == "Styles/Secure.md");
  CHECK(path_of("/Secure").empty());
  CHECK(path_of("/../etc/passwd").empty());
  // Attachments by path suffix, by name, and the shortest / path-order tie-break.
  CHECK(path_of("b/photo.png") == "b/photo.png");
  CHECK(path_of("photo.png") == "a/photo.png");
  CHECK(path_of("PHOTO.PNG") == "a/photo.png");
  CHECK(path_of("c/photo.png").empty());
  // Folders and empty names open nothing.
  CHECK(path_of("Styles/").empty());
  CHECK(path_of("Styles").empty());
  CHECK(path_of("../../../../etc/passwd").empty());
  CHECK(path_of("./../x").empty());
}

TEST_CASE("resolver: match_note for a NOTE argument: aliases, and every note that shares the name") {
  const Vault v = make_vault();
  const LinkResolver r(v);
  const NoteMatch alias = r.match_note("secure base style");
  CHECK(alias.note == &v.notes[4]);
  CHECK(alias.by_alias);
  const NoteMatch shared = r.match_note("Repair");
  CHECK(shared.note == &v.notes[2]);
  CHECK_FALSE(shared.by_alias);
  CHECK(shared.candidates == std::vector<std::string>{"Notes/Repair.md", "Repair.md", "Sessions/2025/Repair.md"});
  const NoteMatch by_path = r.match_note("Sessions/2025/Repair");
  CHECK(by_path.note == &v.notes[3]);
  CHECK(by_path.candidates.empty());
  CHECK(r.match_note("Nowhere").note == nullptr);
  CHECK(r.match_note("").note == nullptr);
}

TEST_CASE("resolver: many notes of one name, read out of path order") {
  Vault v;
  // Folders in reverse order, so the vault's order is not the paths' order.
  for (int i = 299; i >= 0; --i) {
    v.notes.push_back(make_note("f" + std::to_string(i) + "/index.md"));
  }
  v.notes.push_back(make_note("deep/er/index.md"));
  v.notes.push_back(make_note("f7/Index.md"));
  const LinkResolver resolver(v);
  const Note& source = v.notes[10];  // f289/index.md
  const Resolution here = resolver.resolve(source, link_to("index"));
  REQUIRE(here.note != nullptr);
  CHECK(here.note->path == "f289/index.md");  // the source's folder first
  CHECK(here.candidates.size() == 302);
  CHECK(std::is_sorted(here.candidates.begin(), here.candidates.end()));
  const Resolution shortest = resolver.resolve(v.notes[300], link_to("index"));  // from deep/er
  REQUIRE(shortest.note != nullptr);
  CHECK(shortest.note->path == "deep/er/index.md");  // its own folder
  const Resolution other = resolver.resolve(v.notes[301], link_to("Index"));  // from f7/Index.md
  REQUIRE(other.note != nullptr);
  CHECK(other.note->path == "f7/Index.md");  // same folder, then the case written
  const Resolution suffix = resolver.resolve(source, link_to("er/index"));
  REQUIRE(suffix.note != nullptr);
  CHECK(suffix.note->path == "deep/er/index.md");
  CHECK(suffix.candidates.empty());
  const Resolution outside = resolver.resolve(make_note("top.md"), link_to("index"));
  REQUIRE(outside.note != nullptr);
  CHECK(outside.note->path == "f0/index.md");  // the shortest path, then the first by path
}
