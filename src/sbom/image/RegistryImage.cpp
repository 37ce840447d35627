#include "sbom/image/RegistryImage.h"

#include <nlohmann/json.hpp>

#include "error/Error.h"
#include "oci/ImageIndex.h"
#include "oci/ImageManifest.h"

namespace signet::sbom {
namespace {

constexpr std::size_t kMaxConfigBytes = 16u << 20;

bool platformSelected(const std::string& platform, const std::vector<std::string>& wanted) {
    if (wanted.empty()) return true;
    for (const auto& w : wanted) {
        if (platform == w || platform.rfind(w + "/", 0) == 0) return true;
    }
    return false;
}

std::string configPlatform(const std::string& config) {
    nlohmann::json parsed = nlohmann::json::parse(config, nullptr, false);
    if (!parsed.is_object()) return "";
    std::string os = parsed.value("os", ""), arch = parsed.value("architecture", "");
    if (os.empty() || arch.empty()) return "";
    std::string variant = parsed.value("variant", "");
    return os + "/" + arch + (variant.empty() ? "" : "/" + variant);
}

PlatformImage imageAt(oci::RegistryClient& client, const oci::Reference& ref,
                      const std::string& digest, const oci::ManifestResponse& manifest) {
    oci::ImageManifest parsed =
        oci::parseManifest(manifest.body, ref.repository.name() + "@" + digest);
    PlatformImage image;
    image.digest = digest;
    image.input.manifestJson = manifest.body;
    image.input.configJson = client.getBlob(ref.repository, parsed.config.digest, kMaxConfigBytes);
    image.input.name = ref.repository.name();
    image.input.tag = ref.tag;
    oci::Repository repository = ref.repository;
    image.input.readLayer = [&client, repository](
                                const LayerDescriptor& layer,
                                const std::function<void(std::istream&)>& consume) {
        client.readBlob(repository, layer.digest, consume);  // checks the blob's digest
    };
    image.input.layersCheckedBySource = true;
    image.platform = configPlatform(image.input.configJson);
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
