#include "cosign/AttachmentImage.h"

#include "crypto/Encoding.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {

AttachmentImage AttachmentImage::empty(bool dockerMediaTypes) {
    AttachmentImage image;
    image.manifest_.mediaType =
        dockerMediaTypes ? oci::media_type::kDockerManifest : oci::media_type::kOciManifest;
    image.manifest_.config.mediaType =
        dockerMediaTypes ? oci::media_type::kDockerConfig : oci::media_type::kOciConfig;
    return image;
}

AttachmentImage AttachmentImage::fromParts(const std::string& manifestBytes,
                                           const std::string& configBytes,
                                           const std::string& what) {
    AttachmentImage image;
    image.manifest_ = oci::parseManifest(manifestBytes, what);
    image.config_ = oci::parseConfig(configBytes, what + " config");
    return image;
}

void AttachmentImage::append(const AttachmentLayer& layer) {
    oci::Descriptor descriptor;
    descriptor.mediaType = layer.mediaType;
    descriptor.size = static_cast<std::int64_t>(layer.payload.size());
    descriptor.digest = crypto::sha256Digest(layer.payload);
    descriptor.annotations = layer.annotations;
    manifest_.layers.push_back(descriptor);
    // Attachment layers are stored uncompressed, so the diff_id is the layer digest.
    config_.diffIds.push_back(descriptor.digest);
    config_.history.push_back(oci::HistoryEntry{});
}

std::string AttachmentImage::manifestBytes() const {
    oci::ImageManifest manifest = manifest_;
    std::string config = configBytes();
    manifest.config.size = static_cast<std::int64_t>(config.size());
    manifest.config.digest = crypto::sha256Digest(config);
    return oci::marshalManifest(manifest);
}

}  // namespace signet::cosign
