#include "config/LayerCacheSetting.h"

#include "config/ValueParsing.h"

namespace signet::config {

std::optional<sbom::LayerCacheOptions> layerCacheOptions(const std::string& dirFlag,
                                                         const std::string& maxBytesFlag,
                                                         const Environment& env) {
    sbom::LayerCacheOptions options;
    options.dir = dirFlag.empty() ? trim(env.get("SIGNET_CACHE_DIR").value_or("")) : dirFlag;
    if (options.dir.empty()) return std::nullopt;
    if (!maxBytesFlag.empty()) {
        options.maxBytes = parseByteSize(maxBytesFlag, "--cache-max-bytes");
    } else if (auto value = env.get("SIGNET_CACHE_MAX_BYTES"); value && !trim(*value).empty()) {
        options.maxBytes = parseByteSize(trim(*value), "SIGNET_CACHE_MAX_BYTES");
    }
    return options;
}

}  // namespace signet::config
