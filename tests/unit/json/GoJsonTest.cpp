#include "json/GoJson.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::json {
namespace {

TEST(GoJson, KeepsStructOrderAndIsCompact) {
    Ordered v;
    v["b"] = 1;
    v["a"] = nullptr;
    v["c"] = Ordered::array({"x", true});
    EXPECT_EQ(goMarshal(v), R"({"b":1,"a":null,"c":["x",true]})");
}

TEST(GoJson, SortsMapKeysBytewise) {
    nlohmann::json v;
    v["b"] = "1";
    v["Z"] = "2";
    v["a"] = "3";
    EXPECT_EQ(goMarshal(v), R"({"Z":"2","a":"3","b":"1"})");
}

TEST(GoJson, EscapesHtmlCharactersAndLineSeparatorsLikeGo) {
    Ordered v;
    v["k<&>"] = "a<b>&c\xE2\x80\xA8\xE2\x80\xA9\"\\\n\x01";
    EXPECT_EQ(goMarshal(v),
              "{\"k\\u003c\\u0026\\u003e\":"
              "\"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\\"\\\\\\n\\u0001\"}");
}

TEST(GoJson, ReplacesInvalidUtf8) {
    Ordered v = "a\xFFz";
    EXPECT_EQ(goMarshal(v), "\"a\xEF\xBF\xBDz\"");
}

// encoding/json's floatEncoder: strconv's shortest digits, %f form, %e form below 1e-6 and from
// 1e21 on with the exponent's leading zero dropped.
TEST(GoJson, WritesFloatsAsGoDoes) {
    EXPECT_EQ(goFloatText(0.0), "0");
    EXPECT_EQ(goFloatText(-0.0), "-0");
    EXPECT_EQ(goFloatText(1.0), "1");
    EXPECT_EQ(goFloatText(100.0), "100");
    EXPECT_EQ(goFloatText(1.5), "1.5");
    EXPECT_EQ(goFloatText(-2.25), "-2.25");
    EXPECT_EQ(goFloatText(0.1), "0.1");
    EXPECT_EQ(goFloatText(123456789.125), "123456789.125");
    EXPECT_EQ(goFloatText(1e20), "100000000000000000000");
    EXPECT_EQ(goFloatText(1e21), "1e+21");
    EXPECT_EQ(goFloatText(1.5e300), "1.5e+300");
    EXPECT_EQ(goFloatText(0.000001), "0.000001");
    EXPECT_EQ(goFloatText(1e-7), "1e-7");
    EXPECT_EQ(goFloatText(1.25e-10), "1.25e-10");
    EXPECT_EQ(goFloatText(5e-324), "5e-324");
    // 12345678901234567890 as a float64 is 12345678901234567168; Go writes its shortest digits.
    EXPECT_EQ(goFloatText(12345678901234567890.0), "12345678901234567000");
}

TEST(GoJson, GenericValuesAreFloatsWithSortedKeys) {
    auto value =
        Ordered::parse(R"({"b":1,"a":[2,{"c":3.50,"big":12345678901234567890}],"t":true})");
    EXPECT_EQ(goMarshal(goGeneric(nlohmann::json::parse(value.dump()))),
              R"({"a":[2,{"big":12345678901234567000,"c":3.5}],"b":1,"t":true})");
    EXPECT_EQ(goMarshal(Ordered::parse("[1.0, 2.50, 1e21]")), "[1,2.5,1e+21]");
}

TEST(GoJson, ParseErrorNamesWhatWasParsed) {
    try {
        parse("{not json", "manifest of x");
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("manifest of x is not valid JSON"), std::string::npos);
    }
}

}  // namespace
}  // namespace signet::json
