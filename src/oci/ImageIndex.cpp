#include "oci/ImageIndex.h"

#include "json/GoJson.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"

namespace signet::oci {
namespace {

std::string platformOf(const nlohmann::json& entry) {
    auto platform = entry.find("platform");
    if (platform == entry.end() || !platform->is_object()) return "";
    auto text = [&](const char* key) {
        auto it = platform->find(key);
        return it != platform->end() && it->is_string() ? it->get<std::string>() : "";
    };
    std::string out = text("os") + "/" + text("architecture");
    std::string variant = text("variant");
    return variant.empty() ? out : out + "/" + variant;
}

bool isAttestation(const nlohmann::json& entry) {
    auto annotations = entry.find("annotations");
    if (annotations == entry.end() || !annotations->is_object()) return false;
    auto type = annotations->find("vnd.docker.reference.type");
    return type != annotations->end() && *type == "attestation-manifest";
}

}  // namespace

bool platformMatches(const std::string& platform, const std::string& wanted) {
    return platform == wanted || platform.rfind(wanted + "/", 0) == 0;
}

bool isIndexMediaType(const std::string& mediaType) {
    return mediaType == media_type::kOciIndex || mediaType == media_type::kDockerManifestList;
}

std::vector<IndexEntry> parseIndex(const std::string& bytes, const std::string& what) {
    nlohmann::json index = json::parse(bytes, what);
    std::vector<IndexEntry> entries;
    if (!index.is_object() || !index.contains("manifests") || !index["manifests"].is_array()) {
        return entries;
    }
    for (const auto& entry : index["manifests"]) {
        if (!entry.is_object()) continue;
        auto digest = entry.find("digest");
        if (digest == entry.end() || !digest->is_string() ||
            !isValidDigest(digest->get<std::string>()))
            continue;
        IndexEntry parsed;
        parsed.digest = digest->get<std::string>();
        parsed.mediaType = entry.value("mediaType", "");
        parsed.platform = platformOf(entry);
        parsed.attestation = isAttestation(entry);
        entries.push_back(std::move(parsed));
    }
    return entries;
}

}  // namespace signet::oci
