// Dataview's value model: ordering across types, truthiness, rendering, dates and durations.
// Expected values come from Dataview 0.5.68's own Values.compareValue / toString and Luxon
// (run under Node as an oracle).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/query/dql_value.hpp"
#include "core/query/number_format.hpp"
#include "core/query/parser.hpp"

namespace q = mdvault::core::query;

namespace {
q::DqlValue num(double n) { return q::DqlValue::number(n); }
q::DqlValue str(const char* s) { return q::DqlValue::string(s); }
q::DqlValue date(const char* s) { return q::DqlValue::date(*q::parse_date_text(s)); }
q::DqlValue dur(const char* s) { return q::DqlValue::duration(*q::parse_duration_text(s)); }
}  // namespace

TEST_CASE("query values: null first, then types by name (oracle: Values.compareValue)") {
  q::Link link;
  link.path = "x.md";
  std::vector<q::DqlValue> values = {str("a"), q::DqlValue::object({{"a", num(1)}}), q::DqlValue::link(link), num(1),
                                     q::DqlValue::list({num(1)}), dur("1 day"), date("2025-01-01"),
                                     q::DqlValue::boolean(true), q::DqlValue{}};
  std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return q::compare_values(a, b) < 0; });
  std::string order;
  for (const auto& v : values) order += std::string(q::type_name(v.type())) + ",";
  CHECK(order == "null,array,boolean,date,duration,link,number,object,string,");
  CHECK(q::compare_values(q::DqlValue::list({num(1), num(2)}), q::DqlValue::list({num(1)})) > 0);
  CHECK(q::compare_values(q::DqlValue::object({{"a", num(1)}}), q::DqlValue::object({{"b", num(0)}})) < 0);
  CHECK(q::compare_values(q::DqlValue::boolean(false), q::DqlValue::boolean(true)) < 0);
  CHECK(q::compare_values(q::DqlValue{}, q::DqlValue{}) == 0);
}

TEST_CASE("query values: strings compare like localeCompare (oracle order)") {
  std::vector<std::string> words = {"b", "A", "a", "B", "_x", "-x", "1", "é", "e", "f", "Z", " a", "ä"};
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return q::locale_compare(a, b) < 0; });
  std::string joined;
  for (const auto& w : words) joined += w + ",";
  CHECK(joined == " a,_x,-x,1,a,A,ä,b,B,e,é,f,Z,");
  CHECK(q::compare_values(str("B"), str("a")) > 0);
}

TEST_CASE("query values: truthiness") {
  CHECK_FALSE(q::is_truthy(q::DqlValue{}));
  CHECK_FALSE(q::is_truthy(num(0)));
  CHECK_FALSE(q::is_truthy(str("")));
  CHECK_FALSE(q::is_truthy(q::DqlValue::list({})));
  CHECK(q::is_truthy(q::DqlValue::list({q::DqlValue{}})));
  CHECK(q::is_truthy(str("x")));
  CHECK(q::is_truthy(dur("1 s")));
}

TEST_CASE("query values: Values.toString (oracle)") {
  CHECK(q::to_dataview_string(q::DqlValue::list({num(1), q::DqlValue::list({num(2), num(3)}), str("x")})) == "1, [2, 3], x");
  CHECK(q::to_dataview_string(q::DqlValue::object({{"a", num(1)}, {"b", q::DqlValue::list({num(1)})}})) == "{ a: 1, b: [1] }");
  CHECK(q::to_dataview_string(date("2025-07-05T16:56")) == "4:56 PM - July 05, 2025");
  CHECK(q::to_dataview_string(date("2025-07-05")) == "July 05, 2025");
  CHECK(q::to_dataview_string(q::DqlValue{}) == "\\-");
  CHECK(q::to_dataview_string(dur("90 minutes")) == "1 hour, 30 minutes");
}

TEST_CASE("query values: JavaScript number formatting") {
  CHECK(q::format_number(1) == "1");
  CHECK(q::format_number(0.1 + 0.2) == "0.30000000000000004");
  CHECK(q::format_number(1e21) == "1e+21");
  CHECK(q::format_number(1000000) == "1000000");
  CHECK(q::format_number(-2.5) == "-2.5");
  CHECK(q::format_number(1e-7) == "1e-7");
}

TEST_CASE("query values: Luxon duration normalization and date arithmetic (oracle)") {
  auto n = q::normalize(*q::parse_duration_text("40 days"));
  CHECK(n.get(q::DurationUnit::months) == 1);
  CHECK(n.get(q::DurationUnit::weeks) == 1);
  CHECK(n.get(q::DurationUnit::days) == 5);
  auto h = q::normalize(*q::parse_duration_text("36 hours"));
  CHECK(h.get(q::DurationUnit::days) == 1);
  CHECK(h.get(q::DurationUnit::hours) == 12);
  auto month = *q::parse_duration_text("1 month");
  CHECK(q::iso_date(q::add(*q::parse_date_text("2025-03-31"), month)) == "2025-04-30");
  CHECK(q::iso_date(q::add(*q::parse_date_text("2025-03-31"), month, -1)) == "2025-02-28");
  auto diff = q::difference(*q::parse_date_text("2025-03-01"), *q::parse_date_text("2024-12-25T12:00"));
  CHECK(diff.get(q::DurationUnit::months) == 2);
  CHECK(diff.get(q::DurationUnit::days) == 3);
  CHECK(diff.get(q::DurationUnit::hours) == 12);
  auto span = q::difference(*q::parse_date_text("2025-07-05"), *q::parse_date_text("2025-06-01T10:30"));
  CHECK(span.get(q::DurationUnit::months) == 1);
  CHECK(span.get(q::DurationUnit::days) == 3);
  CHECK(span.get(q::DurationUnit::hours) == 13);
  CHECK(span.get(q::DurationUnit::minutes) == 30);
}

TEST_CASE("query values: date formatting (Luxon tokens)") {
  auto d = *q::parse_date_text("2025-07-05T16:56:07");
  CHECK(q::format_date(d, "yyyy-MM-dd") == "2025-07-05");
  CHECK(q::format_date(d, "MMMM d, yyyy 'at' HH:mm") == "July 5, 2025 at 16:56");
  CHECK(q::format_date(d, "EEE dd MMM") == "Sat 05 Jul");
  CHECK(q::format_date(d, "h:mm a") == "4:56 PM");
  CHECK(d.week_number() == 27);
}
