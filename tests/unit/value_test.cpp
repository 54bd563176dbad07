#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/json_value.hpp"
#include "core/value.hpp"

using namespace mdvault::core;

namespace {

Value map_of(std::initializer_list<std::pair<const char*, Value>> entries) {
  ValueMap m;
  for (const auto& [k, v] : entries) {
    m.push_back(MapEntry{k, {}, v});
  }
  return Value::make_map(std::move(m));
}

Value list_of(std::initializer_list<Value> items) { return Value::make_list(ValueList(items)); }

Value str(const char* s) { return Value::make_string(s); }

}  // namespace

TEST_CASE("value: kinds, accessors and kind names") {
  CHECK(Value().is_null());
  CHECK(Value::make_bool(true).as_bool());
  CHECK(Value::make_int(-3).as_int() == -3);
  CHECK(Value::make_int(7).as_number() == 7.0);
  CHECK(Value::make_int(7).is_number());
  CHECK(Value::make_float(2.5).is_number());
  CHECK_FALSE(Value::make_float(2.5).is_int());
  CHECK(Value::make_string("x", Position{3, 4}).position == Position{3, 4});
  CHECK(Value::kind_name(Value::Kind::integer) == "integer");
  CHECK(Value::kind_name(Value::Kind::floating) == "number");
  CHECK(Value::kind_name(Value::Kind::list) == "array");
  CHECK(Value::kind_name(Value::Kind::map) == "object");
  CHECK(Value::kind_name(Value::Kind::boolean) == "boolean");
  CHECK(Value::kind_name(Value::Kind::null) == "null");
  CHECK(Value::kind_name(Value::Kind::string) == "string");

  Value l = list_of({Value::make_int(1)});
  l.as_list().push_back(str("two"));
  CHECK(l.as_list().size() == 2);
}

TEST_CASE("value: find looks up map keys, and nothing on other kinds") {
  ValueMap m;
  m.push_back(MapEntry{"title", Position{2, 1}, Value::make_string("X", Position{2, 8})});
  m.push_back(MapEntry{"id", Position{3, 1}, Value::make_int(1)});
  const Value v = Value::make_map(std::move(m));
  REQUIRE(v.find("title") != nullptr);
  CHECK(v.find("title")->as_string() == "X");
  CHECK(v.find_entry("title")->key_position == Position{2, 1});
  CHECK(v.find("Title") == nullptr);
  CHECK(str("title").find("title") == nullptr);
  CHECK(Value().find_entry("x") == nullptr);
}

TEST_CASE("value: equality follows JSON Schema") {
  CHECK(Value::make_int(1) == Value::make_float(1.0));
  CHECK(Value::make_float(1.0) == Value::make_int(1));
  CHECK_FALSE(Value::make_int(1) == Value::make_float(1.5));
  CHECK_FALSE(Value::make_bool(true) == Value::make_int(1));
  CHECK_FALSE(str("1") == Value::make_int(1));
  CHECK_FALSE(Value() == Value::make_bool(false));
  CHECK(Value::make_null(Position{1, 1}) == Value());
  // Positions never count.
  CHECK(Value::make_string("a", Position{1, 2}) == Value::make_string("a", Position{9, 9}));
  // 2^63 as a double is not int64 max.
  CHECK_FALSE(Value::make_int(std::numeric_limits<std::int64_t>::max()) ==
              Value::make_float(9223372036854775808.0));
  CHECK(Value::make_int(std::numeric_limits<std::int64_t>::min()) ==
        Value::make_float(-9223372036854775808.0));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(Value::make_float(nan) == Value::make_float(nan));
  CHECK_FALSE(Value::make_int(0) == Value::make_float(nan));

  // Map key order is ignored; lists keep theirs.
  const Value a = map_of({{"x", Value::make_int(1)}, {"y", list_of({str("a"), str("b")})}});
  const Value b = map_of({{"y", list_of({str("a"), str("b")})}, {"x", Value::make_float(1.0)}});
  CHECK(a == b);
  const Value c = map_of({{"y", list_of({str("b"), str("a")})}, {"x", Value::make_int(1)}});
  CHECK_FALSE(a == c);
  CHECK_FALSE(a == map_of({{"x", Value::make_int(1)}}));
  CHECK_FALSE(map_of({{"x", Value::make_int(1)}, {"z", Value()}}) ==
              map_of({{"x", Value::make_int(1)}, {"y", Value()}}));
  CHECK_FALSE(list_of({Value::make_int(1)}) == list_of({Value::make_int(1), Value()}));
  CHECK(list_of({}) == list_of({}));
  CHECK_FALSE(list_of({}) == map_of({}));
}

