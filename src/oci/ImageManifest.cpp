#include "oci/ImageManifest.h"

#include <type_traits>

#include "error/Error.h"

namespace signet::oci {
namespace {

using json::Ordered;

Ordered stringMap(const std::map<std::string, std::string>& values) {
    Ordered out = Ordered::object();
    for (const auto& [key, value] : values) out[key] = value;
    return out;
}

template <typename T>
T field(const nlohmann::json& object, const char* key, T fallback, const std::string& what) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        if (auto integer = json::integerValue<T>(*it)) return *integer;
        throw Error(ErrorKind::Registry, what + ": field \"" + key + "\" is not an integer");
    }
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(ErrorKind::Registry, what + ": field \"" + key + "\" has the wrong type");
    }
}

nlohmann::json parseObject(const std::string& bytes, const std::string& what) {
    nlohmann::json root = json::parse(bytes, what);
    if (!root.is_object()) throw Error(ErrorKind::Registry, what + ": not a JSON object");
    return root;
}

}  // namespace

std::string marshalManifest(const ImageManifest& manifest) {
    Ordered out;
    out["schemaVersion"] = manifest.schemaVersion;
    if (!manifest.mediaType.empty()) out["mediaType"] = manifest.mediaType;
    out["config"] = toJson(manifest.config);
    Ordered layers = Ordered::array();
    for (const auto& layer : manifest.layers) layers.push_back(toJson(layer));
    out["layers"] = std::move(layers);
    if (!manifest.annotations.empty()) out["annotations"] = stringMap(manifest.annotations);
    if (manifest.subject) out["subject"] = toJson(*manifest.subject);
    if (!manifest.artifactType.empty()) out["artifactType"] = manifest.artifactType;
    return json::goMarshal(out);
}

ImageManifest parseManifest(const std::string& bytes, const std::string& what) {
    nlohmann::json root = parseObject(bytes, what);
    ImageManifest m;
    m.schemaVersion = field<int>(root, "schemaVersion", 2, what);
    m.mediaType = field<std::string>(root, "mediaType", "", what);
    if (!root.contains("config"))
        throw Error(ErrorKind::Registry, what + ": manifest has no config");
    m.config = descriptorFromJson(root["config"], what);
    if (root.contains("layers") && !root["layers"].is_null()) {
        if (!root["layers"].is_array()) {
            throw Error(ErrorKind::Registry, what + ": layers is not an array");
        }
        for (const auto& layer : root["layers"])
            m.layers.push_back(descriptorFromJson(layer, what));
    }
    m.annotations = field<std::map<std::string, std::string>>(root, "annotations", {}, what);
    if (root.contains("subject") && !root["subject"].is_null()) {
        m.subject = descriptorFromJson(root["subject"], what);
    }
    m.artifactType = field<std::string>(root, "artifactType", "", what);
    return m;
}

std::string marshalConfig(const ImageConfig& config) {
    Ordered out;
    out["architecture"] = config.architecture;
    if (!config.author.empty()) out["author"] = config.author;
    if (!config.container.empty()) out["container"] = config.container;
    out["created"] = config.created;
    if (!config.dockerVersion.empty()) out["docker_version"] = config.dockerVersion;
    if (!config.history.empty()) {
        Ordered history = Ordered::array();
        for (const auto& entry : config.history) {
            Ordered h;
            h["created"] = entry.created;
            if (!entry.createdBy.empty()) h["created_by"] = entry.createdBy;
            if (!entry.author.empty()) h["author"] = entry.author;
            if (!entry.comment.empty()) h["comment"] = entry.comment;
            if (entry.emptyLayer) h["empty_layer"] = true;
            history.push_back(std::move(h));
        }
        out["history"] = std::move(history);
    }
    out["os"] = config.os;
    Ordered rootfs;
    rootfs["type"] = config.rootfsType;
    rootfs["diff_ids"] = config.diffIds;
    out["rootfs"] = std::move(rootfs);
    out["config"] = Ordered::parse(config.config.dump());
    if (!config.osVersion.empty()) out["os.version"] = config.osVersion;
    if (!config.variant.empty()) out["variant"] = config.variant;
    if (!config.osFeatures.empty()) out["os.features"] = config.osFeatures;
    return json::goMarshal(out);
}

ImageConfig parseConfig(const std::string& bytes, const std::string& what) {
    nlohmann::json root = parseObject(bytes, what);
    ImageConfig c;
    c.architecture = field<std::string>(root, "architecture", "", what);
    c.author = field<std::string>(root, "author", "", what);
    c.container = field<std::string>(root, "container", "", what);
    c.created = field<std::string>(root, "created", c.created, what);
    c.dockerVersion = field<std::string>(root, "docker_version", "", what);
    if (root.contains("history") && root["history"].is_array()) {
        for (const auto& h : root["history"]) {
            HistoryEntry entry;
            entry.created = field<std::string>(h, "created", entry.created, what);
            entry.createdBy = field<std::string>(h, "created_by", "", what);
            entry.author = field<std::string>(h, "author", "", what);
            entry.comment = field<std::string>(h, "comment", "", what);
            entry.emptyLayer = field<bool>(h, "empty_layer", false, what);
            c.history.push_back(std::move(entry));
        }
    }
    c.os = field<std::string>(root, "os", "", what);
    if (root.contains("rootfs") && root["rootfs"].is_object()) {
        c.rootfsType = field<std::string>(root["rootfs"], "type", "layers", what);
        c.diffIds = field<std::vector<std::string>>(root["rootfs"], "diff_ids", {}, what);
    }
    if (root.contains("config") && root["config"].is_object()) c.config = root["config"];
    c.osVersion = field<std::string>(root, "os.version", "", what);
    c.variant = field<std::string>(root, "variant", "", what);
    c.osFeatures = field<std::vector<std::string>>(root, "os.features", {}, what);
    return c;
}

}  // namespace signet::oci
