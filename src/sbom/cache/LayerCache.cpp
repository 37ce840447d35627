#include "sbom/cache/LayerCache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "io/FileContents.h"
#include "sbom/cache/ExecutableBuildId.h"

namespace signet::sbom {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kEntrySuffix = ".layer";
// A temporary file this old was left by a process that died while writing it.
constexpr auto kAbandonedAfter = std::chrono::hours(1);

bool isSha256Digest(const std::string& digest) {
    if (digest.size() != 71 || digest.rfind("sha256:", 0) != 0) return false;
    return std::all_of(digest.begin() + 7, digest.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool endsWith(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string fullKey(const std::string& diffId, const LayerScanKey& key) {
    return diffId + "\n" + key.text;
}

}  // namespace

LayerScanKey layerScanKey(const std::vector<FileRule>& rules, const ScanLimits& limits) {
    LayerScanKey key;
    key.text = std::string("signet ") + SIGNET_VERSION + " build " + executableBuildId() + "\n";
    key.text += "limits " + std::to_string(limits.maxLayerBytes) + " " +
                std::to_string(limits.maxKeptBytes) + " " + std::to_string(limits.maxEntries) +
                " " + std::to_string(limits.maxPathLength) + " " +
                std::to_string(limits.maxSymlinkHops) + "\n";
    for (const auto& rule : rules) {
        key.text += "rule " + rule.tag + " " + std::to_string(rule.maxBytes) + " " +
                    std::to_string(static_cast<int>(rule.oversize)) + " " +
                    std::to_string(static_cast<int>(rule.sniff)) + " " +
                    (rule.reduce ? "reduced" : "whole");
        for (const auto& glob : rule.globs) key.text += " " + glob.pattern();
        key.text += "\n";
        key.ruleTags.push_back(rule.tag);
    }
    key.maxPathLength = limits.maxPathLength;
    return key;
}

LayerCache::LayerCache(LayerCacheOptions options) : options_(std::move(options)) {
    const std::string hint = " (SIGNET_CACHE_DIR / --cache-dir)";
    if (options_.dir.empty())
        throw Error(ErrorKind::Config, "the layer cache directory" + hint + " is empty");
    std::error_code error;
    if (fs::create_directories(options_.dir, error)) {
        fs::permissions(options_.dir, fs::perms::owner_all, error);
    }
    if (!fs::is_directory(options_.dir)) {
        throw Error(ErrorKind::Config,
                    "cannot use " + options_.dir + hint + " as the layer cache: " +
                        (error ? error.message() : std::string("it is not a directory")));
    }
}

std::shared_ptr<const LayerCache> openLayerCache(const LayerCacheOptions& options,
                                                 std::string& warning) {
    try {
        return std::make_shared<const LayerCache>(options);
    } catch (const Error& e) {
        warning = std::string(e.what()) + "; the SBOM is made without it";
        return nullptr;
    }
}

std::optional<std::string> LayerCache::entryPath(const std::string& diffId,
                                                 const LayerScanKey& key) const {
    if (!isSha256Digest(diffId)) return std::nullopt;
    return options_.dir + "/" + diffId.substr(7) + "-" +
           crypto::hexEncode(crypto::sha256(key.text)).substr(0, 16) + std::string(kEntrySuffix);
}

std::optional<CachedLayer> LayerCache::load(const std::string& diffId, const LayerScanKey& key,
                                            std::size_t layerIndex, std::string& warning) const {
    auto path = entryPath(diffId, key);
    std::error_code error;
    if (!path || !fs::exists(fs::symlink_status(*path, error))) return std::nullopt;
    try {
        std::string bytes = io::readFileContents(*path, options_.maxEntryBytes, ErrorKind::Internal,
                                                 "layer cache entry", ErrorKind::Internal);
        CachedLayer layer = decodeCachedLayer(bytes, fullKey(diffId, key), layerIndex, key.ruleTags,
                                              key.maxPathLength);
        fs::last_write_time(*path, fs::file_time_type::clock::now(), error);  // recently used
        return layer;
    } catch (const Error& e) {
        fs::remove(*path, error);
        warning = "layer cache entry " + *path + " is not usable (" + e.what() +
                  "); removed it and read the layer from the registry";
        return std::nullopt;
    }
}

std::optional<std::string> LayerCache::store(const std::string& diffId, const LayerScanKey& key,
                                             const LayerDiff& diff,
                                             const std::vector<std::string>& warnings) const {
    auto path = entryPath(diffId, key);
    if (!path) return std::nullopt;
    std::string bytes = encodeCachedLayer(diff, warnings, fullKey(diffId, key));
    if (bytes.size() > options_.maxEntryBytes) return std::nullopt;
    if (int error = io::replaceFileAtomically(*path, bytes, 0600)) {
        return "could not write layer cache entry " + *path + ": " + std::strerror(error);
    }
    evict();
    return std::nullopt;
}

// Drops the least recently used entries (by modification time, which load() renews) until the
// rest fit in maxBytes, and temporary files a dead writer left behind.
void LayerCache::evict() const {
    struct Entry {
        fs::path path;
        std::uint64_t size;
        fs::file_time_type used;
    };
    std::vector<Entry> entries;
    std::uint64_t total = 0;
    const auto now = fs::file_time_type::clock::now();
    std::error_code error;
    for (const auto& item : fs::directory_iterator(options_.dir, error)) {
        std::error_code itemError;
        if (!item.is_regular_file(itemError)) continue;
        std::string name = item.path().filename().string();
        auto used = item.last_write_time(itemError);
        if (itemError) continue;
        if (endsWith(name, io::kReplacementSuffix) && now - used > kAbandonedAfter) {
            fs::remove(item.path(), itemError);
        } else if (endsWith(name, kEntrySuffix)) {
            std::uint64_t size = item.file_size(itemError);
            if (itemError) continue;
            entries.push_back({item.path(), size, used});
            total += size;
        }
    }
    if (total <= options_.maxBytes) return;
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const auto& entry : entries) {
        if (total <= options_.maxBytes) break;
        fs::remove(entry.path, error);
        total -= entry.size;
    }
}

}  // namespace signet::sbom
