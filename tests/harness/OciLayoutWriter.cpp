#include "harness/OciLayoutWriter.h"

#include <filesystem>

#include "crypto/Encoding.h"
#include "harness/Paths.h"
#include "oci/MediaTypes.h"

namespace signet::testing {
namespace {

nlohmann::ordered_json platformJson(const OciPlatform& platform) {
    nlohmann::ordered_json json = {{"architecture", platform.architecture}, {"os", platform.os}};
    if (!platform.variant.empty()) json["variant"] = platform.variant;
    return json;
}

std::string configFor(const LayerArchive& layer, const OciPlatform& platform) {
    nlohmann::ordered_json config = platformJson(platform);
    config["config"] = {
        {"Env", {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}}};
    config["rootfs"] = {{"type", "layers"}, {"diff_ids", {crypto::sha256Digest(layer.tar)}}};
    config["history"] = {{{"created_by", "signet test harness"}}};
    return config.dump();
}

}  // namespace

nlohmann::ordered_json OciDescriptor::toJson() const {
    nlohmann::ordered_json json = {{"mediaType", mediaType}, {"digest", digest}, {"size", size}};
    if (platform) json["platform"] = platformJson(*platform);
    return json;
}

OciLayoutWriter::OciLayoutWriter(std::string dir) : dir_(std::move(dir)) {
    std::filesystem::create_directories(dir_ + "/blobs/sha256");
    writeFile(dir_ + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    writeIndexJson();  // an empty index.json until something is tagged
}

OciDescriptor OciLayoutWriter::writeBlob(const std::string& bytes, const std::string& mediaType) {
    std::string digest = crypto::sha256Digest(bytes);
    writeFile(dir_ + "/blobs/sha256/" + digest.substr(7), bytes);
    return {mediaType, digest, static_cast<long long>(bytes.size()), std::nullopt};
}

OciDescriptor OciLayoutWriter::writeImage(const std::vector<LayerFile>& files,
                                          const OciPlatform& platform) {
    LayerArchive layer = makeLayerArchive(files);
    OciDescriptor layerBlob = writeBlob(layer.gzip, oci::media_type::kOciLayerGzip);
    OciDescriptor config = writeBlob(configFor(layer, platform), oci::media_type::kOciConfig);
    nlohmann::ordered_json manifest = {{"schemaVersion", 2},
                                       {"mediaType", oci::media_type::kOciManifest},
                                       {"config", config.toJson()},
                                       {"layers", {layerBlob.toJson()}}};
    OciDescriptor descriptor = writeBlob(manifest.dump(), oci::media_type::kOciManifest);
    descriptor.platform = platform;
    return descriptor;
}

OciDescriptor OciLayoutWriter::writeIndex(const std::vector<OciDescriptor>& manifests) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& manifest : manifests) list.push_back(manifest.toJson());
    nlohmann::ordered_json index = {
        {"schemaVersion", 2}, {"mediaType", oci::media_type::kOciIndex}, {"manifests", list}};
    return writeBlob(index.dump(), oci::media_type::kOciIndex);
}

void OciLayoutWriter::tag(const OciDescriptor& descriptor, const std::string& tag) {
    nlohmann::ordered_json entry = descriptor.toJson();
    entry.erase("platform");
    entry["annotations"] = {{"org.opencontainers.image.ref.name", tag}};
    tagged_.push_back(entry);
    writeIndexJson();
}

void OciLayoutWriter::writeIndexJson() const {
    nlohmann::ordered_json index = {{"schemaVersion", 2}, {"manifests", tagged_}};
    writeFile(dir_ + "/index.json", index.dump());
}

}  // namespace signet::testing
