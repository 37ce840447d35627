// Command: runs a program (no shell) with piped stdin/stdout/stderr and a time limit.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace signet::testing {

struct CommandResult {
    int exitCode = -1;  // the exit status, or 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

struct CommandOptions {
    std::string stdinData;
    std::map<std::string, std::string> extraEnv;  // added to (or replacing in) this environment
    std::chrono::seconds timeout{120};            // SIGKILL after this; exitCode is then 128 + 9
};

// Runs argv (argv[0] looked up in PATH) to completion and reports how it ended; throws
// std::runtime_error only when it cannot be started.
CommandResult runCommandForResult(const std::vector<std::string>& argv,
                                  const CommandOptions& options = {});

// Runs a command and returns its stdout; throws std::runtime_error with the command line and the
// tail of its stderr when it exits non-zero.
std::string runCommand(const std::vector<std::string>& argv, const std::string& stdinData = "",
                       const std::map<std::string, std::string>& extraEnv = {});

// The command line as one readable string, each argument quoted when it needs it; the value after
// an option ending in "creds" (skopeo --creds/--dest-creds/--src-creds) shows as "user:***".
std::string commandLine(const std::vector<std::string>& argv);

// `environ` with `extra` added or replacing, minus every variable whose name starts with one of
// `dropPrefixes`, as "NAME=value" strings for execve.
std::vector<std::string> childEnvironment(const std::map<std::string, std::string>& extra,
                                          const std::vector<std::string>& dropPrefixes = {});

}  // namespace signet::testing
