#include "json/GoTime.h"

#include <gtest/gtest.h>

#include "error/Error.h"

namespace signet::json {
namespace {

TEST(GoTime, ReadsAndWritesRfc3339AsTimeTimeDoes) {
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05Z"), "2024-01-02T03:04:05Z");
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05.500Z"), "2024-01-02T03:04:05.5Z");
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05.000Z"), "2024-01-02T03:04:05Z");
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05.1234567891Z"), "2024-01-02T03:04:05.123456789Z");
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05+00:00"), "2024-01-02T03:04:05Z");
    EXPECT_EQ(goTimeText("2024-01-02T03:04:05-07:30"), "2024-01-02T03:04:05-07:30");
    EXPECT_EQ(goTimeText("2024-02-29T00:00:00Z"), "2024-02-29T00:00:00Z");
    for (const char* bad : {"2024-01-02", "2024-01-02 03:04:05Z", "2024-13-02T03:04:05Z",
                            "2023-02-29T00:00:00Z", "2024-01-02T24:00:00Z", "2024-01-02T03:04:05",
                            "2024-01-02T03:04:05+0100", "2024-01-02T03:04:05.Z"}) {
        EXPECT_THROW(goTimeText(bad), Error) << bad;
    }
}

TEST(GoTime, Rfc3339Utc) {
    EXPECT_EQ(rfc3339Utc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(rfc3339Utc(1700000000), "2023-11-14T22:13:20Z");
}

}  // namespace
}  // namespace signet::json
