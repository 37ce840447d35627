#include "pipeline/OutputPublisher.h"

#include "pipeline/GithubOutputs.h"
#include "pipeline/GithubStepSummary.h"
#include "pipeline/TektonResults.h"

namespace signet::pipeline {

std::vector<std::unique_ptr<OutputSink>> makeOutputSinks(const config::OutputSettings& outputs,
                                                         const secret::SecretScrubber& scrubber,
                                                         const std::string& tektonDefaultDir) {
    std::vector<std::unique_ptr<OutputSink>> sinks;
    if (auto options = TektonResults::optionsFrom(outputs, tektonDefaultDir)) {
        sinks.push_back(std::make_unique<TektonResults>(std::move(*options), scrubber));
    }
    if (!outputs.githubOutput.empty()) {
        sinks.push_back(std::make_unique<GithubOutputs>(outputs.githubOutput, scrubber));
    }
    if (!outputs.githubStepSummary.empty()) {
        sinks.push_back(std::make_unique<GithubStepSummary>(outputs.githubStepSummary, scrubber));
    }
    return sinks;
}

WrittenReport publishOutputs(Report& report, const std::string& reportPath,
                             const std::vector<std::unique_ptr<OutputSink>>& sinks,
                             const secret::SecretScrubber& scrubber) {
    for (const auto& sink : sinks) sink->prepare(report);
    const WrittenReport written = writeReportFile(report, reportPath, scrubber);
    for (const auto& sink : sinks) sink->publish(report, written);
    return written;
}

}  // namespace signet::pipeline
