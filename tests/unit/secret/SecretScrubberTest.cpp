#include "secret/SecretScrubber.h"

#include <gtest/gtest.h>

#include <thread>

namespace signet::secret {
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

// In untrusted text every secret goes; in signet's own lines a word-like secret stays, so a
// password "wrong" cannot turn "wrong password for key" into "*** password for key".
TEST(SecretScrubber, OutputKeepsWordLikeSecretsAndHidesTheRest) {
    SecretScrubber scrubber;
    scrubber.add("wrong");
    scrubber.add("key");
    scrubber.add("0123");
    scrubber.add("s3cr3t!");
    EXPECT_EQ(scrubber.scrubOutput("wrong password for key k (s3cr3t!, 0123)"),
              "wrong password for key k (***, 0123)");
    EXPECT_EQ(scrubber.scrub("registry said: wrong key s3cr3t! 0123"),
              "registry said: *** *** *** ***");
}

TEST(SecretScrubber, WordLikeMeansAWordOrOnlyDigits) {
    EXPECT_TRUE(isWordLike("signet"));
    EXPECT_TRUE(isWordLike("The"));
    EXPECT_TRUE(isWordLike("42"));
    EXPECT_FALSE(isWordLike(""));
    EXPECT_FALSE(isWordLike("hunter2"));
    EXPECT_FALSE(isWordLike("two words"));
    EXPECT_FALSE(isWordLike("dXNlcjpwYXNz"));  // base64("user:pass"): letters only, mixed case
    EXPECT_FALSE(isWordLike("ABCDEFGH"));
}

// Derived secrets are hidden in signet's own lines too, even when they happen to be letters.
TEST(SecretScrubber, OutputHidesLetterOnlyBase64) {
    SecretScrubber scrubber;
    scrubber.add("dXNlcjpwYXNz");
    EXPECT_EQ(scrubber.scrubOutput("sent Basic dXNlcjpwYXNz"), "sent Basic ***");
}

TEST(SecretScrubber, AnnouncesEachNewSecretOnce) {
    SecretScrubber scrubber;
    std::vector<std::string> announced;
    scrubber.setAnnouncer([&announced](std::string_view s) { announced.emplace_back(s); });
    scrubber.add("a1");
    scrubber.add("");
    scrubber.add("a1");
    scrubber.add("b2");
    EXPECT_EQ(announced, (std::vector<std::string>{"a1", "b2"}));
}

// The announcer may log through something that scrubs: it runs outside the scrubber's lock.
TEST(SecretScrubber, AnnouncerMayScrub) {
    SecretScrubber scrubber;
    std::string seen;
    scrubber.setAnnouncer([&](std::string_view s) { seen = scrubber.scrub(std::string(s) + "!"); });
    scrubber.add("tok");
    EXPECT_EQ(seen, "***!");
}

}  // namespace
}  // namespace signet::secret
