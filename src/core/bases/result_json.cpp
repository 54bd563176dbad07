#include "core/bases/result_json.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "core/query/date_time.hpp"
#include "core/result_values.hpp"

namespace mdvault::core::bases {

namespace {

Value entry_map(std::initializer_list<std::pair<std::string, Value>> entries) {
  ValueMap map;
  for (const auto& [key, value] : entries) set_entry(map, key, value);
  return Value::make_map(std::move(map));
}

}  // namespace

Value plain_value(const BaseValue& v) {
  switch (v.type()) {
  case BaseValue::Type::null: return Value::make_null();
  case BaseValue::Type::boolean: return Value::make_bool(v.as_bool());
  case BaseValue::Type::number: return number_value(v.as_number());
  case BaseValue::Type::string: return Value::make_string(v.as_string());
  case BaseValue::Type::date: return Value::make_string(query::iso_date(v.as_date()));
  case BaseValue::Type::duration:
    return Value::make_int(static_cast<std::int64_t>(std::llround(v.as_duration().to_millis())));
  case BaseValue::Type::list: {
    ValueList out;
    for (const auto& item : v.as_list()) out.push_back(plain_value(item));
    return Value::make_list(std::move(out));
  }
  case BaseValue::Type::object: {
    ValueMap out;
    for (const auto& [k, item] : v.as_object()) set_entry(out, k, plain_value(item));
    return Value::make_map(std::move(out));
  }
  case BaseValue::Type::link: {
    const auto& link = v.as_link();
    return Value::make_string("[[" + link.target + (link.display ? "|" + *link.display : "") + "]]");
  }
  case BaseValue::Type::file: return Value::make_string(v.as_file().path);
  case BaseValue::Type::regex: return Value::make_string(to_text(v));
  }
  return Value::make_null();
}

Value row_values(const ViewResult& result, const ViewRow& row) {
  ValueMap values;
  for (std::size_t c = 0; c < result.columns.size(); ++c)
    set_entry(values, result.columns[c].id, plain_value(row.values[c]));
  return Value::make_map(std::move(values));
}

Value summaries_value(const std::vector<SummaryCell>& cells) {
  ValueList out;
  for (const auto& c : cells) {
    ValueMap s{MapEntry{"column", {}, Value::make_string(c.column)},
               MapEntry{"summary", {}, Value::make_string(c.summary)}, MapEntry{"value", {}, plain_value(c.value)}};
    if (!c.error.empty()) s.push_back(MapEntry{"error", {}, Value::make_string(c.error)});
    out.push_back(Value::make_map(std::move(s)));
  }
  return Value::make_list(std::move(out));
}

Value columns_value(const ViewResult& result) {
  ValueList columns;
  for (const auto& c : result.columns)
    columns.push_back(entry_map({{"id", Value::make_string(c.id)}, {"name", Value::make_string(c.name)}}));
  return Value::make_list(std::move(columns));
}

Value groups_value(const ViewResult& result) {
  ValueList groups;
  for (const auto& g : result.groups) {
    ValueList paths;
    for (std::size_t r = g.begin; r < g.end; ++r) paths.push_back(Value::make_string(result.rows[r].file.path));
    groups.push_back(entry_map({{"key", plain_value(g.key)},
                                {"rows", Value::make_list(std::move(paths))},
                                {"summaries", summaries_value(g.summaries)}}));
  }
  return Value::make_list(std::move(groups));
}

Value result_value(const ViewResult& result) {
  ValueMap doc;
  doc.push_back(MapEntry{"view", {}, Value::make_string(result.name)});
  doc.push_back(MapEntry{"type", {}, Value::make_string(result.type)});
  doc.push_back(MapEntry{"columns", {}, columns_value(result)});
  ValueList rows;
  for (const auto& row : result.rows) {
    rows.push_back(entry_map({{"path", Value::make_string(row.file.path)}, {"values", row_values(result, row)}}));
  }
  doc.push_back(MapEntry{"rows", {}, Value::make_list(std::move(rows))});
  if (result.group_by) {
    doc.push_back(MapEntry{"groupBy", {}, Value::make_string(*result.group_by)});
    doc.push_back(MapEntry{"groups", {}, groups_value(result)});
  }
  doc.push_back(MapEntry{"summaries", {}, summaries_value(result.summaries)});
  return Value::make_map(std::move(doc));
}

}  // namespace mdvault::core::bases
