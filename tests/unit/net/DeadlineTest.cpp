// Deadline, SocketWatchdog and RetryLoop: time limits as values, enforced on real sockets.
#include "net/Deadline.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <unistd.h>
#include "error/SettingSpelling.h"

#include <thread>

#include "net/SocketWatchdog.h"
#include "oci/RetryLoop.h"

namespace signet::net {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(DeadlineTest, UnboundedNeverPassesAndLeavesTheLimit) {
    Deadline none;
    EXPECT_FALSE(none.bounded());
    EXPECT_FALSE(none.passed());
    EXPECT_EQ(none.remaining(60s), 60s);
}

TEST(DeadlineTest, RemainingShrinksAndStopsAtZero) {
    Deadline soon = Deadline::after(200ms);
    EXPECT_TRUE(soon.bounded());
    EXPECT_LE(soon.remaining(60s), 200ms);
    EXPECT_GT(soon.remaining(60s), 100ms);
    EXPECT_EQ(soon.remaining(50ms), 50ms);
    std::this_thread::sleep_for(250ms);
    EXPECT_TRUE(soon.passed());
    EXPECT_EQ(soon.remaining(60s), 0ms);
}

TEST(DeadlineTest, WithinTakesTheEarlierMoment) {
    Deadline late = Deadline::after(10s);
    EXPECT_LT(late.within(1s).at(), late.at());
    Deadline early = Deadline::after(1s);
    EXPECT_EQ(early.within(10s).at(), early.at());
    EXPECT_TRUE(Deadline().within(1s).bounded());
}

TEST(DeadlineTest, PassedErrorIsATimeoutNamingTheBudgetAndTheSettings) {
    Error e = deadlinePassed(Deadline::after(90s), "GET https://r.example/v2/");
    EXPECT_EQ(e.kind(), ErrorKind::Timeout);
    EXPECT_EQ(exitCodeFor(e.kind()), 4);
    // The timeout setting is named as the wrapper in use spells it (--timeout on the command line).
    EXPECT_EQ(std::string(e.what()),
              "GET https://r.example/v2/: not done within the 1m30s deadline (" +
                  spellSetting("registry.timeout") + ")");
}

TEST(DeadlineTest, DurationsReadAsPeopleWriteThem) {
    EXPECT_EQ(describeDuration(180s), "3m");
    EXPECT_EQ(describeDuration(3661s), "1h1m1s");
    EXPECT_EQ(describeDuration(250ms), "250ms");
    EXPECT_EQ(describeDuration(0ms), "0ms");
}

TEST(SocketWatchdogTest, ShutsABlockedReadDownAtTheDeadline) {
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    auto start = Clock::now();
    ssize_t got;
    bool fired;
    {
        auto watch = SocketWatchdog::shared().watch(fds[0], start + 300ms);
        char byte;
        got = read(fds[0], &byte, 1);  // the peer never writes: only the watchdog ends this
        fired = watch.fired();
    }
    auto took = Clock::now() - start;
    EXPECT_EQ(got, 0);
    EXPECT_TRUE(fired);
    EXPECT_GE(took, 290ms);
    EXPECT_LT(took, 2s);
    close(fds[0]);
    close(fds[1]);
}

TEST(SocketWatchdogTest, AWatchEndedInTimeLeavesTheSocketAlone) {
    int fds[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    { auto watch = SocketWatchdog::shared().watch(fds[0], Clock::now() + 100ms); }
    std::this_thread::sleep_for(200ms);
    ASSERT_EQ(write(fds[1], "x", 1), 1);
    char byte = 0;
    EXPECT_EQ(read(fds[0], &byte, 1), 1);
    EXPECT_EQ(byte, 'x');
    close(fds[0]);
    close(fds[1]);
}

TEST(SocketWatchdogTest, AWatchFollowsTheConnectionThatReplacesTheFirst) {
    int first[2], second[2];
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, first), 0);
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, second), 0);
    auto watch = SocketWatchdog::shared().watch(-1, Clock::now() + 100ms);  // still connecting
    std::this_thread::sleep_for(200ms);
    EXPECT_FALSE(watch.fired()) << "nothing to shut down yet";
    SocketWatchdog::shared().retarget(watch.id(), second[0]);  // connected, past the deadline
    char byte;
    EXPECT_EQ(read(second[0], &byte, 1), 0) << "shut down as soon as it is known";
    EXPECT_TRUE(watch.fired());
    ASSERT_EQ(write(first[1], "x", 1), 1);
    EXPECT_EQ(read(first[0], &byte, 1), 1) << "an unwatched socket is left alone";
    for (int fd : {first[0], first[1], second[0], second[1]}) close(fd);
}

TEST(RetryLoopTest, GivesUpAtOnceWhenTheWaitWouldOutlastTheDeadline) {
    oci::RetryPolicy policy{5, 2s, 8s};
    oci::RetryLoop loop(policy, Deadline::after(500ms));
    auto start = Clock::now();
    try {
        loop.next(std::nullopt, "PUT manifest");
        FAIL() << "a 1-2 s back-off cannot fit in 500 ms";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Timeout);
        EXPECT_NE(std::string(e.what()).find("PUT manifest"), std::string::npos);
    }
    EXPECT_LT(Clock::now() - start, 100ms) << "it must not sleep first";
}

TEST(RetryLoopTest, CountsAttemptsAndHonoursRetryAfter) {
    oci::RetryPolicy policy{2, 1ms, 1ms};
    oci::RetryLoop loop(policy, Deadline::after(10s));
    EXPECT_EQ(loop.attempt(), 1);
    EXPECT_FALSE(loop.last());
    auto start = Clock::now();
    loop.next(100ms, "GET");
    EXPECT_GE(Clock::now() - start, 100ms);
    loop.next(std::nullopt, "GET");
    EXPECT_EQ(loop.attempt(), 3);
    EXPECT_TRUE(loop.last());
}

}  // namespace
}  // namespace signet::net
