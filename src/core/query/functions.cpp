#include "core/query/functions.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

#include "core/query/evaluator.hpp"
#include "core/query/icu_locale.hpp"
#include "core/query/js_text.hpp"
#include "core/query/markdown_text.hpp"
#include "core/query/number_format.hpp"
#include "core/query/parser.hpp"
#include "core/unicode.hpp"

namespace mdvault::core::query {

namespace {

using Args = std::vector<DqlValue>;
using Impl = std::function<DqlValue(Evaluator&, const Args&)>;
using Type = DqlValue::Type;

/// One typed variant of a function: "*" matches any type; varargs takes anything.
struct Variant {
  std::vector<std::string_view> types;
  bool varargs = false;
  Impl impl;
};

/// A function as Dataview's FunctionBuilder defines it.
struct Function {
  std::string name;
  std::vector<Variant> variants;
  std::map<std::size_t, std::vector<std::size_t>> vectorized;  ///< argument count -> positions

  Function& add(std::vector<std::string_view> types, Impl impl) {
    variants.push_back({std::move(types), false, std::move(impl)});
    return *this;
  }
  Function& vararg(Impl impl) {
    variants.push_back({{}, true, std::move(impl)});
    return *this;
  }
  /// For `arity` arguments, a null in any one position gives null (Dataview's null rows).
  Function& null_if_any_null(std::size_t arity) {
    for (std::size_t i = 0; i < arity; ++i) {
      std::vector<std::string_view> types(arity, "*");
      types[i] = "null";
      add(std::move(types), [](Evaluator&, const Args&) { return DqlValue{}; });
    }
    return *this;
  }
  Function& vectorize(std::size_t count, std::vector<std::size_t> positions) {
    vectorized[count] = std::move(positions);
    return *this;
  }

