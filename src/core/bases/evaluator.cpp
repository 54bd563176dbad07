#include "core/bases/evaluator.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/bases/parser.hpp"
#include "core/unicode.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::bases {

namespace {

[[noreturn]] void fail(const std::string& message) { throw EvalError(message); }

std::string file_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string extension(std::string_view path) {
  const std::string name = file_name(path);
  const auto dot = name.rfind('.');
  return dot == std::string::npos || dot == 0 ? std::string() : name.substr(dot + 1);
}

/// The link a note's link stands for: target with its subpath, and the display when written.
LinkValue link_of(const Link& link) {
  LinkValue out;
  out.target = link.target + (link.subpath.empty() ? "" : "#" + link.subpath);
  if (link.has_display) out.display = link.display;
  return out;
}

/// JavaScript's Number(text) for a comparison; nothing for NaN.
std::optional<double> number_from_text(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.empty()) return 0.0;
  if (s.front() == '+') s.remove_prefix(1);
  double n = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), n);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

bool is_url(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.rfind("mailto:", 0) == 0;
}

}  // namespace

Evaluator::Evaluator(const EvalEnvironment& env) : m_env(env) { m_no_note.path = ".md"; }

void Evaluator::charge(std::size_t units) {
  m_work += units;
  if (m_work > k_max_work_per_row) {
    m_work = 0;  // the next evaluation starts afresh
    fail("the expression does too much work for one file (more than 20 million steps)");
  }
}

void Evaluator::set_row(const FileRef& row) {
  m_row = row;
  m_work = 0;
  m_formula_values.clear();
  m_formulas_running.clear();
  m_locals.clear();
}

std::variant<BaseValue, std::string> Evaluator::try_evaluate(const Expr& e) {
  try {
    return evaluate(e);
  } catch (const EvalError& error) {
    m_depth = 0;
    m_locals.clear();
    m_formulas_running.clear();
    return std::string(error.what());
  }
}

BaseValue Evaluator::evaluate(const Expr& e) {
  charge(1);
  if (++m_depth > 4 * k_max_expression_depth) fail("formulas nest too deeply");
  struct Leave {
    std::size_t& depth;
    ~Leave() { --depth; }
  } leave{m_depth};
  switch (e.kind) {
    case Expr::Kind::null_literal: return {};
    case Expr::Kind::bool_literal: return BaseValue::boolean(e.boolean);
    case Expr::Kind::number_literal: return BaseValue::number(e.number);
    case Expr::Kind::string_literal: return BaseValue::string(e.name);
    case Expr::Kind::regex_literal: {
      RegexValue r;
      r.regex = regex(e.name, e.flags.find('i') != std::string::npos);
      r.flags = e.flags;
      return BaseValue::regex(std::move(r));
    }
    case Expr::Kind::identifier: return identifier(e);
    case Expr::Kind::member: return evaluate_member(e);
    case Expr::Kind::index: {
      const Expr& object = *e.args[0];
      if (object.kind == Expr::Kind::identifier && object.name == "formula") {
        const BaseValue key = evaluate(*e.args[1]);
        if (!key.is_string()) fail("formula[...] takes a formula name in quotes");
        return formula(key.as_string());
      }
      const BaseValue target = evaluate(object);
      return index_of(target, evaluate(*e.args[1]));
    }
    case Expr::Kind::call: return evaluate_call(e);
    case Expr::Kind::method: return evaluate_method(e);
    case Expr::Kind::unary: {
      const BaseValue v = evaluate(*e.args[0]);
      if (e.name == "!") return BaseValue::boolean(!is_truthy(v));
      if (v.is_null()) return {};
      if (v.is_number()) return BaseValue::number(-v.as_number());
      if (v.is_duration()) return BaseValue::duration(query::scale(v.as_duration(), -1));
      fail("cannot negate a " + std::string(type_name(v.type())));
    }
    case Expr::Kind::binary: return evaluate_binary(e);
    case Expr::Kind::list: {
      BaseList items;
      for (const auto& a : e.args) items.push_back(evaluate(*a));
      return BaseValue::list(std::move(items));
    }
    case Expr::Kind::object: {
      BaseObject entries;
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        BaseValue v = evaluate(*e.args[i]);
        auto it = std::find_if(entries.begin(), entries.end(), [&](const auto& p) { return p.first == e.keys[i]; });
        if (it != entries.end()) {
          it->second = std::move(v);
        } else {
          entries.emplace_back(e.keys[i], std::move(v));
        }
      }
      return BaseValue::object(std::move(entries));
    }
  }
  return {};
}

