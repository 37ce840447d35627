// ImageInput: what the SBOM generator needs from the registry side — manifest, config, layer
// streams.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>

namespace signet::sbom {

// One layer as the manifest and config describe it.
struct LayerDescriptor {
    std::string mediaType;
    std::string digest;  // blob digest, "sha256:…"
    std::int64_t size = 0;
    std::string diffId;  // config rootfs.diff_ids entry, "sha256:…" of the uncompressed tar
};

// Streams a layer blob (compressed as its media type says) to `consume`; the stream is valid only
// during that call, so a registry connection can feed it without the layer touching the disk.
// Throws signet::Error when the blob cannot be had.
using LayerStreamer = std::function<void(const LayerDescriptor& layer,
                                         const std::function<void(std::istream&)>& consume)>;

struct ImageInput {
    std::string manifestJson;  // exact bytes: their sha256 is the manifest digest
    std::string configJson;
    std::string name;  // repository without tag/digest, e.g. "127.0.0.1:5000/team/app"
    std::string tag;   // may be empty
    LayerStreamer readLayer;
    // readLayer's source checks each blob against its digest (the registry client does), so
    // the layer reader need not hash the compressed bytes again.
    bool layersCheckedBySource = false;
};

}  // namespace signet::sbom
