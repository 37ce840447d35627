#include "pipeline/BatchRunner.h"

#include "error/Error.h"
#include "io/ParallelFor.h"
#include "net/Deadline.h"
#include "pipeline/JobPlanner.h"

namespace signet::pipeline {

BatchRunner::Signed BatchRunner::signOne(const SigningJob& job, const BatchOptions& options,
                                         cosign::ImageSigner& signer, LostRaceCheck& check) {
    Signed out;
    RefResult& result = out.result;
    result.ref = job.requested;
    result.reference = job.reference;
    result.platform = job.platform;
    result.identity = cosign::identityFor(job.reference, options.sign);
    try {
        if (job.resolveError) throw *job.resolveError;
        cosign::SignedImage signed_ =
            job.child ? signer.signDigest(job.reference.repository, job.reference.digest,
                                          result.identity, options.sign.annotations)
                      : signer.sign(job.reference, options.sign, job.resolvedDigest);
        result.digest = signed_.digest;
        result.location = signed_.location;
        result.skippedExisting = signed_.alreadySigned;
        result.notes = signed_.notes;
        result.identity = signed_.identity;  // the digest, for a bundle
        result.logIndex = signed_.logIndex;
        result.timestamped = signed_.timestamped;
        if (signed_.writes > 0) out.written = check.add(writtenLayer(signed_));
    } catch (const Error& e) {
        result.digest = job.reference.digest;
        result.failure = RefFailure{e.kind(), e.what()};
    }
    return out;
}

std::vector<BatchRunner::Signed> BatchRunner::runJob(const SigningJob& job,
                                                     const BatchOptions& options,
                                                     LostRaceCheck& check) {
    const net::Deadline deadline = job.deadline.value_or(net::Deadline::after(options.timeout));
    auto client = client_.within(deadline);
    cosign::SignatureStore store = store_.through(*client);
    std::atomic<int> serviceRetries{0};
    cosign::ImageSigner signer(
        *client, store, signer_, options.format,
        services_ ? services_->within(deadline, &serviceRetries) : sigstore::Witnesses{});
    // Retries are counted per job; entries waiting for the LostRaceCheck are logged after it.
    auto finish = [&](std::vector<Signed> done) {
        for (auto& entry : done) entry.result.attempts = 1;
        done.front().result.attempts +=
            static_cast<unsigned>(client->retries() + serviceRetries + job.lookaheadRetries);
        for (const auto& entry : done) {
            if (!entry.written) logger_.refResult(entry.result);
        }
        return done;
    };
    std::vector<Signed> results{signOne(job, options, signer, check)};
    if (!options.recursive || !results.back().result.ok()) return finish(std::move(results));
    try {
        for (const auto& child : childJobs(*client, job, results.back().result.digest)) {
            results.push_back(signOne(child, options, signer, check));
        }
    } catch (const Error& e) {
        results.front().result.failure =
            RefFailure{e.kind(), "signing the index's children: " + std::string(e.what())};
        results.front().written.reset();
    }
    return finish(std::move(results));
}

std::vector<RefResult> BatchRunner::run(const std::vector<SigningJob>& jobs,
                                        const BatchOptions& options) {
    LostRaceCheck check(client_, store_,
                        {store_.settings().settle, options.timeout, options.concurrency});
    std::vector<std::vector<Signed>> perJob(jobs.size());
    io::parallelFor(jobs.size(), options.concurrency,
                    [&](std::size_t i) { perJob[i] = runJob(jobs[i], options, check); });
    std::vector<LostRaceOutcome> outcomes = check.confirm();
    std::vector<RefResult> results;
    for (auto& group : perJob) {
        for (auto& entry : group) {
            if (entry.written) {
                const LostRaceOutcome& outcome = outcomes[*entry.written];
                if (outcome.failure) {
                    entry.result.failure =
                        RefFailure{outcome.failure->kind(), outcome.failure->what()};
                }
                logger_.refResult(entry.result);
            }
            results.push_back(std::move(entry.result));
        }
    }
    return results;
}

}  // namespace signet::pipeline
