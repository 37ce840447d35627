// BatchRunner: signs a list of jobs concurrently, one result per job (and per index child);
// a failing job never stops the others, and no job's time is unbounded.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "cosign/ImageSigner.h"
#include "crypto/Signer.h"
#include "oci/RegistryClient.h"
#include "pipeline/Logger.h"
#include "pipeline/LostRaceCheck.h"
#include "pipeline/Report.h"
#include "pipeline/SigningJob.h"
#include "sigstore/SigstoreServices.h"

namespace signet::pipeline {

struct BatchOptions {
    cosign::SignOptions sign;
    bool recursive = false;             // also sign each child manifest of an index
    unsigned concurrency = 4;           // jobs in flight; writes to one digest never overlap
    std::chrono::seconds timeout{180};  // per job (its children included) and per check
    cosign::SignatureFormat format = cosign::SignatureFormat::Legacy;
};

class BatchRunner {
  public:
    // Each job signs through a view of `client` bounded by the job's own deadline, with a store
    // sharing `store`'s settings and locks.
    // With `services`, each new signature is logged and timestamped by them.
    BatchRunner(oci::RegistryClient& client, const cosign::SignatureStore& store,
                const crypto::Signer& signer, Logger& logger,
                sigstore::SigstoreServices* services = nullptr)
        : client_(client), store_(store), signer_(signer), logger_(logger), services_(services) {}

    // Results in job order (children right after their index), each logged once it is final:
    // a new signature only after LostRaceCheck found it in place.
    std::vector<RefResult> run(const std::vector<SigningJob>& jobs, const BatchOptions& options);

  private:
    struct Signed {
        RefResult result;
        std::optional<std::size_t> written;  // its index in the LostRaceCheck
    };
    std::vector<Signed> runJob(const SigningJob& job, const BatchOptions& options,
                               LostRaceCheck& check);
    Signed signOne(const SigningJob& job, const BatchOptions& options, cosign::ImageSigner& signer,
                   LostRaceCheck& check);

    oci::RegistryClient& client_;
    const cosign::SignatureStore& store_;
    const crypto::Signer& signer_;
    Logger& logger_;
    sigstore::SigstoreServices* services_;
};

}  // namespace signet::pipeline
