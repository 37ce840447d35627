#include "pipeline/TektonResults.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "config/OutputsFromEnvironment.h"
#include "harness/Paths.h"
#include "pipeline/OutputPublisher.h"
#include "unit/config/ScopedTempDir.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

using signet::testing::readFile;
using signet::testing::ScopedTempDir;

const WrittenReport kWritten{"signet-report.json", std::string(64, 'f')};

// The outputs config/ reads from `env`, with the results directory `resultsDir`.
config::OutputSettings outputsFrom(const Environment& env, std::optional<std::string> resultsDir) {
    config::OutputSettings outputs;
    outputs.resultsDir = std::move(resultsDir);
    config::readOutputEnvironment(outputs, env);
    return outputs;
}

TEST(TektonResults, NoResultNameLooksLikeAChainsTypeHint) {
    // tektoncd/chains treats results ending in these (or named IMAGES) as build outputs.
    const std::vector<std::string> hints = {"IMAGE_URL", "IMAGE_DIGEST", "ARTIFACT_URI",
                                            "ARTIFACT_DIGEST", "ARTIFACT_OUTPUTS"};
    ASSERT_FALSE(TektonResults::resultNames().empty());
    for (const auto& name : TektonResults::resultNames()) {
        EXPECT_NE(name, "IMAGES");
        for (const auto& hint : hints) {
            EXPECT_FALSE(name.size() >= hint.size() &&
                         name.compare(name.size() - hint.size(), hint.size(), hint) == 0)
                << name << " ends in " << hint;
        }
    }
}

TEST(TektonResults, ExactFileContentsWithoutTrailingNewline) {
    ScopedTempDir dir;
    secret::SecretScrubber scrubber;
    TektonResults sink(TektonResultsOptions{dir.path(), {}, 3000}, scrubber);
    Report report = testing::sampleReport();
    sink.prepare(report);
    EXPECT_FALSE(report.resultsTruncated);
    sink.publish(report, kWritten);

    EXPECT_EQ(readFile(dir.file("SIGNED_COUNT")), "1");
    EXPECT_EQ(readFile(dir.file("FAILED_COUNT")), "1");
    EXPECT_EQ(readFile(dir.file("SKIPPED_COUNT")), "1");
    // Both successful refs share one .sig location: listed once.
    EXPECT_EQ(readFile(dir.file("SIGNATURE_REFS")),
              "[\"ghcr.io/o/app:sha256-" + std::string(64, 'a') + ".sig\"]");
    EXPECT_EQ(readFile(dir.file("SBOM_REFS")),
              "[\"ghcr.io/o/app@" + testing::kDigestA + " linux/amd64 sha256:" +
                  std::string(64, 'e') + " ghcr.io/o/app@sha256:" + std::string(64, 'c') + "\"]");
    EXPECT_EQ(readFile(dir.file("TLOG_ENTRIES")),
              "[\"ghcr.io/o/app@sha256:" + std::string(64, 'c') + " 7\"]");
    EXPECT_EQ(readFile(dir.file("REPORT_SHA256")), std::string(64, 'f'));
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
        const std::string content = readFile(entry.path());
        ASSERT_FALSE(content.empty());
        EXPECT_NE(content.back(), '\n') << entry.path();
    }
    EXPECT_EQ(files, TektonResults::resultNames().size());
}

Report bigReport(std::size_t refs, std::size_t sboms, bool logged = false) {
    Report report;
    for (std::size_t i = 0; i < refs; ++i) {
        RefResult result;
        result.ref = "registry.example.com/team/app:" + std::to_string(i);
        result.location = "registry.example.com/team/app:sha256-" + std::to_string(i) + ".sig";
        if (logged) result.logIndex = static_cast<std::int64_t>(1000 + i);
        report.results.push_back(result);
    }
    for (std::size_t i = 0; i < sboms; ++i) {
        SbomEntry sbom;
        sbom.location = "registry.example.com/team/app@sha256:sbom" + std::to_string(i);
        report.sboms.push_back(sbom);
    }
    return report;
}

std::size_t totalResultBytes(const std::string& dir) {
    std::size_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        total += std::filesystem::file_size(entry.path());
    }
    return total;
}

// The stored list must be a prefix of the full list.
void expectPrefix(const std::string& json, const std::vector<std::string>& full) {
    const auto kept = nlohmann::json::parse(json).get<std::vector<std::string>>();
    ASSERT_LE(kept.size(), full.size());
    EXPECT_TRUE(std::equal(kept.begin(), kept.end(), full.begin()));
}

TEST(TektonResults, ListsAreTruncatedToTheBudgetAndTheReportSaysSo) {
    ScopedTempDir dir;
    secret::SecretScrubber scrubber;
    Report report = bigReport(200, 100);
    std::vector<std::unique_ptr<OutputSink>> sinks;
    sinks.push_back(
        std::make_unique<TektonResults>(TektonResultsOptions{dir.path(), {}, 3000}, scrubber));
    ScopedTempDir reportDir;
    publishOutputs(report, reportDir.file("r.json"), sinks, scrubber);

    EXPECT_TRUE(report.resultsTruncated);
    EXPECT_NE(readFile(reportDir.file("r.json")).find("\"resultsTruncated\": true"),
              std::string::npos);
    EXPECT_LE(totalResultBytes(dir.path()), 3000u);
    EXPECT_GT(totalResultBytes(dir.path()), 2500u);  // the budget is used, not wasted
    expectPrefix(readFile(dir.file("SIGNATURE_REFS")), signatureRefs(report));
    expectPrefix(readFile(dir.file("SBOM_REFS")), sbomRefs(report));
    EXPECT_GT(nlohmann::json::parse(readFile(dir.file("SBOM_REFS"))).size(), 0u);
    EXPECT_GT(nlohmann::json::parse(readFile(dir.file("SIGNATURE_REFS"))).size(), 0u);
}

