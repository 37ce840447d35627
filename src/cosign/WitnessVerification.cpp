#include "cosign/WitnessVerification.h"

#include "sigstore/LogEntryVerification.h"
#include "sigstore/TimestampAuthority.h"

namespace signet::cosign {
namespace {

std::string tlogProblem(const WitnessedSignature& witnessed,
                        const sigstore::SignedMaterial& material, const WitnessPolicy& policy,
                        std::vector<std::time_t>* proven) {
    if (policy.ignoreTlog) return "";
    if (!witnessed.entry) {
        return policy.requireTlog ? "no transparency-log entry (to accept signatures without "
                                    "one, use --insecure-ignore-tlog)"
                                  : "";
    }
    // Without a root the log's signature cannot be checked, but an entry about another
    // signature is still a lie about this one.
    const std::string problem =
        policy.root ? sigstore::logEntryProblem(*witnessed.entry, *policy.root, material)
                    : sigstore::bodyMismatch(witnessed.entry->body, material);
    if (problem.empty() && policy.root && proven)
        proven->push_back(static_cast<std::time_t>(witnessed.entry->integratedTime));
    return problem.empty() ? "" : "transparency-log entry: " + problem;
}

std::string timestampProblem(const WitnessedSignature& witnessed,
                             const sigstore::SignedMaterial& material, const WitnessPolicy& policy,
                             std::vector<std::time_t>* proven) {
    if (witnessed.timestamp.empty())
        return policy.requireTimestamp ? "no RFC 3161 timestamp (--use-signed-timestamps)" : "";
    if (!policy.root || (!policy.requireTimestamp && policy.root->timestampAuthorities.empty()))
        return "";
    std::time_t when = 0;
    const std::string problem =
        sigstore::timestampProblem(witnessed.timestamp, material.signature, *policy.root, &when);
    if (problem.empty() && proven) proven->push_back(when);
    return problem.empty() ? "" : "RFC 3161 timestamp: " + problem;
}

}  // namespace

std::string witnessProblem(const WitnessedSignature& witnessed,
                           const sigstore::SignedMaterial& material, const WitnessPolicy& policy,
                           std::vector<std::time_t>* proven) {
    std::string problem = tlogProblem(witnessed, material, policy, proven);
    return problem.empty() ? timestampProblem(witnessed, material, policy, proven) : problem;
}

}  // namespace signet::cosign