BaseValue Evaluator::identifier(const Expr& e) {
  for (auto it = m_locals.rbegin(); it != m_locals.rend(); ++it) {
    if (it->first == e.name) return it->second;
  }
  if (e.name == "file") return BaseValue::file(m_row);
  if (e.name == "note") return properties_of(m_row);
  if (e.name == "this") {
    if (!m_env.this_file) fail("'this' is not available here: the base is neither a file nor embedded in a note");
    return BaseValue::file(*m_env.this_file);
  }
  if (e.name == "formula") fail("'formula' is followed by a formula name: formula.name");
  return note_property(m_row, e.name);
}

BaseValue Evaluator::evaluate_member(const Expr& e) {
  const Expr& object = *e.args[0];
  if (object.kind == Expr::Kind::identifier && object.name == "formula") {
    bool local = false;
    for (const auto& l : m_locals) local = local || l.first == "formula";
    if (!local) return formula(e.name);
  }
  return member_of(evaluate(object), e.name);
}

BaseValue Evaluator::member_of(const BaseValue& object, const std::string& name) {
  switch (object.type()) {
    case BaseValue::Type::null: return {};
    case BaseValue::Type::object: {
      const BaseValue* v = object.find(name);
      return v ? *v : BaseValue();
    }
    case BaseValue::Type::file: {
      if (auto field = file_field(object.as_file(), name)) return *field;
      return note_property(object.as_file(), name);
    }
    case BaseValue::Type::string:
      if (name == "length") return BaseValue::number(static_cast<double>(count_code_points(object.as_string())));
      break;
    case BaseValue::Type::list:
      if (name == "length") return BaseValue::number(static_cast<double>(object.as_list().size()));
      break;
    case BaseValue::Type::date: {
      const DateTime& d = object.as_date();
      if (name == "year") return BaseValue::number(d.year());
      if (name == "month") return BaseValue::number(d.month());
      if (name == "day") return BaseValue::number(d.day());
      if (name == "hour") return BaseValue::number(d.hour());
      if (name == "minute") return BaseValue::number(d.minute());
      if (name == "second") return BaseValue::number(d.second());
      if (name == "millisecond") return BaseValue::number(d.millisecond());
      break;
    }
    case BaseValue::Type::link: {
      // A link's fields are those of the file it opens (link.asFile().name).
      if (const auto path = resolve_link(object.as_link())) {
        if (const auto f = find_file(*path)) return member_of(BaseValue::file(*f), name);
      }
      return {};
    }
    default: break;
  }
  fail("a " + std::string(type_name(object.type())) + " has no field '" + name + "'");
}

BaseValue Evaluator::index_of(const BaseValue& object, const BaseValue& key) {
  if (object.is_null()) return {};
  if (object.is_list() && key.is_number()) {
    const auto& items = object.as_list();
    double i = key.as_number();
    if (i < 0) i += static_cast<double>(items.size());
    if (i < 0 || i >= static_cast<double>(items.size()) || i != std::floor(i)) return {};
    return items[static_cast<std::size_t>(i)];
  }
  if (object.is_string() && key.is_number()) {
    const std::string& s = object.as_string();
    const double i = key.as_number();
    if (i < 0 || i != std::floor(i)) return {};
    std::size_t cp = 0;
    for (std::size_t b = 0; b < s.size();) {
      const auto c = static_cast<unsigned char>(s[b]);
      const std::size_t n = std::min<std::size_t>(c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, s.size() - b);
      if (static_cast<double>(cp) == i) return BaseValue::string(s.substr(b, n));
      b += n;
      ++cp;
    }
    return {};
  }
  if (key.is_string()) {
    if (object.is_object()) {
      const BaseValue* v = object.find(key.as_string());
      return v ? *v : BaseValue();
    }
    return member_of(object, key.as_string());
  }
  fail("cannot index a " + std::string(type_name(object.type())) + " with a " + std::string(type_name(key.type())));
}

