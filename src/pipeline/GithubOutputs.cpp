#include "pipeline/GithubOutputs.h"

#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::pipeline {
namespace {

constexpr int kDelimiterDraws = 8;

std::string joinLines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += "\n";
        out += item;
    }
    return out;
}

}  // namespace

std::string randomDelimiter() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) {
        throw Error(ErrorKind::Internal, "GITHUB_OUTPUT: no random bytes for an output delimiter");
    }
    return "ghadelimiter_" +
           crypto::hexEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string githubOutputEntry(const std::string& name, const std::string& value, bool multiline,
                              const std::function<std::string()>& delimiters) {
    if (!multiline && value.find_first_of("\r\n") == std::string::npos) {
        return name + "=" + value + "\n";
    }
    for (int draw = 0; draw < kDelimiterDraws; ++draw) {
        const std::string delimiter = delimiters();
        if (delimiter.empty() || value.find(delimiter) != std::string::npos ||
            name.find(delimiter) != std::string::npos) {
            continue;
        }
        return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
    }
    throw Error(ErrorKind::Internal, "GITHUB_OUTPUT: no delimiter for output " + name +
                                         " that is absent from its value");
}

GithubOutputs::GithubOutputs(std::string outputFile, const secret::SecretScrubber& scrubber,
                             std::function<std::string()> delimiters)
    : outputFile_(std::move(outputFile)), scrubber_(scrubber), delimiters_(std::move(delimiters)) {}

std::string GithubOutputs::entries(const Report& report, const WrittenReport& written) const {
    const ReportSummary summary = summarize(report);
    auto entry = [this](const std::string& name, const std::string& value, bool multiline) {
        return githubOutputEntry(name, scrubber_.scrubOutput(value), multiline, delimiters_);
    };
    return entry("signed-count", std::to_string(summary.signedCount), false) +
           entry("failed-count", std::to_string(summary.failed), false) +
           entry("skipped-count", std::to_string(summary.skipped), false) +
           entry("signature-refs", joinLines(signatureRefs(report)), true) +
           entry("sbom-refs", joinLines(sbomRefs(report)), true) +
           entry("tlog-entries", joinLines(tlogEntries(report)), true) +
           entry("report", written.path, false);
}

void GithubOutputs::publish(const Report& report, const WrittenReport& written) {
    const std::string text = entries(report, written);
    std::ofstream out(outputFile_, std::ios::binary | std::ios::app);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw Error(ErrorKind::Config, outputFile_ + ": cannot append to GITHUB_OUTPUT (" +
                                           std::strerror(errno) + ")");
    }
}

}  // namespace signet::pipeline
