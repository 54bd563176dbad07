#include "core/query/result_value.hpp"

#include <cstdint>
#include <utility>

#include "core/query/date_time.hpp"
#include "core/result_values.hpp"

namespace mdvault::core::query {

namespace {

/// The members of a group: notes as {"File": path}, nested groups as {"key", "rows"}.
Value group_members(const DqlValue& rows) {
  ValueList out;
  if (!rows.is_list()) return Value::make_list(std::move(out));
  for (const auto& member : rows.as_list()) {
    const DqlValue* file = member.find("file");
    const DqlValue* path = file ? file->find("path") : nullptr;
    if (path && path->is_string()) {
      out.push_back(Value::make_map({MapEntry{"File", {}, Value::make_string(path->as_string())}}));
    } else if (member.find("key") && member.find("rows")) {
      out.push_back(Value::make_map({MapEntry{"key", {}, plain_value(*member.find("key"))},
                                     MapEntry{"rows", {}, group_members(*member.find("rows"))}}));
    } else {
      out.push_back(plain_value(member));
    }
  }
  return Value::make_list(std::move(out));
}

}  // namespace

std::string link_path(const Link& link) {
  std::string out = link.path;
  if (link.type == Link::Type::header) out += "#" + link.subpath.value_or("");
  if (link.type == Link::Type::block) out += "#^" + link.subpath.value_or("");
  return out;
}

Value plain_value(const DqlValue& v) {
  switch (v.type()) {
  case DqlValue::Type::null: return Value::make_null();
  case DqlValue::Type::boolean: return Value::make_bool(v.as_bool());
  case DqlValue::Type::number: return number_value(v.as_number());
  case DqlValue::Type::string: return Value::make_string(v.as_string());
  case DqlValue::Type::date: return Value::make_string(iso_date(v.as_date()));
  case DqlValue::Type::duration: return Value::make_string(render_duration(v.as_duration()));
  case DqlValue::Type::link: return Value::make_string(link_path(v.as_link()));
  case DqlValue::Type::array: {
    ValueList out;
    for (const auto& item : v.as_list()) out.push_back(plain_value(item));
    return Value::make_list(std::move(out));
  }
  case DqlValue::Type::object: {
    ValueMap out;
    for (const auto& [k, item] : v.as_object()) set_entry(out, k, plain_value(item));
    return Value::make_map(std::move(out));
  }
  case DqlValue::Type::function: return Value::make_string("<function>");
  }
  return Value::make_null();
}

Value row_value(const QueryResult& result, const ResultRow& row) {
  ValueMap out;
  if (result.grouped) {
    set_entry(out, "key", plain_value(row.id));
    const DqlValue* rows = row.data.find("rows");
    set_entry(out, "rows", rows ? group_members(*rows) : Value::make_list({}));
  } else if (result.show_id) {
    set_entry(out, "File", plain_value(row.id));
  }
  for (std::size_t i = 0; i < result.headers.size() && i < row.values.size(); ++i) {
    set_entry(out, result.headers[i], plain_value(row.values[i]));
  }
  return Value::make_map(std::move(out));
}

}  // namespace mdvault::core::query
