#include "error/ExitStatus.h"

namespace signet {

int batchExitCode(const std::vector<std::optional<ErrorKind>>& outcomes, FailOn failOn) {
    std::size_t failed = 0, auth = 0, network = 0;
    for (const auto& outcome : outcomes) {
        if (!outcome) continue;
        ++failed;
        if (*outcome == ErrorKind::Auth) ++auth;
        if (isUnavailability(*outcome)) ++network;
    }
    if (failed == 0) return exit_code::kOk;
    if (failOn == FailOn::All && failed < outcomes.size()) return exit_code::kOk;
    if (auth == failed) return exit_code::kAuth;
    if (network == failed) return exit_code::kNetwork;
    return exit_code::kSomeFailed;
}

}  // namespace signet
