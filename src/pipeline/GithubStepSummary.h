// GithubStepSummary: a Markdown table of the run appended to $GITHUB_STEP_SUMMARY.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/OutputSink.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

// Text made safe for one GitHub-flavoured Markdown table cell: "|" -> "\|", "\" -> "&#92;",
// "<" / ">" -> "&lt;" / "&gt;", line breaks -> "<br>".
std::string escapeTableCell(std::string_view text);

class GithubStepSummary : public OutputSink {
  public:
    GithubStepSummary(std::string summaryFile, const secret::SecretScrubber& scrubber);

    // A heading with the counts and a table: Reference | Digest | Identity | Signature | SBOM.
    std::string markdown(const Report& report) const;
    void publish(const Report& report, const WrittenReport& written) override;

  private:
    std::string summaryFile_;
    const secret::SecretScrubber& scrubber_;
};

}  // namespace signet::pipeline
