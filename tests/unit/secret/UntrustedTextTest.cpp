#include "secret/UntrustedText.h"

#include <gtest/gtest.h>

#include "secret/SecretScrubber.h"

namespace signet::secret {
namespace {

TEST(UntrustedText, ScrubsBeforeCuttingSoNoHeadOfASecretIsLeft) {
    SecretScrubber secrets;
    const std::string token(200, 'T');
    secrets.add(token);
    // Cut first, the quote would show 110 Ts — the head of the token — and no scrubber would
    // recognise it any more.
    const std::string body = "bad Authorization: Bearer " + token;
    EXPECT_EQ(quoteUntrusted(body, secrets, 40), "bad Authorization: Bearer ***");
    EXPECT_EQ(quoteUntrusted(std::string(10, 'x') + token, secrets, 8), "xxxxxxxx…");
}

TEST(UntrustedText, HidesWordLikeSecretsToo) {
    SecretScrubber secrets;
    secrets.add("wrong");
    EXPECT_EQ(quoteUntrusted("user:wrong", secrets), "user:***");
}

TEST(UntrustedText, BoundedAndOnOneLine) {
    SecretScrubber secrets;
    EXPECT_EQ(quoteUntrusted("a\nb\rc\x7f", secrets), "a b c ");
    EXPECT_EQ(quoteUntrusted(std::string(500, 'z'), secrets).size(), 120 + std::string("…").size());
    EXPECT_EQ(quoteUntrusted(std::string(500, 'z'), secrets, 10), std::string(10, 'z') + "…");
    EXPECT_EQ(quoteUntrusted("", secrets), "");
}

}  // namespace
}  // namespace signet::secret
