// TestImage: an in-memory image (layer blobs, OCI or Docker manifest, config) to feed
// SbomGenerator.
#pragma once

#include <string>
#include <vector>

#include "LayerBuilder.h"
#include "sbom/image/ImageInput.h"

namespace signet::sbom::test {

enum class ManifestFormat { Oci, Docker };

class InMemoryImage {
  public:
    explicit InMemoryImage(ManifestFormat format = ManifestFormat::Oci) : format_(format) {}

    // Appends a layer built from `layer` with `compression`.
    InMemoryImage& add(const LayerBuilder& layer, Compression compression = Compression::Gzip);
    // Appends raw blob bytes under `mediaType` with a given diffID (hostile or broken layers).
    InMemoryImage& addRaw(std::string blob, std::string mediaType, std::string diffId);

    std::string manifestJson() const;
    std::string configJson() const;
    // An ImageInput whose opener serves this image's blobs (copies them; the image may die).
    ImageInput input(const std::string& name = "registry.test/team/app",
                     const std::string& tag = "1.0") const;

  private:
    struct Blob {
        std::string bytes;
        std::string mediaType;
        std::string diffId;
    };
    ManifestFormat format_;
    std::vector<Blob> blobs_;
};

}  // namespace signet::sbom::test
