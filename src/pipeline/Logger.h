// Logger: the run's log lines — one per reference and a summary — as plain text, with GitHub
// workflow commands (groups, ::error per failed ref) in GitHub mode. Log lines are diagnostics
// and go to the log stream (stderr); workflow commands go to the command stream (stdout), where
// the runner reads them. Thread-safe; every line passes through the secret scrubber.
#pragma once

#include <mutex>
#include <ostream>
#include <string>
#include <string_view>

#include "config/TaskSpec.h"
#include "pipeline/Report.h"
#include "secret/SecretScrubber.h"

namespace signet::pipeline {

using LogFormat = config::LogFormat;  // config/OutputsFromEnvironment.h reads it

// In GitHub mode, makes `scrubber` print "::add-mask::SECRET" on `commands` for every secret
// registered from now on (one whole line per secret, safe from any thread).
void announceMasks(LogFormat format, secret::SecretScrubber& scrubber, std::ostream& commands);

class Logger {
  public:
    Logger(std::ostream& commands, std::ostream& log, LogFormat format,
           secret::SecretScrubber& scrubber);

    // Hides `secret` from every later line (and masks it, when announceMasks was set up).
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
    void writeLog(std::string_view line);      // scrubbed, one line; caller holds mutex_
    void writeCommand(std::string_view line);  // caller holds mutex_

    std::mutex mutex_;
    std::ostream& commands_;
    std::ostream& log_;
    LogFormat format_;
    secret::SecretScrubber& scrubber_;
};

}  // namespace signet::pipeline
