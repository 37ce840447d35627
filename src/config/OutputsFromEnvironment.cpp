#include "config/OutputsFromEnvironment.h"

#include "config/ValueParsing.h"
#include "error/Error.h"

namespace signet::config {

LogFormat logFormatFromEnvironment(const Environment& env) {
    const std::string chosen = env.getOr("SIGNET_LOG_FORMAT", "");
    if (chosen == "github") return LogFormat::Github;
    if (chosen == "text") return LogFormat::Plain;
    return env.getOr("GITHUB_ACTIONS", "") == "true" ? LogFormat::Github : LogFormat::Plain;
}

const std::vector<std::string>& tektonResultNames() {
    static const std::vector<std::string> names = {
        "SIGNED_COUNT", "FAILED_COUNT", "SKIPPED_COUNT", "SIGNATURE_REFS",
        "SBOM_REFS",    "TLOG_ENTRIES", "REPORT_SHA256"};
    return names;
}

void readOutputEnvironment(OutputSettings& outputs, const Environment& env) {
    for (const auto& name : tektonResultNames()) {
        const std::string path = env.getOr("SIGNET_RESULT_" + name + "_PATH", "");
        if (!path.empty()) outputs.resultPaths[name] = path;
    }
    const std::string budget = env.getOr("SIGNET_RESULTS_MAX_BYTES", "");
    if (!budget.empty())
        outputs.resultsMaxBytes = parseCount(budget, 200, 1000000, "SIGNET_RESULTS_MAX_BYTES");
    outputs.githubOutput = env.getOr("GITHUB_OUTPUT", "");
    outputs.githubStepSummary = env.getOr("GITHUB_STEP_SUMMARY", "");
}

}  // namespace signet::config
