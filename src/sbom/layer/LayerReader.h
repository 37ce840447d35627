// LayerReader: streams one layer blob (tar, tar+gzip, tar+zstd) through libarchive into a
// LayerDiff.
#pragma once

#include <atomic>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "sbom/layer/FileRule.h"
#include "sbom/layer/LayerDiff.h"
#include "sbom/layer/ScanLimits.h"

struct archive;

namespace signet::sbom {

class LayerScan;

inline constexpr std::uint64_t kMaxWarnings = 200;
// The last line recorded once kMaxWarnings is reached.
inline constexpr std::string_view kWarningsCapNotice =
    "further warnings about this image's layers are not recorded";

// Counters shared by all layers of one image scan, read concurrently. A layer read from the
// registry and one taken from the layer cache are charged alike.
struct ScanBudget {
    std::atomic<std::uint64_t> entries = 0;
    std::atomic<std::uint64_t> keptBytes = 0;
    std::atomic<std::uint64_t> warnings = 0;  // only the first kMaxWarnings are recorded

    // Count `n` more tar entries / kept content bytes; Error(TooLarge) past the limit.
    void addEntries(std::uint64_t n, const ScanLimits& limits);
    void addKeptBytes(std::uint64_t n, const ScanLimits& limits);
    // Counts a warning and appends it to `out` while fewer than kMaxWarnings were counted (the
    // cap's notice in the last place).
    void warn(std::vector<std::string>& out, std::string message);
};

// One reader per thread: several may share a ScanBudget and read layers of one image at once.
class LayerReader {
  public:
    LayerReader(const std::vector<FileRule>& rules, const ScanLimits& limits, ScanBudget& budget,
                std::vector<std::string>& warnings);

    // Reads the whole blob. `blobDigest` ("sha256:…", may be empty) names the layer in messages
    // and is checked against the sha256 of the bytes read. Throws signet::Error: TooLarge past a
    // limit, Registry for a stream that is not a tar or whose digest does not match.
    LayerDiff read(std::istream& blob, const std::string& blobDigest, std::size_t layerIndex);
    // Also checks the sha256 of the uncompressed tar against `diffId` (may be empty). With
    // BlobCheck::BySource the stream's source checks `blobDigest` itself (the registry client
    // does), so the compressed bytes are not hashed a second time here.
    enum class BlobCheck { Here, BySource };
    LayerDiff read(std::istream& blob, const std::string& blobDigest, const std::string& diffId,
                   std::size_t layerIndex, BlobCheck check = BlobCheck::Here);
    // Reads the same blob again (with the same checks) for the targets of
    // diff.pendingHardlinks: each link whose target is an earlier file of the layer keeps that
    // content under its own path's rule and joins diff.entries; the rest are warned about.
    void resolveHardlinks(std::istream& blob, const std::string& blobDigest,
                          const std::string& diffId, std::size_t layerIndex, BlobCheck check,
                          LayerDiff& diff);

  private:
    void stream(std::istream& blob, const std::string& blobDigest, const std::string& diffId,
                std::size_t layerIndex, BlobCheck check,
                const std::function<void(struct archive*, LayerScan&)>& walk);

    const std::vector<FileRule>& rules_;
    const ScanLimits& limits_;
    ScanBudget& budget_;
    std::vector<std::string>& warnings_;
};

}  // namespace signet::sbom
