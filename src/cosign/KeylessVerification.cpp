#include "cosign/KeylessVerification.h"

#include "error/Error.h"
#include "sigstore/CertificateTrust.h"

namespace signet::cosign {
namespace {

std::string utc(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace

CertifiedKey certifiedKey(const std::vector<crypto::Certificate>& chain,
                          const KeylessPolicy& policy) {
    CertifiedKey out;
    if (chain.empty()) {
        out.problem = "the signature carries no certificate (keyless verification)";
        return out;
    }
    if (!policy.root) {
        out.problem = "a keyless signature needs a trusted root (--trusted-root)";
        return out;
    }
    const crypto::Certificate& leaf = chain.front();
    const std::vector<crypto::Certificate> intermediates(chain.begin() + 1, chain.end());
    out.problem =
        sigstore::certificateProblem(leaf, intermediates, *policy.root, !policy.ignoreSct);
    if (out.problem.empty())
        out.problem = sigstore::identityProblem(sigstore::identityOf(leaf), policy.identity);
    if (!out.problem.empty()) return out;
    try {
        out.key = std::make_unique<crypto::KeyVerifier>(leaf.publicKey());
        out.certificatePem = leaf.pem();
    } catch (const Error& e) {
        out.problem = e.what();
    }
    return out;
}

std::string signingTimeProblem(const std::vector<std::time_t>& proven,
                               const crypto::Certificate& leaf) {
    if (proven.empty())
        return "nothing proves when the keyless signature was made: it needs a verified "
               "transparency-log entry or RFC 3161 timestamp";
    for (std::time_t when : proven) {
        if (!leaf.validAt(when))
            return "signed at " + utc(when) + ", outside the certificate's validity (" +
                   utc(leaf.notBefore()) + " to " + utc(leaf.notAfter()) + ")";
    }
    return "";
}

}  // namespace signet::cosign
