#include "oci/ImageManifest.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::oci {
namespace {

const std::string kDigest =
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

std::string manifestWith(const std::string& schemaVersion, const std::string& size) {
    return R"({"schemaVersion":)" + schemaVersion + R"(,"config":{"digest":")" + kDigest +
           R"(","size":)" + size + "}}";
}

// Found by tests/fuzz ImageManifestFuzzer: a size of 1e58 reached get<int64_t>() from a double,
// which is undefined behaviour (UBSan: outside the range of representable values).
TEST(ImageManifest, NumbersMustBeIntegersTheFieldHolds) {
    EXPECT_EQ(parseManifest(manifestWith("2", "12"), "m").config.size, 12);
    EXPECT_EQ(parseManifest(manifestWith("2", "-1"), "m").config.size, -1);
    for (const char* size : {"1e58", "1.5", "18446744073709551615", "\"12\""}) {
        EXPECT_THROW(parseManifest(manifestWith("2", size), "m"), Error) << size;
    }
    for (const char* version : {"1e58", "2.5", "4294967296"}) {
        EXPECT_THROW(parseManifest(manifestWith(version, "1"), "m"), Error) << version;
    }
}

}  // namespace
}  // namespace signet::oci
