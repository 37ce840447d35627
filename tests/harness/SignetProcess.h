// SignetProcess: runs the built `signet` binary the way a user or CI step would, for tests.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "harness/Command.h"

namespace signet::testing {

// Runs `signet ARGS...` with `env` added to a clean environment (no SIGNET_*/COSIGN_*/DOCKER_*
// from the caller) and stdin an open, empty pipe; killed after `timeout` (exit code 137).
CommandResult runSignet(const std::vector<std::string>& args,
                        const std::map<std::string, std::string>& env,
                        std::chrono::seconds timeout = std::chrono::seconds(120));

}  // namespace signet::testing
