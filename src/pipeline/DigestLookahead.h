// DigestLookahead: the tag checks of a batch, run while the signing key is still decrypting.
#pragma once

#include <functional>
#include <vector>

#include "oci/RegistryClient.h"
#include "pipeline/BatchRunner.h"
#include "pipeline/SigningJob.h"

namespace signet::pipeline {

// Resolves the digests of `jobs` in order (the tag check each job's signing starts with,
// cosign::resolveDigest), on up to options.concurrency threads, for as long as `keyPending`
// says the key is not ready: scrypt takes a quarter of a second that the registry would
// otherwise sit idle. A job looked at gets its resolvedDigest or its resolveError (a moved tag,
// a refused token: the job reports it without asking again) and its deadline: the look-ahead is
// the job's first step, on the job's own time, so a silent registry costs it once. A job not
// reached resolves as usual.
void lookAheadDigests(oci::RegistryClient& client, std::vector<SigningJob>& jobs,
                      const BatchOptions& options, const std::function<bool()>& keyPending);

}  // namespace signet::pipeline
