#include "pipeline/GithubOutputs.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "error/Error.h"
#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

TEST(GithubOutputs, ExactEntriesAppendedToTheFile) {
    signet::testing::ScopedTempDir dir;
    const std::string file = dir.file("github_output");
    signet::testing::writeFile(file, "earlier=1\n");
    secret::SecretScrubber scrubber;
    GithubOutputs sink(file, scrubber, [] { return std::string("EOF_7"); });
    sink.publish(testing::sampleReport(), {"out/signet-report.json", std::string(64, 'f')});
    const std::string sig = "ghcr.io/o/app:sha256-" + std::string(64, 'a') + ".sig";
    const std::string sbom = "ghcr.io/o/app@" + testing::kDigestA +
                             " linux/amd64 sha256:" + std::string(64, 'e') +
                             " ghcr.io/o/app@sha256:" + std::string(64, 'c');
    EXPECT_EQ(signet::testing::readFile(file),
              "earlier=1\n"
              "signed-count=1\n"
              "failed-count=1\n"
              "skipped-count=1\n"
              "signature-refs<<EOF_7\n" +
                  sig +
                  "\nEOF_7\n"
                  "sbom-refs<<EOF_7\n" +
                  sbom +
                  "\nEOF_7\n"
                  "tlog-entries<<EOF_7\n"
                  "ghcr.io/o/app@sha256:" +
                  std::string(64, 'c') +
                  " 7\nEOF_7\n"
                  "report=out/signet-report.json\n");
}

TEST(GithubOutputs, DelimiterThatOccursInTheValueIsNotUsed) {
    std::vector<std::string> draws = {"app", "ghcr", "ZZZ"};
    std::size_t next = 0;
    auto delimiters = [&] { return draws.at(next++); };
    EXPECT_EQ(githubOutputEntry("refs", "ghcr.io/o/app\nx", false, delimiters),
              "refs<<ZZZ\nghcr.io/o/app\nx\nZZZ\n");
    EXPECT_EQ(next, 3u);
}

TEST(GithubOutputs, NoUsableDelimiterIsAnError) {
    EXPECT_THROW(githubOutputEntry("n", "same", true, [] { return std::string("same"); }), Error);
}

TEST(GithubOutputs, ValuesWithLineBreaksAlwaysUseTheDelimiterForm) {
    auto fixed = [] { return std::string("D"); };
    EXPECT_EQ(githubOutputEntry("n", "a\rb", false, fixed), "n<<D\na\rb\nD\n");
    EXPECT_EQ(githubOutputEntry("n", "one", false, fixed), "n=one\n");
    EXPECT_EQ(githubOutputEntry("n", "", true, fixed), "n<<D\n\nD\n");
}

TEST(GithubOutputs, RandomDelimitersAreLongAndDistinct) {
    std::set<std::string> seen;
    const std::regex shape("ghadelimiter_[0-9a-f]{32}");
    for (int i = 0; i < 50; ++i) {
        const std::string delimiter = randomDelimiter();
        EXPECT_TRUE(std::regex_match(delimiter, shape)) << delimiter;
        seen.insert(delimiter);
    }
    EXPECT_EQ(seen.size(), 50u);
}

TEST(GithubOutputs, SecretsAreScrubbedFromOutputs) {
    secret::SecretScrubber scrubber;
    scrubber.add("sha256-" + std::string(64, 'a'));
    GithubOutputs sink("unused", scrubber, [] { return std::string("D"); });
    const std::string text = sink.entries(testing::sampleReport(), {"r.json", ""});
    EXPECT_EQ(text.find("sha256-" + std::string(64, 'a')), std::string::npos);
    EXPECT_NE(text.find("ghcr.io/o/app:***.sig"), std::string::npos) << text;
}

}  // namespace
}  // namespace signet::pipeline
