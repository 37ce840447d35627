#include "config/CommandTimeout.h"

#include "config/ValueParsing.h"

namespace signet::config {

std::chrono::seconds commandTimeout(const std::string& flag, const Environment& env) {
    if (!flag.empty()) return parseDuration(flag, "--timeout");
    for (const char* name : {"SIGNET_TIMEOUT", "COSIGN_TIMEOUT"}) {
        auto value = env.get(name);
        if (value && !trim(*value).empty()) return parseDuration(trim(*value), name);
    }
    return std::chrono::minutes(3);
}

}  // namespace signet::config
