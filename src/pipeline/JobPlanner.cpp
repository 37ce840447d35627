#include "pipeline/JobPlanner.h"

#include <set>

#include "error/Error.h"
#include "json/GoJson.h"
#include "oci/MediaTypes.h"

namespace signet::pipeline {
namespace {

bool isIndex(const std::string& mediaType) {
    return mediaType == oci::media_type::kOciIndex ||
           mediaType == oci::media_type::kDockerManifestList;
}

// BuildKit stores provenance/SBOM attestations as index entries annotated this way.
bool isAttestationManifest(const nlohmann::json& entry) {
    auto annotations = entry.find("annotations");
    if (annotations == entry.end() || !annotations->is_object()) return false;
    auto type = annotations->find("vnd.docker.reference.type");
    return type != annotations->end() && *type == "attestation-manifest";
}

std::string platformOf(const nlohmann::json& entry) {
    auto platform = entry.find("platform");
    if (platform == entry.end() || !platform->is_object()) return "";
    std::string text = platform->value("os", "") + "/" + platform->value("architecture", "");
    std::string variant = platform->value("variant", "");
    return variant.empty() ? text : text + "/" + variant;
}

}  // namespace

std::vector<SigningJob> planJobs(const std::vector<std::string>& requested) {
    std::vector<SigningJob> jobs;
    std::set<std::string> seen;
    for (const auto& text : requested) {
        oci::Reference ref = oci::Reference::parse(text);
        if (!seen.insert(ref.str()).second) continue;
        jobs.push_back({text, ref, std::nullopt, false});
    }
    return jobs;
}

std::vector<SigningJob> childJobs(oci::RegistryClient& client, const SigningJob& job,
                                  const std::string& digest) {
    auto manifest = client.getManifest(job.reference.repository, digest);
    if (!manifest || !isIndex(manifest->mediaType)) return {};
    nlohmann::json index = json::parse(manifest->body, "index " + job.reference.digestName());
    std::vector<SigningJob> children;
    if (!index.contains("manifests") || !index["manifests"].is_array()) return children;
    for (const auto& entry : index["manifests"]) {
        if (!entry.is_object() || isAttestationManifest(entry)) continue;
        std::string childDigest = entry.value("digest", "");
        if (!oci::isValidDigest(childDigest)) continue;
        SigningJob child;
        child.reference = job.reference;
        child.reference.digest = childDigest;
        child.requested = job.reference.repository.name() + "@" + childDigest;
        std::string platform = platformOf(entry);
        if (!platform.empty()) child.platform = platform;
        child.child = true;
        children.push_back(std::move(child));
    }
    return children;
}

}  // namespace signet::pipeline
