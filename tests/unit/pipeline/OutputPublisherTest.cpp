#include "pipeline/OutputPublisher.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "config/OutputsFromEnvironment.h"
#include "harness/Paths.h"
#include "pipeline/GithubOutputs.h"
#include "pipeline/GithubStepSummary.h"
#include "pipeline/TektonResults.h"
#include "unit/config/ScopedTempDir.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

using signet::testing::readFile;
using signet::testing::ScopedTempDir;

// The spec's outputs with what config/ reads from `env`, as signet run has them.
config::OutputSettings outputsOf(const config::TaskSpec& spec, const Environment& env) {
    config::OutputSettings outputs = spec.outputs;
    config::readOutputEnvironment(outputs, env);
    return outputs;
}

TEST(OutputPublisher, SinksFollowTheEnvironment) {
    ScopedTempDir dir;
    secret::SecretScrubber scrubber;
    config::TaskSpec spec;
    const std::string absent = dir.file("absent");
    EXPECT_TRUE(makeOutputSinks(outputsOf(spec, Environment()), scrubber, absent).empty());

    auto sinks =
        makeOutputSinks(outputsOf(spec, Environment({{"GITHUB_OUTPUT", dir.file("o")},
                                                     {"GITHUB_STEP_SUMMARY", dir.file("s")}})),
                        scrubber, absent);
    ASSERT_EQ(sinks.size(), 2u);
    EXPECT_NE(dynamic_cast<GithubOutputs*>(sinks[0].get()), nullptr);
    EXPECT_NE(dynamic_cast<GithubStepSummary*>(sinks[1].get()), nullptr);

    spec.outputs.resultsDir = dir.path();
    sinks = makeOutputSinks(outputsOf(spec, Environment()), scrubber, absent);
    ASSERT_EQ(sinks.size(), 1u);
    EXPECT_NE(dynamic_cast<TektonResults*>(sinks[0].get()), nullptr);
}

TEST(OutputPublisher, ReportThenResultsCarryingItsDigest) {
    ScopedTempDir dir;
    std::filesystem::create_directory(dir.file("results"));
    secret::SecretScrubber scrubber;
    config::TaskSpec spec;
    spec.outputs.resultsDir = dir.file("results");
    auto sinks = makeOutputSinks(
        outputsOf(spec, Environment({{"GITHUB_OUTPUT", dir.file("gh")}, {"X", "y"}})), scrubber,
        dir.file("absent"));
    Report report = testing::sampleReport();
    const WrittenReport written = publishOutputs(report, dir.file("report.json"), sinks, scrubber);
    EXPECT_EQ(readFile(dir.file("results/REPORT_SHA256")), written.sha256);
    EXPECT_EQ(written.sha256.size(), 64u);
    EXPECT_NE(readFile(dir.file("gh")).find("report=" + dir.file("report.json") + "\n"),
              std::string::npos);
    EXPECT_NE(readFile(dir.file("report.json")).find("\"schema\": 1"), std::string::npos);
}

}  // namespace
}  // namespace signet::pipeline