TEST_CASE("value: to_display renders one short line") {
  CHECK(to_display(Value()) == "null");
  CHECK(to_display(Value::make_bool(false)) == "false");
  CHECK(to_display(Value::make_int(-42)) == "-42");
  CHECK(to_display(Value::make_float(1.5)) == "1.5");
  CHECK(to_display(Value::make_float(3.0)) == "3.0");
  CHECK(to_display(Value::make_float(std::numeric_limits<double>::infinity())) == ".inf");
  CHECK(to_display(Value::make_float(-std::numeric_limits<double>::infinity())) == "-.inf");
  CHECK(to_display(Value::make_float(std::numeric_limits<double>::quiet_NaN())) == ".nan");
  CHECK(to_display(str("Secure")) == "\"Secure\"");
  CHECK(to_display(str("say \"hi\"\nnow\\")) == "\"say \\\"hi\\\"\\nnow\\\\\"");
  CHECK(to_display(str("\x01")) == "\"\\u0001\"");
  CHECK(to_display(list_of({str("a"), Value::make_int(2), list_of({})})) == "[\"a\", 2, []]");
  CHECK(to_display(map_of({{"x", Value::make_int(1)}, {"y", map_of({})}})) == "{x: 1, y: {}}");
}

TEST_CASE("value: to_display cuts long values at code points with an ellipsis") {
  const std::string long_text(200, 'a');
  const std::string shown = to_display(str(long_text.c_str()), 10);
  CHECK(shown == "\"aaaaaaaa\xE2\x80\xA6");
  // Exactly max_chars code points are kept whole.
  CHECK(to_display(str("abcdefgh"), 10) == "\"abcdefgh\"");
  // Multi-byte characters are never split: each "ü" is one of the 6 code points.
  CHECK(to_display(str("\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC"), 6) ==
        "\"\xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xE2\x80\xA6");
  // A huge list is not rendered in full.
  ValueList items(100'000, Value::make_int(12345));
  const std::string list = to_display(Value::make_list(std::move(items)));
  CHECK(list.size() <= 80 * 4);
  CHECK(list.substr(0, 7) == "[12345,");
  CHECK(list.substr(list.size() - 3) == "\xE2\x80\xA6");
  // 0 means no limit.
  CHECK(to_display(str(long_text.c_str()), 0).size() == 202);
}

TEST_CASE("json_value: parse_json keeps integers, floats, order and positions") {
  const std::string text =
      "{\"b\": 1, \"a\": [1.0, -2, 3e2, true, null, \"x\"],\n"
      "  \"\xC3\xBC\": {\"big\": 18446744073709551615, \"neg\": -9223372036854775808}}";
  std::string error;
  const auto v = parse_json(text, &error);
  CHECK(error.empty());
  REQUIRE(v);
  REQUIRE(v->is_map());
  const ValueMap& m = v->as_map();
  REQUIRE(m.size() == 3);
  CHECK(m[0].key == "b");
  CHECK(m[1].key == "a");
  CHECK(m[0].value.is_int());
  CHECK(m[0].key_position == Position{1, 2});
  CHECK(m[0].value.position == Position{1, 7});
  const ValueList& a = m[1].value.as_list();
  REQUIRE(a.size() == 6);
  CHECK(a[0].is_float());
  CHECK(a[1].as_int() == -2);
  CHECK(a[2].is_float());
  CHECK(a[2].as_number() == 300.0);
  CHECK(a[3].as_bool());
  CHECK(a[4].is_null());
  CHECK(a[5].as_string() == "x");
  CHECK(m[1].value.position == Position{1, 15});
  CHECK(a[5].position == Position{1, 42});
  const Value& u = m[2].value;
  CHECK(m[2].key_position == Position{2, 3});
  CHECK(u.position == Position{2, 8});
  CHECK(u.find("big")->is_float());
  CHECK(u.find("neg")->as_int() == std::numeric_limits<std::int64_t>::min());
  CHECK(u.find("neg")->position == Position{2, 45});
}

TEST_CASE("json_value: parse_json errors carry line and column") {
  std::string error;
  CHECK_FALSE(parse_json("{\n  \"a\": tru\n}", &error));
  CHECK(error.substr(0, 4) == "2:8:");
  CHECK(error.find("invalid literal") != std::string::npos);
  CHECK(error.find("json.exception") == std::string::npos);

  CHECK_FALSE(parse_json("", &error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(parse_json("{} x", &error));
  CHECK(error.substr(0, 4) == "1:4:");
  CHECK_FALSE(parse_json("[1,,2]", &error));
  CHECK(error.substr(0, 4) == "1:4:");
  CHECK_FALSE(parse_json("[1, 2", &error));
  CHECK(error.substr(0, 4) == "1:6:");
  CHECK_FALSE(parse_json("[1]", nullptr) == std::nullopt);
  CHECK(parse_json("{]", nullptr) == std::nullopt);
}

TEST_CASE("json_value: deep nesting is refused, not a crash" * doctest::timeout(10)) {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  std::string error;
  CHECK_FALSE(parse_json(deep, &error));
  CHECK(error.find("nested") != std::string::npos);
  const std::string ok = std::string(100, '[') + std::string(100, ']');
  CHECK(parse_json(ok, &error));
}

TEST_CASE("json_value: a repeated key keeps the last value") {
  const auto v = parse_json(R"({"a": 1, "b": 2, "a": 3})", nullptr);
  REQUIRE(v);
  REQUIRE(v->as_map().size() == 2);
  CHECK(v->find("a")->as_int() == 3);
}

TEST_CASE("json_value: to_json_text is compact, ordered and typed") {
  const Value v = map_of({{"z", Value::make_int(1)},
                          {"a", list_of({Value::make_float(1.0), Value::make_float(0.5),
                                         Value(), Value::make_bool(true)})},
                          {"s", str("\xC3\xBC \"q\"\n")}});
  CHECK(to_json_text(v) == "{\"z\":1,\"a\":[1.0,0.5,null,true],\"s\":\"\xC3\xBC \\\"q\\\"\\n\"}");
  CHECK(to_json_text(Value::make_int(std::numeric_limits<std::int64_t>::max())) ==
        "9223372036854775807");
  CHECK(to_json_text(map_of({})) == "{}");
  // Invalid UTF-8 is replaced, not thrown.
  std::string text;
  CHECK_NOTHROW(text = to_json_text(str("bad \xFF byte")));
  CHECK(text == "\"bad \xEF\xBF\xBD byte\"");
}

TEST_CASE("json_value: a round trip keeps the value") {
  const std::string text =
      R"({"title":"Secure","id":1751752568955,"score":2.5,"tags":["a","b"],)"
      R"("meta":{"owner":null,"ok":false},"empty":[]})";
  const auto v = parse_json(text, nullptr);
  REQUIRE(v);
  CHECK(to_json_text(*v) == text);
  const auto again = parse_json(to_json_text(*v), nullptr);
  REQUIRE(again);
  CHECK(*again == *v);
  CHECK(again->find("id")->is_int());
}
