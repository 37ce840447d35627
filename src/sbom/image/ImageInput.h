// ImageInput: what the SBOM generator needs from the registry side — the parsed manifest and
// config, and the layer streams.
#pragma once

#include <functional>
#include <istream>
#include <string>

#include "sbom/image/ImageLayout.h"

namespace signet::sbom {

// Streams a layer blob (compressed as its media type says) to `consume`; the stream is valid only
// during that call, so a registry connection can feed it without the layer touching the disk.
// Throws signet::Error when the blob cannot be had.
using LayerStreamer = std::function<void(const LayerDescriptor& layer,
                                         const std::function<void(std::istream&)>& consume)>;

struct ImageInput {
    ImageLayout layout;  // the manifest and config, parsed once where they were fetched
    std::string name;    // repository without tag/digest, e.g. "127.0.0.1:5000/team/app"
    std::string tag;     // may be empty
    LayerStreamer readLayer;
    // readLayer's source checks each blob against its digest (the registry client does), so
    // the layer reader need not hash the compressed bytes again.
    bool layersCheckedBySource = false;
};

}  // namespace signet::sbom
