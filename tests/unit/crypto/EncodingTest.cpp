#include "crypto/Encoding.h"

#include <gtest/gtest.h>

namespace signet::crypto {
namespace {

TEST(Encoding, Base64RoundTripsWithPadding) {
    for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
        auto enc = base64Encode(s);
        EXPECT_EQ(enc.size() % 4, 0u);
        auto dec = base64Decode(enc);
        ASSERT_TRUE(dec.has_value()) << enc;
        EXPECT_EQ(*dec, s);
    }
    EXPECT_EQ(base64Encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64Encode("fo"), "Zm8=");
}

TEST(Encoding, Base64RejectsMalformedText) {
    EXPECT_FALSE(base64Decode("Zm9").has_value());
    EXPECT_FALSE(base64Decode("Zm9v!A==").has_value());
    EXPECT_FALSE(base64Decode("Z=9v").has_value());
}

TEST(Encoding, Sha256DigestOfKnownInput) {
    EXPECT_EQ(sha256Digest("abc"),
              "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hexEncode(std::string("\x00\xff", 2)), "00ff");
}

}  // namespace
}  // namespace signet::crypto
