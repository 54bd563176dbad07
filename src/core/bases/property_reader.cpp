// Frontmatter values as Bases reads them: by the type `.obsidian/types.json` declares, else by
// the shape of the value (see read_property in evaluator.hpp).

#include <cmath>
#include <charconv>

#include "core/bases/evaluator.hpp"
#include "core/wikilink.hpp"

namespace mdvault::core::bases {

namespace {

BaseValue untyped(const Value& v);

/// A text value: a lone wikilink is a link, anything else stays text.
BaseValue text_value(const std::string& s) {
  if (const auto parts = parse_single_wikilink(s)) {
    LinkValue link;
    link.target = parts->target + (parts->subpath.empty() ? "" : "#" + parts->subpath);
    if (parts->has_display) link.display = parts->display;
    return BaseValue::link(std::move(link));
  }
  return BaseValue::string(s);
}

BaseValue scalar_text(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null: return {};
    case Value::Kind::boolean: return BaseValue::string(v.as_bool() ? "true" : "false");
    case Value::Kind::string: return text_value(v.as_string());
    case Value::Kind::integer:
    case Value::Kind::floating: return BaseValue::string(to_display(v));
    default: return untyped(v);
  }
}

BaseValue untyped(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::null: return {};
    case Value::Kind::boolean: return BaseValue::boolean(v.as_bool());
    case Value::Kind::integer:
    case Value::Kind::floating: return BaseValue::number(v.as_number());
    case Value::Kind::string: {
      const std::string& s = v.as_string();
      if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
        if (const auto d = parse_date(s)) return BaseValue::date(*d);
      }
      return text_value(s);
    }
    case Value::Kind::list: {
      BaseList items;
      for (const auto& item : v.as_list()) items.push_back(untyped(item));
      return BaseValue::list(std::move(items));
    }
    case Value::Kind::map: {
      BaseObject entries;
      for (const auto& e : v.as_map()) entries.emplace_back(e.key, untyped(e.value));
      return BaseValue::object(std::move(entries));
    }
  }
  return {};
}

}  // namespace

BaseValue read_property(const Value& v, std::string_view declared_type) {
  if (v.is_null()) return {};
  if (declared_type == "date" || declared_type == "datetime") {
    if (v.is_string()) {
      if (const auto d = parse_date(v.as_string())) {
        return BaseValue::date(declared_type == "date" ? d->start_of_day() : *d);
      }
    }
    return untyped(v);  // a value the type does not fit is shown as it is
  }
  if (declared_type == "number") {
    if (v.is_string()) {
      double n = 0;
      const std::string& s = v.as_string();
      const auto r = std::from_chars(s.data(), s.data() + s.size(), n);
      if (r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty()) return BaseValue::number(n);
    }
    return untyped(v);
  }
  if (declared_type == "checkbox") {
    if (v.is_string() && (v.as_string() == "true" || v.as_string() == "false")) {
      return BaseValue::boolean(v.as_string() == "true");
    }
    return untyped(v);
  }
  if (declared_type == "multitext" || declared_type == "tags" || declared_type == "aliases") {
    BaseList items;
    if (v.is_list()) {
      for (const auto& item : v.as_list()) {
        if (!item.is_null()) items.push_back(item.is_list() || item.is_map() ? untyped(item) : scalar_text(item));
      }
    } else if (v.is_map()) {
      return untyped(v);
    } else {
      items.push_back(scalar_text(v));
    }
    return BaseValue::list(std::move(items));
  }
  if (declared_type == "text") {
    if (v.is_list() || v.is_map()) return untyped(v);
    return scalar_text(v);
  }
  return untyped(v);
}

}  // namespace mdvault::core::bases
