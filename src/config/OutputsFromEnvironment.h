// OutputsFromEnvironment: where a run's log, results and GitHub outputs go, as the CI's
// environment says.
#pragma once

#include <string>
#include <vector>

#include "config/Environment.h"
#include "config/TaskSpec.h"

namespace signet::config {

// Github when SIGNET_LOG_FORMAT=github, or GITHUB_ACTIONS=true and SIGNET_LOG_FORMAT is not
// "text"; Plain otherwise. It is read before anything can report an error, so any other
// SIGNET_LOG_FORMAT counts as unset.
LogFormat logFormatFromEnvironment(const Environment& env);

// SIGNED_COUNT, FAILED_COUNT, SKIPPED_COUNT, SIGNATURE_REFS, SBOM_REFS, TLOG_ENTRIES,
// REPORT_SHA256.
const std::vector<std::string>& tektonResultNames();

// SIGNET_RESULT_<NAME>_PATH, SIGNET_RESULTS_MAX_BYTES (200..1000000), GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY into `outputs`. Throws Error(Config) naming a bad variable.
void readOutputEnvironment(OutputSettings& outputs, const Environment& env);

}  // namespace signet::config
