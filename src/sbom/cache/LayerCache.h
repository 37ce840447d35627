// LayerCache: a directory of scanned layers keyed by diff_id (SIGNET_CACHE_DIR), so that a second
// SBOM of an image sharing base layers fetches only the new ones. Several signet processes may
// share it: entries are written to a temporary file and renamed into place, read only when whole
// and unchanged (checksummed), and the least recently used dropped past a size bound.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sbom/cache/CachedLayer.h"
#include "sbom/layer/FileRule.h"
#include "sbom/layer/ScanLimits.h"

namespace signet::sbom {

inline constexpr std::uint64_t kDefaultLayerCacheBytes = 512ULL << 20;

struct LayerCacheOptions {
    std::string dir;
    std::uint64_t maxBytes =
        kDefaultLayerCacheBytes;                // all entries; the least recently used go first
    std::uint64_t maxEntryBytes = 64ULL << 20;  // a larger layer result is not kept
};

// What a cached scan depended on besides the layer's bytes: this binary (its build-id and
// version), the file rules and the scan limits. Entries made under another key are not used.
struct LayerScanKey {
    std::string text;
    std::vector<std::string> ruleTags;  // tag of FileRule i
    std::size_t maxPathLength = 0;
};
LayerScanKey layerScanKey(const std::vector<FileRule>& rules, const ScanLimits& limits);

class LayerCache {
  public:
    // Creates options.dir (mode 0700) when missing; Error(Config) naming SIGNET_CACHE_DIR when it
    // cannot be made or is not a directory.
    explicit LayerCache(LayerCacheOptions options);

    // The entry for `diffId` ("sha256:<hex>") under `key`, or nullopt when there is none. An
    // entry that cannot be used (damaged, truncated, another key, too large, not a regular file)
    // is removed, and `warning` says so: the caller reads the layer from the registry instead.
    std::optional<CachedLayer> load(const std::string& diffId, const LayerScanKey& key,
                                    std::size_t layerIndex, std::string& warning) const;

    // Keeps a layer's diff and warnings for `diffId`, then drops the least recently used entries
    // past maxBytes. A failure (full disk, read-only directory) is returned as a warning, never
    // thrown.
    std::optional<std::string> store(const std::string& diffId, const LayerScanKey& key,
                                     const LayerDiff& diff,
                                     const std::vector<std::string>& warnings) const;

    const std::string& dir() const { return options_.dir; }

  private:
    std::optional<std::string> entryPath(const std::string& diffId, const LayerScanKey& key) const;
    void evict() const;

    LayerCacheOptions options_;
};

// The cache of `options`, or null and `warning` saying why it cannot be used (the SBOM is then
// made without it: cache trouble never fails an SBOM).
std::shared_ptr<const LayerCache> openLayerCache(const LayerCacheOptions& options,
                                                 std::string& warning);

}  // namespace signet::sbom
