// JobPlanner: turns the requested images (parsed and deduplicated by config/) into signing jobs,
// with --recursive expanded into each child manifest of an index.
#pragma once

#include <string>
#include <vector>

#include "config/RequestedReferences.h"
#include "oci/RegistryClient.h"
#include "pipeline/SigningJob.h"

namespace signet::pipeline {

// One job per requested image, in order.
std::vector<SigningJob> planJobs(const std::vector<config::RequestedImage>& requested);

// The children of the index at `job` (platform manifests, skipping BuildKit attestation
// manifests), as jobs; empty when the digest is an image manifest, not an index.
std::vector<SigningJob> childJobs(oci::RegistryClient& client, const SigningJob& job,
                                  const std::string& digest);

}  // namespace signet::pipeline
