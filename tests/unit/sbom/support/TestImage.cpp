#include "TestImage.h"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "crypto/Encoding.h"
#include "error/Error.h"

namespace signet::sbom::test {
namespace {

std::string mediaTypeFor(ManifestFormat format, Compression compression) {
    if (format == ManifestFormat::Docker) {
        return compression == Compression::Gzip
                   ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                   : "application/vnd.docker.image.rootfs.diff.tar";
    }
    switch (compression) {
        case Compression::Gzip:
            return "application/vnd.oci.image.layer.v1.tar+gzip";
        case Compression::Zstd:
            return "application/vnd.oci.image.layer.v1.tar+zstd";
        default:
            return "application/vnd.oci.image.layer.v1.tar";
    }
}

}  // namespace

InMemoryImage& InMemoryImage::add(const LayerBuilder& layer, Compression compression) {
    std::string diffId = crypto::sha256Digest(layer.build(Compression::None));
    return addRaw(layer.build(compression), mediaTypeFor(format_, compression), diffId);
}

InMemoryImage& InMemoryImage::addRaw(std::string blob, std::string mediaType, std::string diffId) {
    blobs_.push_back({std::move(blob), std::move(mediaType), std::move(diffId)});
    return *this;
}

std::string InMemoryImage::configJson() const {
    nlohmann::ordered_json config;
    config["architecture"] = "amd64";
    config["os"] = "linux";
    config["rootfs"]["type"] = "layers";
    config["rootfs"]["diff_ids"] = nlohmann::json::array();
    for (const auto& blob : blobs_) config["rootfs"]["diff_ids"].push_back(blob.diffId);
    return config.dump();
}

std::string InMemoryImage::manifestJson() const {
    bool docker = format_ == ManifestFormat::Docker;
    nlohmann::ordered_json manifest;
    manifest["schemaVersion"] = 2;
    manifest["mediaType"] = docker ? "application/vnd.docker.distribution.manifest.v2+json"
                                   : "application/vnd.oci.image.manifest.v1+json";
    std::string config = configJson();
    manifest["config"] = {{"mediaType", docker ? "application/vnd.docker.container.image.v1+json"
                                               : "application/vnd.oci.image.config.v1+json"},
                          {"digest", crypto::sha256Digest(config)},
                          {"size", config.size()}};
    manifest["layers"] = nlohmann::json::array();
    for (const auto& blob : blobs_) {
        manifest["layers"].push_back({{"mediaType", blob.mediaType},
                                      {"digest", crypto::sha256Digest(blob.bytes)},
                                      {"size", blob.bytes.size()}});
    }
    return manifest.dump();
}

ImageInput InMemoryImage::input(const std::string& name, const std::string& tag) const {
    auto byDigest = std::make_shared<std::map<std::string, std::string>>();
    for (const auto& blob : blobs_) (*byDigest)[crypto::sha256Digest(blob.bytes)] = blob.bytes;
    ImageInput in;
    in.layout = parseImageLayout(manifestJson(), configJson());
    in.name = name;
    in.tag = tag;
    in.readLayer = [byDigest](const LayerDescriptor& layer,
                              const std::function<void(std::istream&)>& consume) {
        auto it = byDigest->find(layer.digest);
        if (it == byDigest->end()) throw Error(ErrorKind::NotFound, "no blob " + layer.digest);
        std::istringstream stream(it->second);
        consume(stream);
    };
    return in;
}

}  // namespace signet::sbom::test
