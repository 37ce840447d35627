// AttachmentImage: the small image cosign keeps at a .sig/.att/.sbom tag, built byte-for-byte as
// cosign.
#pragma once

#include <map>
#include <string>

#include "oci/ImageManifest.h"

namespace signet::cosign {

// One attachment layer: its bytes, media type and descriptor annotations.
struct AttachmentLayer {
    std::string mediaType;
    std::string payload;
    std::map<std::string, std::string> annotations;
};

class AttachmentImage {
  public:
    // ggcr's empty image re-typed to OCI (or Docker with COSIGN_DOCKER_MEDIA_TYPES=1).
    static AttachmentImage empty(bool dockerMediaTypes);
    // An image read back from the registry; its config is re-marshalled as ggcr would.
    static AttachmentImage fromParts(const std::string& manifestBytes,
                                     const std::string& configBytes, const std::string& what);

    // Appends like ggcr mutate.Append: one layer descriptor, one diff_id, one zero-time history.
    void append(const AttachmentLayer& layer);

    const oci::ImageManifest& manifest() const { return manifest_; }
    std::string configBytes() const { return oci::marshalConfig(config_); }
    // The manifest with its config descriptor pointing at configBytes().
    std::string manifestBytes() const;

  private:
    oci::ImageManifest manifest_;
    oci::ImageConfig config_;
};

}  // namespace signet::cosign
