// Logger: the run's log lines — one per reference and a summary — as plain text or with GitHub
// workflow commands (groups, ::error per failed ref, ::add-mask:: for secrets). Thread-safe;
// every line passes through the secret scrubber.
#pragma once

#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "config/Environment.h"
#include "pipeline/Report.h"
#include "pipeline/SecretScrubber.h"

namespace signet::pipeline {

enum class LogFormat { Plain, Github };

// Github when SIGNET_LOG_FORMAT=github, or GITHUB_ACTIONS=true and SIGNET_LOG_FORMAT is not
// "text"; Plain otherwise.
LogFormat logFormatFor(const Environment& env);

class Logger {
  public:
    Logger(std::ostream& out, LogFormat format, SecretScrubber& scrubber);

    // Hides `secret` from every later line; in GitHub mode also tells the runner to mask it.
    void registerSecret(std::string_view secret);

    void info(std::string_view line);
    void beginGroup(std::string_view title);
    void endGroup();
    // "signed REF digest=… signature=… attempts=N", "skipped …", or "failed REF digest=…
    // error=CATEGORY: MESSAGE attempts=N" (+ an ::error command in GitHub mode).
    void refResult(const RefResult& result);
    // "signet: N requested, N signed, N skipped, N failed, N sboms".
    void summary(const Report& report);

  private:
    void writeLine(std::string_view line);  // scrubbed; caller holds mutex_

    std::mutex mutex_;
    std::ostream& out_;
    LogFormat format_;
    SecretScrubber& scrubber_;
};

}  // namespace signet::pipeline
