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

ImageLayout parseImageLayout(const std::string& manifestJson, const std::string& configJson) {
    nlohmann::json manifest = json::parse(manifestJson, "image manifest");
    nlohmann::json config = json::parse(configJson, "image config");
    if (!manifest.is_object() || !config.is_object()) {
        throw Error(ErrorKind::Registry, "image manifest and config must be JSON objects");
    }
    rejectIndexes(manifest);
    auto layers = manifest.find("layers");
    if (layers == manifest.end() || !layers->is_array()) {
        throw Error(ErrorKind::Registry, "image manifest has no layers array");
    }
    std::vector<std::string> diffIds = diffIdsOf(config);
    if (diffIds.size() != layers->size()) {
        throw Error(ErrorKind::Registry, "image manifest lists " + std::to_string(layers->size()) +
                                             " layers but its config has " +
                                             std::to_string(diffIds.size()) + " diff_ids");
    }
    ImageLayout layout;
    layout.manifestDigest = crypto::sha256Digest(manifestJson);
    layout.architecture = stringField(config, "architecture");
    layout.os = stringField(config, "os");
    for (std::size_t i = 0; i < layers->size(); ++i) {
        const auto& entry = (*layers)[i];
        if (!entry.is_object())
            throw Error(ErrorKind::Registry, "image manifest layer is not an object");
        LayerDescriptor layer;
        layer.mediaType = stringField(entry, "mediaType");
        layer.digest = stringField(entry, "digest");
        if (entry.contains("size") && entry["size"].is_number_integer()) {
            layer.size = entry["size"].get<std::int64_t>();
        }
        layer.diffId = diffIds[i];
        compressionOf(layer.mediaType);
        if (layer.digest.empty())
            throw Error(ErrorKind::Registry, "image manifest layer has no digest");
        layout.layers.push_back(std::move(layer));
    }
    return layout;
}

}  // namespace signet::sbom
