#pragma once
// What Dataview reads from a task's text beyond its status: the tags in it (extractTags), the
// fields written in it (`[key:: value]`, `(key:: value)`, and the emoji shorthands of the
// Tasks plugin: ➕ created, 🛫 start, ⏳ scheduled, 📅 due, ✅ completion), and the task object
// a query sees (file.tasks, TASK rows).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/note.hpp"
#include "core/query/dql_value.hpp"

namespace mdvault::core::query {

/// The tags of a task's text in the order written, each once, with '#' (Dataview's extractTags:
/// `#` and the characters up to white space or `,;.:!?'"`()[]{}`, when that is a whole tag).
std::vector<std::string> task_tags(std::string_view text);

/// One field of a task's text: its key as written and its raw value.
struct TaskField {
  std::string key;
  std::string value;
};

/// The fields of a task's text, in the order they start (Dataview's extractInlineFields with
/// task fields: bracketed fields with nesting and escapes, then the first of each emoji
/// shorthand; a field inside another is dropped).
std::vector<TaskField> task_fields(std::string_view text);

/// The task object of `task` in `note`, Dataview's members in its order: text, tags, line (0-based,
/// as Obsidian counts), path,
/// link, section, task, annotated, the task's fields, status, checked, completed,
/// fullyCompleted, and created/due/completion/start/scheduled when its fields give them.
DqlValue task_object(const Note& note, const Task& task);

/// "- [x] text", the line a task shows as.
std::string task_markdown(const Task& task);

}  // namespace mdvault::core::query
