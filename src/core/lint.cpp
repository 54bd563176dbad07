#include "core/lint.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "core/parallel.hpp"
#include "core/suggest.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core {
namespace {

// What each rule checks, how to fix it and an example: lint --format sarif puts these in
// each rule's help (GitHub shows it beside the alert); docs/lint.md has a section per rule.
const std::vector<RuleInfo> k_rules = {
    {"file.encoding", Severity::error, "the file is not UTF-8 text or holds a NUL byte",
     "Save the note as UTF-8, or move binary files that end in .md out of the vault.",
     "A note saved as Latin-1 with \"café\" in it."},
    {"file.too-large", Severity::error, "the file is larger than 16 MiB",
     "Split the note into smaller notes, or move the file out of the vault.", "A 20 MB log pasted into one note."},
    {"file.unreadable", Severity::error, "the file or folder cannot be read",
     "Fix the permissions (chmod u+r), or the symbolic link that leads nowhere.",
     "A folder with mode 000, or a link to a deleted file."},
    {"file.outside-vault", Severity::error, "a symbolic link leads out of the vault, so it is not read",
     "Move the file into the vault, or remove the link: mdvault follows links only inside the vault.",
     "Notes/passwords.md -> /home/me/passwords.md"},
    {"file.special", Severity::error, "a FIFO, device or socket (or a link to one) is never opened",
     "Remove the special file from the vault, or add it to ignore: in .mdvault.yaml.",
     "a named pipe Notes/inbox.md made with mkfifo"},
    {"frontmatter.unclosed", Severity::error, "the opening --- has no closing ---",
     "Add the closing --- line after the last key.", "---\ntitle: Secure base\n(no closing ---)"},
    {"frontmatter.misplaced", Severity::error, "a --- block starts after line 1, so Obsidian does not read it",
     "Move the --- block to the very first line; remove blank lines or text above it.",
     "\n---\ntitle: Secure base\n---"},
    {"frontmatter.yaml", Severity::error, "the frontmatter is not valid YAML",
     "Fix the YAML at the caret; put values with a colon or # in quotes.", "title: Fear: of loss   (write \"Fear: of loss\")"},
    {"frontmatter.duplicate-key", Severity::error, "a key appears twice in the frontmatter",
     "Remove or rename the second key; the first value is the one kept.", "status: todo\nstatus: done"},
    {"frontmatter.not-a-mapping", Severity::error, "the frontmatter is not a list of key: value pairs",
     "Write one key: value pair per line.", "---\n- just a list\n---"},
    {"frontmatter.too-large", Severity::error,
     "the frontmatter expands to too many values (alias bomb) or nests too deep",
     "Simplify the YAML: fewer anchors and aliases, less nesting.", "a: &a [x, x]\nb: &b [*a, *a]\n... (ten levels)"},
    {"schema.unknown-class", Severity::warning, "fileClass names a class that has no schema",
     "Fix the class name, or add CLASS.schema.yaml to the schema folder.", "fileClass: sesion   (the schema is session)"},
    {"schema.type", Severity::error, "a value has the wrong type",
     "Write the value as the type the schema asks for (text, number, list, ...).", "year: \"twenty\"   (a number is expected)"},
    {"schema.enum", Severity::error, "a value is not one of the allowed values",
     "Use one of the values the message lists.", "style_group: Anxius   (write Anxious)"},
    {"schema.const", Severity::error, "a value differs from the one required value",
     "Write the one value the schema requires.", "kind: notes   (the schema requires kind: note)"},
    {"schema.required", Severity::error, "a required key is missing",
     "Add the key the message names to the frontmatter.", "a note of class session without date:"},
    {"schema.dependentRequired", Severity::error, "a key is present without the keys it needs",
     "Add the keys the message names, or remove the key that needs them.", "end: 2024-05-01 without start:"},
    {"schema.pattern", Severity::error, "a text does not match the required pattern",
     "Write the text in the form the message describes.", "code: ab-12   (the pattern is ^[A-Z]{2}-\\d+$)"},
    {"schema.format", Severity::error, "a text is not a valid date, time, email or URI",
     "Write a valid value, for example a date as YYYY-MM-DD.", "date: 2024-13-01"},
    {"schema.deprecated", Severity::warning, "a key the schema marks as deprecated is used",
     "Move the value to the key that replaces it.", "tags_old: [a]   (deprecated: true in the schema)"},
    {"schema.x-link", Severity::error, "a link field holds something that is not a link to the right kind of note",
     "Write the value as a link in quotes, to a note of the class the schema names.",
     "related: Secure Attachment   (write related: \"[[Secure Attachment]]\")"},
    {"schema.minimum", Severity::error, "a number is below the schema's minimum", "Use a larger number.", "rating: 0   (minimum: 1)"},
    {"schema.exclusiveMinimum", Severity::error, "a number is not above the schema's exclusive minimum",
     "Use a larger number.", "rating: 0   (exclusiveMinimum: 0)"},
    {"schema.maximum", Severity::error, "a number is above the schema's maximum", "Use a smaller number.", "rating: 6   (maximum: 5)"},
    {"schema.exclusiveMaximum", Severity::error, "a number is not below the schema's exclusive maximum",
     "Use a smaller number.", "rating: 5   (exclusiveMaximum: 5)"},
    {"schema.multipleOf", Severity::error, "a number is not a multiple of the required step",
     "Round the number to the step the message names.", "minutes: 7   (multipleOf: 5)"},
    {"schema.minLength", Severity::error, "a text is shorter than allowed", "Write a longer text.", "title: \"\"   (minLength: 1)"},
    {"schema.maxLength", Severity::error, "a text is longer than allowed", "Shorten the text.", "summary: (300 characters; maxLength: 200)"},
    {"schema.minItems", Severity::error, "a list has fewer items than allowed", "Add items to the list.", "tags: []   (minItems: 1)"},
    {"schema.maxItems", Severity::error, "a list has more items than allowed", "Remove items from the list.", "authors: [a, b, c, d]   (maxItems: 3)"},
    {"schema.uniqueItems", Severity::error, "a list holds the same item twice", "Remove the repeated item.", "tags: [fear, fear]"},
    {"schema.contains", Severity::error, "a list has no item of the kind the schema asks for",
     "Add an item that fits the schema's contains.", "tags: [a]   (contains: {const: topic})"},
    {"schema.minContains", Severity::error, "a list has too few items of the kind the schema asks for",
     "Add items that fit the schema's contains.", "two topic tags required, one given"},
    {"schema.maxContains", Severity::error, "a list has too many items of the kind the schema asks for",
     "Remove items that fit the schema's contains.", "at most one primary tag, two given"},
    {"schema.minProperties", Severity::error, "a map has fewer keys than allowed", "Add keys to the map.", "meta: {}   (minProperties: 1)"},
    {"schema.maxProperties", Severity::error, "a map has more keys than allowed", "Remove keys from the map.", "meta: {a: 1, b: 2}   (maxProperties: 1)"},
    {"schema.additionalProperties", Severity::error, "a key the schema does not allow is used",
     "Remove the key or fix its spelling; the message suggests the nearest allowed key.", "titel: Secure base   (did you mean title?)"},
    {"schema.propertyNames", Severity::error, "a key's name does not fit the schema's rule for names",
     "Rename the key as the schema asks.", "Title: x   (propertyNames: {pattern: ^[a-z_]+$})"},
    {"schema.anyOf", Severity::error, "a value fits none of the alternatives the schema allows",
     "Change the value to fit one of the alternatives the message lists.", "due: soon   (a date or null)"},
    {"schema.oneOf", Severity::error, "a value fits none, or more than one, of the schema's alternatives",
     "Change the value so that exactly one alternative fits.", "id: 12   (oneOf: integer, or a number)"},
    {"schema.allOf", Severity::error, "a value breaks one of the schemas it must all fit",
     "Fix the part the message names.", "a value that fits the first schema of allOf but not the second"},
    {"schema.not", Severity::error, "a value matches what the schema forbids", "Change the value.", "status: draft   (not: {const: draft})"},
    {"schema.false", Severity::error, "the schema allows no value here", "Remove the key.", "legacy: x   (properties: {legacy: false})"},
    {"schema.items", Severity::error, "a list item the schema does not allow", "Remove the item.", "pair: [a, b, c]   (items: false after two)"},
    {"schema.prefixItems", Severity::error, "a list item at a fixed place does not fit", "Fix the item at that place.", "pair: [1, a]"},
    {"schema.then", Severity::error, "a value breaks the schema's then branch (its if matched)",
     "Fix the value as the message says.", "status: done without completed:"},
    {"schema.else", Severity::error, "a value breaks the schema's else branch (its if did not match)",
     "Fix the value as the message says.", "a value the else branch does not allow"},
    {"schema.dependentSchemas", Severity::error, "a key is present and the rest of the map breaks what it requires",
     "Fix the keys the message names.", "end: given with a start: that is not a date"},
    {"schema.unevaluatedProperties", Severity::error, "a key no part of the schema allows is used",
     "Remove the key or fix its spelling.", "a key none of the allOf parts lists"},
    {"schema.unevaluatedItems", Severity::error, "a list item no part of the schema allows", "Remove the item.", "an extra list item"},
    {"schema.depth", Severity::error, "the frontmatter nests deeper than the schema check follows",
     "Flatten the frontmatter.", "a map nested 100 levels deep"},
    {"properties.type", Severity::error, "a property's value does not fit the type .obsidian/types.json gives it",
     "Write the value as the type Obsidian's Properties view shows for it, or change its type there.",
     "rating: five   (types.json: \"rating\": \"number\"; write rating: 5)"},
    {"properties.deprecated", Severity::warning, "a tag, alias or cssclass property, which Obsidian 1.9 no longer reads",
     "Rename it to tags, aliases or cssclasses, as a list.", "tag: fear   (write tags: [fear])"},
    {"links.broken", Severity::error, "a link points to no note or file in the vault",
     "Create the note, or fix the name; the message suggests the nearest note name.",
     "[[Secure Attachmnet]]   (did you mean [[Secure Attachment]]?)"},
    {"links.missing-heading", Severity::warning, "a link's #heading does not exist in the target note",
     "Fix the heading text after #, or add the heading to the note.", "[[Anxious Attachment#Signs]]   (the heading is Signs of anxiety)"},
    {"links.missing-block", Severity::warning, "a link's #^block id does not exist in the target note",
     "Add \" ^id\" at the end of the paragraph you mean, or fix the id.", "[[Session 3#^quote]]   (no ^quote in the note)"},
    {"links.ambiguous", Severity::warning, "a link's name matches several notes",
     "Write the folder too, so the link names one note.", "[[Overview]] with Styles/Overview.md and Sessions/Overview.md"},
    {"bases.shape", Severity::error, "a base is not the shape Bases syntax describes: a filter object without and/or/not, a view without a type",
     "Write the part as Bases syntax shows it; the message names what is expected.", "views: table   (write views: [{type: table, name: All}])"},
    {"bases.key", Severity::warning, "a top-level key of a base that Bases does not know",
     "Fix its spelling (the message suggests the nearest key) or remove it.", "filter: ...   (did you mean filters?)"},
    {"bases.renamed", Severity::warning, "a form of the Obsidian 1.9 beta that was renamed since",
     "Write the new form the message names.", "display: {status: Status}   (write properties: {status: {displayName: Status}})"},
    {"bases.syntax", Severity::error, "a filter, formula or summary expression does not parse (at its column inside the YAML string)",
     "Fix the expression at the caret: close the bracket or quote, write == to compare.", "- 'status == (\"done\"'   (the parenthesis is never closed)"},
    {"bases.view-type", Severity::warning, "a view type that is not table, cards, list or map",
     "Fix its spelling, or ignore it for a plugin's view type (mdvault shows it as a table).", "type: tabel   (did you mean table?)"},
    {"bases.view-name", Severity::error, "two views of a base have the same name",
     "Rename one: --view and embeds (![[File.base#View]]) pick views by name.", "name: Main   (twice)"},
    {"bases.limit", Severity::error, "a view's limit is not a whole number above 0",
     "Write the number of rows, or remove limit to show them all.", "limit: -1   (or limit: ten)"},
    {"bases.unknown-formula", Severity::error, "an expression uses formula.x and the base has no formula x",
     "Fix the name (the message suggests the nearest formula) or add the formula.", "formula.pric   (did you mean formula.price?)"},
    {"bases.cycle", Severity::error, "formulas that use each other in a loop; the message names every formula in it",
     "Break the loop: one of the formulas must not depend on the others.", "a: formula.b + 1, b: formula.a * 2"},
    {"bases.unknown-summary", Severity::error, "a view's summary names neither a default summary nor one of the base's summaries",
     "Use a default summary (Average, Sum, Filled, ...) or define it under summaries.", "price: Averag   (did you mean Average?)"},
    {"bases.unknown-function", Severity::error, "an expression calls a function Bases does not have",
     "Fix the name (the message suggests the nearest one, or the new form of a renamed one).", "taggedWith(file, \"x\")   (write file.hasTag(\"x\"))"},
    {"bases.unknown-method", Severity::error, "an expression calls a method no type of value has",
     "Fix the name; the message suggests the nearest method.", "name.lowr()   (did you mean lower()?)"},
    {"bases.type", Severity::error, "a method is called on a literal of a type that lacks it",
     "Call it on a value of the right type, or convert first (number(), toString()).", "\"x\".toFixed(2)   (toFixed is a method of numbers)"},
    {"body.too-complex", Severity::warning,
     "the body's Markdown would cost the parser too much time or memory, so part of it is read as text",
     "Flatten the nesting, split the table or the note; the message names the shape and the line.",
     "> > > ... (10,000 block quotes deep) followed by 20,000 lines of text"},
};

// Suggests a note name for a broken link; the names are indexed once for the whole run,
// when the first broken link asks (a vault without broken links never builds the index).
class NameSuggester {
public:
  explicit NameSuggester(const Vault& vault) : m_vault(vault) {}

