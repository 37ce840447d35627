#include "pipeline/GithubStepSummary.h"

#include <gtest/gtest.h>

#include "harness/Paths.h"
#include "unit/config/ScopedTempDir.h"
#include "unit/pipeline/SampleReport.h"

namespace signet::pipeline {
namespace {

TEST(GithubStepSummary, CellsEscapePipesLineBreaksAndHtml) {
    EXPECT_EQ(escapeTableCell("a|b"), "a\\|b");
    EXPECT_EQ(escapeTableCell("a\nb\r\nc\rd"), "a<br>b<br>c<br>d");
    EXPECT_EQ(escapeTableCell("x\\|y"), "x&#92;\\|y");
    EXPECT_EQ(escapeTableCell("<script>"), "&lt;script&gt;");
    EXPECT_EQ(escapeTableCell("plain:tag@sha256"), "plain:tag@sha256");
}

TEST(GithubStepSummary, ExactMarkdownTable) {
    secret::SecretScrubber scrubber;
    GithubStepSummary sink("unused", scrubber);
    Report report = testing::sampleReport();
    report.results[2].failure->message = "bad | answer\nfrom registry";
    const std::string a(64, 'a');
    const std::string b(64, 'b');
    const std::string c(64, 'c');
    EXPECT_EQ(sink.markdown(report),
              "### signet: 1 signed, 1 already signed, 1 failed of 3 requested\n\n"
              "| Reference | Digest | Identity | Signature | SBOM |\n"
              "| --- | --- | --- | --- | --- |\n"
              "| ghcr.io/o/app:1.2@sha256:" +
                  a + " | sha256:" + a +
                  " | ghcr.io/o/app:1.2 | "
                  "ghcr.io/o/app:sha256-" +
                  a + ".sig | ghcr.io/o/app@sha256:" + c +
                  " |\n"
                  "| ghcr.io/o/app:latest@sha256:" +
                  a + " | sha256:" + a +
                  " | ghcr.io/o/app:latest | "
                  "ghcr.io/o/app:sha256-" +
                  a + ".sig (already signed) | ghcr.io/o/app@sha256:" + c +
                  " |\n"
                  "| ghcr.io/o/other:1@sha256:" +
                  b + " | sha256:" + b +
                  " | ghcr.io/o/other:1 | "
                  "failed (auth): bad \\| answer<br>from registry |  |\n\n");
}

TEST(GithubStepSummary, EveryRowHasExactlyFiveCells) {
    secret::SecretScrubber scrubber;
    GithubStepSummary sink("unused", scrubber);
    Report report = testing::sampleReport();
    report.results[0].ref = "evil|ref\n| injected | row |";
    const std::string text = sink.markdown(report);
    std::size_t start = text.find("| Reference");
    std::size_t lines = 0;
    while (start < text.size() && text[start] == '|') {
        const std::size_t end = text.find('\n', start);
        const std::string line = text.substr(start, end - start);
        std::size_t pipes = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
        }
        EXPECT_EQ(pipes, 6u) << line;
        ++lines;
        start = end + 1;
    }
    EXPECT_EQ(lines, 2u + report.results.size());
}

TEST(GithubStepSummary, AppendsToTheSummaryFile) {
    signet::testing::ScopedTempDir dir;
    const std::string file = dir.file("summary.md");
    signet::testing::writeFile(file, "# earlier step\n");
    secret::SecretScrubber scrubber;
    scrubber.add("401 Unauthorized");
    GithubStepSummary sink(file, scrubber);
    sink.publish(testing::sampleReport(), {"r.json", ""});
    const std::string text = signet::testing::readFile(file);
    EXPECT_EQ(text.rfind("# earlier step\n### signet: ", 0), 0u);
    EXPECT_EQ(text.find("401 Unauthorized"), std::string::npos);
    EXPECT_NE(text.find("registry said ***;"), std::string::npos) << text;
}

}  // namespace
}  // namespace signet::pipeline
