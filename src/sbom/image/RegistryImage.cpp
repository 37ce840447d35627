#include "sbom/image/RegistryImage.h"

#include "error/Error.h"
#include "oci/ImageIndex.h"

namespace signet::sbom {
namespace {

constexpr std::size_t kMaxConfigBytes = 16u << 20;

bool platformSelected(const std::string& platform, const std::vector<std::string>& wanted) {
    if (wanted.empty()) return true;
    for (const auto& w : wanted) {
        if (oci::platformMatches(platform, w)) return true;
    }
    return false;
}

// The manifest and its config, each parsed once; a problem is the SBOM's, as the generator's are.
ImageLayout layoutAt(oci::RegistryClient& client, const oci::Reference& ref,
                     const oci::ManifestResponse& manifest) {
    try {
        ImageLayout layout = parseManifestLayout(manifest.body);
        addImageConfig(layout,
                       client.getBlob(ref.repository, layout.configDigest, kMaxConfigBytes));
        return layout;
    } catch (const Error& e) {
        throw e.withContext("SBOM for " + ref.repository.name());
    }
}

PlatformImage imageAt(oci::RegistryClient& client, const oci::Reference& ref,
                      const std::string& digest, const oci::ManifestResponse& manifest) {
    PlatformImage image;
    image.digest = digest;
    image.input.layout = layoutAt(client, ref, manifest);
    image.input.name = ref.repository.name();
    image.input.tag = ref.tag;
    oci::Repository repository = ref.repository;
    image.input.readLayer = [&client, repository](
                                const LayerDescriptor& layer,
                                const std::function<void(std::istream&)>& consume) {
        client.readBlob(repository, layer.digest, consume);  // checks the blob's digest
    };
    image.input.layersCheckedBySource = true;
    image.platform = image.input.layout.platform();
    return image;
}

oci::ManifestResponse fetch(oci::RegistryClient& client, const oci::Reference& ref,
                            const std::string& digest) {
    auto manifest = client.getManifest(ref.repository, digest);
    if (!manifest) {
        throw Error(ErrorKind::NotFound,
                    "image " + ref.repository.name() + "@" + digest + " not found");
    }
    return *manifest;
}

}  // namespace

std::vector<PlatformImage> platformImages(oci::RegistryClient& client, const oci::Reference& ref,
                                          const std::string& digest,
                                          const std::vector<std::string>& platforms) {
    oci::ManifestResponse top = fetch(client, ref, digest);
    std::vector<PlatformImage> images;
    if (!oci::isIndexMediaType(top.mediaType)) {
        images.push_back(imageAt(client, ref, digest, top));
        if (!platformSelected(images.back().platform, platforms)) {
            throw Error(ErrorKind::NotFound, ref.repository.name() + "@" + digest + " is " +
                                                 images.back().platform +
                                                 ", not one of the platforms asked for");
        }
        return images;
    }
    std::string available;
    for (const auto& entry : oci::parseIndex(top.body, ref.repository.name() + "@" + digest)) {
        if (entry.attestation || entry.platform == "unknown/unknown") continue;
        if (!available.empty()) available += ", ";
        available += entry.platform;
        if (!platformSelected(entry.platform, platforms)) continue;
        images.push_back(imageAt(client, ref, entry.digest, fetch(client, ref, entry.digest)));
        if (!entry.platform.empty()) images.back().platform = entry.platform;
    }
    if (images.empty()) {
        throw Error(ErrorKind::NotFound, "no platform of " + ref.repository.name() + "@" + digest +
                                             " matches; it has: " + available);
    }
    return images;
}

}  // namespace signet::sbom