  [[nodiscard]] std::optional<std::string> suggest(std::string_view name) const {
    std::call_once(m_built, [this] { m_suggester = std::make_unique<Suggester>(names_of(m_vault)); });
    return m_suggester->closest(name);
  }

private:
  static std::vector<std::string> names_of(const Vault& vault) {
    std::vector<std::string> names;
    names.reserve(vault.notes.size());
    for (const auto& note : vault.notes) {
      names.push_back(note.name);
    }
    return names;
  }

  const Vault& m_vault;
  mutable std::once_flag m_built;
  mutable std::unique_ptr<Suggester> m_suggester;
};

// Why a value under x-link is not a link at all, or nothing when it is one.
std::optional<std::string> link_form_problem(const Value& value) {
  if (!value.is_string()) {
    return "should be a link like \"[[Note name]]\", but it is " + to_display(value);
  }
  if (!parse_single_wikilink(value.as_string())) {
    return "should be a link like \"[[" + value.as_string() + "]]\", but it is plain text " + to_display(value) +
           "; put the note name in [[ ]] and quotes";
  }
  return std::nullopt;
}

// Why `target` does not satisfy an x-link class constraint, or nothing when it does.
std::optional<std::string> link_class_problem(const Note& target, const std::string& required_class) {
  const auto& classes = target.classes;
  if (required_class.empty() || std::find(classes.begin(), classes.end(), required_class) != classes.end()) {
    return std::nullopt;
  }
  return "should link to a note of class " + required_class + ", but " + target.path + " is " +
         (classes.empty() ? std::string("of no class") : "of class " + classes.front());
}

// Answers x-link questions for one note from the vault's resolver.
class VaultLinkChecker final : public schema::LinkChecker {
public:
  VaultLinkChecker(const LinkResolver& resolver, const Note& source) : m_resolver(resolver), m_source(source) {}

