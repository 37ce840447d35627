// BatchRunner: signs a list of jobs concurrently, one result per job (and per index child);
// a failing job never stops the others.
#pragma once

#include <chrono>
#include <vector>

#include "cosign/ImageSigner.h"
#include "oci/RegistryClient.h"
#include "pipeline/Logger.h"
#include "pipeline/Report.h"
#include "pipeline/SigningJob.h"

namespace signet::pipeline {

struct BatchOptions {
    cosign::SignOptions sign;
    bool recursive = false;             // also sign each child manifest of an index
    unsigned concurrency = 4;           // jobs in flight; writes to one digest never overlap
    std::chrono::seconds timeout{180};  // per job, retries included
};

class BatchRunner {
  public:
    BatchRunner(oci::RegistryClient& client, cosign::ImageSigner& signer, Logger& logger)
        : client_(client), signer_(signer), logger_(logger) {}

    // Results in job order (children right after their index).
    std::vector<RefResult> run(const std::vector<SigningJob>& jobs, const BatchOptions& options);

    // For the registry client's retry hook: counts a retry against the job running on this
    // thread, and throws Error(Network) once the job's deadline has passed.
    static void onRetry(const std::string& line);

  private:
    std::vector<RefResult> runJob(const SigningJob& job, const BatchOptions& options);
    RefResult signOne(const SigningJob& job, const BatchOptions& options);

    oci::RegistryClient& client_;
    cosign::ImageSigner& signer_;
    Logger& logger_;
};

}  // namespace signet::pipeline
