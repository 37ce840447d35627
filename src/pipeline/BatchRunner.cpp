#include "pipeline/BatchRunner.h"

#include <atomic>
#include <thread>

#include "error/Error.h"
#include "pipeline/JobPlanner.h"

namespace signet::pipeline {
namespace {

using Clock = std::chrono::steady_clock;

// The job running on this worker thread: its retry count and deadline.
thread_local unsigned currentRetries = 0;
thread_local Clock::time_point currentDeadline = Clock::time_point::max();
thread_local std::chrono::seconds currentTimeout{0};

Error timedOut() {
    return Error(ErrorKind::Network, "gave up after " + std::to_string(currentTimeout.count()) +
                                         "s (SIGNET_TIMEOUT) while the registry kept failing");
}

}  // namespace

void BatchRunner::onRetry(const std::string&) {
    ++currentRetries;
    if (Clock::now() > currentDeadline) throw timedOut();
}

RefResult BatchRunner::signOne(const SigningJob& job, const BatchOptions& options) {
    RefResult result;
    result.ref = job.requested;
    result.platform = job.platform;
    result.identity = cosign::identityFor(job.reference, options.sign.identity);
    currentRetries = 0;
    try {
        cosign::SignedImage signed_ =
            job.child ? signer_.signDigest(job.reference.repository, job.reference.digest,
                                           result.identity, options.sign.annotations)
                      : signer_.sign(job.reference, options.sign);
        result.digest = signed_.digest;
        result.location = signed_.location;
        result.skippedExisting = signed_.alreadySigned;
    } catch (const Error& e) {
        result.digest = job.reference.digest;
        result.failure = RefFailure{e.kind(), e.what()};
    }
    result.attempts = 1 + currentRetries;
    return result;
}

std::vector<RefResult> BatchRunner::runJob(const SigningJob& job, const BatchOptions& options) {
    currentTimeout = options.timeout;
    currentDeadline = Clock::now() + options.timeout;
    std::vector<RefResult> results{signOne(job, options)};
    logger_.refResult(results.back());
    if (!options.recursive || !results.back().ok()) return results;
    try {
        for (const auto& child : childJobs(client_, job, results.back().digest)) {
            if (Clock::now() > currentDeadline) throw timedOut();
            results.push_back(signOne(child, options));
            logger_.refResult(results.back());
        }
    } catch (const Error& e) {
        results.front().failure =
            RefFailure{e.kind(), "signing the index's children: " + std::string(e.what())};
        logger_.refResult(results.front());
    }
    currentDeadline = Clock::time_point::max();
    return results;
}

std::vector<RefResult> BatchRunner::run(const std::vector<SigningJob>& jobs,
                                        const BatchOptions& options) {
    std::vector<std::vector<RefResult>> perJob(jobs.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < jobs.size(); i = next++) {
            perJob[i] = runJob(jobs[i], options);
        }
    };
    unsigned threads =
        std::max(1u, std::min<unsigned>(options.concurrency, static_cast<unsigned>(jobs.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& thread : pool) thread.join();
    std::vector<RefResult> results;
    for (auto& group : perJob) {
        for (auto& result : group) results.push_back(std::move(result));
    }
    return results;
}

}  // namespace signet::pipeline
