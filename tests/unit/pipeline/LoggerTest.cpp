#include "pipeline/Logger.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <thread>

#include "config/OutputsFromEnvironment.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

const std::string kA(64, 'a');
const std::string kB(64, 'b');

TEST(Logger, PlainLinesPerRefAndSummaryGoToTheLogStream) {
    std::ostringstream commands, out;
    secret::SecretScrubber scrubber;
    Logger logger(commands, out, LogFormat::Plain, scrubber);
    const Report report = testing::sampleReport();
    logger.beginGroup("Signing 3 references");
    for (const auto& result : report.results) logger.refResult(result);
    logger.endGroup();
    logger.summary(report);
    EXPECT_EQ(lines(out.str()),
              (std::vector<std::string>{
                  "== Signing 3 references",
                  "signed ghcr.io/o/app:1.2@sha256:" + kA + " digest=sha256:" + kA +
                      " signature=ghcr.io/o/app:sha256-" + kA + ".sig attempts=1",
                  "skipped ghcr.io/o/app:latest@sha256:" + kA + " digest=sha256:" + kA +
                      " signature=ghcr.io/o/app:sha256-" + kA + ".sig attempts=2 (already signed)",
                  "failed ghcr.io/o/other:1@sha256:" + kB + " digest=sha256:" + kB +
                      " error=auth: registry said 401 Unauthorized; set SIGNET_REGISTRY_USERNAME "
                      "attempts=4",
                  "signet: 3 requested, 1 signed, 1 skipped, 1 failed, 1 sboms"}));
    EXPECT_EQ(commands.str(), "");
}

// Workflow commands (masks, groups, ::error) on the command stream (stdout, where the runner
// reads them); the log line itself on the log stream (stderr).
TEST(Logger, GithubModeGroupsErrorsAndMasks) {
    std::ostringstream commands, log;
    secret::SecretScrubber scrubber;
    announceMasks(LogFormat::Github, scrubber, commands);
    Logger logger(commands, log, LogFormat::Github, scrubber);
    logger.registerSecret("p%ss\nword");
    logger.beginGroup("Signing");
    RefResult failed = testing::sampleReport().results[2];
    failed.failure->message = "denied: 100%\nretry later (p%ss\nword)";
    logger.refResult(failed);
    logger.endGroup();
    const auto got = lines(commands.str());
    ASSERT_EQ(got.size(), 4u) << commands.str();
    EXPECT_EQ(got[0], "::add-mask::p%25ss%0Aword");
    EXPECT_EQ(got[1], "::group::Signing");
    EXPECT_EQ(got[2], "::error title=signet::ghcr.io/o/other:1@sha256:" + kB +
                          ": denied: 100%25%0Aretry later (***)");
    EXPECT_EQ(got[3], "::endgroup::");
    EXPECT_EQ(
        lines(log.str()),
        (std::vector<std::string>{"failed ghcr.io/o/other:1@sha256:" + kB + " digest=sha256:" + kB +
                                  " error=auth: denied: 100% retry later (***) attempts=4"}));
}

// A key password that is an ordinary word is masked, but signet's own sentence stays whole.
TEST(Logger, WordLikeSecretDoesNotGarbleSignetsOwnLines) {
    for (const std::string word : {"wrong", "key", "the", "signet", "password", "1"}) {
        std::ostringstream commands, log;
        secret::SecretScrubber scrubber;
        announceMasks(LogFormat::Github, scrubber, commands);
        Logger logger(commands, log, LogFormat::Github, scrubber);
        logger.registerSecret(word);
        const std::string sentence =
            "signet run: wrong password for key /k/cosign.key (the signet key, 1 attempt)";
        logger.info(sentence);
        EXPECT_EQ(log.str(), sentence + "\n") << word;
        EXPECT_EQ(commands.str(), "::add-mask::" + word + "\n") << word;
    }
}

TEST(Logger, PlainModeNeverPrintsWorkflowCommandsOrMasks) {
    std::ostringstream commands, out;
    secret::SecretScrubber scrubber;
    announceMasks(LogFormat::Plain, scrubber, commands);
    Logger logger(commands, out, LogFormat::Plain, scrubber);
    logger.registerSecret("tok3n");
    logger.info("using tok3n\n::error::forged");
    EXPECT_EQ(out.str(), "using *** ::error::forged\n");
    EXPECT_EQ(commands.str(), "");
}

TEST(Logger, FormatFromEnvironment) {
    EXPECT_EQ(config::logFormatFromEnvironment(Environment()), LogFormat::Plain);
    EXPECT_EQ(
        config::logFormatFromEnvironment(Environment({{"GITHUB_ACTIONS", "true"}, {"X", "y"}})),
        LogFormat::Github);
    EXPECT_EQ(config::logFormatFromEnvironment(
                  Environment({{"GITHUB_ACTIONS", "true"}, {"SIGNET_LOG_FORMAT", "text"}})),
              LogFormat::Plain);
    EXPECT_EQ(config::logFormatFromEnvironment(
                  Environment({{"SIGNET_LOG_FORMAT", "github"}, {"X", "y"}})),
              LogFormat::Github);
}

TEST(Logger, ConcurrentWritersNeverInterleaveLines) {
    std::ostringstream commands, out;
    secret::SecretScrubber scrubber;
    Logger logger(commands, out, LogFormat::Github, scrubber);
    constexpr int kThreads = 8;
    constexpr int kLines = 300;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&logger, t] {
            for (int i = 0; i < kLines; ++i) {
                logger.info("thread " + std::to_string(t) + " line " + std::to_string(i) +
                            " with some padding to make interleaving visible");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    const auto got = lines(out.str());
    ASSERT_EQ(got.size(), static_cast<std::size_t>(kThreads * kLines));
    std::set<std::string> unique(got.begin(), got.end());
    EXPECT_EQ(unique.size(), got.size());
    for (const auto& line : got) {
        EXPECT_EQ(line.rfind("thread ", 0), 0u) << line;
        EXPECT_NE(line.find(" with some padding to make interleaving visible"), std::string::npos);
    }
}

}  // namespace
}  // namespace signet::pipeline