  DqlValue operator()(Evaluator& ev, const Args& args) const {
    if (auto it = vectorized.find(args.size()); it != vectorized.end()) {
      std::vector<std::size_t> lists;
      for (std::size_t p : it->second) {
        if (p < args.size() && args[p].is_list()) lists.push_back(p);
      }
      if (!lists.empty()) {
        std::size_t length = args[lists[0]].as_list().size();
        for (std::size_t p : lists) length = std::min(length, args[p].as_list().size());
        DqlList out;
        for (std::size_t i = 0; i < length; ++i) {
          Args sub = args;
          for (std::size_t p : lists) sub[p] = args[p].as_list()[i];
          out.push_back((*this)(ev, sub));
        }
        return DqlValue::list(std::move(out));
      }
    }
    for (const auto& v : variants) {
      if (v.varargs) return v.impl(ev, args);
      if (v.types.size() != args.size()) continue;
      bool match = true;
      for (std::size_t i = 0; i < args.size() && match; ++i) {
        match = v.types[i] == "*" || v.types[i] == type_name(args[i].type());
      }
      if (match) return v.impl(ev, args);
    }
    std::string types;
    for (std::size_t i = 0; i < args.size(); ++i) types += (i ? ", " : "") + std::string(type_name(args[i].type()));
    throw EvaluationError("No implementation of '" + name + "' found for arguments: " + types);
  }
};

DqlValue null_value(Evaluator&, const Args&) { return DqlValue{}; }
DqlValue first_arg(Evaluator&, const Args& a) { return a[0]; }

const std::string& str(const DqlValue& v) { return v.as_string(); }

std::vector<std::string> code_points(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    n = std::min(n, s.size() - i);
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

/// JavaScript's String.length in UTF-16 code units.
double js_length(std::string_view s) {
  double n = 0;
  for (const auto& cp : code_points(s)) n += cp.size() == 4 ? 2 : 1;
  return n;
}

std::string lower(std::string_view s) { return js_lower(s); }

bool contains_text(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }

template <typename T>
T unwrap(std::variant<T, RegexTooComplex> result, const std::string& pattern) {
  if (std::holds_alternative<RegexTooComplex>(result)) {
    throw EvaluationError("Regular expression '" + pattern + "' is too complex (match limit reached)");
  }
  return std::get<T>(std::move(result));
}

bool regex_found(Evaluator& ev, const std::string& pattern, const std::string& subject, bool icase = false) {
  auto re = ev.regex(pattern, icase);
  return unwrap(re->find(subject), pattern).has_value();
}

DqlValue reduce_op(Evaluator& ev, const DqlList& list, std::string_view op) {
  if (list.empty()) return DqlValue{};
  DqlValue value = list[0];
  for (std::size_t i = 1; i < list.size(); ++i) value = ev.binary(op, value, list[i]);
  return value;
}

double js_round(double x) { return std::floor(x + 0.5); }

std::string escape_regex(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".*+?^${}()|[]\\/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

/// Array.prototype.flat(depth): lists inside lists spliced in, `depth` levels deep.
void flatten_into(const DqlList& list, double depth, DqlList& out) {
  for (const auto& v : list) {
    if (v.is_list() && depth >= 1) {
      flatten_into(v.as_list(), depth - 1, out);
    } else {
      out.push_back(v);
    }
  }
}

DqlValue date_from_link(Evaluator& ev, const Link& link) {
  if (link.display) {
    if (auto d = parse_date_text(*link.display)) return DqlValue::date(*d);
  }
  if (auto d = parse_date_text(link.path)) return DqlValue::date(*d);
  DqlValue page = ev.resolve_link(link.path);
  if (const DqlValue* file = page.find("file")) {
    if (const DqlValue* day = file->find("day"); day && day->is_date()) return *day;
  }
  return DqlValue{};
}

std::map<std::string, Function, std::less<>> build_functions() {
  std::map<std::string, Function, std::less<>> f;
  auto def = [&](const std::string& name) -> Function& {
    Function& fn = f[name];
    fn.name = name;
    return fn;
  };
  auto type_of = [](Evaluator&, const Args& a) { return DqlValue::string(std::string(type_name(a[0].type()))); };
  def("typeof").add({"*"}, type_of);
  def("length")
      .add({"array"}, [](Evaluator&, const Args& a) { return DqlValue::number(static_cast<double>(a[0].as_list().size())); })
      .add({"object"}, [](Evaluator&, const Args& a) { return DqlValue::number(static_cast<double>(a[0].as_object().size())); })
      .add({"string"}, [](Evaluator&, const Args& a) { return DqlValue::number(js_length(str(a[0]))); })
      .add({"null"}, [](Evaluator&, const Args&) { return DqlValue::number(0); });
  auto list_impl = [](Evaluator&, const Args& a) { return DqlValue::list(a); };
  def("list").vararg(list_impl);
  def("array").vararg(list_impl);
  def("object").vararg([](Evaluator&, const Args& a) {
    if (a.size() % 2 != 0) throw EvaluationError("object() requires an even number of arguments");
    DqlObject out;
    for (std::size_t i = 0; i < a.size(); i += 2) {
      if (!a[i].is_string()) throw EvaluationError("keys should be of type string for object(key1, value1, ...)");
      out.emplace_back(a[i].as_string(), a[i + 1]);
    }
    return DqlValue::object(std::move(out));
  });
  auto file_link = [](Evaluator& ev, const std::string& path, std::optional<std::string> display, bool embed) {
    Link l;
    l.path = ev.normalizer() ? ev.normalizer()(path) : path;
    l.display = std::move(display);
    l.embed = embed;
    return DqlValue::link(std::move(l));
  };
  def("link")
      .add({"string"}, [file_link](Evaluator& ev, const Args& a) { return file_link(ev, str(a[0]), std::nullopt, false); })
      .add({"link"}, first_arg)
      .add({"null"}, null_value)
      .vectorize(1, {0})
      .add({"string", "string"}, [file_link](Evaluator& ev, const Args& a) { return file_link(ev, str(a[0]), str(a[1]), false); })
      .add({"string", "string", "boolean"},
           [file_link](Evaluator& ev, const Args& a) { return file_link(ev, str(a[0]), str(a[1]), a[2].as_bool()); })
      .add({"link", "string"}, [](Evaluator&, const Args& a) {
        Link l = a[0].as_link();
        l.display = str(a[1]);
        return DqlValue::link(l);
      })
      .add({"null", "*"}, null_value)
      .add({"*", "null"}, [](Evaluator& ev, const Args& a) { return call_function("link", ev, {a[0]}); })
      .vectorize(2, {0, 1});
  auto embedded = [](const Link& link, bool embed) {
    Link l = link;
    l.embed = embed;
    return DqlValue::link(std::move(l));
  };
  def("embed")
      .add({"link"}, [embedded](Evaluator&, const Args& a) { return embedded(a[0].as_link(), true); })
      .vectorize(1, {0})
      .add({"link", "boolean"}, [embedded](Evaluator&, const Args& a) { return embedded(a[0].as_link(), a[1].as_bool()); })
      .add({"null"}, null_value)
      .add({"null", "*"}, null_value)
      .add({"*", "null"}, null_value)
      .vectorize(2, {0, 1});
  def("hash")
      .add({"string", "number"}, [](Evaluator&, const Args& a) { return DqlValue::number(cyrb53(str(a[0]), a[1].as_number())); })
      .add({"string", "string"}, [](Evaluator&, const Args& a) { return DqlValue::number(cyrb53(str(a[0]) + str(a[1]), 0)); })
      .add({"string", "string", "number"},
           [](Evaluator&, const Args& a) { return DqlValue::number(cyrb53(str(a[0]) + str(a[1]), a[2].as_number())); });
  def("date")
      .add({"string"}, [](Evaluator&, const Args& a) {
        auto d = parse_date_plus_text(str(a[0]));
        return d ? DqlValue::date(*d) : DqlValue{};
      })
      .add({"date"}, first_arg)
      .add({"link"}, [](Evaluator& ev, const Args& a) { return date_from_link(ev, a[0].as_link()); })
      .add({"string", "string"}, [](Evaluator& ev, const Args& a) {
        const std::string& format = str(a[1]);
        if (format == "x" || format == "X") {
          // The first number in the text, its integer part (parseInt), as seconds or milliseconds.
          auto re = ev.regex("-?[0-9]+(\\.[0-9]+)?");
          auto m = unwrap(re->find(str(a[0])), "date");
          if (!m) throw EvaluationError("Not a number for format (" + format + "): " + str(a[0]));
          const double n = std::trunc(std::strtod(str(a[0]).substr(m->start, m->end - m->start).c_str(), nullptr));
          const double ms = format == "X" ? n * 1000 : n;
          if (!(std::fabs(ms) <= 8.64e15)) throw EvaluationError("Not a valid date for format (" + format + "): " + str(a[0]));
          const auto whole = static_cast<std::int64_t>(ms);
          const std::int64_t seconds = whole / 1000 - (whole % 1000 < 0 ? 1 : 0);
          DateTime d = DateTime::from_unix_local(seconds);
          d.local_ms += whole - seconds * 1000;
          return DqlValue::date(d);
        }
        auto d = parse_date(str(a[0]), format);
        if (!d) throw EvaluationError("Can't handle format (" + format + ") on date string (" + str(a[0]) + ")");
        return DqlValue::date(*d);
      })
      .add({"null", "string"}, null_value)
      .add({"null"}, null_value)
      .vectorize(1, {0});
  def("dur")
      .add({"string"}, [](Evaluator&, const Args& a) {
        std::string_view s = str(a[0]);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
        while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
        auto d = parse_duration_text(s);
        return d ? DqlValue::duration(*d) : DqlValue{};
      })
      .add({"duration"}, first_arg)
      .add({"null"}, first_arg)
      .vectorize(1, {0});
  def("dateformat")
      .add({"date", "string"}, [](Evaluator&, const Args& a) { return DqlValue::string(format_date(a[0].as_date(), str(a[1]))); })
      .add({"null", "string"}, null_value)
      .vectorize(2, {0});
  // toLocal(): the same instant as a wall-clock time of the system's zone (no offset kept).
  def("durationformat")
      .add({"duration", "string"}, [](Evaluator&, const Args& a) { return DqlValue::string(format_duration(a[0].as_duration(), str(a[1]))); })
      .add({"null", "string"}, null_value)
      .vectorize(2, {0});
  def("localtime")
      .add({"date"}, [](Evaluator&, const Args& a) {
        const DateTime& d = a[0].as_date();
        if (!d.has_offset) return a[0];
        const std::int64_t instant = d.instant();
        const std::int64_t seconds = instant / 1000 - (instant % 1000 < 0 ? 1 : 0);
        DateTime local = DateTime::from_unix_local(seconds);
        local.local_ms += instant - seconds * 1000;
        return DqlValue::date(local);
      })
      .add({"null"}, null_value)
      .vectorize(1, {0});
  // DateTime.fromObject({year, month, day}): midnight of the same calendar day, local time.
  def("striptime")
      .add({"date"}, [](Evaluator&, const Args& a) {
        DateTime d = a[0].as_date().start_of_day();
        d.has_offset = false;
        d.offset_minutes = 0;
        return DqlValue::date(d);
      })
      .add({"null"}, null_value)
      .vectorize(1, {0});
  def("number")
      .add({"number"}, first_arg)
      .add({"string"}, [](Evaluator& ev, const Args& a) {
        auto re = ev.regex("-?[0-9]+(\\.[0-9]+)?");
        auto m = unwrap(re->find(str(a[0])), "number");
        if (!m) return DqlValue{};
        return DqlValue::number(std::strtod(str(a[0]).substr(m->start, m->end - m->start).c_str(), nullptr));
      })
      .add({"null"}, null_value)
      .vectorize(1, {0});
  auto currency = [](const Args& a, std::string_view code) {
    auto text = format_currency(a[0].as_number(), code);
    if (!text) throw EvaluationError("Invalid currency code : " + std::string(code));
    return DqlValue::string(std::move(*text));
  };
  def("currencyformat")
      .add({"number", "string"}, [currency](Evaluator&, const Args& a) { return currency(a, str(a[1])); })
      .add({"null", "string"}, null_value)
      .add({"number"}, [currency](Evaluator&, const Args& a) { return currency(a, "USD"); })
      .add({"null"}, null_value)
      .vectorize(2, {0});
  def("string").add({"*"}, [](Evaluator&, const Args& a) { return DqlValue::string(to_dataview_string(a[0])); });
  def("round")
      .add({"number"}, [](Evaluator&, const Args& a) { return DqlValue::number(js_round(a[0].as_number())); })
      .add({"null"}, null_value)
      .vectorize(1, {0})
      .add({"number", "number"}, [](Evaluator&, const Args& a) {
        const double p = a[1].as_number();
        if (p <= 0) return DqlValue::number(js_round(a[0].as_number()));
        char buffer[512];
        std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(std::min(p, 100.0)), a[0].as_number());
        return DqlValue::number(std::strtod(buffer, nullptr));
      })
      .add({"number", "null"}, [](Evaluator&, const Args& a) { return DqlValue::number(js_round(a[0].as_number())); })
      .add({"null", "*"}, null_value)
      .vectorize(2, {0});
  def("trunc").add({"number"}, [](Evaluator&, const Args& a) { return DqlValue::number(std::trunc(a[0].as_number())); }).add({"null"}, null_value).vectorize(1, {0});
  def("floor").add({"number"}, [](Evaluator&, const Args& a) { return DqlValue::number(std::floor(a[0].as_number())); }).add({"null"}, null_value).vectorize(1, {0});
  def("ceil").add({"number"}, [](Evaluator&, const Args& a) { return DqlValue::number(std::ceil(a[0].as_number())); }).add({"null"}, null_value).vectorize(1, {0});
  for (const bool is_min : {true, false}) {
    const std::string name = is_min ? "min" : "max";
    def(name)
        .add({"*", "null"}, first_arg)
        .add({"null", "*"}, [](Evaluator&, const Args& a) { return a[1]; })
        .add({"*", "*"}, [is_min](Evaluator& ev, const Args& a) {
          const int c = ev.compare(a[0], a[1]);
          return is_min ? (c <= 0 ? a[0] : a[1]) : (c > 0 ? a[0] : a[1]);
        })
        .add({"array"}, [name](Evaluator& ev, const Args& a) { return call_function(name, ev, a[0].as_list()); })
        .vararg([name](Evaluator& ev, const Args& a) {
          if (a.empty()) return DqlValue{};
          DqlValue acc = a[0];
          for (std::size_t i = 1; i < a.size(); ++i) acc = call_function(name, ev, {acc, a[i]});
          return acc;
        });
  }
  for (const bool is_min : {true, false}) {
    def(is_min ? "minby" : "maxby")
        .add({"array", "function"}, [is_min](Evaluator& ev, const Args& a) {
          const DqlList& list = a[0].as_list();
          if (list.empty()) return DqlValue{};
          std::optional<std::pair<DqlValue, DqlValue>> best;
          for (const auto& v : list) {
            DqlValue mapped = ev.call(a[1], {v});
            if (mapped.is_null()) continue;
            if (!best) {
              best = std::make_pair(v, mapped);
              continue;
            }
            const int c = ev.compare(best->second, mapped);
            if (is_min ? c > 0 : c <= 0) best = std::make_pair(v, mapped);
          }
          return best ? best->first : list[0];
        })
        .add({"null", "function"}, null_value);
  }
  def("sum").add({"array"}, [](Evaluator& ev, const Args& a) { return reduce_op(ev, a[0].as_list(), "+"); }).add({"*"}, first_arg);
  def("product").add({"array"}, [](Evaluator& ev, const Args& a) { return reduce_op(ev, a[0].as_list(), "*"); }).add({"*"}, first_arg);
  def("average")
      .add({"array"}, [](Evaluator& ev, const Args& a) {
        const DqlList& list = a[0].as_list();
        if (list.empty()) return DqlValue{};
        DqlValue total = reduce_op(ev, list, "+");
        if (total.is_null()) return DqlValue{};
        return ev.binary("/", total, DqlValue::number(static_cast<double>(list.size())));
      })
      .add({"*"}, first_arg);
  def("reduce")
      .add({"array", "string"}, [](Evaluator& ev, const Args& a) {
        const std::string& op = str(a[1]);
        if (a[0].as_list().empty()) return DqlValue{};
        if (op != "+" && op != "-" && op != "*" && op != "/" && op != "&" && op != "|") {
          throw EvaluationError("reduce(array, op) supports '+', '-', '/', '*', '&', and '|'");
        }
        return reduce_op(ev, a[0].as_list(), op);
      })
      .add({"array", "function"}, [](Evaluator& ev, const Args& a) {
        const DqlList& list = a[0].as_list();
        if (list.empty()) return DqlValue{};
        DqlValue value = list[0];
        for (std::size_t i = 1; i < list.size(); ++i) {
          if (!list[i].is_null()) value = ev.call(a[1], {value, list[i]});
        }
        return value;
      })
      .null_if_any_null(2)
      .vectorize(2, {1});
  // contains, icontains, econtains
  for (const std::string name : {"contains", "icontains"}) {
    const bool icase = name == "icontains";
    def(name)
        .add({"array", "*"}, [name](Evaluator& ev, const Args& a) {
          for (const auto& e : a[0].as_list()) {
            if (is_truthy(call_function(name, ev, {e, a[1]}))) return DqlValue::boolean(true);
          }
          return DqlValue::boolean(false);
        })
        .add({"string", "string"}, [icase](Evaluator&, const Args& a) {
          return DqlValue::boolean(icase ? contains_text(lower(str(a[0])), lower(str(a[1]))) : contains_text(str(a[0]), str(a[1])));
        })
        .add({"object", "string"}, [](Evaluator&, const Args& a) { return DqlValue::boolean(a[0].find(str(a[1])) != nullptr); })
        .add({"*", "*"}, [](Evaluator& ev, const Args& a) { return ev.binary("=", a[0], a[1]); })
        .vectorize(2, {1});
  }
  def("econtains")
      .add({"array", "*"}, [](Evaluator& ev, const Args& a) {
        for (const auto& e : a[0].as_list()) {
          if (is_truthy(ev.binary("=", a[1], e))) return DqlValue::boolean(true);
        }
        return DqlValue::boolean(false);
      })
      .add({"string", "string"}, [](Evaluator&, const Args& a) { return DqlValue::boolean(contains_text(str(a[0]), str(a[1]))); })
      .add({"object", "string"}, [](Evaluator&, const Args& a) { return DqlValue::boolean(a[0].find(str(a[1])) != nullptr); })
      .add({"*", "*"}, [](Evaluator& ev, const Args& a) { return ev.binary("=", a[0], a[1]); })
      .vectorize(2, {1});
  def("containsword")
      .add({"string", "string"}, [](Evaluator& ev, const Args& a) {
        return DqlValue::boolean(regex_found(ev, ".*\\b" + escape_regex(str(a[1])) + "\\b.*", str(a[0]), true));
      })
      .null_if_any_null(2)
      .vectorize(2, {0, 1});
  def("extract").vararg([](Evaluator& ev, const Args& a) -> DqlValue {
    if (a.empty()) return DqlValue::string("extract(object, key1, ...) requires at least 1 argument");
    if (a[0].is_list()) {
      DqlList out;
      for (const auto& item : a[0].as_list()) {
        Args sub = a;
        sub[0] = item;
        out.push_back(call_function("extract", ev, sub));
      }
      return DqlValue::list(std::move(out));
    }
    DqlObject out;
    for (std::size_t i = 1; i < a.size(); ++i) {
      if (!a[i].is_string()) throw EvaluationError("extract(object, key1, ...) must be called with string keys");
      Expr object_expr;
      object_expr.value = a[0];
      Expr key_expr;
      key_expr.value = a[i];
      Expr index;
      index.kind = Expr::Kind::index;
      index.left = std::make_shared<Expr>(object_expr);
      index.right = std::make_shared<Expr>(key_expr);
      out.emplace_back(str(a[i]), ev.evaluate(index, Scope{}));
    }
    return DqlValue::object(std::move(out));
  });
  def("reverse")
      .add({"array"}, [](Evaluator&, const Args& a) {
        DqlList out(a[0].as_list().rbegin(), a[0].as_list().rend());
        return DqlValue::list(std::move(out));
      })
      .add({"string"}, [](Evaluator&, const Args& a) {
        auto cps = code_points(str(a[0]));
        std::string out;
        for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
        return DqlValue::string(out);
      })
      .add({"*"}, first_arg);
  auto sort_impl = [](Evaluator& ev, const DqlList& list, const DqlValue* key) {
    std::vector<std::pair<DqlValue, DqlValue>> keyed;
    for (const auto& v : list) keyed.emplace_back(key ? ev.call(*key, {v}) : v, v);
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) { return ev.compare(x.first, y.first) < 0; });
    DqlList out;
    for (auto& [k, v] : keyed) out.push_back(v);
    return DqlValue::list(std::move(out));
  };
  def("sort")
      .add({"array"}, [sort_impl](Evaluator& ev, const Args& a) { return sort_impl(ev, a[0].as_list(), nullptr); })
      .add({"array", "function"}, [sort_impl](Evaluator& ev, const Args& a) { return sort_impl(ev, a[0].as_list(), &a[1]); })
      .add({"*"}, first_arg);
  def("regextest")
      .add({"string", "string"}, [](Evaluator& ev, const Args& a) { return DqlValue::boolean(regex_found(ev, str(a[0]), str(a[1]))); })
      .add({"null", "*"}, [](Evaluator&, const Args&) { return DqlValue::boolean(false); })
      .add({"*", "null"}, [](Evaluator&, const Args&) { return DqlValue::boolean(false); })
      .vectorize(2, {0, 1});
  def("regexmatch")
      .add({"string", "string"}, [](Evaluator& ev, const Args& a) {
        std::string pattern = str(a[0]);
        if (pattern.rfind('^', 0) != 0 && (pattern.empty() || pattern.back() != '$')) pattern = "^" + pattern + "$";
        return DqlValue::boolean(regex_found(ev, pattern, str(a[1])));
      })
      .add({"null", "*"}, [](Evaluator&, const Args&) { return DqlValue::boolean(false); })
      .add({"*", "null"}, [](Evaluator&, const Args&) { return DqlValue::boolean(false); })
      .vectorize(2, {0, 1});
  def("regexreplace")
      .add({"string", "string", "string"}, [](Evaluator& ev, const Args& a) {
        auto re = ev.regex(str(a[1]));
        std::string out = unwrap(regex_replace_all(*re, str(a[0]), str(a[2]), k_max_text_bytes), str(a[1]));
        check_text_size(static_cast<double>(out.size()), "regexreplace");
        return DqlValue::string(std::move(out));
      })
      .null_if_any_null(3)
      .vectorize(3, {0, 1, 2});
  def("lower").add({"string"}, [](Evaluator&, const Args& a) { return DqlValue::string(lower(str(a[0]))); }).add({"null"}, null_value).vectorize(1, {0});
  def("upper").add({"string"}, [](Evaluator&, const Args& a) { return DqlValue::string(js_upper(str(a[0]))); }).add({"null"}, null_value).vectorize(1, {0});
  def("replace")
      .add({"string", "string", "string"}, [](Evaluator&, const Args& a) {
        const std::string& s = str(a[0]);
        const std::string& pat = str(a[1]);
        const std::string& rep = str(a[2]);
        std::string out;
        if (pat.empty()) {
          auto cps = code_points(s);
          check_text_size(static_cast<double>(s.size()) + static_cast<double>(cps.size()) * static_cast<double>(rep.size()),
                          "replace");
          for (std::size_t i = 0; i < cps.size(); ++i) out += (i ? rep : "") + cps[i];
          return DqlValue::string(out);
        }
        std::size_t start = 0;
        std::size_t found = 0;
        while ((found = s.find(pat, start)) != std::string::npos) {
          out += s.substr(start, found - start) + rep;
          check_text_size(static_cast<double>(out.size()), "replace");
          start = found + pat.size();
        }
        return DqlValue::string(out + s.substr(start));
      })
      .null_if_any_null(3)
      .vectorize(3, {0, 1, 2});
  auto split_impl = [](Evaluator& ev, const std::string& s, const std::string& delim, std::optional<std::size_t> limit) {
    auto re = ev.regex(delim);
    DqlList out;
    for (auto& part : unwrap(regex_split(*re, s, limit), delim)) out.push_back(DqlValue::string(part));
    return DqlValue::list(std::move(out));
  };
  def("split")
      .add({"string", "string"}, [split_impl](Evaluator& ev, const Args& a) { return split_impl(ev, str(a[0]), str(a[1]), std::nullopt); })
      .add({"string", "string", "number"}, [split_impl](Evaluator& ev, const Args& a) {
        const double n = a[2].as_number();
        return split_impl(ev, str(a[0]), str(a[1]), n < 0 ? std::nullopt : std::optional<std::size_t>(static_cast<std::size_t>(n)));
      })
      .null_if_any_null(2)
      .add({"*", "*", "null"}, null_value)
      .add({"*", "null", "*"}, null_value)
      .add({"null", "*", "*"}, null_value);
  def("startswith")
      .add({"string", "string"}, [](Evaluator&, const Args& a) { return DqlValue::boolean(str(a[0]).rfind(str(a[1]), 0) == 0); })
      .null_if_any_null(2)
      .vectorize(2, {0, 1});
  def("endswith")
      .add({"string", "string"}, [](Evaluator&, const Args& a) {
        const std::string& s = str(a[0]);
        const std::string& e = str(a[1]);
        return DqlValue::boolean(s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0);
      })
      .null_if_any_null(2)
      .vectorize(2, {0, 1});
  for (const bool left : {true, false}) {
    auto pad = [left](Evaluator&, const Args& a) {
      const std::string& s = str(a[0]);
      const std::string padding = a.size() > 2 ? str(a[2]) : " ";
      const double target = std::floor(a[1].as_number());  // ToLength: padright("ab", 4.5) pads to 4
      const double have = js_length(s);
      if (!(target > have) || padding.empty()) return DqlValue::string(s);  // NaN pads nothing, as in JavaScript
      const auto pad_cps = code_points(padding);
      // Checked before any allocation: padleft("x", 4/0) asked for an infinite text.
      const double bytes_per_cp = static_cast<double>(padding.size()) / static_cast<double>(pad_cps.size());
      check_text_size(static_cast<double>(s.size()) + (target - have) * bytes_per_cp, left ? "padleft" : "padright");
      std::string fill;
      for (std::size_t i = 0; static_cast<double>(i) < target - have; ++i) fill += pad_cps[i % pad_cps.size()];
      return DqlValue::string(left ? fill + s : s + fill);
    };
    def(left ? "padleft" : "padright")
        .add({"string", "number"}, pad)
        .add({"string", "number", "string"}, pad)
        .null_if_any_null(2)
        .null_if_any_null(3)
        .vectorize(2, {0, 1})
        .vectorize(3, {0, 1, 2});
  }
  auto substring = [](Evaluator&, const Args& a) {
    const auto cps = code_points(str(a[0]));
    const double length = static_cast<double>(cps.size());
    double start = std::clamp(std::isnan(a[1].as_number()) ? 0 : std::trunc(a[1].as_number()), 0.0, length);
    double end = a.size() > 2 ? std::clamp(std::trunc(a[2].as_number()), 0.0, length) : length;
    if (start > end) std::swap(start, end);
    std::string out;
    for (auto i = static_cast<std::size_t>(start); i < static_cast<std::size_t>(end); ++i) out += cps[i];
    return DqlValue::string(out);
  };
  def("substring")
      .add({"string", "number"}, substring)
      .add({"string", "number", "number"}, substring)
      .null_if_any_null(2)
      .null_if_any_null(3)
      .vectorize(2, {0, 1})
      .vectorize(3, {0, 1, 2});
  auto truncate = [](Evaluator&, const Args& a) {
    const std::string& s = str(a[0]);
    const std::string suffix = a.size() > 2 ? str(a[2]) : "...";
    const double length = a[1].as_number();
    const auto cps = code_points(s);
    const double keep = length - static_cast<double>(code_points(suffix).size());
    if (static_cast<double>(cps.size()) <= keep) return DqlValue::string(s);
    std::string out;
    for (std::size_t i = 0; static_cast<double>(i) < std::max(0.0, keep) && i < cps.size(); ++i) out += cps[i];
    return DqlValue::string(out + suffix);
  };
  def("truncate")
      .add({"string", "number", "string"}, truncate)
      .add({"string", "number"}, truncate)
      .null_if_any_null(2)
      .null_if_any_null(3)
      .vectorize(2, {0, 1})
      .vectorize(3, {0, 1, 2});
  auto default_impl = [](Evaluator&, const Args& a) { return a[0].is_null() ? a[1] : a[0]; };
  def("default").add({"*", "*"}, default_impl).vectorize(2, {0, 1});
  def("ldefault").add({"*", "*"}, default_impl);
  def("choice").add({"*", "*", "*"}, [](Evaluator&, const Args& a) { return is_truthy(a[0]) ? a[1] : a[2]; }).vectorize(3, {0});
  def("join")
      .add({"array", "string"}, [](Evaluator&, const Args& a) {
        std::string out;
        bool first = true;
        for (const auto& e : a[0].as_list()) {
          if (!first) out += str(a[1]);
          first = false;
          out += to_dataview_string(e);
          check_text_size(static_cast<double>(out.size()), "join");
        }
        return DqlValue::string(out);
      })
      .add({"array", "null"}, [](Evaluator& ev, const Args& a) { return call_function("join", ev, {a[0], DqlValue::string(", ")}); })
      .add({"*", "string"}, [](Evaluator&, const Args& a) { return DqlValue::string(to_dataview_string(a[0])); })
      .add({"array"}, [](Evaluator& ev, const Args& a) { return call_function("join", ev, {a[0], DqlValue::string(", ")}); })
      .add({"*"}, [](Evaluator&, const Args& a) { return DqlValue::string(to_dataview_string(a[0])); })
      .vectorize(2, {1});
  for (const std::string name : {"any", "all", "none"}) {
    auto test = [name](const std::vector<bool>& values) {
      const bool some = std::any_of(values.begin(), values.end(), [](bool b) { return b; });
      const bool every = std::all_of(values.begin(), values.end(), [](bool b) { return b; });
      return DqlValue::boolean(name == "any" ? some : name == "all" ? every : !some);
    };
    auto truths = [](const DqlList& list) {
      std::vector<bool> out;
      for (const auto& v : list) out.push_back(is_truthy(v));
      return out;
    };
    def(name)
        .add({"array"}, [test, truths](Evaluator&, const Args& a) { return test(truths(a[0].as_list())); })
        .add({"array", "function"}, [test](Evaluator& ev, const Args& a) {
          std::vector<bool> out;
          for (const auto& v : a[0].as_list()) out.push_back(is_truthy(ev.call(a[1], {v})));
          return test(out);
        })
        .vararg([test, truths](Evaluator&, const Args& a) { return test(truths(a)); });
  }
  def("filter")
      .add({"array", "function"}, [](Evaluator& ev, const Args& a) {
        DqlList out;
        for (const auto& v : a[0].as_list()) {
          if (is_truthy(ev.call(a[1], {v}))) out.push_back(v);
        }
        return DqlValue::list(std::move(out));
      })
      .add({"null", "*"}, null_value);
  def("map")
      .add({"array", "function"}, [](Evaluator& ev, const Args& a) {
        DqlList out;
        for (const auto& v : a[0].as_list()) out.push_back(ev.call(a[1], {v}));
        return DqlValue::list(std::move(out));
      })
      .add({"null", "*"}, null_value);
  auto non_null = [](const DqlList& list) {
    DqlList out;
    for (const auto& v : list) {
      if (!v.is_null()) out.push_back(v);
    }
    return DqlValue::list(std::move(out));
  };
  def("nonnull").add({"array"}, [non_null](Evaluator&, const Args& a) { return non_null(a[0].as_list()); }).vararg([non_null](Evaluator&, const Args& a) { return non_null(a); });
  def("firstvalue")
      .add({"array"}, [](Evaluator&, const Args& a) {
        for (const auto& v : a[0].as_list()) {
          if (!v.is_null()) return v;
        }
        return DqlValue{};
      })
      .add({"null"}, null_value);
  def("flat")
      .add({"array"}, [](Evaluator&, const Args& a) {
        DqlList out;
        flatten_into(a[0].as_list(), 1, out);
        return DqlValue::list(std::move(out));
      })
      .add({"array", "number"}, [](Evaluator&, const Args& a) {
        DqlList out;
        const double depth = std::isnan(a[1].as_number()) ? 0 : std::trunc(a[1].as_number());
        flatten_into(a[0].as_list(), depth, out);
        return DqlValue::list(std::move(out));
      })
      .add({"null"}, null_value);
  auto slice = [](Evaluator&, const Args& a) {
    const DqlList& list = a[0].as_list();
    const auto n = static_cast<double>(list.size());
    auto clamp_index = [n](double i) { return i < 0 ? std::max(0.0, n + std::trunc(i)) : std::min(n, std::trunc(i)); };
    const double start = a.size() > 1 ? clamp_index(a[1].as_number()) : 0;
    const double end = a.size() > 2 ? clamp_index(a[2].as_number()) : n;
    DqlList out;
    for (auto i = static_cast<std::size_t>(start); static_cast<double>(i) < end; ++i) out.push_back(list[i]);
    return DqlValue::list(std::move(out));
  };
  def("slice").add({"array"}, slice).add({"array", "number"}, slice).add({"array", "number", "number"}, slice).add({"null"}, null_value);
  // DataArray.distinct: sorted (stably), then the first of each run of equal values.
  def("unique")
      .add({"array"}, [](Evaluator&, const Args& a) {
        DqlList sorted = a[0].as_list();
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](const DqlValue& x, const DqlValue& y) { return compare_values(x, y) < 0; });
        DqlList out;
        for (std::size_t i = 0; i < sorted.size(); ++i) {
          if (i == 0 || compare_values(sorted[i - 1], sorted[i]) != 0) out.push_back(sorted[i]);
        }
        return DqlValue::list(std::move(out));
      })
      .add({"null"}, null_value);
  def("meta").add({"link"}, [](Evaluator&, const Args& a) {
    const Link& l = a[0].as_link();
    static constexpr std::string_view k_types[] = {"file", "header", "block"};
    DqlObject out;
    out.emplace_back("display", l.display ? DqlValue::string(*l.display) : DqlValue{});
    out.emplace_back("embed", DqlValue::boolean(l.embed));
    out.emplace_back("path", DqlValue::string(l.path));
    out.emplace_back("subpath", l.subpath ? DqlValue::string(*l.subpath) : DqlValue{});
    out.emplace_back("type", DqlValue::string(std::string(k_types[static_cast<std::size_t>(l.type)])));
    return DqlValue::object(std::move(out));
  });
  def("display")
      .add({"null"}, [](Evaluator&, const Args&) { return DqlValue::string(""); })
      .add({"array"}, [](Evaluator& ev, const Args& a) {
        std::string out;
        for (std::size_t i = 0; i < a[0].as_list().size(); ++i) {
          out += (i ? ", " : "") + to_dataview_string(call_function("display", ev, {a[0].as_list()[i]}));
        }
        return DqlValue::string(out);
      })
      .add({"string"}, [](Evaluator&, const Args& a) { return DqlValue::string(normalize_markdown(str(a[0]))); })
      .add({"link"}, [](Evaluator&, const Args& a) {
        const Link& l = a[0].as_link();
        const bool has_display = l.display && !l.display->empty();
        return DqlValue::string(has_display ? normalize_markdown(*l.display) : link_display_text(l.markdown()));
      })
      .add({"*"}, [](Evaluator&, const Args& a) { return DqlValue::string(to_dataview_string(a[0])); });
  return f;
}

const std::map<std::string, Function, std::less<>>& functions() {
  static const auto k_functions = build_functions();
  return k_functions;
}

}  // namespace

bool is_function(std::string_view name) { return functions().find(name) != functions().end(); }

const std::vector<std::string>& function_names() {
  static const std::vector<std::string> k_names = [] {
    std::vector<std::string> out;
    for (const auto& entry : functions()) out.push_back(entry.first);
    return out;
  }();
  return k_names;
}

DqlValue call_function(std::string_view name, Evaluator& evaluator, const std::vector<DqlValue>& args) {
  auto it = functions().find(name);
  if (it == functions().end()) throw EvaluationError("Unrecognized function name '" + std::string(name) + "'");
  return it->second(evaluator, args);
}

}  // namespace mdvault::core::query
