#include "cosign/WitnessVerification.h"

#include "sigstore/LogEntryVerification.h"
#include "sigstore/TimestampAuthority.h"

namespace signet::cosign {
namespace {

std::string tlogProblem(const WitnessedSignature& witnessed,
                        const sigstore::SignedMaterial& material, const WitnessPolicy& policy) {
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
    return problem.empty() ? "" : "transparency-log entry: " + problem;
}

std::string timestampProblem(const WitnessedSignature& witnessed,
                             const sigstore::SignedMaterial& material,
                             const WitnessPolicy& policy) {
    if (witnessed.timestamp.empty())
        return policy.requireTimestamp ? "no RFC 3161 timestamp (--use-signed-timestamps)" : "";
    if (!policy.root || (!policy.requireTimestamp && policy.root->timestampAuthorities.empty()))
        return "";
    const std::string problem =
        sigstore::timestampProblem(witnessed.timestamp, material.signature, *policy.root);
    return problem.empty() ? "" : "RFC 3161 timestamp: " + problem;
}

}  // namespace

std::string witnessProblem(const WitnessedSignature& witnessed,
                           const sigstore::SignedMaterial& material, const WitnessPolicy& policy) {
    std::string problem = tlogProblem(witnessed, material, policy);
    return problem.empty() ? timestampProblem(witnessed, material, policy) : problem;
}

}  // namespace signet::cosign
