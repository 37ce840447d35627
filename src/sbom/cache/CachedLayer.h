// CachedLayer: one layer's scan result as the layer cache keeps it, and its bounded binary form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/layer/LayerDiff.h"

namespace signet::sbom {

struct CachedLayer {
    LayerDiff diff;
    std::vector<std::string> warnings;  // the layer's own, as they were recorded when it was read
};

// The bytes of a layer's diff and warnings under `key` (the diff_id and what the scan depended
// on): a magic line, the key, the body's length, the body, and the SHA-256 of all that.
std::string encodeCachedLayer(const LayerDiff& diff, const std::vector<std::string>& warnings,
                              std::string_view key);

// The entry bytes around an encoded `body`: the magic line, `key`, the body and the checksum
// (what encodeCachedLayer ends with; a fuzzer feeds decodeCachedLayer bodies this way).
std::string sealCachedLayerBody(std::string_view body, std::string_view key);

// Reads what encodeCachedLayer wrote under the same `key`, for layer number `layerIndex`;
// `ruleTags[i]` is the tag of FileRule i. Every length and count is checked against the bytes
// left, so hostile bytes cannot overrun or exhaust memory; throws Error(Internal) naming the
// first fault (wrong magic or key, checksum, truncation, a field out of range).
CachedLayer decodeCachedLayer(std::string_view bytes, std::string_view key, std::size_t layerIndex,
                              const std::vector<std::string>& ruleTags, std::size_t maxPathLength);

}  // namespace signet::sbom
