#include "pipeline/TektonResults.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "config/OutputsFromEnvironment.h"
#include "error/Error.h"

namespace signet::pipeline {
namespace {

constexpr std::size_t kSha256HexSize = 64;

std::string jsonArray(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The longest prefix of `items` whose JSON array fits in `limit` bytes.
std::vector<std::string> fit(const std::vector<std::string>& items, std::size_t limit) {
    std::vector<std::string> kept;
    std::size_t size = 2;  // "[]"
    for (const auto& item : items) {
        const std::size_t itemSize =
            jsonArray({item}).size() - 2 + (kept.empty() ? 0 : 1);  // element + comma
        if (size + itemSize > limit) break;
        size += itemSize;
        kept.push_back(item);
    }
    return kept;
}

void writeResult(const std::string& path, const std::string& name, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) {
        throw Error(ErrorKind::Config,
                    path + ": cannot write Tekton result " + name + " (" + std::strerror(errno) +
                        "); check SIGNET_RESULTS_DIR / SIGNET_RESULT_" + name + "_PATH");
    }
}

}  // namespace

TektonResults::TektonResults(TektonResultsOptions options, const secret::SecretScrubber& scrubber)
    : options_(std::move(options)), scrubber_(scrubber) {}

const std::vector<std::string>& TektonResults::resultNames() {
    return config::tektonResultNames();
}

std::optional<TektonResultsOptions> TektonResults::optionsFrom(
    const config::OutputSettings& outputs, const std::string& defaultDir) {
    TektonResultsOptions options;
    options.exactPaths = outputs.resultPaths;
    if (outputs.resultsMaxBytes) options.budgetBytes = *outputs.resultsMaxBytes;
    std::error_code ignored;
    if (outputs.resultsDir) {
        options.dir = *outputs.resultsDir;
    } else if (std::filesystem::is_directory(defaultDir, ignored)) {
        options.dir = defaultDir;
    }
    if (!options.dir && options.exactPaths.empty()) return std::nullopt;
    return options;
}

TektonResultPlan TektonResults::plan(const Report& report, std::size_t budgetBytes) {
    const ReportSummary summary = summarize(report);
    const std::size_t fixed = std::to_string(summary.signedCount).size() +
                              std::to_string(summary.failed).size() +
                              std::to_string(summary.skipped).size() + kSha256HexSize;
    const std::size_t available = budgetBytes > fixed + 4 ? budgetBytes - fixed : 4;

    const TektonResultPlan all{signatureRefs(report), sbomRefs(report), tlogEntries(report), false};
    auto size = [](const std::vector<std::string>& items) { return jsonArray(items).size(); };
    if (size(all.signatureRefs) + size(all.sbomRefs) + size(all.tlogEntries) <= available) {
        return all;
    }

    // Give the SBOM list and the log entries an equal share at most unless they need less, the
    // signatures the rest, then let the SBOM list and then the log entries use what is left.
    const std::size_t share = available / (all.tlogEntries.empty() ? 2 : 3);
    TektonResultPlan plan;
    plan.sbomRefs = fit(all.sbomRefs, share);
    plan.tlogEntries = fit(all.tlogEntries, share);
    plan.signatureRefs =
        fit(all.signatureRefs, available - size(plan.sbomRefs) - size(plan.tlogEntries));
    plan.sbomRefs =
        fit(all.sbomRefs, available - size(plan.signatureRefs) - size(plan.tlogEntries));
    plan.tlogEntries =
        fit(all.tlogEntries, available - size(plan.signatureRefs) - size(plan.sbomRefs));
    plan.truncated = true;
    return plan;
}

std::map<std::string, std::string> TektonResults::contents(const Report& report,
                                                           const WrittenReport& written) const {
    const ReportSummary summary = summarize(report);
    TektonResultPlan cut = plan(report, options_.budgetBytes);
    auto scrubbed = [this](std::vector<std::string> items) {
        for (auto& item : items) item = scrubber_.scrubOutput(item);
        return jsonArray(items);
    };
    return {
        {"SIGNED_COUNT", std::to_string(summary.signedCount)},
        {"FAILED_COUNT", std::to_string(summary.failed)},
        {"SKIPPED_COUNT", std::to_string(summary.skipped)},
        {"SIGNATURE_REFS", scrubbed(cut.signatureRefs)},
        {"SBOM_REFS", scrubbed(cut.sbomRefs)},
        {"TLOG_ENTRIES", scrubbed(cut.tlogEntries)},
        {"REPORT_SHA256", written.sha256},
    };
}

void TektonResults::prepare(Report& report) {
    if (plan(report, options_.budgetBytes).truncated) report.resultsTruncated = true;
}

void TektonResults::publish(const Report& report, const WrittenReport& written) {
    for (const auto& [name, content] : contents(report, written)) {
        auto exact = options_.exactPaths.find(name);
        if (exact != options_.exactPaths.end()) {
            writeResult(exact->second, name, content);
        } else if (options_.dir) {
            writeResult(*options_.dir + "/" + name, name, content);
        }
    }
}

}  // namespace signet::pipeline
