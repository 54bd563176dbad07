// The tool table: names, descriptions and the JSON Schemas of each tool's arguments and
// structured result (JSON Schema 2020-12, the MCP default dialect).

#include <algorithm>

#include "core/json_value.hpp"
#include "core/mcp/tools.hpp"

namespace mdvault::core::mcp {

namespace {

/// Pieces the schemas share.
constexpr const char* k_cursor =
    R"("cursor": {"type": "string", "description": "The next_cursor of the previous page; leave out for the first page"})";
constexpr const char* k_next =
    R"("next_cursor": {"type": ["string", "null"], "description": "Pass as cursor for the next page; null on the last page"})";
constexpr const char* k_link = R"({"type": "object", "properties": {
  "target": {"type": "string"}, "subpath": {"type": ["string", "null"]}, "display": {"type": ["string", "null"]},
  "kind": {"type": "string"}, "field": {"type": ["string", "null"]}, "line": {"type": "integer"},
  "resolved": {"type": ["string", "null"], "description": "The vault path the link opens; null when broken"}},
  "required": ["target", "kind", "line", "resolved"]})";
constexpr const char* k_backlink = R"({"type": "object", "properties": {
  "source": {"type": "string"}, "line": {"type": "integer"}, "kind": {"type": "string"}, "field": {"type": ["string", "null"]}},
  "required": ["source", "line"]})";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

Value schema(std::string text) {
  text = replace_all(std::move(text), "@CURSOR@", k_cursor);
  text = replace_all(std::move(text), "@NEXT@", k_next);
  text = replace_all(std::move(text), "@LINK@", k_link);
  text = replace_all(std::move(text), "@BACKLINK@", k_backlink);
  std::string error;
  auto value = parse_json(text, &error);
  return value ? *value : Value::make_map({});  // the texts below are tested to parse
}

