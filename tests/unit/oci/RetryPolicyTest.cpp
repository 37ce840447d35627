#include "oci/RetryPolicy.h"

#include <gtest/gtest.h>

namespace signet::oci {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// 2015-10-21T07:28:00Z, the RFC 7231 example date, as a time_point.
std::chrono::system_clock::time_point exampleDate() {
    return std::chrono::system_clock::time_point(seconds(1445412480));
}

TEST(RetryPolicy, RetryableStatuses) {
    for (int status : {408, 429, 500, 502, 503, 504}) EXPECT_TRUE(isRetryableStatus(status));
    for (int status : {200, 201, 202, 400, 401, 403, 404, 405, 409, 412})
        EXPECT_FALSE(isRetryableStatus(status)) << status;
}

TEST(RetryPolicy, RetryAfterSeconds) {
    auto now = std::chrono::system_clock::now();
    EXPECT_EQ(parseRetryAfter("3", now, seconds(60)), milliseconds(3000));
    EXPECT_EQ(parseRetryAfter(" 0 ", now, seconds(60)), milliseconds(0));
    EXPECT_EQ(parseRetryAfter("3600", now, seconds(60)), milliseconds(60000));  // capped
    EXPECT_EQ(parseRetryAfter("99999999999999999", now, seconds(60)), std::nullopt);
}

TEST(RetryPolicy, RetryAfterHttpDate) {
    auto now = exampleDate();
    EXPECT_EQ(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now, seconds(60)),
              milliseconds(5000));
    EXPECT_EQ(parseRetryAfter("Wednesday, 21-Oct-15 07:28:10 GMT", now, seconds(60)),
              milliseconds(10000));
    EXPECT_EQ(parseRetryAfter("Wed Oct 21 07:28:02 2015", now, seconds(60)), milliseconds(2000));
    EXPECT_EQ(parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now, seconds(60)),
              milliseconds(0));  // in the past
    EXPECT_EQ(parseRetryAfter("Thu, 22 Oct 2015 07:28:00 GMT", now, seconds(60)),
              milliseconds(60000));  // capped
}

TEST(RetryPolicy, RetryAfterGarbage) {
    auto now = exampleDate();
    for (const char* bad : {"", "soon", "-5", "1.5", "Wed, 99 Foo 2015", "\x01\xff"})
        EXPECT_EQ(parseRetryAfter(bad, now, seconds(60)), std::nullopt) << bad;
}

TEST(RetryPolicy, BackoffGrowsWithJitterAndCap) {
    RetryPolicy policy;
    policy.baseDelay = milliseconds(100);
    policy.maxDelay = milliseconds(1000);
    std::mt19937 rng(1);
    for (int i = 0; i < 200; ++i) {
        auto first = backoffDelay(1, policy, rng);
        EXPECT_GE(first, milliseconds(50));
        EXPECT_LE(first, milliseconds(100));
        auto third = backoffDelay(3, policy, rng);
        EXPECT_GE(third, milliseconds(200));
        EXPECT_LE(third, milliseconds(400));
        auto late = backoffDelay(30, policy, rng);
        EXPECT_GE(late, milliseconds(500));
        EXPECT_LE(late, milliseconds(1000));
    }
}

}  // namespace
}  // namespace signet::oci
