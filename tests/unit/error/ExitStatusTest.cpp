#include "error/ExitStatus.h"

#include <gtest/gtest.h>

namespace signet {
namespace {

using Outcomes = std::vector<std::optional<ErrorKind>>;

TEST(ExitStatus, AllSucceededIsZero) {
    EXPECT_EQ(batchExitCode({std::nullopt, std::nullopt}, FailOn::Any), 0);
    EXPECT_EQ(batchExitCode({}, FailOn::Any), 0);
}

TEST(ExitStatus, SomeFailedIsTwoUnlessFailOnAll) {
    Outcomes mixed{std::nullopt, ErrorKind::NotFound};
    EXPECT_EQ(batchExitCode(mixed, FailOn::Any), 2);
    EXPECT_EQ(batchExitCode(mixed, FailOn::All), 0);
    EXPECT_EQ(batchExitCode({ErrorKind::NotFound, ErrorKind::Auth}, FailOn::All), 2);
}

TEST(ExitStatus, UniformAuthOrNetworkFailuresHaveTheirOwnCodes) {
    EXPECT_EQ(batchExitCode({ErrorKind::Auth, ErrorKind::Auth}, FailOn::Any), 3);
    EXPECT_EQ(batchExitCode({ErrorKind::Network, ErrorKind::RateLimit}, FailOn::Any), 4);
    EXPECT_EQ(batchExitCode({ErrorKind::Unavailable, ErrorKind::Network}, FailOn::Any), 4);
    EXPECT_EQ(batchExitCode({ErrorKind::Unavailable, ErrorKind::Registry}, FailOn::Any), 2);
    EXPECT_EQ(batchExitCode({std::nullopt, ErrorKind::Auth}, FailOn::Any), 3);
    EXPECT_EQ(batchExitCode({ErrorKind::Network, ErrorKind::Auth}, FailOn::Any), 2);
}

}  // namespace
}  // namespace signet