std::vector<Tool> make_table() {
  std::vector<Tool> tools;
  tools.push_back({"search", "Search the notes",
                   "Finds notes that hold every word or \"quoted phrase\" (case-insensitive, frontmatter values "
                   "too). Returns each matching line: path, line, column and a snippet. Paged.",
                   schema(R"({"type": "object", "properties": {
                     "query": {"type": "string", "description": "Words and \"phrases in double quotes\"; a note must hold all of them"},
                     "folder": {"type": "string", "description": "Only notes under this vault folder"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}, @CURSOR@},
                     "required": ["query"], "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "terms": {"type": "array", "items": {"type": "string"}},
                     "notes": {"type": "integer", "description": "Notes that match"},
                     "total": {"type": "integer", "description": "Matching lines in all pages"},
                     "hits": {"type": "array", "items": {"type": "object", "properties": {
                       "path": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"},
                       "snippet": {"type": "string"}}, "required": ["path", "line", "column", "snippet"]}}, @NEXT@},
                     "required": ["terms", "notes", "total", "hits", "next_cursor"]})"),
                   run_search});
  tools.push_back({"query", "Run a Dataview query",
                   "Runs a Dataview DQL query (LIST or TABLE ... FROM ... WHERE ... SORT ... GROUP BY ... LIMIT) "
                   "over the notes, as the Dataview plugin would, and returns the rows as objects keyed by column. "
                   "Paged.",
                   schema(R"({"type": "object", "properties": {
                     "dql": {"type": "string", "description": "The query, e.g. TABLE status FROM \"Projects\" WHERE !completed SORT file.name"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, @CURSOR@},
                     "required": ["dql"], "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "type": {"type": "string", "enum": ["table", "list", "task", "calendar"]},
                     "columns": {"type": "array", "items": {"type": "string"}},
                     "total": {"type": "integer"},
                     "rows": {"type": "array", "items": {"type": "object"}}, @NEXT@,
                     "warnings": {"type": "array", "items": {"type": "string"}}},
                     "required": ["type", "columns", "total", "rows", "next_cursor", "warnings"]})"),
                   run_query});
  tools.push_back({"base", "Run a view of an Obsidian base",
                   "Runs one view of an Obsidian base (a .base file of the vault, or a base code block of a "
                   "note) as Obsidian would: filters, formulas, columns, sort, groupBy, limit and summaries. "
                   "Returns the rows (path and a value per column id), the groups and the summaries. Paged.",
                   schema(R"({"type": "object", "properties": {
                     "path": {"type": "string", "description": "The vault path of a .base file (Bases/Projects.base), or a note (name or path) with base code blocks"},
                     "view": {"type": "string", "description": "The name of the view; the first view when left out"},
                     "block": {"type": "integer", "minimum": 1, "description": "For a note: which base code block, from 1; the first when left out"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, @CURSOR@},
                     "required": ["path"], "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "view": {"type": "string"}, "type": {"type": "string", "description": "table, cards, list, ..."},
                     "views": {"type": "array", "items": {"type": "string"}, "description": "Every view of the base"},
                     "columns": {"type": "array", "items": {"type": "object", "properties": {
                       "id": {"type": "string"}, "name": {"type": "string"}}, "required": ["id", "name"]}},
                     "total": {"type": "integer", "description": "Rows in all pages"},
                     "rows": {"type": "array", "items": {"type": "object", "properties": {
                       "path": {"type": "string"}, "values": {"type": "object", "description": "Keyed by column id"}},
                       "required": ["path", "values"]}}, @NEXT@,
                     "groupBy": {"type": "string"},
                     "groups": {"type": "array", "items": {"type": "object", "properties": {
                       "key": {}, "rows": {"type": "array", "items": {"type": "string"}}, "summaries": {"type": "array"}},
                       "required": ["key", "rows", "summaries"]}},
                     "summaries": {"type": "array", "items": {"type": "object", "properties": {
                       "column": {"type": "string"}, "summary": {"type": "string"}, "value": {}, "error": {"type": "string"}},
                       "required": ["column", "summary", "value"]}},
                     "warnings": {"type": "array", "items": {"type": "string"}}},
                     "required": ["view", "type", "views", "columns", "total", "rows", "next_cursor", "summaries", "warnings"]})"),
                   run_base});
  tools.push_back({"show_note", "Show one note",
                   "One note as mdvault reads it: frontmatter fields, classes, aliases, headings, links (and where "
                   "each leads), backlinks, tags, tasks and inline fields. With include_text, also its text, in "
                   "pages of at most 32 KiB (text_offset from the previous page's next_offset).",
                   schema(R"({"type": "object", "properties": {
                     "note": {"type": "string", "description": "The note's name as in a [[link]], or its path in the vault"},
                     "include_text": {"type": "boolean", "default": false},
                     "text_offset": {"type": "integer", "minimum": 0, "default": 0, "description": "Byte offset into the text"}},
                     "required": ["note"], "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "path": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"},
                     "classes": {"type": "array", "items": {"type": "string"}},
                     "aliases": {"type": "array", "items": {"type": "string"}},
                     "fields": {"type": ["object", "null"], "description": "The frontmatter; null when there is none or it could not be read"},
                     "fields_omitted": {"type": "string"},
                     "headings": {"type": "array", "items": {"type": "object", "properties": {
                       "level": {"type": "integer"}, "text": {"type": "string"}, "line": {"type": "integer"}}}},
                     "links": {"type": "array", "items": @LINK@},
                     "backlinks": {"type": "array", "items": @BACKLINK@},
                     "tags": {"type": "array", "items": {"type": "string"}},
                     "tasks": {"type": "array", "items": {"type": "object", "properties": {
                       "status": {"type": "string"}, "completed": {"type": "boolean"}, "text": {"type": "string"}, "line": {"type": "integer"}}}},
                     "inline_fields": {"type": "array", "items": {"type": "object", "properties": {
                       "key": {"type": "string"}, "value": {"type": "string"}, "line": {"type": "integer"}}}},
                     "text": {"type": "object", "properties": {
                       "offset": {"type": "integer"}, "first_line": {"type": "integer"}, "total_bytes": {"type": "integer"},
                       "next_offset": {"type": ["integer", "null"]}, "content": {"type": "string"}},
                       "required": ["offset", "total_bytes", "next_offset", "content"]}},
                     "required": ["path", "name", "title", "classes", "aliases", "fields", "headings", "links", "backlinks", "tags", "tasks", "inline_fields"]})"),
                   run_show_note});
  tools.push_back({"links", "Links of a note, broken links, orphans",
                   "kind \"note\" (the default): a note's outgoing links (with the path each opens) and the notes "
                   "that link to it. kind \"broken\": every link that opens nothing; kind \"orphans\": notes no "
                   "other note links to; both optionally under a folder, paged.",
                   schema(R"({"type": "object", "properties": {
                     "note": {"type": "string", "description": "The note (name or path); needed for kind note"},
                     "kind": {"type": "string", "enum": ["note", "broken", "orphans"], "default": "note"},
                     "folder": {"type": "string", "description": "broken, orphans: only notes under this folder"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 200}, @CURSOR@},
                     "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "kind": {"type": "string", "enum": ["note", "broken", "orphans"]},
                     "note": {"type": "string"},
                     "outgoing": {"type": "array", "items": @LINK@},
                     "backlinks": {"type": "array", "items": @BACKLINK@},
                     "total": {"type": "integer"},
                     "links": {"type": "array", "items": {"type": "object", "properties": {
                       "source": {"type": "string"}, "target": {"type": "string"}, "raw": {"type": "string"},
                       "line": {"type": "integer"}, "field": {"type": ["string", "null"]}}, "required": ["source", "target", "line"]}},
                     "notes": {"type": "array", "items": {"type": "object", "properties": {
                       "path": {"type": "string"}, "title": {"type": "string"}}, "required": ["path"]}}, @NEXT@},
                     "required": ["kind"]})"),
                   run_links});
  tools.push_back({"list_notes", "List notes",
                   "Lists notes by path, optionally only those under a folder, with a tag (child tags count) or of "
                   "a class (fileClass or a .mdvault.yaml rule). Paged.",
                   schema(R"({"type": "object", "properties": {
                     "folder": {"type": "string"}, "tag": {"type": "string", "description": "With or without #"},
                     "class": {"type": "string"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}, @CURSOR@},
                     "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "total": {"type": "integer"},
                     "notes": {"type": "array", "items": {"type": "object", "properties": {
                       "path": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"},
                       "classes": {"type": "array", "items": {"type": "string"}},
                       "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["path", "name", "title", "classes", "tags"]}}, @NEXT@},
                     "required": ["total", "notes", "next_cursor"]})"),
                   run_list_notes});
  tools.push_back({"lint", "Check notes",
                   "What mdvault lint finds in a note, a folder or the whole vault: frontmatter that does not "
                   "parse, schema violations, broken links. Each finding has path, line, rule and message. Paged.",
                   schema(R"({"type": "object", "properties": {
                     "path": {"type": "string", "description": "A note (name or path) or a folder; the whole vault when left out"},
                     "limit": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, @CURSOR@},
                     "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "checked_notes": {"type": "integer"}, "errors": {"type": "integer"}, "warnings": {"type": "integer"},
                     "schemas_checked": {"type": "boolean"}, "total": {"type": "integer"},
                     "findings": {"type": "array", "items": {"type": "object", "properties": {
                       "path": {"type": "string"}, "line": {"type": "integer"}, "column": {"type": "integer"},
                       "severity": {"type": "string", "enum": ["error", "warning"]}, "rule": {"type": "string"},
                       "field": {"type": ["string", "null"]}, "message": {"type": "string"}},
                       "required": ["path", "line", "severity", "rule", "message"]}}, @NEXT@},
                     "required": ["checked_notes", "errors", "warnings", "total", "findings", "next_cursor"]})"),
                   run_lint});
  tools.push_back({"vault_info", "About the vault",
                   "Counts of notes, attachments, folders, tags, tasks, broken links and orphans; the classes with "
                   "their number of notes and whether a schema describes them; the schemas; the most used tags; "
                   "whether the privacy policy is applied.",
                   schema(R"({"type": "object", "properties": {}, "additionalProperties": false})"),
                   schema(R"({"type": "object", "properties": {
                     "notes": {"type": "integer"}, "attachments": {"type": "integer"}, "folders": {"type": "integer"},
                     "privacy": {"type": "string", "enum": ["applied", "none", "off"]},
                     "classes": {"type": "array", "items": {"type": "object", "properties": {
                       "name": {"type": "string"}, "notes": {"type": "integer"}, "has_schema": {"type": "boolean"}}}},
                     "schemas": {"type": "array", "items": {"type": "object", "properties": {
                       "class": {"type": "string"}, "description": {"type": "string"}}}},
                     "tags": {"type": "integer"},
                     "top_tags": {"type": "array", "items": {"type": "object", "properties": {
                       "name": {"type": "string"}, "notes": {"type": "integer"}}}},
                     "tasks": {"type": "integer"}, "open_tasks": {"type": "integer"},
                     "broken_links": {"type": "integer"}, "orphans": {"type": "integer"}},
                     "required": ["notes", "attachments", "folders", "privacy", "classes", "schemas", "tags", "broken_links", "orphans"]})"),
                   run_vault_info});
  return tools;
}

}  // namespace

const std::vector<Tool>& tool_table() {
  static const std::vector<Tool> tools = make_table();
  return tools;
}

const Tool* find_tool(std::string_view name) {
  const auto& tools = tool_table();
  const auto it = std::find_if(tools.begin(), tools.end(), [&](const Tool& t) { return t.name == name; });
  return it == tools.end() ? nullptr : &*it;
}

}  // namespace mdvault::core::mcp