  [[nodiscard]] std::optional<std::string> check_link(const Value& value,
                                                      const std::string& required_class) const override {
    if (auto problem = link_form_problem(value)) {
      return problem;
    }
    const auto parts = parse_single_wikilink(value.as_string());
    Link link;
    link.target = parts->target;
    link.subpath = parts->subpath;
    const Resolution r = m_resolver.resolve(m_source, link);
    if (r.note == nullptr) {
      return std::nullopt;  // a missing note is reported once, by links.broken
    }
    return link_class_problem(*r.note, required_class);
  }

private:
  const LinkResolver& m_resolver;
  const Note& m_source;
};

// Checks the form of x-link values while the vault is still being read, and records
// class constraints for run_lint, when every note's class is known.
class RecordingLinkChecker final : public schema::LinkChecker {
public:
  explicit RecordingLinkChecker(std::vector<LinkClassCheck>& checks) : m_checks(checks) {}

  [[nodiscard]] std::optional<std::string> check_link(const Value& value,
                                                      const std::string& required_class) const override {
    if (auto problem = link_form_problem(value)) {
      return problem;
    }
    if (!required_class.empty()) {
      m_checks.push_back({value.position, required_class});
    }
    return std::nullopt;
  }

private:
  std::vector<LinkClassCheck>& m_checks;
};

// Schema findings for one note, at their default severities.
void collect_schema_findings(const Note& note, const schema::SchemaSet& schemas, const schema::LinkChecker& links,
                             std::vector<Diagnostic>& out) {
  if (!note.frontmatter || !note.frontmatter->is_map()) {
    return;
  }
  const Value* file_class = note.frontmatter->find("fileClass");
  const Position class_pos = file_class != nullptr ? file_class->position : Position{1, 1};
  for (const auto& class_name : note.classes) {
    if (!schemas.has_class(class_name)) {
      std::string message = "fileClass \"" + class_name + "\" has no schema in the schema folder";
      if (const auto hint = closest_match(class_name, schemas.class_names())) {
        message += "; did you mean \"" + *hint + "\"?";
      } else {
        message += "; add " + class_name + ".schema.yaml there, or fix the name";
      }
      out.push_back({{note.path, class_pos.line, class_pos.column}, Severity::warning, "schema.unknown-class",
                     "fileClass", std::move(message)});
      continue;
    }
    for (auto& f : schemas.validate(class_name, *note.frontmatter, &links)) {
      // A missing key has no line of its own: point at the opening ---.
      const Position pos = f.keyword == "required" ? Position{1, 1} : f.position;
      out.push_back({{note.path, pos.line, pos.column}, f.severity, "schema." + f.keyword, std::move(f.field),
                     std::move(f.message)});
    }
  }
}

// Collects findings for one note, applying the configured severities.
class NoteLinter {
public:
  NoteLinter(const Vault& vault, const schema::SchemaSet& schemas, const Config& config,
             const LinkResolver& resolver, const NameSuggester& names, bool with_schemas)
      : m_vault(vault), m_schemas(schemas), m_config(config), m_resolver(resolver), m_names(names),
        m_with_schemas(with_schemas) {}