BaseValue Evaluator::evaluate_call(const Expr& e) {
  if (e.name == "if") {
    if (e.args.size() < 2 || e.args.size() > 3) fail("if() takes a condition, a result and an optional other result");
    if (is_truthy(evaluate(*e.args[0]))) return evaluate(*e.args[1]);
    return e.args.size() == 3 ? evaluate(*e.args[2]) : BaseValue();
  }
  std::vector<BaseValue> args;
  args.reserve(e.args.size());
  for (const auto& a : e.args) args.push_back(evaluate(*a));
  return call_function(*this, e.name, args);
}

BaseValue Evaluator::evaluate_method(const Expr& e) {
  BaseValue receiver = evaluate(*e.args[0]);
  if (receiver.is_list() && (e.name == "filter" || e.name == "map" || e.name == "reduce")) {
    return list_lambda(receiver, e);
  }
  std::vector<BaseValue> args;
  args.reserve(e.args.size());
  for (std::size_t i = 1; i < e.args.size(); ++i) args.push_back(evaluate(*e.args[i]));
  return call_method(*this, receiver, e.name, args);
}

BaseValue Evaluator::list_lambda(const BaseValue& list, const Expr& e) {
  const auto& items = list.as_list();
  // The bindings of one item, taken off again even when the expression fails.
  struct Bindings {
    Evaluator& ev;
    std::size_t count = 0;
    void bind(std::string name, BaseValue value) {
      ev.push_local(std::move(name), std::move(value));
      ++count;
    }
    ~Bindings() {
      while (count-- > 0) ev.pop_local();
    }
  };
  if (e.name == "reduce") {
    if (e.args.size() != 3) fail("reduce() takes an expression and the first value of acc");
    BaseValue acc = evaluate(*e.args[2]);
    for (std::size_t i = 0; i < items.size(); ++i) {
      Bindings bindings{*this};
      bindings.bind("acc", std::move(acc));
      bindings.bind("index", BaseValue::number(static_cast<double>(i)));
      bindings.bind("value", items[i]);
      acc = evaluate(*e.args[1]);
    }
    return acc;
  }
  if (e.args.size() != 2) fail(e.name + "() takes one expression of value and index");
  BaseList out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    BaseValue v;
    {
      Bindings bindings{*this};
      bindings.bind("index", BaseValue::number(static_cast<double>(i)));
      bindings.bind("value", items[i]);
      v = evaluate(*e.args[1]);
    }
    if (e.name == "map") {
      out.push_back(std::move(v));
    } else if (is_truthy(v)) {
      out.push_back(items[i]);
    }
  }
  return BaseValue::list(std::move(out));
}

