// OutputPublisher: picks the output sinks for the environment and publishes a finished report:
// sinks prepare -> report file -> sinks publish.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/TaskSpec.h"
#include "pipeline/OutputSink.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

// Tekton results (see TektonResults::optionsFrom), GitHub outputs when GITHUB_OUTPUT is set, the
// GitHub step summary when GITHUB_STEP_SUMMARY is set. Jenkins reads the report file only.
std::vector<std::unique_ptr<OutputSink>> makeOutputSinks(
    const config::OutputSettings& outputs, const secret::SecretScrubber& scrubber,
    const std::string& tektonDefaultDir = "/tekton/results");

// Lets every sink prepare `report`, writes it to `reportPath`, then publishes to every sink.
WrittenReport publishOutputs(Report& report, const std::string& reportPath,
                             const std::vector<std::unique_ptr<OutputSink>>& sinks,
                             const secret::SecretScrubber& scrubber);

}  // namespace signet::pipeline