  void lint(const Note& note, std::vector<Diagnostic>& out) const {
    for (const auto& d : note.diagnostics) {
      add(out, d.severity, d.location, d.rule, d.field, d.message);
    }
    if (!note.readable) {
      return;
    }
    if (m_with_schemas) {
      check_schemas(note, out);
    }
    check_links(note, out);
  }

private:
  void add(std::vector<Diagnostic>& out, Severity default_severity, SourceLocation location, std::string rule,
           std::string field, std::string message) const {
    const auto severity = rule_severity(m_config, rule, default_severity);
    if (!severity) {
      return;
    }
    out.push_back({std::move(location), *severity, std::move(rule), std::move(field), std::move(message)});
  }

  void check_schemas(const Note& note, std::vector<Diagnostic>& out) const {
    if (note.schemas_checked) {
      check_link_classes(note, out);
      return;
    }
    std::vector<Diagnostic> found;
    collect_schema_findings(note, m_schemas, VaultLinkChecker(m_resolver, note), found);
    for (auto& d : found) {
      add(out, d.severity, std::move(d.location), std::move(d.rule), std::move(d.field), std::move(d.message));
    }
  }

  // The x-link class constraints recorded by check_schemas_early, now that classes are known.
  void check_link_classes(const Note& note, std::vector<Diagnostic>& out) const {
    for (const auto& check : note.link_class_checks) {
      const auto link = std::find_if(note.links.begin(), note.links.end(), [&](const Link& l) {
        return l.kind == LinkKind::frontmatter && l.line == check.position.line && l.column == check.position.column;
      });
      if (link == note.links.end()) {
        continue;
      }
      const Resolution r = m_resolver.resolve(note, *link);
      if (r.note == nullptr) {
        continue;  // reported by links.broken
      }
      if (auto problem = link_class_problem(*r.note, check.class_name)) {
        add(out, Severity::error, {note.path, check.position.line, check.position.column}, "schema.x-link",
            link->field, link->field + " " + *problem);
      }
    }
  }

