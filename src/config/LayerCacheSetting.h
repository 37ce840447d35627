// LayerCacheSetting: the layer cache of `signet sbom` — --cache-dir, else SIGNET_CACHE_DIR, bounded
// by --cache-max-bytes, else SIGNET_CACHE_MAX_BYTES (signet run's sbom.cache_dir and
// sbom.cache_max_bytes).
#pragma once

#include <optional>
#include <string>

#include "config/Environment.h"
#include "sbom/cache/LayerCache.h"

namespace signet::config {

// nullopt when neither the flag nor the variable names a directory. `maxBytesFlag` is "" when
// absent; throws Error(Config) naming the flag or variable for a size that does not parse.
std::optional<sbom::LayerCacheOptions> layerCacheOptions(const std::string& dirFlag,
                                                         const std::string& maxBytesFlag,
                                                         const Environment& env);

}  // namespace signet::config
