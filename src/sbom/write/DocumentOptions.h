// DocumentOptions: per-run facts every SBOM writer stamps in — creation time, unique id, tool.
#pragma once

#include <ctime>
#include <string>

#include "config/Environment.h"

namespace signet::sbom {

struct DocumentOptions {
    std::time_t created = 0;  // seconds since the epoch, UTC
    std::string uuid;         // random v4 UUID, makes documentNamespace/serialNumber unique
    std::string toolName = "signet";
    std::string toolVersion = SIGNET_VERSION;

    // `created` from SOURCE_DATE_EPOCH when set (else now) and a fresh random UUID. Throws
    // signet::Error(Config) when SOURCE_DATE_EPOCH is not a non-negative integer.
    static DocumentOptions fromEnvironment(const Environment& env);
};

// "2026-11-22T01:02:03Z".
std::string rfc3339Utc(std::time_t when);
// A random RFC 4122 version-4 UUID, lower-case.
std::string randomUuid();

}  // namespace signet::sbom
