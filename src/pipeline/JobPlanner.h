// JobPlanner: turns requested reference strings into signing jobs (parsed, deduplicated, and
// with --recursive expanded into each child manifest of an index).
#pragma once

#include <string>
#include <vector>

#include "oci/RegistryClient.h"
#include "pipeline/SigningJob.h"

namespace signet::pipeline {

// Parses every reference; throws Error(Usage, "REF: <problem>") for the first invalid one.
// Identical references (after normalisation) become one job.
std::vector<SigningJob> planJobs(const std::vector<std::string>& requested);

// The children of the index at `job` (platform manifests, skipping BuildKit attestation
// manifests), as jobs; empty when the digest is an image manifest, not an index.
std::vector<SigningJob> childJobs(oci::RegistryClient& client, const SigningJob& job,
                                  const std::string& digest);

}  // namespace signet::pipeline
