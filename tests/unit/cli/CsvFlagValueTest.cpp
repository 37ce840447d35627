// Flag values read as pflag's string slices (Go encoding/csv, first record), as cosign's -a is.
#include "cli/CsvFlagValue.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::cli {
namespace {

using Fields = std::vector<std::string>;

Fields fields(const std::string& value) {
    return csvFlagFields(value, "-a");
}

std::string refusal(const std::string& value) {
    try {
        fields(value);
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        return e.what();
    }
    return "(accepted)";
}

TEST(CsvFlagValue, SplitsOnCommasAndKeepsSpaces) {
    EXPECT_EQ(fields(""), Fields{});
    EXPECT_EQ(fields("a=b"), Fields{"a=b"});
    EXPECT_EQ(fields("a=b,c=d"), (Fields{"a=b", "c=d"}));
    EXPECT_EQ(fields("c=v1,v2"), (Fields{"c=v1", "v2"}));  // then "v2" is not key=value
    EXPECT_EQ(fields(" a = b ,c"), (Fields{" a = b ", "c"}));
    EXPECT_EQ(fields("a=b,"), (Fields{"a=b", ""}));
    EXPECT_EQ(fields(","), (Fields{"", ""}));
}

TEST(CsvFlagValue, QuotedFieldsKeepCommasAndDoubledQuotes) {
    EXPECT_EQ(fields("\"c=v1,v2\""), Fields{"c=v1,v2"});
    EXPECT_EQ(fields("\"say=\"\"hi\"\"\",x=y"), (Fields{"say=\"hi\"", "x=y"}));
    EXPECT_EQ(fields("\"a=1\nb\""), Fields{"a=1\nb"});
}

TEST(CsvFlagValue, OnlyTheFirstRecordCounts) {
    EXPECT_EQ(fields("a=b\nc=d"), Fields{"a=b"});
    EXPECT_EQ(fields("a=b\r\nc=d"), Fields{"a=b"});
}

TEST(CsvFlagValue, UnbalancedQuotesAreRefusedAsPflagDoes) {
    EXPECT_NE(refusal("a=\"b").find("bare \" in non-quoted-field"), std::string::npos);
    EXPECT_NE(refusal("\"a=b").find("extraneous or missing \" in quoted-field"), std::string::npos);
    EXPECT_NE(refusal("\"a\"b").find("extraneous or missing \" in quoted-field"),
              std::string::npos);
    EXPECT_NE(refusal(" \"a\"").find("column 2"), std::string::npos) << refusal(" \"a\"");
    EXPECT_NE(refusal("x=\"").find("for -a"), std::string::npos);
}

}  // namespace
}  // namespace signet::cli