  void check_links(const Note& note, std::vector<Diagnostic>& out) const {
    for (const auto& link : note.links) {
      const Resolution r = m_resolver.resolve(note, link);
      const SourceLocation where{note.path, link.line, link.column};
      if (!r.is_resolved()) {
        add(out, Severity::error, where, "links.broken", link.field, broken_message(note.path, link, r));
        continue;
      }
      if (r.is_ambiguous()) {
        std::string list;
        for (const auto& c : r.candidates) {
          list += (list.empty() ? "" : ", ") + c;
        }
        add(out, Severity::warning, where, "links.ambiguous", link.field,
            link.raw + " matches " + std::to_string(r.candidates.size()) + " notes (" + list + "); it opens " +
                r.note->path + ". Write the folder too, like [[" + strip_extension(r.note->path) +
                "]], to say which one you mean");
      }
      if (r.subpath_missing) {
        const bool block = link.subpath[0] == '^';
        add(out, Severity::warning, where, block ? "links.missing-block" : "links.missing-heading", link.field,
            block ? link.raw + " points to the block ^" + link.subpath.substr(1) + ", which " + r.note->path +
                        " does not have; add \" ^" + link.subpath.substr(1) +
                        "\" at the end of the paragraph you mean, or fix the id"
                  : link.raw + " points to the heading \"" + link.subpath + "\", which " + r.note->path +
                        " does not have" + heading_hint(*r.note, link.subpath));
      }
    }
  }

