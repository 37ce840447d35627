#include "config/ValueParsing.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::config {
namespace {

std::string messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        return e.what();
    }
    ADD_FAILURE() << "expected signet::Error";
    return "";
}

TEST(ValueParsing, SplitListAcceptsNewlinesCommasAndSpaces) {
    EXPECT_EQ(splitList("a,b c\nd\r\ne\t f,, ,\n"),
              (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
    EXPECT_TRUE(splitList("").empty());
    EXPECT_TRUE(splitList(" ,\n\t").empty());
}

TEST(ValueParsing, SplitLinesKeepsSpacesInsideLines) {
    EXPECT_EQ(splitLines("k=v w\n\n  x = y  \r\n"), (std::vector<std::string>{"k=v w", "x = y"}));
}

TEST(ValueParsing, BooleansAcceptTheDocumentedWordsOnly) {
    for (const char* word : {"true", "TRUE", "1", "yes", "Yes", " true "}) {
        EXPECT_TRUE(parseBool(word, "X")) << word;
    }
    for (const char* word : {"false", "False", "0", "no", "NO"}) {
        EXPECT_FALSE(parseBool(word, "X")) << word;
    }
    EXPECT_EQ(messageOf([] { parseBool("maybe", "SIGNET_RECURSIVE"); }),
              "SIGNET_RECURSIVE: must be true, false, 1, 0, yes or no, got 'maybe'");
    EXPECT_NE(messageOf([] { parseBool("", "X"); }), "");
    EXPECT_NE(messageOf([] { parseBool("on", "X"); }), "");
}

TEST(ValueParsing, DurationsInSecondsMinutesHoursOrPlainSeconds) {
    EXPECT_EQ(parseDuration("90s", "T").count(), 90);
    EXPECT_EQ(parseDuration("3m", "T").count(), 180);
    EXPECT_EQ(parseDuration("1h", "T").count(), 3600);
    EXPECT_EQ(parseDuration("120", "T").count(), 120);
    EXPECT_EQ(parseDuration("1m30s", "T").count(), 90);
    EXPECT_EQ(parseDuration(" 2m ", "T").count(), 120);
    for (const char* bad : {"", "0", "0s", "3x", "m", "1m30", "-5", "1.5m", "25h",
                            "99999999999999999999999", "3 m"}) {
        EXPECT_NE(
            messageOf([bad] { parseDuration(bad, "SIGNET_TIMEOUT"); }).find("SIGNET_TIMEOUT: "),
            std::string::npos)
            << bad;
    }
}

TEST(ValueParsing, CountsAreWholeNumbersWithinRange) {
    EXPECT_EQ(parseCount("3", 0, 20, "R"), 3u);
    EXPECT_EQ(parseCount("0", 0, 20, "R"), 0u);
    EXPECT_EQ(messageOf([] { parseCount("21", 0, 20, "SIGNET_RETRIES"); }),
              "SIGNET_RETRIES: must be from 0 to 20, got '21'");
    EXPECT_EQ(messageOf([] { parseCount("three", 0, 20, "SIGNET_RETRIES"); }),
              "SIGNET_RETRIES: must be a whole number from 0 to 20, got 'three'");
    EXPECT_NE(messageOf([] { parseCount("-1", 0, 20, "R"); }), "");
    EXPECT_NE(messageOf([] { parseCount("0", 1, 64, "C"); }), "");
}

TEST(ValueParsing, ByteSizesWithDecimalAndBinarySuffixes) {
    EXPECT_EQ(parseByteSize("16777216", "S"), 16777216u);
    EXPECT_EQ(parseByteSize("16MiB", "S"), 16u * 1024 * 1024);
    EXPECT_EQ(parseByteSize("20M", "S"), 20000000u);
    EXPECT_EQ(parseByteSize("3k", "S"), 3000u);
    EXPECT_EQ(parseByteSize("1Gi", "S"), 1024u * 1024 * 1024);
    for (const char* bad : {"0", "", "5XB", "MiB", "5GiB", "1.5M"}) {
        EXPECT_NE(messageOf([bad] { parseByteSize(bad, "SIGNET_SBOM_MAX_BYTES"); }), "") << bad;
    }
}

TEST(ValueParsing, ChoicesNameTheAllowedWords) {
    EXPECT_EQ(parseChoice("all", {"any", "all"}, "F"), 1u);
    EXPECT_EQ(messageOf([] {
                  parseChoice("some", {"any", "all"}, "INPUT_FAIL-ON");
              }),
              "INPUT_FAIL-ON: must be any or all, got 'some'");
    EXPECT_EQ(messageOf([] {
                  parseChoice("x", {"off", "generate", "file"}, "SIGNET_SBOM");
              }),
              "SIGNET_SBOM: must be off, generate or file, got 'x'");
}

TEST(ValueParsing, AnnotationsAreKeyEqualsValue) {
    EXPECT_EQ(parseAnnotation("a=b=c", "A"), (std::pair<std::string, std::string>{"a", "b=c"}));
    EXPECT_EQ(parseAnnotation(" k = ", "A"), (std::pair<std::string, std::string>{"k", ""}));
    EXPECT_EQ(messageOf([] { parseAnnotation("novalue", "SIGNET_ANNOTATIONS"); }),
              "SIGNET_ANNOTATIONS: annotations must be key=value, got 'novalue'");
    EXPECT_NE(messageOf([] { parseAnnotation("=v", "A"); }), "");
}

TEST(ValueParsing, DigestsMustBeFullLowerCaseHex) {
    const std::string hex(64, 'a');
    EXPECT_EQ(parseDigest("sha256:" + hex, "D"), "sha256:" + hex);
    EXPECT_NE(messageOf([&] { parseDigest("sha256:" + std::string(63, 'a'), "SIGNET_DIGEST"); }),
              "");
    EXPECT_NE(messageOf([&] { parseDigest("sha256:" + std::string(64, 'A'), "D"); }), "");
    EXPECT_NE(messageOf([&] { parseDigest("md5:" + hex, "D"); }), "");
}

TEST(ValueParsing, QuotedValuesAreOneLineAndBounded) {
    EXPECT_EQ(quoteForMessage("a\nb"), "'a\\x0ab'");
    const std::string quoted = quoteForMessage(std::string(500, 'x'));
    EXPECT_LT(quoted.size(), 100u);
    EXPECT_EQ(quoted.substr(quoted.size() - 4), "...'");
}

}  // namespace
}  // namespace signet::config