BaseValue Evaluator::evaluate_binary(const Expr& e) {
  const std::string& op = e.name;
  if (op == "&&") {
    BaseValue a = evaluate(*e.args[0]);
    if (!is_truthy(a)) return a;
    return evaluate(*e.args[1]);
  }
  if (op == "||") {
    BaseValue a = evaluate(*e.args[0]);
    if (is_truthy(a)) return a;
    return evaluate(*e.args[1]);
  }
  const BaseValue a = evaluate(*e.args[0]);
  const BaseValue b = evaluate(*e.args[1]);
  if (op == "==") return BaseValue::boolean(equals(a, b));
  if (op == "!=") return BaseValue::boolean(!equals(a, b));
  if (op == "<" || op == ">" || op == "<=" || op == ">=") {
    int c = 0;
    if (a.is_number() && b.is_number()) {
      if (std::isnan(a.as_number()) || std::isnan(b.as_number())) return BaseValue::boolean(false);
      c = compare_values(a, b);
    } else if ((a.is_date() && b.is_date()) || (a.is_string() && b.is_string()) ||
               (a.is_duration() && b.is_duration()) || (a.is_bool() && b.is_bool())) {
      c = a.is_string() ? a.as_string().compare(b.as_string()) : compare_values(a, b);
    } else if ((a.is_number() && b.is_string()) || (a.is_string() && b.is_number())) {
      // JavaScript reads the text as a number: formula.ppu > 5 with ppu = "2.00".
      const auto n = number_from_text(a.is_string() ? a.as_string() : b.as_string());
      if (!n) return BaseValue::boolean(false);
      c = a.is_string() ? compare_values(BaseValue::number(*n), b) : compare_values(a, BaseValue::number(*n));
    } else if (a.is_date() && b.is_string()) {
      const auto d = parse_date(b.as_string());
      if (!d) return BaseValue::boolean(false);
      c = compare_values(a, BaseValue::date(*d));
    } else if (a.is_string() && b.is_date()) {
      const auto d = parse_date(a.as_string());
      if (!d) return BaseValue::boolean(false);
      c = compare_values(BaseValue::date(*d), b);
    } else {
      return BaseValue::boolean(false);  // null or values of different types never compare
    }
    if (op == "<") return BaseValue::boolean(c < 0);
    if (op == ">") return BaseValue::boolean(c > 0);
    if (op == "<=") return BaseValue::boolean(c <= 0);
    return BaseValue::boolean(c >= 0);
  }
  // Arithmetic.
  if (op == "+" && (a.is_string() || b.is_string()) && !a.is_date() && !b.is_date() && !a.is_duration()) {
    const std::string x = to_text(a);
    const std::string y = to_text(b);
    if (x.size() + y.size() > k_max_text_bytes) fail("the text would be longer than 16 MiB");
    charge(x.size() + y.size());
    return BaseValue::string(x + y);
  }
  if (a.is_null() || b.is_null()) return {};
  const bool numeric = (a.is_number() || a.is_string()) && (b.is_number() || b.is_string()) && op != "+";
  if ((a.is_number() && b.is_number()) || numeric) {
    // JavaScript reads texts as numbers for - * / %: "2.50" * 2 is 5, "abc" - 1 is NaN.
    const auto as_number = [](const BaseValue& v) {
      return v.is_number() ? v.as_number() : number_from_text(v.as_string()).value_or(NAN);
    };
    const double x = as_number(a);
    const double y = as_number(b);
    if (op == "+") return BaseValue::number(x + y);
    if (op == "-") return BaseValue::number(x - y);
    if (op == "*") return BaseValue::number(x * y);
    if (op == "/") return BaseValue::number(x / y);
    if (op == "%") return BaseValue::number(std::fmod(x, y));
  }
  const auto as_duration = [](const BaseValue& v) -> std::optional<Duration> {
    if (v.is_duration()) return v.as_duration();
    if (v.is_string()) return parse_duration(v.as_string());
    if (v.is_number()) {
      Duration d;
      d.at(query::DurationUnit::milliseconds) = v.as_number();
      return d;
    }
    return std::nullopt;
  };
  if (a.is_date() && (op == "+" || op == "-")) {
    if (b.is_date() && op == "-") {
      return BaseValue::number(static_cast<double>(a.as_date().instant() - b.as_date().instant()));
    }
    const auto d = as_duration(b);
    if (!d) {
      fail(b.is_string() ? "'" + b.as_string() + "' is no duration (write \"1d\", \"2 hours\", \"1M\"...)"
                         : "cannot " + std::string(op == "+" ? "add a " : "subtract a ") +
                               std::string(type_name(b.type())) + (op == "+" ? " to" : " from") + " a date");
    }
    return BaseValue::date(query::add(a.as_date(), *d, op == "+" ? 1 : -1));
  }
  if (a.is_duration()) {
    if (b.is_number() && (op == "*" || op == "/")) {
      return BaseValue::duration(query::scale(a.as_duration(), op == "*" ? b.as_number() : 1.0 / b.as_number()));
    }
    if (b.is_date() && op == "+") return BaseValue::date(query::add(b.as_date(), a.as_duration(), 1));
    if (const auto d = as_duration(b); d && (op == "+" || op == "-")) {
      return BaseValue::duration(query::plus(a.as_duration(), op == "+" ? *d : query::scale(*d, -1)));
    }
  }
  fail("no operator " + op + " for a " + std::string(type_name(a.type())) + " and a " + std::string(type_name(b.type())));
}

