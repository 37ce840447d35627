#include "pipeline/SecretScrubber.h"

#include <gtest/gtest.h>

#include <thread>

namespace signet::pipeline {
namespace {

TEST(SecretScrubber, ReplacesEveryOccurrence) {
    SecretScrubber scrubber;
    scrubber.add("hunter2");
    EXPECT_EQ(scrubber.scrub("pw=hunter2 again hunter2hunter2"), "pw=*** again ******");
    EXPECT_EQ(scrubber.scrub("nothing here"), "nothing here");
}

TEST(SecretScrubber, LongerSecretsFirstSoNoPartIsLeft) {
    SecretScrubber scrubber;
    scrubber.add("abc");
    scrubber.add("xxabcxx");
    EXPECT_EQ(scrubber.scrub("[xxabcxx] [abc]"), "[***] [***]");
}

TEST(SecretScrubber, EmptySecretsAndDuplicatesAreIgnored) {
    SecretScrubber scrubber;
    scrubber.add("");
    scrubber.add("s");
    scrubber.add("s");
    EXPECT_EQ(scrubber.scrub("ab"), "ab");
    EXPECT_EQ(scrubber.scrub("s*s"), "*******");  // each s replaced once, stars not rescanned
}

TEST(SecretScrubber, ConcurrentAddAndScrub) {
    SecretScrubber scrubber;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&scrubber, t] {
            for (int i = 0; i < 200; ++i) {
                scrubber.add("secret-" + std::to_string(t) + "-" + std::to_string(i));
                (void)scrubber.scrub("line with secret-0-1");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(scrubber.scrub("secret-3-199 secret-0-0"), "*** ***");
}

}  // namespace
}  // namespace signet::pipeline
