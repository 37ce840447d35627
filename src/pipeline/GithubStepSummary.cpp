#include "pipeline/GithubStepSummary.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "error/Error.h"

namespace signet::pipeline {
namespace {

// SBOM locations whose subject is this result's digest.
std::string sbomCell(const Report& report, const RefResult& result) {
    std::string cell;
    if (result.digest.empty()) return cell;
    for (const auto& sbom : report.sboms) {
        const auto at = sbom.subject.rfind('@');
        if (at == std::string::npos || sbom.subject.substr(at + 1) != result.digest) continue;
        if (!cell.empty()) cell += "\n";
        cell += sbom.location;
    }
    return cell;
}

std::string signatureCell(const RefResult& result) {
    if (!result.ok()) {
        return "failed (" + std::string(categoryName(result.failure->kind)) +
               "): " + result.failure->message;
    }
    return result.location + (result.skippedExisting ? " (already signed)" : "");
}

}  // namespace

std::string escapeTableCell(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '|':
                out += "\\|";
                break;
            case '\\':
                out += "&#92;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "<br>";
                break;
            case '\n':
                out += "<br>";
                break;
            default:
                out += c;
        }
    }
    return out;
}

GithubStepSummary::GithubStepSummary(std::string summaryFile,
                                     const secret::SecretScrubber& scrubber)
    : summaryFile_(std::move(summaryFile)), scrubber_(scrubber) {}

std::string GithubStepSummary::markdown(const Report& report) const {
    const ReportSummary summary = summarize(report);
    std::string text = "### signet: " + std::to_string(summary.signedCount) + " signed, " +
                       std::to_string(summary.skipped) + " already signed, " +
                       std::to_string(summary.failed) + " failed of " +
                       std::to_string(summary.requested) + " requested\n\n";
    text += "| Reference | Digest | Identity | Signature | SBOM |\n";
    text += "| --- | --- | --- | --- | --- |\n";
    auto cell = [this](const std::string& value) {
        return " " + escapeTableCell(scrubber_.scrubOutput(value)) + " |";
    };
    for (const auto& result : report.results) {
        text += "|" + cell(result.ref) + cell(result.digest) + cell(result.identity) +
                cell(signatureCell(result)) + cell(sbomCell(report, result)) + "\n";
    }
    return text + "\n";
}

void GithubStepSummary::publish(const Report& report, const WrittenReport&) {
    const std::string text = markdown(report);
    std::ofstream out(summaryFile_, std::ios::binary | std::ios::app);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw Error(ErrorKind::Config, summaryFile_ + ": cannot append to GITHUB_STEP_SUMMARY (" +
                                           std::strerror(errno) + ")");
    }
}

}  // namespace signet::pipeline
