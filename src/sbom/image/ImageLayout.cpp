#include "sbom/image/ImageLayout.h"

#include <map>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "json/GoJson.h"
#include "oci/MediaTypes.h"

namespace signet::sbom {
namespace {

const std::map<std::string, LayerCompression>& knownLayerTypes() {
    static const std::map<std::string, LayerCompression> types = {
        {"application/vnd.oci.image.layer.v1.tar", LayerCompression::None},
        {"application/vnd.oci.image.layer.v1.tar+gzip", LayerCompression::Gzip},
        {"application/vnd.oci.image.layer.v1.tar+zstd", LayerCompression::Zstd},
        {"application/vnd.oci.image.layer.nondistributable.v1.tar", LayerCompression::None},
        {"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", LayerCompression::Gzip},
        {"application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", LayerCompression::Zstd},
        {"application/vnd.docker.image.rootfs.diff.tar.gzip", LayerCompression::Gzip},
        {"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", LayerCompression::Gzip},
        {"application/vnd.docker.image.rootfs.diff.tar", LayerCompression::None},
        {"application/vnd.docker.image.rootfs.diff.tar.zstd", LayerCompression::Zstd},
    };
    return types;
}

std::string stringField(const nlohmann::json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

void rejectIndexes(const nlohmann::json& manifest) {
    std::string mediaType = stringField(manifest, "mediaType");
    if (mediaType == oci::media_type::kOciIndex ||
        mediaType == oci::media_type::kDockerManifestList || manifest.contains("manifests")) {
        throw Error(ErrorKind::Registry,
                    "image manifest is an index (" + mediaType +
                        "): pick one platform's manifest before cataloguing it");
    }
    if (!mediaType.empty() && mediaType != oci::media_type::kOciManifest &&
        mediaType != oci::media_type::kDockerManifest) {
        throw Error(ErrorKind::Registry, "image manifest has unsupported media type " + mediaType);
    }
}

std::vector<std::string> diffIdsOf(const nlohmann::json& config) {
    auto rootfs = config.find("rootfs");
    if (rootfs == config.end() || !rootfs->is_object() || !rootfs->contains("diff_ids") ||
        !(*rootfs)["diff_ids"].is_array()) {
        throw Error(ErrorKind::Registry, "image config has no rootfs.diff_ids array");
    }
    std::vector<std::string> ids;
    for (const auto& id : (*rootfs)["diff_ids"]) {
        if (!id.is_string())
            throw Error(ErrorKind::Registry, "image config diff_id is not a string");
        ids.push_back(id.get<std::string>());
    }
    return ids;
}

}  // namespace

LayerCompression compressionOf(const std::string& mediaType) {
    auto it = knownLayerTypes().find(mediaType);
    if (it == knownLayerTypes().end()) {
        throw Error(ErrorKind::Registry, "layer media type " +
                                             (mediaType.empty() ? "(none)" : mediaType) +
                                             " is not a tar, tar+gzip or tar+zstd layer");
    }
    return it->second;
}

std::string ImageLayout::platform() const {
    if (os.empty() || architecture.empty()) return "";
    return os + "/" + architecture + (variant.empty() ? "" : "/" + variant);
}

ImageLayout parseManifestLayout(const std::string& manifestJson) {
    nlohmann::json manifest = json::parse(manifestJson, "image manifest");
    if (!manifest.is_object())
        throw Error(ErrorKind::Registry, "image manifest must be a JSON object");
    rejectIndexes(manifest);
    auto config = manifest.find("config");
    if (config == manifest.end() || !config->is_object() || stringField(*config, "digest").empty())
        throw Error(ErrorKind::Registry, "image manifest has no config digest");
    auto layers = manifest.find("layers");
    if (layers == manifest.end() || !layers->is_array()) {
        throw Error(ErrorKind::Registry, "image manifest has no layers array");
    }
    ImageLayout layout;
    layout.manifestDigest = crypto::sha256Digest(manifestJson);
    layout.configDigest = stringField(*config, "digest");
    for (const auto& entry : *layers) {
        if (!entry.is_object())
            throw Error(ErrorKind::Registry, "image manifest layer is not an object");
        LayerDescriptor layer;
        layer.mediaType = stringField(entry, "mediaType");
        layer.digest = stringField(entry, "digest");
        if (entry.contains("size") && entry["size"].is_number_integer()) {
            layer.size = entry["size"].get<std::int64_t>();
        }
        compressionOf(layer.mediaType);
        if (layer.digest.empty())
            throw Error(ErrorKind::Registry, "image manifest layer has no digest");
        layout.layers.push_back(std::move(layer));
    }
    return layout;
}

void addImageConfig(ImageLayout& layout, const std::string& configJson) {
    nlohmann::json config = json::parse(configJson, "image config");
    if (!config.is_object()) throw Error(ErrorKind::Registry, "image config must be a JSON object");
    std::vector<std::string> diffIds = diffIdsOf(config);
    if (diffIds.size() != layout.layers.size()) {
        throw Error(ErrorKind::Registry, "image manifest lists " +
                                             std::to_string(layout.layers.size()) +
                                             " layers but its config has " +
                                             std::to_string(diffIds.size()) + " diff_ids");
    }
    for (std::size_t i = 0; i < diffIds.size(); ++i) layout.layers[i].diffId = diffIds[i];
    layout.architecture = stringField(config, "architecture");
    layout.os = stringField(config, "os");
    layout.variant = stringField(config, "variant");
}

ImageLayout parseImageLayout(const std::string& manifestJson, const std::string& configJson) {
    ImageLayout layout = parseManifestLayout(manifestJson);
    addImageConfig(layout, configJson);
    return layout;
}

}  // namespace signet::sbom
