#include "pipeline/DigestLookahead.h"

#include "cosign/ImageSigner.h"
#include "error/Error.h"
#include "io/ParallelFor.h"
#include "net/Deadline.h"

namespace signet::pipeline {

void lookAheadDigests(oci::RegistryClient& client, std::vector<SigningJob>& jobs,
                      const BatchOptions& options, const std::function<bool()>& keyPending) {
    io::parallelFor(jobs.size(), options.concurrency, [&](std::size_t i) {
        SigningJob& job = jobs[i];
        if (job.child || job.resolvedDigest || job.resolveError || !keyPending()) return;
        // The job's time starts now: a registry that does not answer this HEAD has used it up.
        job.deadline = net::Deadline::after(options.timeout);
        auto bounded = client.within(*job.deadline);
        try {
            job.resolvedDigest = cosign::resolveDigest(*bounded, job.reference, options.sign);
        } catch (const Error& e) {
            job.resolveError = e;  // after the transport's retries: asking again would repeat them
        }
        job.lookaheadRetries = bounded->retries();
    });
}

}  // namespace signet::pipeline
