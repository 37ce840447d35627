#include "pipeline/Logger.h"

#include "pipeline/WorkflowCommands.h"

namespace signet::pipeline {
namespace {

// Line breaks and other control characters become spaces, so a message cannot start a new
// line (or, in GitHub mode, a workflow command).
std::string oneLine(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    return out;
}

}  // namespace

LogFormat logFormatFor(const Environment& env) {
    const std::string chosen = env.getOr("SIGNET_LOG_FORMAT", "");
    if (chosen == "github") return LogFormat::Github;
    if (chosen == "text") return LogFormat::Plain;
    return env.getOr("GITHUB_ACTIONS", "") == "true" ? LogFormat::Github : LogFormat::Plain;
}

Logger::Logger(std::ostream& out, LogFormat format, SecretScrubber& scrubber)
    : out_(out), format_(format), scrubber_(scrubber) {}

void Logger::registerSecret(std::string_view secret) {
    if (secret.empty()) return;
    std::lock_guard lock(mutex_);
    // The mask command is the one line that must carry the secret itself.
    if (format_ == LogFormat::Github) {
        out_ << workflowCommand("add-mask", {}, secret) << '\n' << std::flush;
    }
    scrubber_.add(secret);
}

void Logger::info(std::string_view line) {
    std::lock_guard lock(mutex_);
    writeLine(oneLine(scrubber_.scrub(line)));
}

void Logger::beginGroup(std::string_view title) {
    std::lock_guard lock(mutex_);
    const std::string clean = oneLine(scrubber_.scrub(title));
    writeLine(format_ == LogFormat::Github ? workflowCommand("group", {}, clean) : "== " + clean);
}

void Logger::endGroup() {
    std::lock_guard lock(mutex_);
    if (format_ == LogFormat::Github) writeLine(workflowCommand("endgroup", {}, ""));
}

void Logger::refResult(const RefResult& result) {
    std::string line = result.ok() ? (result.skippedExisting ? "skipped " : "signed ") : "failed ";
    line += result.ref + " digest=" + (result.digest.empty() ? "-" : result.digest);
    if (result.platform) line += " platform=" + *result.platform;
    if (result.ok()) {
        line += " signature=" + result.location;
    } else {
        line += " error=" + std::string(categoryName(result.failure->kind)) + ": " +
                result.failure->message;
    }
    line += " attempts=" + std::to_string(result.attempts);
    if (result.ok() && result.skippedExisting) line += " (already signed)";

    std::lock_guard lock(mutex_);
    writeLine(oneLine(scrubber_.scrub(line)));
    if (!result.ok() && format_ == LogFormat::Github) {
        writeLine(workflowCommand("error", {{"title", "signet"}},
                                  scrubber_.scrub(result.ref + ": " + result.failure->message)));
    }
}

void Logger::summary(const Report& report) {
    const ReportSummary counts = summarize(report);
    std::lock_guard lock(mutex_);
    writeLine("signet: " + std::to_string(counts.requested) + " requested, " +
              std::to_string(counts.signedCount) + " signed, " + std::to_string(counts.skipped) +
              " skipped, " + std::to_string(counts.failed) + " failed, " +
              std::to_string(counts.sboms) + " sboms");
}

void Logger::writeLine(std::string_view line) {
    out_ << scrubber_.scrub(line) << '\n' << std::flush;
}

}  // namespace signet::pipeline
