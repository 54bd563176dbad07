// Dataview's task members: tags and fields read from a task's text, dates from the emoji shorthands.

#include <doctest/doctest.h>

#include <string>

#include "core/query/task_data.hpp"

namespace q = mdvault::core::query;

namespace {

std::string joined_tags(const std::string& text) {
  std::string out;
  for (const auto& tag : q::task_tags(text)) out += (out.empty() ? "" : " ") + tag;
  return out;
}

std::string joined_fields(const std::string& text) {
  std::string out;
  for (const auto& f : q::task_fields(text)) out += (out.empty() ? "" : "; ") + f.key + "=" + f.value;
  return out;
}

const q::DqlValue* member(const q::DqlValue& task, const std::string& key) { return task.find(key); }

}  // namespace

TEST_CASE("task tags: Dataview's extractTags, in the order written, each once") {
  CHECK(joined_tags("and text #hello") == "#hello");
  CHECK(joined_tags("#and/thing text #hello") == "#and/thing #hello");
  CHECK(joined_tags("#one,#two, #three") == "#one #two #three");
  CHECK(joined_tags("#one;;;#two; #three") == "#one #two #three");
  CHECK(joined_tags("[#one]]#two;;#four()() #three") == "#one #two #four #three");
  CHECK(joined_tags("#a #a #b") == "#a #b");
  CHECK(joined_tags("hello") == "");
  CHECK(joined_tags("# heading #") == "");      // a lone '#' is no tag
  CHECK(joined_tags("#a&b #c") == "#c");        // not a whole tag: dropped, as Dataview does
  CHECK(joined_tags("#ünïcödé/深い") == "#ünïcödé/深い");
}

TEST_CASE("task fields: bracketed fields and the emoji shorthands") {
  CHECK(joined_fields("testTask 🗓️2022-07-14") == "due=2022-07-14");
  CHECK(joined_fields("testTask 🗓2022-07-14") == "due=2022-07-14");
  CHECK(joined_fields("x 📅 2022-07-14 ➕2022-07-01 🛫2022-07-02 ⏳2022-07-03 ✅ 2022-07-20") ==
        "due=2022-07-14; created=2022-07-01; start=2022-07-02; scheduled=2022-07-03; completion=2022-07-20");
  CHECK(joined_fields("do [due:: 2022-01-01] and (owner:: [[Bob]])") == "due=2022-01-01; owner=[[Bob]]");
  CHECK(joined_fields("[a:: [nested] text] after") == "a=[nested] text");
  CHECK(joined_fields("[a:: \\] escaped]") == "a=\\] escaped");
  CHECK(joined_fields("[a:: never closed") == "");
  CHECK(joined_fields("[k(x):: v]") == "");  // brackets are not allowed in keys
  CHECK(joined_fields("📅 not a date") == "");
  CHECK(joined_fields("") == "");
}

TEST_CASE("task object: Dataview's members, with dates from fields") {
  mdvault::core::Note note;
  note.path = "Folder/Note.md";
  note.headings.push_back({2, "Plans", 3});
  mdvault::core::Task task;
  task.status = "x";
  task.text = "ship it #work [due:: 2022-07-14] ✅ 2022-07-20 [status:: mine]";
  task.line = 5;
  const q::DqlValue t = q::task_object(note, task);
  REQUIRE(t.is_object());
  CHECK(member(t, "due")->is_date());
  CHECK(q::iso_date(member(t, "due")->as_date()) == "2022-07-14");
  CHECK(q::iso_date(member(t, "completion")->as_date()) == "2022-07-20");
  CHECK(member(t, "created") == nullptr);
  CHECK(member(t, "status")->as_string() == "x");  // the task's status wins over a field
  CHECK(member(t, "completed")->as_bool());
  CHECK(member(t, "annotated")->as_bool());
  CHECK(q::to_dataview_string(*member(t, "tags")) == "#work");
  CHECK(member(t, "section")->as_link().subpath == std::optional<std::string>("Plans"));
  CHECK(member(t, "path")->as_string() == "Folder/Note.md");
  CHECK(member(t, "line")->as_number() == 4);  // file line 5, counted from 0 as Obsidian does

  mdvault::core::Task plain;
  plain.status = " ";
  plain.text = "hello";
  plain.line = 1;
  const q::DqlValue p = q::task_object(note, plain);
  CHECK(member(p, "tags")->as_list().empty());
  CHECK_FALSE(member(p, "annotated")->as_bool());
  CHECK_FALSE(member(p, "checked")->as_bool());
  CHECK(member(p, "due") == nullptr);
  CHECK(member(p, "section")->as_link().type == q::Link::Type::file);  // above every heading
  CHECK(q::task_markdown(plain) == "- [ ] hello");
}