TEST(TektonResults, LogEntriesShareTheBudgetAndStayPrefixes) {
    const Report report = bigReport(200, 20, true);
    ASSERT_EQ(tlogEntries(report).size(), 200u);
    EXPECT_EQ(tlogEntries(report)[3], "registry.example.com/team/app:sha256-3.sig 1003");
    const TektonResultPlan plan = TektonResults::plan(report, 3000);
    EXPECT_TRUE(plan.truncated);
    auto prefix = [](const std::vector<std::string>& kept, const std::vector<std::string>& all) {
        return kept.size() <= all.size() && std::equal(kept.begin(), kept.end(), all.begin());
    };
    EXPECT_TRUE(prefix(plan.signatureRefs, signatureRefs(report)));
    EXPECT_TRUE(prefix(plan.sbomRefs, sbomRefs(report)));
    EXPECT_TRUE(prefix(plan.tlogEntries, tlogEntries(report)));
    EXPECT_GT(plan.tlogEntries.size(), 10u) << "the log entries get a share";
    EXPECT_GT(plan.signatureRefs.size(), plan.tlogEntries.size() / 2);
    // A failed reference's index is never listed, and a logged location appears once.
    Report failed = bigReport(2, 0, true);
    failed.results[0].failure = RefFailure{ErrorKind::Registry, "no"};
    failed.results.push_back(failed.results[1]);
    EXPECT_EQ(tlogEntries(failed),
              std::vector<std::string>{"registry.example.com/team/app:sha256-1.sig 1001"});
}

TEST(TektonResults, SmallListsAreKeptWhole) {
    const Report report = bigReport(10, 2);
    const TektonResultPlan plan = TektonResults::plan(report, 3000);
    EXPECT_FALSE(plan.truncated);
    EXPECT_EQ(plan.signatureRefs.size(), 10u);
    EXPECT_EQ(plan.sbomRefs.size(), 2u);
    // When the SBOM list is short, the signatures get the rest of the budget.
    const TektonResultPlan tight = TektonResults::plan(bigReport(200, 1), 3000);
    EXPECT_TRUE(tight.truncated);
    EXPECT_EQ(tight.sbomRefs.size(), 1u);
    EXPECT_GT(tight.signatureRefs.size(), 40u);
}

TEST(TektonResults, ExactPathsFromTheEnvironmentForStepActions) {
    ScopedTempDir dir;
    const std::string exact = dir.file("step-result-signed");
    Environment env(
        {{"SIGNET_RESULT_SIGNED_COUNT_PATH", exact}, {"SIGNET_RESULT_BOGUS_PATH", "x"}});
    auto options =
        TektonResults::optionsFrom(outputsFrom(env, std::nullopt), dir.file("no-such-dir"));
    ASSERT_TRUE(options);
    EXPECT_FALSE(options->dir);
    EXPECT_EQ(options->exactPaths, (std::map<std::string, std::string>{{"SIGNED_COUNT", exact}}));

    secret::SecretScrubber scrubber;
    TektonResults sink(*options, scrubber);
    sink.publish(testing::sampleReport(), kWritten);
    EXPECT_EQ(readFile(exact), "1");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        ++files;
    }
    EXPECT_EQ(files, 1u);  // nothing else was written
}

TEST(TektonResults, EnabledByResultsDirOrAnExistingTektonDirectory) {
    ScopedTempDir dir;
    EXPECT_FALSE(
        TektonResults::optionsFrom(outputsFrom(Environment(), std::nullopt), dir.file("absent")));
    auto fromDefault =
        TektonResults::optionsFrom(outputsFrom(Environment(), std::nullopt), dir.path());
    ASSERT_TRUE(fromDefault);
    EXPECT_EQ(fromDefault->dir, dir.path());
    auto explicitDir =
        TektonResults::optionsFrom(outputsFrom(Environment(), std::string("/r")), dir.path());
    EXPECT_EQ(explicitDir->dir, "/r");
}

TEST(TektonResults, BudgetFromTheEnvironment) {
    ScopedTempDir dir;
    auto options = TektonResults::optionsFrom(
        outputsFrom(
            Environment(std::map<std::string, std::string>{{"SIGNET_RESULTS_MAX_BYTES", "1200"}}),
            dir.path()),
        dir.path());
    ASSERT_TRUE(options);
    EXPECT_EQ(options->budgetBytes, 1200u);
    EXPECT_THROW(
        TektonResults::optionsFrom(outputsFrom(Environment(std::map<std::string, std::string>{
                                                   {"SIGNET_RESULTS_MAX_BYTES", "lots"}}),
                                               dir.path()),
                                   dir.path()),
        Error);
    secret::SecretScrubber scrubber;
    TektonResults sink(*options, scrubber);
    Report report = bigReport(100, 100);
    sink.prepare(report);
    sink.publish(report, kWritten);
    EXPECT_TRUE(report.resultsTruncated);
    EXPECT_LE(totalResultBytes(dir.path()), 1200u);
}

TEST(TektonResults, UnwritableDirectoryIsOneClearError) {
    secret::SecretScrubber scrubber;
    TektonResults sink(TektonResultsOptions{"/nonexistent-results", {}, 3000}, scrubber);
    try {
        sink.publish(testing::sampleReport(), kWritten);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_NE(std::string(e.what()).find("/nonexistent-results/"), std::string::npos);
    }
}

}  // namespace
}  // namespace signet::pipeline
