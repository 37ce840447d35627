// BackgroundProcess: a long-running child (e.g. docker-registry) logging to a file, stopped by PID.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace signet::testing {

class BackgroundProcess {
  public:
    // Starts argv with stdin from /dev/null and stdout+stderr appended to `logFile`. The child gets
    // SIGKILL if this process dies without stopping it (so a crashed test leaks no process; its
    // temporary files stay). Linux ties that signal to the creating *thread*: create it on a
    // thread that outlives it (a test's main thread does).
    // Variables whose names start with one of `dropEnvPrefixes` are removed from its environment.
    BackgroundProcess(const std::vector<std::string>& argv, const std::string& logFile,
                      const std::map<std::string, std::string>& extraEnv = {},
                      const std::vector<std::string>& dropEnvPrefixes = {});
    ~BackgroundProcess();  // stop()
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return pid_; }
    // The exit code (128 + signal when killed) once the child has ended, nullopt while it runs.
    std::optional<int> exitCode();
    // SIGTERM, up to 5 s for it to exit, then SIGKILL; waits for it. Safe to call twice.
    void stop();

  private:
    pid_t pid_ = -1;
    std::optional<int> exitCode_;
};

}  // namespace signet::testing
