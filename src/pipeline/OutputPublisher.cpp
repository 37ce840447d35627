#include "pipeline/OutputPublisher.h"

#include "pipeline/GithubOutputs.h"
#include "pipeline/GithubStepSummary.h"
#include "pipeline/TektonResults.h"

namespace signet::pipeline {

std::vector<std::unique_ptr<OutputSink>> makeOutputSinks(const config::TaskSpec& spec,
                                                         const Environment& env,
                                                         const secret::SecretScrubber& scrubber,
                                                         const std::string& tektonDefaultDir) {
    std::vector<std::unique_ptr<OutputSink>> sinks;
    if (auto options = TektonResults::optionsFrom(env, spec.outputs.resultsDir, tektonDefaultDir)) {
        sinks.push_back(std::make_unique<TektonResults>(std::move(*options), scrubber));
    }
    const std::string githubOutput = env.getOr("GITHUB_OUTPUT", "");
    if (!githubOutput.empty()) {
        sinks.push_back(std::make_unique<GithubOutputs>(githubOutput, scrubber));
    }
    const std::string stepSummary = env.getOr("GITHUB_STEP_SUMMARY", "");
    if (!stepSummary.empty()) {
        sinks.push_back(std::make_unique<GithubStepSummary>(stepSummary, scrubber));
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
