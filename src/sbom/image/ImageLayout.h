// ImageLayout: the layers, diffIDs and platform of one image, read from its manifest and config.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace signet::sbom {

enum class LayerCompression { None, Gzip, Zstd };

// One layer as the manifest and config describe it.
struct LayerDescriptor {
    std::string mediaType;
    std::string digest;  // blob digest, "sha256:…"
    std::int64_t size = 0;
    std::string diffId;  // config rootfs.diff_ids entry, "sha256:…" of the uncompressed tar
};

struct ImageLayout {
    std::string manifestDigest;  // sha256 of the manifest bytes
    std::string configDigest;    // the config blob the manifest names
    std::string architecture;
    std::string os;
    std::string variant;
    std::vector<LayerDescriptor> layers;  // in application order, diffId filled in by the config

    // "os/architecture[/variant]" from the config; "" when it names no os or architecture.
    std::string platform() const;
};

// The manifest half: an OCI image manifest or Docker schema-2 manifest, its layers without
// diffIds. Throws signet::Error(Registry) naming the problem for an index, a missing config,
// unknown layer media types or malformed JSON.
ImageLayout parseManifestLayout(const std::string& manifestJson);
// The config half: diffIds, os, architecture, variant. Throws signet::Error(Registry) for
// malformed JSON or a diff_ids count that does not match the layers.
void addImageConfig(ImageLayout& layout, const std::string& configJson);
// Both halves: each document is parsed once.
ImageLayout parseImageLayout(const std::string& manifestJson, const std::string& configJson);

// The compression a layer media type implies; throws signet::Error(Registry) for others.
LayerCompression compressionOf(const std::string& mediaType);

}  // namespace signet::sbom