bool Evaluator::equals(const BaseValue& a, const BaseValue& b) const {
  if (a.is_link() || b.is_link()) {
    const auto path_of = [this](const BaseValue& v) -> std::optional<std::string> {
      if (v.is_link()) return resolve_link(v.as_link());
      if (v.is_file()) return v.as_file().path;
      return std::nullopt;
    };
    if ((a.is_link() || a.is_file()) && (b.is_link() || b.is_file())) {
      const auto x = path_of(a);
      const auto y = path_of(b);
      if (x && y) return *x == *y;
      if (a.is_link() && b.is_link()) return a.as_link().target == b.as_link().target;
      return false;
    }
    // A link and a text: the text is read as a link.
    const BaseValue& link = a.is_link() ? a : b;
    const BaseValue& other = a.is_link() ? b : a;
    if (!other.is_string()) return false;
    LinkValue as_link;
    const auto parts = parse_single_wikilink(other.as_string());
    as_link.target = parts ? parts->target + (parts->subpath.empty() ? "" : "#" + parts->subpath) : other.as_string();
    return equals(link, BaseValue::link(as_link));
  }
  if (a.is_list() && b.is_list()) {
    if (a.as_list().size() != b.as_list().size()) return false;
    for (std::size_t i = 0; i < a.as_list().size(); ++i) {
      if (!equals(a.as_list()[i], b.as_list()[i])) return false;
    }
    return true;
  }
  return equal_values(a, b);
}

std::string Evaluator::identity(const BaseValue& v) const {
  switch (v.type()) {
    case BaseValue::Type::link: {
      if (const auto path = resolve_link(v.as_link())) return "file:" + *path;
      return "link:" + v.as_link().target;
    }
    case BaseValue::Type::file: return "file:" + v.as_file().path;
    case BaseValue::Type::date: return "date:" + std::to_string(v.as_date().instant());
    case BaseValue::Type::list: {
      std::string out = "list:[";
      for (const auto& item : v.as_list()) out += identity(item) + "\x1f";
      return out + "]";
    }
    case BaseValue::Type::object: {
      std::string out = "object:{";
      for (const auto& [k, item] : v.as_object()) out += k + "\x1e" + identity(item) + "\x1f";
      return out + "}";
    }
    default: return std::string(type_name(v.type())) + ":" + to_text(v);
  }
}

std::optional<std::string> Evaluator::resolve_link(const LinkValue& link) const {
  if (m_env.resolver == nullptr || is_url(link.target)) return std::nullopt;
  Link l;
  const auto hash = link.target.find('#');
  l.target = link.target.substr(0, hash);
  if (hash != std::string::npos) l.subpath = link.target.substr(hash + 1);
  if (l.target.empty()) return m_row.path;  // [[#Heading]] opens the note itself
  const Note& source = m_row.note != nullptr ? *m_row.note : m_no_note;
  const Resolution r = m_env.resolver->resolve(source, l);
  if (r.note != nullptr) return r.note->path;
  if (!r.attachment.empty()) return r.attachment;
  return std::nullopt;
}

