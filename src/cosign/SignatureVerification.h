// SignatureVerification: cosign's (and containers/image's) checks over an image's signature layers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cosign/KeylessVerification.h"
#include "cosign/SimpleSigningPayload.h"
#include "cosign/WitnessVerification.h"
#include "crypto/Verifier.h"

namespace signet::cosign {

// One signature as found in a .sig layer (or a containers/image signature file).
struct SignatureCandidate {
    std::string mediaType;
    std::string payload;
    std::map<std::string, std::string> annotations;
};

// How the payload's docker-reference must relate to the image being verified.
enum class IdentityMatch {
    Ignore,      // cosign: never checks the docker-reference
    Repository,  // containers/image matchRepository: same repository after normalisation
    Exact,       // containers/image matchExact: same repository and tag
};

struct VerificationPolicy {
    std::vector<const crypto::Verifier*> keys;       // any one may match
    std::map<std::string, std::string> annotations;  // each must equal optional[key]
    bool strictPayload = false;                      // containers/image's strict parser
    IdentityMatch identity = IdentityMatch::Ignore;
    std::string expectedIdentity;  // "registry/repo[:tag]" for the match
    WitnessPolicy witnesses;       // transparency log and timestamps
    // Keyless (cosign verify --certificate-identity …): a signature that carries a certificate
    // verifies with the certificate's key when it passes these; unset: only `keys` count.
    std::optional<KeylessPolicy> keyless;
};

struct VerificationOutcome {
    std::vector<SimpleSigningPayload> accepted;  // every signature that passed, in layer order
    std::vector<std::string> rejections;         // one reason per rejected layer
};

// Checks each candidate: simple-signing media type, signature annotation present and valid
// base64, signature over the payload bytes with one of the keys, payload parses, its
// docker-manifest-digest equals `imageDigest`, annotations and identity match, and its
// dev.sigstore.cosign/bundle and /rfc3161timestamp annotations satisfy policy.witnesses. With
// policy.keyless, a layer's dev.sigstore.cosign/certificate (and /chain) may stand for the key:
// then the certificate must pass KeylessVerification and be valid when the witnesses say it
// signed.
VerificationOutcome verifySignatures(const std::string& imageDigest,
                                     const std::vector<SignatureCandidate>& candidates,
                                     const VerificationPolicy& policy);

}  // namespace signet::cosign
