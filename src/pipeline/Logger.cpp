#include "pipeline/Logger.h"

#include <memory>

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

void announceMasks(LogFormat format, secret::SecretScrubber& scrubber, std::ostream& commands) {
    if (format != LogFormat::Github) return;
    auto mutex = std::make_shared<std::mutex>();
    scrubber.setAnnouncer([&commands, mutex](std::string_view secret) {
        // The mask command is the one line that must carry the secret itself.
        const std::string line = workflowCommand("add-mask", {}, secret) + "\n";
        std::lock_guard lock(*mutex);
        commands << line << std::flush;
    });
}

Logger::Logger(std::ostream& commands, std::ostream& log, LogFormat format,
               secret::SecretScrubber& scrubber)
    : commands_(commands), log_(log), format_(format), scrubber_(scrubber) {}

void Logger::registerSecret(std::string_view secret) {
    scrubber_.add(secret);
}

void Logger::info(std::string_view line) {
    std::lock_guard lock(mutex_);
    writeLog(line);
}

void Logger::beginGroup(std::string_view title) {
    std::lock_guard lock(mutex_);
    if (format_ == LogFormat::Github) {
        writeCommand(workflowCommand("group", {}, oneLine(scrubber_.scrubOutput(title))));
    } else {
        writeLog("== " + std::string(title));
    }
}

void Logger::endGroup() {
    std::lock_guard lock(mutex_);
    if (format_ == LogFormat::Github) writeCommand(workflowCommand("endgroup", {}, ""));
}

void Logger::refResult(const RefResult& result) {
    std::string line = result.ok() ? (result.skippedExisting ? "skipped " : "signed ") : "failed ";
    line += result.ref + " digest=" + (result.digest.empty() ? "-" : result.digest);
    if (result.platform) line += " platform=" + *result.platform;
    if (result.ok()) {
        line += " signature=" + result.location;
        if (result.logIndex) line += " log-index=" + std::to_string(*result.logIndex);
        if (result.timestamped) line += " timestamped";
    } else {
        line += " error=" + std::string(categoryName(result.failure->kind)) + ": " +
                result.failure->message;
    }
    line += " attempts=" + std::to_string(result.attempts);
    if (result.ok() && result.skippedExisting) line += " (already signed)";
    for (const auto& note : result.notes) line += "\n  note: " + result.ref + ": " + note;

    std::lock_guard lock(mutex_);
    writeLog(line);
    if (!result.ok() && format_ == LogFormat::Github) {
        writeCommand(
            workflowCommand("error", {{"title", "signet"}},
                            scrubber_.scrubOutput(result.ref + ": " + result.failure->message)));
    }
}

void Logger::summary(const Report& report) {
    const ReportSummary counts = summarize(report);
    std::lock_guard lock(mutex_);
    writeLog("signet: " + std::to_string(counts.requested) + " requested, " +
             std::to_string(counts.signedCount) + " signed, " + std::to_string(counts.skipped) +
             " skipped, " + std::to_string(counts.failed) + " failed, " +
             std::to_string(counts.sboms) + " sboms");
}

void Logger::writeLog(std::string_view line) {
    log_ << oneLine(scrubber_.scrubOutput(line)) + "\n" << std::flush;
}

void Logger::writeCommand(std::string_view line) {
    commands_ << std::string(line) + "\n" << std::flush;
}

}  // namespace signet::pipeline
