// RegistryImage: an image in a registry as the SBOM generator's input — an index becomes one
// input per platform manifest; layers are streamed from the registry, never written to disk.
#pragma once

#include <string>
#include <vector>

#include "oci/Reference.h"
#include "oci/RegistryClient.h"
#include "sbom/image/ImageInput.h"

namespace signet::sbom {

struct PlatformImage {
    std::string platform;  // "linux/amd64": from the index entry, else the config's os/architecture
    std::string digest;    // this platform's image manifest digest: the SBOM's subject
    ImageInput input;      // streams through `client`, which must outlive it
};

// The image(s) at repo@digest. `platforms` selects from an index ("os/arch" matches any variant;
// empty selects all); BuildKit attestation manifests and "unknown/unknown" entries are skipped.
// Throws Error(NotFound) when no platform matches, naming the ones there are.
std::vector<PlatformImage> platformImages(oci::RegistryClient& client, const oci::Reference& ref,
                                          const std::string& digest,
                                          const std::vector<std::string>& platforms);

}  // namespace signet::sbom
