// TektonResults: small Tekton result files (counts, refs, report digest) within a byte budget.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "config/TaskSpec.h"
#include "pipeline/OutputSink.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

struct TektonResultsOptions {
    std::optional<std::string> dir;  // every result as <dir>/<NAME>
    // SIGNET_RESULT_<NAME>_PATH: these results go to exactly this file instead (StepAction).
    std::map<std::string, std::string> exactPaths;
    std::size_t budgetBytes = 3000;  // all result contents together
};

// What the results will hold: the signature, SBOM and log-entry lists cut to fit the budget.
struct TektonResultPlan {
    std::vector<std::string> signatureRefs;
    std::vector<std::string> sbomRefs;
    std::vector<std::string> tlogEntries;
    bool truncated = false;
};

class TektonResults : public OutputSink {
  public:
    TektonResults(TektonResultsOptions options, const secret::SecretScrubber& scrubber);

    // SIGNED_COUNT, FAILED_COUNT, SKIPPED_COUNT, SIGNATURE_REFS, SBOM_REFS, TLOG_ENTRIES,
    // REPORT_SHA256.
    static const std::vector<std::string>& resultNames();
    // Options from the outputs' result paths (SIGNET_RESULT_<NAME>_PATH), budget
    // (SIGNET_RESULTS_MAX_BYTES, default 3000) and results directory (SIGNET_RESULTS_DIR), else
    // `defaultDir` when it exists; nullopt when no result should be written at all.
    static std::optional<TektonResultsOptions> optionsFrom(
        const config::OutputSettings& outputs, const std::string& defaultDir = "/tekton/results");

    static TektonResultPlan plan(const Report& report, std::size_t budgetBytes);
    // Result name -> exact file content (no trailing newline).
    std::map<std::string, std::string> contents(const Report& report,
                                                const WrittenReport& written) const;

    void prepare(Report& report) override;
    void publish(const Report& report, const WrittenReport& written) override;

  private:
    TektonResultsOptions options_;
    const secret::SecretScrubber& scrubber_;
};

}  // namespace signet::pipeline
