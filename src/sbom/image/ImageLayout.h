// ImageLayout: the layers, diffIDs and platform of one image, read from its manifest and config.
#pragma once

#include <string>
#include <vector>

#include "sbom/image/ImageInput.h"

namespace signet::sbom {

enum class LayerCompression { None, Gzip, Zstd };

struct ImageLayout {
    std::string manifestDigest;  // sha256 of the manifest bytes
    std::string architecture;
    std::string os;
    std::vector<LayerDescriptor> layers;  // in application order, diffId filled in
};

// Parses an OCI image manifest or Docker schema-2 manifest and its config. Throws
// signet::Error(Registry) naming the problem for an index, unknown layer media types,
// a diff_ids count that does not match the layers, or malformed JSON.
ImageLayout parseImageLayout(const std::string& manifestJson, const std::string& configJson);

// The compression a layer media type implies; throws signet::Error(Registry) for others.
LayerCompression compressionOf(const std::string& mediaType);

}  // namespace signet::sbom
