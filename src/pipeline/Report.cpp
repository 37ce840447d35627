#include "pipeline/Report.h"

#include <set>

namespace signet::pipeline {
namespace {

void addUnique(std::vector<std::string>& items, std::set<std::string>& seen,
               const std::string& item) {
    if (!item.empty() && seen.insert(item).second) items.push_back(item);
}

}  // namespace

ReportSummary summarize(const Report& report) {
    ReportSummary summary;
    summary.requested = report.results.size();
    for (const auto& result : report.results) {
        if (!result.ok()) {
            ++summary.failed;
        } else if (result.skippedExisting) {
            ++summary.skipped;
        } else {
            ++summary.signedCount;
        }
    }
    summary.sboms = report.sboms.size();
    return summary;
}

std::vector<std::string> signatureRefs(const Report& report) {
    std::vector<std::string> refs;
    std::set<std::string> seen;
    for (const auto& result : report.results) {
        if (result.ok()) addUnique(refs, seen, result.location);
    }
    return refs;
}

std::vector<std::string> sbomRefs(const Report& report) {
    std::vector<std::string> refs;
    std::set<std::string> seen;
    for (const auto& sbom : report.sboms) {
        addUnique(refs, seen,
                  sbom.subject + " " + sbom.platform.value_or("-") + " sha256:" + sbom.sha256 +
                      " " + sbom.location);
    }
    return refs;
}

std::vector<std::string> tlogEntries(const Report& report) {
    std::vector<std::string> entries;
    std::set<std::string> seen;
    auto add = [&](const std::string& location, const std::optional<std::int64_t>& logIndex) {
        if (logIndex) addUnique(entries, seen, location + " " + std::to_string(*logIndex));
    };
    for (const auto& result : report.results) {
        if (result.ok()) add(result.location, result.logIndex);
    }
    for (const auto& sbom : report.sboms) add(sbom.location, sbom.logIndex);
    return entries;
}

}  // namespace signet::pipeline