std::optional<FileRef> Evaluator::find_file(std::string_view path_or_name) const {
  if (m_env.vault == nullptr) return std::nullopt;
  if (const Note* n = m_env.vault->find(path_or_name)) return FileRef{n, n->path};
  const auto& attachments = m_env.vault->attachments;
  if (std::binary_search(attachments.begin(), attachments.end(), std::string(path_or_name))) {
    return FileRef{nullptr, std::string(path_or_name)};
  }
  if (m_env.this_file && m_env.this_file->path == path_or_name) return m_env.this_file;
  LinkValue link;
  const auto parts = parse_single_wikilink(path_or_name);
  link.target = parts ? parts->target : std::string(path_or_name);
  if (const auto path = resolve_link(link)) {
    if (const Note* n = m_env.vault->find(*path)) return FileRef{n, n->path};
    return FileRef{nullptr, *path};
  }
  return std::nullopt;
}

BaseValue Evaluator::properties_of(const FileRef& file) const {
  BaseObject out;
  if (file.note != nullptr && file.note->frontmatter && file.note->frontmatter->is_map()) {
    for (const auto& entry : file.note->frontmatter->as_map()) {
      out.emplace_back(entry.key, note_property(file, entry.key));
    }
  }
  return BaseValue::object(std::move(out));
}

BaseValue Evaluator::note_property(const FileRef& file, std::string_view key) const {
  if (file.note == nullptr || !file.note->frontmatter || !file.note->frontmatter->is_map()) return {};
  const MapEntry* entry = file.note->frontmatter->find_entry(key);
  if (entry == nullptr) {
    const std::string folded = fold_case(key);
    for (const auto& e : file.note->frontmatter->as_map()) {
      if (fold_case(e.key) == folded) {
        entry = &e;
        break;
      }
    }
  }
  if (entry == nullptr) return {};
  std::string_view type;
  if (m_env.property_types != nullptr) {
    auto it = m_env.property_types->find(entry->key);
    if (it == m_env.property_types->end()) it = m_env.property_types->find(fold_case(entry->key));
    if (it != m_env.property_types->end()) type = it->second;
  }
  if (type.empty() && (entry->key == "tags" || entry->key == "aliases")) type = "multitext";
  return read_property(entry->value, type);
}

bool Evaluator::has_link_to(const FileRef& file, const std::string& target) const {
  if (file.note == nullptr) return false;
  for (const auto& link : file.note->links) {
    if (link.target.empty() || m_env.resolver == nullptr) continue;
    const Resolution r = m_env.resolver->resolve(*file.note, link);
    if ((r.note != nullptr && r.note->path == target) || (!r.attachment.empty() && r.attachment == target)) return true;
  }
  return false;
}

BaseValue Evaluator::backlinks(const FileRef& file) {
  if (!m_backlinks) {
    m_backlinks = std::make_unique<std::unordered_map<std::string, BaseList>>();
    if (m_env.vault != nullptr && m_env.resolver != nullptr) {
      for (const auto& note : m_env.vault->notes) {
        std::vector<std::string> seen;
        for (const auto& link : note.links) {
          if (link.target.empty()) continue;
          const Resolution r = m_env.resolver->resolve(note, link);
          std::string to = r.note != nullptr ? r.note->path : r.attachment;
          if (to.empty() || std::find(seen.begin(), seen.end(), to) != seen.end()) continue;
          seen.push_back(to);
          (*m_backlinks)[to].push_back(BaseValue::file(FileRef{&note, note.path}));
        }
      }
    }
  }
  const auto it = m_backlinks->find(file.path);
  return BaseValue::list(it == m_backlinks->end() ? BaseList{} : it->second);
}

