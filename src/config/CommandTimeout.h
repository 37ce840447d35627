// CommandTimeout: the per-reference time limit of the one-shot commands (sign, verify, sbom,
// attest, attach): cosign's --timeout flag, else SIGNET_TIMEOUT / COSIGN_TIMEOUT, else 3m.
#pragma once

#include <chrono>
#include <string>

#include "config/Environment.h"

namespace signet::config {

inline constexpr const char* kTimeoutFlagHelp =
    "time limit per reference, retries included: 90s, 3m, 1m30s (default SIGNET_TIMEOUT, 3m)";

// `flag` is the --timeout value as given ("" when absent). Throws Error(Config) naming the flag
// or the variable for a bad duration.
std::chrono::seconds commandTimeout(const std::string& flag, const Environment& env);

}  // namespace signet::config
