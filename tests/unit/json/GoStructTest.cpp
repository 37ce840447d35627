#include "json/GoStruct.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::json {
namespace {

const GoStruct kInner{"Inner", {{"id", GoKind::String}, {"flag", GoKind::Bool, true}}};
const GoStruct kOuter{"Outer",
                      {{"name", GoKind::String},
                       {"note", GoKind::String, true},
                       {"inner", GoKind::Struct, true, &kInner},
                       {"maybe", GoKind::StructPointer, true, &kInner},
                       {"list", GoKind::StructSlice, true, &kInner},
                       {"labels", GoKind::StringMap, true},
                       {"extra", GoKind::Any, true},
                       {"args", GoKind::StringSlice},
                       {"when", GoKind::TimePointer, true},
                       {"at", GoKind::Time},
                       {"blob", GoKind::Bytes, true}}};

std::string through(const std::string& text) {
    return goMarshal(remarshal(Ordered::parse(text), kOuter));
}

TEST(GoStruct, WritesFieldsInStructOrderAndDropsEmptyOmitemptyOnes) {
    EXPECT_EQ(through("{}"),
              R"({"name":"","inner":{"id":""},"args":null,"at":"0001-01-01T00:00:00Z"})");
    EXPECT_EQ(through(R"({"args":[],"labels":{},"list":[],"note":"","extra":null,"name":"n"})"),
              R"({"name":"n","inner":{"id":""},"args":[],"at":"0001-01-01T00:00:00Z"})");
}

TEST(GoStruct, DropsUnknownKeysAndMatchesTagsIgnoringCase) {
    EXPECT_EQ(
        through(R"({"NAME":"a","Inner":{"ID":"x","Flag":true},"unknown":[1]})"),
        R"({"name":"a","inner":{"id":"x","flag":true},"args":null,"at":"0001-01-01T00:00:00Z"})");
    // Keys apply in the document's order: a later key that folds to a tag overwrites it.
    EXPECT_EQ(through(R"({"name":"exact","Name":"folded"})").substr(0, 16), R"({"name":"folded")");
}

TEST(GoStruct, GenericValuesAndMapsComeOutSorted) {
    EXPECT_EQ(
        through(R"({"extra":{"z":1,"a":[1.50]},"labels":{"b":"2","a":"1"},"maybe":{"id":"p"}})"),
        R"({"name":"","inner":{"id":""},"maybe":{"id":"p"},"labels":{"a":"1","b":"2"},)"
        R"("extra":{"a":[1.5],"z":1},"args":null,"at":"0001-01-01T00:00:00Z"})");
}

TEST(GoStruct, NullLeavesValuesAndMakesPointersNil) {
    EXPECT_EQ(through(R"({"name":null,"inner":null,"maybe":null,"args":null,"at":null})"),
              through("{}"));
    EXPECT_EQ(through("null"), through("{}"));
}

TEST(GoStruct, TimesAreWrittenAsRfc3339Nano) {
    EXPECT_EQ(through(R"({"when":"2024-01-02T03:04:05.10+00:00","at":"2024-01-02T03:04:05Z"})"),
              R"({"name":"","inner":{"id":""},"args":null,"when":"2024-01-02T03:04:05.1Z",)"
              R"("at":"2024-01-02T03:04:05Z"})");
}

TEST(GoStruct, BytesMustBeStandardBase64) {
    EXPECT_NE(through(R"({"blob":"aGk=\n"})").find(R"("blob":"aGk=")"), std::string::npos);
    EXPECT_THROW(through(R"({"blob":"a_k="})"), Error);
    EXPECT_THROW(through(R"({"blob":"aGk"})"), Error);
}

TEST(GoStruct, AValueOfTheWrongTypeIsRefusedNamingTheField) {
    try {
        through(R"({"inner":{"id":5}})");
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "json: cannot unmarshal number into Go struct field Outer.inner.id of type "
                     "string");
    }
    EXPECT_THROW(through(R"({"args":"x"})"), Error);
    EXPECT_THROW(through(R"({"args":[1]})"), Error);
    EXPECT_THROW(through(R"({"labels":{"a":1}})"), Error);
    EXPECT_THROW(through(R"({"list":[1]})"), Error);
    EXPECT_THROW(through(R"({"flag":"yes","inner":{"flag":"yes"}})"), Error);
    EXPECT_THROW(through("[]"), Error);
}

TEST(GoStruct, RequiredKeysAreTheFieldsWithoutOptions) {
    EXPECT_EQ(requiredKeys(kOuter), (std::vector<std::string>{"name", "args", "at"}));
}

}  // namespace
}  // namespace signet::json
