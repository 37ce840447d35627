// runCommand, BackgroundProcess and TempDir against real programs (cat, sh, sleep).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "harness/BackgroundProcess.h"
#include "harness/Command.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"

namespace signet::testing {
namespace {

TEST(CommandTest, PassesStdinThroughAndReturnsStdout) {
    std::string big(300000, 'x');  // larger than a pipe buffer in both directions
    EXPECT_EQ(runCommand({"cat"}, big), big);
    EXPECT_EQ(runCommand({"printf", "%s|%s", "a b", "c"}), "a b|c");
}

TEST(CommandTest, NonZeroExitThrowsWithCommandLineAndStderr) {
    try {
        runCommand({"sh", "-c", "echo broken-thing >&2; exit 3", "arg with space"});
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        std::string message = e.what();
        EXPECT_NE(message.find("sh -c"), std::string::npos) << message;
        EXPECT_NE(message.find("'arg with space'"), std::string::npos) << message;
        EXPECT_NE(message.find("exited with 3"), std::string::npos) << message;
        EXPECT_NE(message.find("broken-thing"), std::string::npos) << message;
    }
}

TEST(CommandTest, CommandLineHidesPasswordsAfterCredsOptions) {
    EXPECT_EQ(commandLine({"skopeo", "--dest-creds", "alice:s3cret", "--creds", "bob:pw", "x:y"}),
              "skopeo --dest-creds alice:*** --creds bob:*** x:y");
    try {
        runCommand({"sh", "-c", "exit 1", "--creds", "carol:hunter2"});
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    }
}

TEST(CommandTest, ResultCarriesExitCodeAndBothStreams) {
    CommandResult result = runCommandForResult({"sh", "-c", "echo out; echo err >&2; exit 7"});
    EXPECT_EQ(result.exitCode, 7);
    EXPECT_EQ(result.out, "out\n");
    EXPECT_EQ(result.err, "err\n");
}

TEST(CommandTest, ExtraEnvironmentReachesTheChild) {
    EXPECT_EQ(runCommand({"sh", "-c", "printf %s \"$SIGNET_HARNESS_PROBE\""}, "",
                         {{"SIGNET_HARNESS_PROBE", "value 1"}}),
              "value 1");
}

TEST(CommandTest, MissingProgramAndEmptyCommandThrow) {
    EXPECT_THROW(runCommand({"signet-no-such-program-xyz"}), std::runtime_error);
    EXPECT_THROW(runCommand({}), std::runtime_error);
}

TEST(CommandTest, ChildThatIgnoresStdinDoesNotKillUs) {
    std::string big(1 << 20, 'y');
    CommandResult result = runCommandForResult({"true"}, {big, {}, std::chrono::seconds(10)});
    EXPECT_EQ(result.exitCode, 0);
}

TEST(CommandTest, TimeoutKillsTheChild) {
    auto start = std::chrono::steady_clock::now();
    CommandResult result = runCommandForResult({"sleep", "30"}, {"", {}, std::chrono::seconds(1)});
    EXPECT_EQ(result.exitCode, 128 + SIGKILL);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(TempDirTest, IsCreatedAndRemovedWithItsContents) {
    std::string path;
    {
        TempDir dir;
        path = dir.path();
        ASSERT_TRUE(std::filesystem::is_directory(path));
        std::filesystem::create_directories(path + "/a/b");
        writeFile(path + "/a/b/file", "data");
        TempDir other;
        EXPECT_NE(other.path(), path);
    }
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(BackgroundProcessTest, StopEndsALongRunningChild) {
    TempDir dir;
    std::string log = dir.path() + "/log";
    BackgroundProcess process({"sh", "-c", "echo started; exec sleep 60"}, log);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((!std::filesystem::exists(log) || readFile(log).empty()) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_FALSE(process.exitCode().has_value());
    process.stop();
    ASSERT_TRUE(process.exitCode().has_value());
    EXPECT_NE(::kill(process.pid(), 0), 0) << "the PID must be gone after stop()";
    EXPECT_EQ(readFile(log), "started\n");
    process.stop();  // twice is harmless
}

TEST(BackgroundProcessTest, ReportsAnEarlyExitAndFiltersEnvironment) {
    TempDir dir;
    ::setenv("REGISTRY_HARNESS_PROBE", "leaked", 1);
    BackgroundProcess process({"sh", "-c", "echo \"[$REGISTRY_HARNESS_PROBE]\"; exit 4"},
                              dir.path() + "/log", {}, {"REGISTRY_"});
    ::unsetenv("REGISTRY_HARNESS_PROBE");
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!process.exitCode() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_EQ(process.exitCode(), 4);
    EXPECT_EQ(readFile(dir.path() + "/log"), "[]\n");
}

}  // namespace
}  // namespace signet::testing
