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
              "{\"k\\u003c\\u0026\\u003e\":\"a\\u003cb\\u003e\\u0026c\\u2028\\u2029\\\"\\\\\\n\\u0001\"}");
}

TEST(GoJson, ReplacesInvalidUtf8) {
    Ordered v = "a\xFFz";
    EXPECT_EQ(goMarshal(v), "\"a\xEF\xBF\xBDz\"");
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
