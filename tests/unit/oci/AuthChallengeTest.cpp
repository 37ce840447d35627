#include "oci/AuthChallenge.h"

#include <gtest/gtest.h>

#include <random>

namespace signet::oci {
namespace {

TEST(AuthChallenge, ParsesDockerHubBearer) {
    auto challenges = parseAuthChallenges(
        R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",)"
        R"(scope="repository:library/busybox:pull,push")");
    ASSERT_EQ(challenges.size(), 1u);
    EXPECT_EQ(challenges[0].scheme, "bearer");
    EXPECT_EQ(challenges[0].param("realm"), "https://auth.docker.io/token");
    EXPECT_EQ(challenges[0].param("service"), "registry.docker.io");
    EXPECT_EQ(challenges[0].param("scope"), "repository:library/busybox:pull,push");
}

TEST(AuthChallenge, ParsesBasicAndCaseInsensitiveNames) {
    auto challenges = parseAuthChallenges(R"(BASIC Realm="Registry Realm")");
    ASSERT_EQ(challenges.size(), 1u);
    EXPECT_EQ(challenges[0].scheme, "basic");
    EXPECT_EQ(challenges[0].param("realm"), "Registry Realm");
}

TEST(AuthChallenge, ParsesSeveralChallengesAndEscapes) {
    auto challenges = parseAuthChallenges(
        R"(Basic realm="a, b", Bearer realm="https://t/x",  service=reg.io , error="insufficient_scope", )"
        R"(Newauth realm="q\"uote")");
    ASSERT_EQ(challenges.size(), 3u);
    EXPECT_EQ(challenges[0].scheme, "basic");
    EXPECT_EQ(challenges[0].param("realm"), "a, b");
    EXPECT_EQ(challenges[1].scheme, "bearer");
    EXPECT_EQ(challenges[1].param("realm"), "https://t/x");
    EXPECT_EQ(challenges[1].param("service"), "reg.io");
    EXPECT_EQ(challenges[1].param("error"), "insufficient_scope");
    EXPECT_EQ(challenges[2].scheme, "newauth");
    EXPECT_EQ(challenges[2].param("realm"), "q\"uote");
}

TEST(AuthChallenge, ToleratesGarbage) {
    EXPECT_TRUE(parseAuthChallenges("").empty());
    EXPECT_TRUE(parseAuthChallenges(" , ,").empty());
    auto unterminated = parseAuthChallenges(R"(Bearer realm="https://x)");
    ASSERT_EQ(unterminated.size(), 1u);
    EXPECT_EQ(unterminated[0].param("realm"), "https://x");
    auto bare = parseAuthChallenges("Bearer");
    ASSERT_EQ(bare.size(), 1u);
    EXPECT_TRUE(bare[0].params.empty());
}

// Random bytes and mutated headers: the parser must only ever return.
TEST(AuthChallenge, RandomisedInputsNeverCrash) {
    std::mt19937 rng(7);
    const std::string seed = R"(Bearer realm="https://a/t",service="s",scope="repository:x:pull")";
    const std::string alphabet = "Bearer=\",\\ \t;realmxyz:/\x01\xff";
    for (int i = 0; i < 20000; ++i) {
        std::string input = seed;
        if (i % 2) input.clear();
        std::size_t edits = 1 + rng() % 10;
        for (std::size_t e = 0; e < edits; ++e) {
            std::size_t pos = input.empty() ? 0 : rng() % input.size();
            char c = alphabet[rng() % alphabet.size()];
            if (!input.empty() && rng() % 2)
                input[pos] = c;
            else
                input.insert(pos, 1, c);
        }
        auto challenges = parseAuthChallenges(input);
        for (const auto& c : challenges) EXPECT_FALSE(c.scheme.empty()) << input;
    }
}

}  // namespace
}  // namespace signet::oci
