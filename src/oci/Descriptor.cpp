#include "oci/Descriptor.h"

#include "error/Error.h"

namespace signet::oci {

json::Ordered toJson(const Descriptor& descriptor) {
    json::Ordered out;
    out["mediaType"] = descriptor.mediaType;
    out["size"] = descriptor.size;
    out["digest"] = descriptor.digest;
    if (!descriptor.data.is_null()) out["data"] = json::Ordered::parse(descriptor.data.dump());
    if (!descriptor.urls.is_null()) out["urls"] = json::Ordered::parse(descriptor.urls.dump());
    if (!descriptor.annotations.empty()) {
        json::Ordered annotations = json::Ordered::object();
        for (const auto& [key, value] : descriptor.annotations) annotations[key] = value;
        out["annotations"] = std::move(annotations);
    }
    if (!descriptor.platform.is_null()) {
        out["platform"] = json::Ordered::parse(descriptor.platform.dump());
    }
    if (!descriptor.artifactType.empty()) out["artifactType"] = descriptor.artifactType;
    return out;
}

Descriptor descriptorFromJson(const nlohmann::json& value, const std::string& what) {
    if (!value.is_object())
        throw Error(ErrorKind::Registry, what + ": descriptor is not an object");
    Descriptor d;
    try {
        d.mediaType = value.value("mediaType", "");
        if (auto size = value.find("size"); size != value.end()) {
            auto integer = json::integerValue<std::int64_t>(*size);
            if (!integer)
                throw Error(ErrorKind::Registry, what + ": descriptor size is not an integer");
            d.size = *integer;
        }
        d.digest = value.value("digest", "");
        if (value.contains("annotations") && value["annotations"].is_object()) {
            for (const auto& [key, v] : value["annotations"].items()) {
                d.annotations[key] = v.get<std::string>();
            }
        }
        d.data = value.value("data", nlohmann::json(nullptr));
        d.urls = value.value("urls", nlohmann::json(nullptr));
        d.platform = value.value("platform", nlohmann::json(nullptr));
        d.artifactType = value.value("artifactType", "");
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::Registry, what + ": malformed descriptor: " + e.what());
    }
    if (d.digest.empty()) throw Error(ErrorKind::Registry, what + ": descriptor has no digest");
    return d;
}

}  // namespace signet::oci
