#include "core/query/evaluator.hpp"

#include <cmath>

#include "core/query/functions.hpp"

namespace mdvault::core::query {

namespace {

using Type = DqlValue::Type;

// Patterns from a query: a larger match limit than schema patterns get, subjects that are not
// valid UTF-8 still searched, and an exhausted JIT stack read as no match, as the DQL
// functions always have.
RegexOptions regex_options(bool ignore_case) {
  RegexOptions options;
  options.match_limit = 1'000'000;
  options.depth_limit = 10'000;
  options.ignore_case = ignore_case;
  options.match_invalid_utf = true;
  return options;
}

[[noreturn]] void fail(const std::string& message) { throw EvaluationError(message); }

}  // namespace

void check_text_size(double bytes, std::string_view function) {
  if (!(bytes <= static_cast<double>(k_max_text_bytes))) {  // also NaN
    fail(std::string(function) + " would make a text longer than 16 MiB, the limit for one value");
  }
}

const DqlValue* Scope::lookup(std::string_view name) const {
  for (auto it = locals.rbegin(); it != locals.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  if (row) {
    for (const auto& [key, value] : *row) {
      if (key == name) return &value;
    }
  }
  return nullptr;
}

Evaluator::Evaluator(LinkHandler links, DqlObject globals) : m_links(std::move(links)), m_globals(std::move(globals)) {
  if (m_links.normalize) {
    auto normalize = m_links.normalize;
    m_normalize = [normalize](const std::string& path) { return normalize(path); };
  }
}

int Evaluator::compare(const DqlValue& a, const DqlValue& b) const { return compare_values(a, b, m_normalize); }

DqlValue Evaluator::resolve_link(const std::string& path) const {
  return m_links.resolve ? m_links.resolve(path) : DqlValue{};
}

std::shared_ptr<const Regex> Evaluator::regex(const std::string& pattern, bool ignore_case) {
  const std::string key = (ignore_case ? "i/" : "-/") + pattern;
  if (auto it = m_regex_cache.find(key); it != m_regex_cache.end()) return it->second;
  auto compiled = Regex::compile(pattern, regex_options(ignore_case));
  if (auto* error = std::get_if<RegexError>(&compiled)) {
    fail("Invalid regular expression '" + pattern + "': " + error->message);
  }
  auto re = std::make_shared<const Regex>(std::move(std::get<Regex>(compiled)));
  m_regex_cache.emplace(key, re);
  return re;
}

std::variant<DqlValue, std::string> Evaluator::try_evaluate(const Expr& e, const Scope& scope) {
  try {
    return evaluate(e, scope);
  } catch (const EvaluationError& error) {
    return std::string(error.what());
  }
}

DqlValue Evaluator::call(const DqlValue& function, const std::vector<DqlValue>& args) {
  if (!function.is_function()) fail("Cannot call type '" + std::string(type_name(function.type())) + "' as a function");
  return function.as_function()(*this, args);
}

DqlValue Evaluator::evaluate(const Expr& e, const Scope& scope) {
  switch (e.kind) {
    case Expr::Kind::literal: return e.value;
    case Expr::Kind::variable: {
      if (const DqlValue* v = scope.lookup(e.name)) return *v;
      for (const auto& [key, value] : m_globals) {
        if (key == e.name) return value;
      }
      return DqlValue{};
    }
    case Expr::Kind::negated: return DqlValue::boolean(!is_truthy(evaluate(*e.left, scope)));
    case Expr::Kind::binaryop: {
      DqlValue left = evaluate(*e.left, scope);
      DqlValue right = evaluate(*e.right, scope);
      return binary(e.name, left, right);
    }
    case Expr::Kind::list: {
      DqlList items;
      items.reserve(e.items.size());
      for (const auto& item : e.items) items.push_back(evaluate(*item, scope));
      return DqlValue::list(std::move(items));
    }
    case Expr::Kind::object: {
      DqlObject entries;
      for (const auto& [key, value] : e.entries) entries.emplace_back(key, evaluate(*value, scope));
      return DqlValue::object(std::move(entries));
    }
    case Expr::Kind::lambda: {
      const Expr* lambda = &e;
      Scope captured = scope;
      return DqlValue::function([lambda, captured](Evaluator& evaluator, const std::vector<DqlValue>& args) {
        Scope inner = captured;
        for (std::size_t i = 0; i < std::min(args.size(), lambda->params.size()); ++i) {
          inner.locals.emplace_back(lambda->params[i], args[i]);
        }
        return evaluator.evaluate(*lambda->left, inner);
      });
    }
    case Expr::Kind::function: {
      std::vector<DqlValue> args;
      args.reserve(e.items.size());
      if (e.left->kind == Expr::Kind::variable) {
        for (const auto& arg : e.items) args.push_back(evaluate(*arg, scope));
        if (!is_function(e.left->name)) fail("Unrecognized function name '" + e.left->name + "'");
        return call_function(e.left->name, *this, args);
      }
      DqlValue callee = evaluate(*e.left, scope);
      for (const auto& arg : e.items) args.push_back(evaluate(*arg, scope));
      if (callee.is_string()) {
        if (!is_function(callee.as_string())) fail("Unrecognized function name '" + callee.as_string() + "'");
        return call_function(callee.as_string(), *this, args);
      }
      return call(callee, args);
    }
    case Expr::Kind::index: return evaluate_index(e, scope);
  }
  return DqlValue{};
}

DqlValue Evaluator::evaluate_index(const Expr& e, const Scope& scope) {
  // `a.b` holds the literal "b"; `a[b]` reads the variable b. A null key gives null before the
  // object is looked at (Dataview's Context.evaluate).
  DqlValue index = evaluate(*e.right, scope);
  if (index.is_null()) return DqlValue{};
  if (!index.is_string() && !index.is_number()) fail("Can only index with a string or number");
  DqlValue object;
  if (e.left->kind == Expr::Kind::variable && e.left->name == "row") {
    DqlObject merged = m_globals;
    if (scope.row) {
      for (const auto& entry : *scope.row) {
        bool replaced = false;
        for (auto& existing : merged) {
          if (existing.first == entry.first) {
            existing.second = entry.second;
            replaced = true;
          }
        }
        if (!replaced) merged.push_back(entry);
      }
    }
    for (const auto& [name, value] : scope.locals) {
      bool replaced = false;
      for (auto& existing : merged) {
        if (existing.first == name) {
          existing.second = value;
          replaced = true;
        }
      }
      if (!replaced) merged.emplace_back(name, value);
    }
    object = DqlValue::object(std::move(merged));
  } else {
    object = evaluate(*e.left, scope);
  }
  return index_value(object, index);
}

DqlValue Evaluator::index_value(const DqlValue& object, const DqlValue& index) {
  switch (object.type()) {
    case Type::object: {
      if (!index.is_string()) fail("can only index into objects with strings (a.b or a[\"b\"])");
      const DqlValue* v = object.find(index.as_string());
      return v ? *v : DqlValue{};
    }
    case Type::link: {
      if (!index.is_string()) fail("can only index into links with strings (a.b or a[\"b\"])");
      DqlValue page = resolve_link(object.as_link().path);
      const DqlValue* v = page.find(index.as_string());
      return v ? *v : DqlValue{};
    }
    case Type::array: {
      const DqlList& list = object.as_list();
      if (index.is_number()) {
        const double i = index.as_number();
        if (i >= static_cast<double>(list.size()) || i < 0 || i != std::floor(i)) return DqlValue{};
        return list[static_cast<std::size_t>(i)];
      }
      DqlList out;
      out.reserve(list.size());
      for (const auto& item : list) {
        try {
          out.push_back(index_value(item, index));
        } catch (const EvaluationError&) {
          // Dataview skips elements it cannot index.
        }
      }
      return DqlValue::list(std::move(out));
    }
    case Type::string: {
      if (!index.is_number()) fail("string indexing requires a numeric index (string[index])");
      const std::string& s = object.as_string();
      const double i = index.as_number();
      if (i < 0 || i != std::floor(i)) return DqlValue{};
      // Index by code point (JavaScript indexes UTF-16 units; the same for text without emoji).
      std::size_t wanted = static_cast<std::size_t>(i);
      std::size_t pos = 0;
      while (pos < s.size()) {
        std::size_t length = 1;
        const auto b = static_cast<unsigned char>(s[pos]);
        if (b >= 0xF0) {
          length = 4;
        } else if (b >= 0xE0) {
          length = 3;
        } else if (b >= 0xC0) {
          length = 2;
        }
        if (wanted == 0) return DqlValue::string(s.substr(pos, length));
        --wanted;
        pos += length;
      }
      return DqlValue{};
    }
    case Type::date: {
      if (!index.is_string()) fail("date indexing requires a string representing the unit");
      const DateTime& d = object.as_date();
      const std::string& unit = index.as_string();
      if (unit == "year") return DqlValue::number(d.year());
      if (unit == "month") return DqlValue::number(d.month());
      if (unit == "weekyear") return DqlValue::number(d.week_number());
      if (unit == "week") return DqlValue::number(std::floor(d.day() / 7.0) + 1);
      if (unit == "weekday") return DqlValue::number(d.weekday());
      if (unit == "day") return DqlValue::number(d.day());
      if (unit == "hour") return DqlValue::number(d.hour());
      if (unit == "minute") return DqlValue::number(d.minute());
      if (unit == "second") return DqlValue::number(d.second());
      if (unit == "millisecond") return DqlValue::number(d.millisecond());
      return DqlValue{};
    }
    case Type::duration: {
      if (!index.is_string()) fail("duration indexing requires a string representing the unit");
      const Duration& d = object.as_duration();
      const std::string& unit = index.as_string();
      using U = DurationUnit;
      if (unit == "year" || unit == "years") return DqlValue::number(d.as(U::years));
      if (unit == "month" || unit == "months") return DqlValue::number(d.as(U::months));
      if (unit == "weeks") return DqlValue::number(d.as(U::weeks));
      if (unit == "day" || unit == "days") return DqlValue::number(d.as(U::days));
      if (unit == "hour" || unit == "hours") return DqlValue::number(d.as(U::hours));
      if (unit == "minute" || unit == "minutes") return DqlValue::number(d.as(U::minutes));
      if (unit == "second" || unit == "seconds") return DqlValue::number(d.as(U::seconds));
      if (unit == "millisecond" || unit == "milliseconds") return DqlValue::number(d.as(U::milliseconds));
      return DqlValue{};
    }
    default: return DqlValue{};
  }
}

DqlValue Evaluator::binary(std::string_view op, const DqlValue& a, const DqlValue& b) {
  const Type ta = a.type();
  const Type tb = b.type();
  // Comparisons and boolean operators are defined on every pair of types.
  if (op == "<") return DqlValue::boolean(compare(a, b) < 0);
  if (op == "<=") return DqlValue::boolean(compare(a, b) <= 0);
  if (op == ">") return DqlValue::boolean(compare(a, b) > 0);
  if (op == ">=") return DqlValue::boolean(compare(a, b) >= 0);
  if (op == "=") return DqlValue::boolean(compare(a, b) == 0);
  if (op == "!=") return DqlValue::boolean(compare(a, b) != 0);
  if (op == "&") return DqlValue::boolean(is_truthy(a) && is_truthy(b));
  if (op == "|") return DqlValue::boolean(is_truthy(a) || is_truthy(b));
  const bool null_pair = ta == Type::null && tb == Type::null;
  if (op == "+") {
    if (ta == Type::number && tb == Type::number) return DqlValue::number(a.as_number() + b.as_number());
    if (ta == Type::date && tb == Type::duration) return DqlValue::date(add(a.as_date(), b.as_duration()));
    if (ta == Type::duration && tb == Type::date) return DqlValue::date(add(b.as_date(), a.as_duration()));
    if (ta == Type::duration && tb == Type::duration) {
      return DqlValue::duration(normalize(plus(a.as_duration(), b.as_duration())));
    }
    if (ta == Type::array && tb == Type::array) {
      DqlList out = a.as_list();
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      return DqlValue::list(std::move(out));
    }
    if (ta == Type::object && tb == Type::object) {
      DqlObject out = a.as_object();
      for (const auto& entry : b.as_object()) {
        bool replaced = false;
        for (auto& existing : out) {
          if (existing.first == entry.first) {
            existing.second = entry.second;
            replaced = true;
          }
        }
        if (!replaced) out.push_back(entry);
      }
      return DqlValue::object(std::move(out));
    }
    if (null_pair || (ta == Type::date && tb == Type::null) || (ta == Type::null && tb == Type::date)) {
      return DqlValue{};
    }
    if (ta == Type::string || tb == Type::string) {
      std::string left = ta == Type::string ? a.as_string() : to_dataview_string(a);
      const std::string right = tb == Type::string ? b.as_string() : to_dataview_string(b);
      check_text_size(static_cast<double>(left.size()) + static_cast<double>(right.size()), "'+'");
      return DqlValue::string(std::move(left) + right);
    }
  } else if (op == "-") {
    if (ta == Type::number && tb == Type::number) return DqlValue::number(a.as_number() - b.as_number());
    if (ta == Type::date && tb == Type::date) return DqlValue::duration(difference(a.as_date(), b.as_date()));
    if (ta == Type::date && tb == Type::duration) return DqlValue::date(add(a.as_date(), b.as_duration(), -1));
    if (ta == Type::duration && tb == Type::duration) {
      return DqlValue::duration(normalize(plus(a.as_duration(), scale(b.as_duration(), -1))));
    }
    if (null_pair || (ta == Type::date && tb == Type::null) || (ta == Type::null && tb == Type::date)) {
      return DqlValue{};
    }
  } else if (op == "*") {
    if (ta == Type::number && tb == Type::number) return DqlValue::number(a.as_number() * b.as_number());
    if ((ta == Type::string && tb == Type::number) || (ta == Type::number && tb == Type::string)) {
      const std::string& s = ta == Type::string ? a.as_string() : b.as_string();
      const double n = ta == Type::number ? a.as_number() : b.as_number();
      if (n < 0) return DqlValue::string("");
      if (n > 1e6) fail("Invalid count value: string repeated too many times");
      std::string out;
      for (double i = 0; i < std::floor(n); ++i) out += s;
      return DqlValue::string(std::move(out));
    }
    if (ta == Type::duration && tb == Type::number) return DqlValue::duration(normalize(scale(a.as_duration(), b.as_number())));
    if (ta == Type::number && tb == Type::duration) return DqlValue::duration(normalize(scale(b.as_duration(), a.as_number())));
    if (null_pair) return DqlValue{};
  } else if (op == "/") {
    if (ta == Type::number && tb == Type::number) return DqlValue::number(a.as_number() / b.as_number());
    if (ta == Type::duration && tb == Type::number) {
      return DqlValue::duration(normalize(scale(a.as_duration(), 1.0 / b.as_number())));
    }
    if (null_pair) return DqlValue{};
  } else if (op == "%") {
    if (ta == Type::number && tb == Type::number) return DqlValue::number(std::fmod(a.as_number(), b.as_number()));
    if (null_pair) return DqlValue{};
  }
  fail("No implementation found for '" + std::string(type_name(ta)) + " " + std::string(op) + " " +
       std::string(type_name(tb)) + "'");
}

}  // namespace mdvault::core::query
