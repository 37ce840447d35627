#include "oci/ReferrersTagIndex.h"

#include <algorithm>

#include "error/Error.h"
#include "oci/MediaTypes.h"

namespace signet::oci {
namespace {

std::string digestOf(const json::Ordered& entry) {
    if (!entry.is_object()) return "";
    auto digest = entry.find("digest");
    return digest != entry.end() && digest->is_string() ? digest->get<std::string>() : "";
}

}  // namespace

ReferrersTagIndex::ReferrersTagIndex() {
    document_["schemaVersion"] = 2;
    document_["mediaType"] = media_type::kOciIndex;
    document_["manifests"] = json::Ordered::array();
}

ReferrersTagIndex ReferrersTagIndex::parse(const std::string& bytes, const std::string& what) {
    ReferrersTagIndex index;
    index.document_ = json::parseOrdered(bytes, what);
    if (!index.document_.is_object())
        throw Error(ErrorKind::Registry, what + ": the referrers index is not a JSON object");
    auto& manifests = index.document_["manifests"];
    if (manifests.is_null()) manifests = json::Ordered::array();
    if (!manifests.is_array())
        throw Error(ErrorKind::Registry, what + ": the referrers index has no manifests list");
    return index;
}

bool ReferrersTagIndex::contains(const std::string& digest) const {
    const auto& manifests = document_["manifests"];
    return std::any_of(manifests.begin(), manifests.end(),
                       [&](const json::Ordered& entry) { return digestOf(entry) == digest; });
}

std::vector<Descriptor> ReferrersTagIndex::entries() const {
    std::vector<Descriptor> out;
    for (const auto& entry : document_["manifests"]) {
        if (digestOf(entry).empty()) continue;
        out.push_back(descriptorFromJson(nlohmann::json::parse(entry.dump()), "referrers index"));
    }
    return out;
}

bool ReferrersTagIndex::add(const Descriptor& referrer) {
    if (contains(referrer.digest)) return false;
    auto& manifests = document_["manifests"];
    auto at = std::find_if(manifests.begin(), manifests.end(), [&](const json::Ordered& entry) {
        return digestOf(entry) > referrer.digest;
    });
    manifests.insert(at, toJson(referrer));
    return true;
}

std::size_t ReferrersTagIndex::remove(const std::set<std::string>& digests) {
    auto& manifests = document_["manifests"];
    const std::size_t before = manifests.size();
    json::Ordered kept = json::Ordered::array();
    for (const auto& entry : manifests) {
        if (!digests.count(digestOf(entry))) kept.push_back(entry);
    }
    manifests = std::move(kept);
    return before - manifests.size();
}

bool ReferrersTagIndex::empty() const {
    return document_["manifests"].empty();
}

std::string ReferrersTagIndex::bytes() const {
    return json::goMarshal(document_);
}

}  // namespace signet::oci
