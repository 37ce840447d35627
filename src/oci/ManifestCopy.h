// ManifestCopy: a manifest and everything it names, copied from one repository to another
// (same registry or not) byte for byte, so every digest stays what it was.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "oci/RegistryClient.h"

namespace signet::oci {

// Blobs are copied through memory; a layer larger than this is refused (TooLarge).
inline constexpr std::size_t kMaxCopiedBlobBytes = std::size_t{4} << 30;

struct ManifestCopyStats {
    int blobsMounted = 0;  // cross-repository mounts on the same registry
    int blobsCopied = 0;   // bytes read from the source and uploaded
    int blobsPresent = 0;  // already at the destination
};

// Copies `manifest` (as fetched from `from`) to `to` under `reference` (a tag, or its digest):
// for an index, every manifest it lists first (by digest, recursively); for an image, its config
// and layers (foreign/non-distributable layers are not copied, as registries serve them from
// their URLs). A blob the destination has is skipped; on the same registry it is mounted.
void copyManifest(RegistryClient& client, const Repository& from, const ManifestResponse& manifest,
                  const Repository& to, const std::string& reference, ManifestCopyStats& stats);

}  // namespace signet::oci
