#include "cosign/SimpleSigningPayload.h"

#include <gtest/gtest.h>

#include <random>

#include "error/Error.h"

namespace signet::cosign {
namespace {

const std::string kDigest =
    "sha256:634a8f35b5f16dcf4aaa0822adc0b1964bb786fca12f6831de8ddc45e5986a00";

TEST(SimpleSigningPayload, AnnotationsAreSortedStringsInOptional) {
    std::string bytes = marshalPayload("r.io/a:1", kDigest, {{"z", "1"}, {"a", "x<y&z>"}});
    EXPECT_EQ(bytes,
              "{\"critical\":{\"identity\":{\"docker-reference\":\"r.io/a:1\"},\"image\":{"
              "\"docker-manifest-digest\":\"" +
                  kDigest +
                  "\"},\"type\":\"cosign container image signature\"},\"optional\":{\"a\":"
                  "\"x\\u003cy\\u0026z\\u003e\",\"z\":\"1\"}}");
    EXPECT_NE(bytes.back(), '\n');
}

TEST(SimpleSigningPayload, ParsesWhatItWritesAndReMarshalsIdentically) {
    std::string bytes = marshalPayload("r.io/a", kDigest, {{"k", "v"}});
    auto parsed = parsePayloadStrict(bytes);
    EXPECT_EQ(parsed.dockerReference, "r.io/a");
    EXPECT_EQ(parsed.manifestDigest, kDigest);
    EXPECT_EQ(parsed.optional["k"], "v");
    EXPECT_EQ(remarshalForOutput(parsed), bytes);
}

TEST(SimpleSigningPayload, StrictParserRejectsWhatContainersImageRejects) {
    std::string good = marshalPayload("r.io/a", kDigest, {});
    auto withCritical = [&](const std::string& critical) {
        return "{\"critical\":" + critical + ",\"optional\":null}";
    };
    std::vector<std::string> bad = {
        "{\"critical\":{},\"optional\":null}",
        good.substr(0, good.size() - 1) + ",\"extra\":1}",
        withCritical("{\"identity\":{\"docker-reference\":\"x\"},\"image\":{\"docker-manifest-"
                     "digest\":\"d\"},\"type\":\"atomic container signature\"}"),
        withCritical("{\"identity\":{\"docker-reference\":\"x\"},\"image\":{\"docker-manifest-"
                     "digest\":\"d\"},\"type\":\"cosign container image signature\",\"x\":1}"),
        "{\"critical\":{\"identity\":{\"docker-reference\":\"x\"},\"image\":{\"docker-manifest-"
        "digest\":\"d\"},\"type\":\"cosign container image signature\"},\"optional\":{"
        "\"timestamp\":1.5}}",
        "{\"optional\":null,\"optional\":null,\"critical\":{}}",
        "[]",
        "nope"};
    for (const auto& text : bad) {
        EXPECT_THROW(parsePayloadStrict(text), Error) << text;
    }
    // cosign's own parser is lenient about extra keys in critical (I10).
    EXPECT_NO_THROW(parsePayload(bad[3]));
}

TEST(SimpleSigningPayload, RandomMutationsOnlyEverThrowSignetErrors) {
    std::string seed = marshalPayload("r.io/a:tag", kDigest, {{"k", "v"}});
    std::mt19937 rng(42);
    for (int i = 0; i < 5000; ++i) {
        std::string text = seed;
        int edits = 1 + static_cast<int>(rng() % 8);
        for (int e = 0; e < edits; ++e) {
            std::size_t pos = rng() % text.size();
            switch (rng() % 3) {
                case 0:
                    text[pos] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    text.erase(pos, 1 + rng() % 4);
                    break;
                default:
                    text.insert(pos, 1, "{}[]\":,\\"[rng() % 8]);
                    break;
            }
            if (text.empty()) text = "x";
        }
        try {
            parsePayloadStrict(text);
            parsePayload(text);
        } catch (const Error&) {
        }
    }
}

}  // namespace
}  // namespace signet::cosign
