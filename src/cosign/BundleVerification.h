// BundleVerification: cosign v3 verify's checks over the Sigstore bundles of an image digest.
#pragma once

#include <string>
#include <vector>

#include "cosign/BundleReferrers.h"
#include "cosign/SignatureVerification.h"

namespace signet::cosign {

struct BundleOutcome {
    std::vector<std::string> statements;  // the in-toto statement of each accepted bundle
    std::vector<std::string> rejections;  // "<location>: <reason>" for each other bundle
};

// Each bundle must be v0.3 or later with a DSSE envelope of payload type application/vnd.in-toto
// +json that verifies with one of policy.keys, and its statement a subject whose sha256 is
// `imageDigest` with every policy annotation among that subject's annotations. The predicate
// type is not checked (cosign does not: verify-attestation does). Its transparency-log entry and
// timestamp must satisfy policy.witnesses.
BundleOutcome verifyBundles(const std::string& imageDigest, const std::vector<FoundBundle>& bundles,
                            const VerificationPolicy& policy);

// Empty when `bundle`'s log entry and timestamp satisfy `policy` for the envelope signature
// `key` verifies, else the reason (also when no signature verifies with it, or the bundle has
// no DSSE envelope).
std::string bundleWitnessProblem(const std::string& bundle, const crypto::Verifier& key,
                                 const WitnessPolicy& policy);

// What cosign v3 verify prints for an accepted bundle: its statement recast as a simple-signing
// payload — {"critical":{"identity":{"docker-reference":…},"image":{"docker-manifest-digest":…},
// "type":<predicateType>},"optional":<the subject's annotations, or {}>}.
std::string verificationOutput(const std::string& statement, const std::string& dockerReference,
                               const std::string& imageDigest);

}  // namespace signet::cosign
