// DocumentOptions: per-run facts every SBOM writer stamps in — creation time, unique id, tool.
#pragma once

#include <ctime>
#include <string>

#include <optional>

namespace signet::sbom {

struct DocumentOptions {
    std::time_t created = 0;  // seconds since the epoch, UTC
    std::string uuid;         // random v4 UUID, makes documentNamespace/serialNumber unique
    std::string toolName = "signet";
    std::string toolVersion = SIGNET_VERSION;

    // For one new document: a fresh random UUID, created at `created` (SOURCE_DATE_EPOCH, see
    // config/SourceDateEpoch.h) or now.
    static DocumentOptions fresh(std::optional<std::time_t> created);
};

// A random RFC 4122 version-4 UUID, lower-case.
std::string randomUuid();

}  // namespace signet::sbom