  // True when a relative target's leading "../" steps go above the vault's top folder.
  static bool climbs_above_root(std::string_view source_path, std::string_view target) {
    auto depth = static_cast<std::size_t>(std::count(source_path.begin(), source_path.end(), '/'));
    while (target.substr(0, 3) == "../" || target.substr(0, 2) == "./") {
      if (target[1] == '/') {
        target.remove_prefix(2);
        continue;
      }
      if (depth == 0) {
        return true;
      }
      --depth;
      target.remove_prefix(3);
    }
    return false;
  }

  static std::string strip_extension(const std::string& path) {
    return path.size() > 3 && path.compare(path.size() - 3, 3, ".md") == 0 ? path.substr(0, path.size() - 3) : path;
  }

  static std::string heading_hint(const Note& target, const std::string& subpath) {
    std::vector<std::string> headings;
    for (const auto& h : target.headings) {
      headings.push_back(h.text);
    }
    if (const auto hint = closest_match(subpath, headings)) {
      return "; did you mean \"" + *hint + "\"?";
    }
    return headings.empty() ? "; the note has no headings" : "; check the heading's spelling";
  }

  [[nodiscard]] std::string broken_message(const std::string& source_path, const Link& link, const Resolution& r) const {
    if (!r.alias_of.empty()) {
      const Note* target = m_vault.find(r.alias_of);
      const std::string name = target != nullptr ? target->name : r.alias_of;
      return link.raw + " matches only an alias of " + r.alias_of +
             "; Obsidian does not open links by alias: write [[" + name + "|" + link.target + "]]";
    }
    std::string message = link.raw + " points to \"" + link.target + "\", which is not a note or file in this vault";
    if (climbs_above_root(source_path, link.target)) {
      message += " (links cannot leave the vault folder)";
    }
    const std::size_t slash = link.target.rfind('/');
    const std::string name = slash == std::string::npos ? link.target : link.target.substr(slash + 1);
    if (const auto hint = m_names.suggest(name); hint && *hint != name) {
      message += "; did you mean [[" + *hint + "]]?";
    } else {
      message += "; create the note or fix the name";
    }
    return message;
  }

