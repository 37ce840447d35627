#include "config/DidYouMean.h"

#include <gtest/gtest.h>

namespace signet::config {
namespace {

const std::vector<std::string> kCommands = {"run",    "sign",   "verify", "verify-attestation",
                                            "attest", "attach", "sbom",   "triangulate"};

TEST(DidYouMean, TyposFindTheirCommand) {
    EXPECT_EQ(closestMatch("sing", kCommands), "sign");       // a swap
    EXPECT_EQ(closestMatch("verfy", kCommands), "verify");    // a deletion
    EXPECT_EQ(closestMatch("atttest", kCommands), "attest");  // an insertion
    EXPECT_EQ(closestMatch("--kye", {"--key", "--annotations"}), "--key");
    EXPECT_EQ(didYouMean("sbon", kCommands), " (did you mean sbom?)");
}

TEST(DidYouMean, FarOrShortWordsGetNoGuess) {
    EXPECT_FALSE(closestMatch("frobnicate", kCommands).has_value());
    EXPECT_FALSE(closestMatch("x", kCommands).has_value());  // one edit is half of "x"
    EXPECT_FALSE(closestMatch("", kCommands).has_value());
    EXPECT_FALSE(closestMatch("sign", {}).has_value());
    EXPECT_EQ(didYouMean("frobnicate", kCommands), "");
}

}  // namespace
}  // namespace signet::config
