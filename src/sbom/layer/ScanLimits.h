// ScanLimits: the bounds that keep a hostile image from exhausting memory or time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace signet::sbom {

struct ScanLimits {
    std::uint64_t maxLayerBytes = 32ULL << 30;  // decompressed tar bytes per layer
    std::uint64_t maxKeptBytes = 1ULL << 30;    // all kept file contents together
    std::uint64_t maxEntries = 4'000'000;       // tar entries across the image
    std::size_t maxPathLength = 4096;           // longer entry names are skipped
    int maxSymlinkHops = 40;                    // per path resolution
    unsigned layerConcurrency = 4;              // layers fetched and inflated at once
};

}  // namespace signet::sbom