  const Vault& m_vault;
  const schema::SchemaSet& m_schemas;
  const Config& m_config;
  const LinkResolver& m_resolver;
  const NameSuggester& m_names;
  bool m_with_schemas;
};

// True when `path` is one of the requested notes or lies under a requested folder.
bool is_selected(std::string_view path, const std::vector<std::string>& wanted, bool only_wanted) {
  if (wanted.empty()) {
    return !only_wanted;
  }
  for (std::string_view w : wanted) {
    while (!w.empty() && w.back() == '/') {
      w.remove_suffix(1);
    }
    if (w.empty() || w == "." || path == w ||
        (path.size() > w.size() && path.compare(0, w.size(), w) == 0 && path[w.size()] == '/')) {
      return true;
    }
  }
  return false;
}

}  // namespace

const std::vector<RuleInfo>& lint_rules() { return k_rules; }

const RuleInfo* find_rule(std::string_view id) {
  const auto it = std::find_if(k_rules.begin(), k_rules.end(), [id](const RuleInfo& r) { return r.id == id; });
  return it == k_rules.end() ? nullptr : &*it;
}

void check_schemas_early(Note& note, const schema::SchemaSet& schemas) {
  if (!note.readable) {
    return;
  }
  collect_schema_findings(note, schemas, RecordingLinkChecker(note.link_class_checks), note.diagnostics);
  note.schemas_checked = true;
  note.frontmatter.reset();
}

std::vector<std::string> classes_of(const Note& note, const Config& config) {
  return classes_for(note, config.classes);
}

LintResult run_lint(const Vault& vault, const schema::SchemaSet& schemas, const Config& config,
                    const LinkResolver& resolver, const LintOptions& options) {
  LintResult result;
  const NameSuggester names(vault);
  const NoteLinter linter(vault, schemas, config, resolver, names, options.check_schemas);
  for (const auto& d : vault.diagnostics) {
    if (is_selected(d.location.path, options.paths, options.only_paths) || d.location.path.empty()) {
      if (const auto severity = rule_severity(config, d.rule, d.severity)) {
        result.diagnostics.push_back(d);
        result.diagnostics.back().severity = *severity;
      }
    }
  }
  std::vector<const Note*> checked;
  for (const auto& note : vault.notes) {
    if (!is_selected(note.path, options.paths, options.only_paths)) {
      continue;
    }
    // Template notes hold placeholders such as [[{{title}}]]: skipped unless named.
    if (options.paths.empty() && is_selected(note.path, options.skip_folders, true)) {
      continue;
    }
    checked.push_back(&note);
  }
  result.files = checked.size();
  // Each note's links are resolved (and broken ones given a suggestion) on all cores;
  // the findings are joined in the notes' order, so the report never depends on --jobs.
  std::vector<std::vector<Diagnostic>> found(checked.size());
  parallel_for(
      checked.size(), options.jobs, [&](std::size_t i) { linter.lint(*checked[i], found[i]); }, 64);
  std::size_t total = result.diagnostics.size();
  for (const auto& f : found) {
    total += f.size();
  }
  result.diagnostics.reserve(total);
  for (auto& f : found) {
    std::move(f.begin(), f.end(), std::back_inserter(result.diagnostics));
  }
  found.clear();
  sort_diagnostics(result.diagnostics);
  for (const auto& d : result.diagnostics) {
    (d.severity == Severity::error ? result.errors : result.warnings) += 1;
  }
  return result;
}

}  // namespace mdvault::core
