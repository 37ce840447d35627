// RpmHeader: the package fields signet needs from one RPM header blob (as stored in an rpmdb).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace signet::sbom {

struct RpmHeader {
    std::string name;
    std::string version;
    std::string release;
    std::optional<long long> epoch;  // only when the EPOCH tag exists
    std::string arch;
    std::string sourceRpm;
    std::string license;
    std::string vendor;
    std::vector<std::string> provideNames;  // PROVIDENAME: capabilities, its own name among them
    std::vector<std::string> requireNames;  // REQUIRENAME, rpmlib() and file paths included
};

// Parses a header blob: big-endian index count and data size, 16-byte index entries
// (tag, type, offset, count), then the data store. Every offset is bounds-checked; throws
// signet::Error(Registry) for a malformed blob. "(none)" values become empty.
RpmHeader parseRpmHeader(std::string_view blob);

}  // namespace signet::sbom
