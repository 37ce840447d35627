#include "pipeline/JobPlanner.h"

#include "error/Error.h"
#include "oci/ImageIndex.h"

namespace signet::pipeline {

std::vector<SigningJob> planJobs(const std::vector<config::RequestedImage>& requested) {
    std::vector<SigningJob> jobs;
    for (const auto& image : requested) {
        SigningJob job;
        job.requested = image.text;
        job.reference = image.reference;
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::vector<SigningJob> childJobs(oci::RegistryClient& client, const SigningJob& job,
                                  const std::string& digest) {
    auto manifest = client.getManifest(job.reference.repository, digest);
    if (!manifest || !oci::isIndexMediaType(manifest->mediaType)) return {};
    std::vector<SigningJob> children;
    for (const auto& entry :
         oci::parseIndex(manifest->body, "index " + job.reference.digestName())) {
        if (entry.attestation) continue;
        SigningJob child;
        child.reference = job.reference;
        child.reference.digest = entry.digest;
        child.requested = job.reference.repository.name() + "@" + entry.digest;
        if (!entry.platform.empty()) child.platform = entry.platform;
        child.child = true;
        children.push_back(std::move(child));
    }
    return children;
}

}  // namespace signet::pipeline