std::optional<BaseValue> Evaluator::file_field(const FileRef& file, std::string_view name) {
  const Note* note = file.note;
  if (name == "file") return BaseValue::file(file);
  if (name == "name") return BaseValue::string(file_name(file.path));
  if (name == "basename") {
    std::string base = file_name(file.path);
    const std::string ext = extension(file.path);
    if (!ext.empty()) base.resize(base.size() - ext.size() - 1);
    return BaseValue::string(base);
  }
  if (name == "path") return BaseValue::string(file.path);
  if (name == "folder") {
    const auto slash = file.path.rfind('/');
    return BaseValue::string(slash == std::string::npos ? "/" : file.path.substr(0, slash));
  }
  if (name == "ext") return BaseValue::string(extension(file.path));
  if (name == "size") return note ? BaseValue::number(static_cast<double>(note->size)) : BaseValue();
  if (name == "ctime" || name == "mtime") {
    if (note == nullptr || note->mtime == 0) return BaseValue();
    return BaseValue::date(DateTime::from_unix_local(note->mtime));
  }
  if (name == "properties" || name == "note") return properties_of(file);
  if (name == "tags") {
    BaseList tags;
    if (note != nullptr) {
      std::vector<std::string> seen;
      for (const auto& t : note->tags) {
        std::string tag = "#" + t.name;
        if (std::find(seen.begin(), seen.end(), tag) != seen.end()) continue;
        seen.push_back(tag);
        tags.push_back(BaseValue::string(tag));
      }
    }
    return BaseValue::list(std::move(tags));
  }
  if (name == "links" || name == "embeds") {
    BaseList links;
    if (note != nullptr) {
      for (const auto& l : note->links) {
        if ((l.kind == LinkKind::embed) != (name == "embeds")) continue;
        if (l.kind == LinkKind::markdown && is_url(l.target)) continue;
        if (l.target.empty() && l.subpath.empty()) continue;
        links.push_back(BaseValue::link(link_of(l)));
      }
    }
    return BaseValue::list(std::move(links));
  }
  if (name == "backlinks") return backlinks(file);
  return std::nullopt;
}

BaseValue Evaluator::property(std::string_view id) {
  if (id.rfind("formula.", 0) == 0) return formula(id.substr(8));
  if (id.rfind("file.", 0) == 0) {
    if (auto v = file_field(m_row, id.substr(5))) return *v;
    fail("a file has no field '" + std::string(id.substr(5)) + "'");
  }
  if (id.rfind("note.", 0) == 0) return note_property(m_row, id.substr(5));
  if (id == "file") return BaseValue::file(m_row);
  return note_property(m_row, id);
}

BaseValue Evaluator::formula(std::string_view name) {
  const std::string key(name);
  if (const auto it = m_formula_values.find(key); it != m_formula_values.end() && it->second) return *it->second;
  const Formula* f = m_env.base != nullptr ? m_env.base->formula(name) : nullptr;
  if (f == nullptr) fail("no formula is named '" + key + "'");
  if (!f->source.expr) fail("the formula '" + key + "' has a syntax error");
  if (std::find(m_formulas_running.begin(), m_formulas_running.end(), key) != m_formulas_running.end()) {
    fail("the formula '" + key + "' uses itself");
  }
  // A formula sees no lambda variables of the expression that asked for it.
  auto locals = std::move(m_locals);
  m_locals.clear();
  m_formulas_running.push_back(key);
  struct Restore {
    Evaluator& ev;
    std::vector<std::pair<std::string, BaseValue>>& saved;
    ~Restore() {
      ev.m_formulas_running.pop_back();
      ev.m_locals = std::move(saved);
    }
  } restore{*this, locals};
  BaseValue v = evaluate(*f->source.expr);
  m_formula_values[key] = v;
  return v;
}

std::shared_ptr<const Regex> Evaluator::regex(const std::string& source, bool ignore_case) {
  const std::string key = (ignore_case ? "i/" : "/") + source;
  if (const auto it = m_regex_cache.find(key); it != m_regex_cache.end()) return it->second;
  RegexOptions options;
  options.ignore_case = ignore_case;
  auto compiled = Regex::compile(source, options);
  if (auto* error = std::get_if<RegexError>(&compiled)) {
    fail("the regular expression /" + source + "/ does not compile: " + error->message);
  }
  auto re = std::make_shared<const Regex>(std::get<Regex>(std::move(compiled)));
  m_regex_cache.emplace(key, re);
  return re;
}

}  // namespace mdvault::core::bases
