#include "cosign/SignatureVerification.h"

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"

namespace signet::cosign {
namespace {

const char* kSignatureAnnotation = "dev.cosignproject.cosign/signature";

// The key of `policy` the candidate's signature verifies with (its raw bytes in `signature`),
// or null.
const crypto::Verifier* signingKey(const SignatureCandidate& candidate,
                                   const VerificationPolicy& policy, std::string& signature) {
    auto annotation = candidate.annotations.find(kSignatureAnnotation);
    if (annotation == candidate.annotations.end()) return nullptr;
    auto decoded = crypto::base64Decode(annotation->second);
    if (!decoded || decoded->empty()) return nullptr;
    signature = *decoded;
    for (const crypto::Verifier* key : policy.keys) {
        if (key->verify(candidate.payload, signature)) return key;
    }
    return nullptr;
}

std::string witnessesProblem(const SignatureCandidate& candidate, const std::string& signature,
                             const crypto::Verifier& key, const VerificationPolicy& policy) {
    try {
        const sigstore::SignedMaterial material{sigstore::EntryKind::HashedRekord, signature,
                                                key.publicKeyPem(),
                                                crypto::sha256(candidate.payload), ""};
        return witnessProblem(legacyWitnesses(candidate.annotations), material, policy.witnesses);
    } catch (const Error& e) {
        return e.what();
    }
}

bool identityMatches(const std::string& signed_, const VerificationPolicy& policy) {
    if (policy.identity == IdentityMatch::Ignore) return true;
    try {
        oci::Reference claimed = oci::Reference::parse(signed_);
        oci::Reference expected = oci::Reference::parse(policy.expectedIdentity);
        if (claimed.repository != expected.repository) return false;
        if (policy.identity == IdentityMatch::Repository) return true;
        // matchExact: a name-only claim never matches, tags must be equal.
        return claimed.hasTag() && claimed.tag == expected.tag && !claimed.hasDigest();
    } catch (const Error&) {
        return false;
    }
}

bool annotationsMatch(const SimpleSigningPayload& payload, const VerificationPolicy& policy) {
    for (const auto& [key, value] : policy.annotations) {
        if (!payload.optional.is_object()) return false;
        auto it = payload.optional.find(key);
        if (it == payload.optional.end() || !it->is_string() || *it != value) return false;
    }
    return true;
}

// Empty string when accepted, else the reason.
std::string check(const std::string& imageDigest, const SignatureCandidate& candidate,
                  const VerificationPolicy& policy, SimpleSigningPayload& parsed) {
    if (candidate.mediaType != oci::media_type::kCosignSimpleSigning) {
        return "not a signature (media type " + candidate.mediaType + ")";
    }
    std::string signature;
    const crypto::Verifier* key = signingKey(candidate, policy, signature);
    if (!key) return "signature does not verify with the key";
    try {
        parsed = policy.strictPayload ? parsePayloadStrict(candidate.payload)
                                      : parsePayload(candidate.payload);
    } catch (const Error& e) {
        return e.what();
    }
    if (parsed.manifestDigest != imageDigest) {
        return "signed digest " + parsed.manifestDigest + " is not the image digest " + imageDigest;
    }
    if (!annotationsMatch(parsed, policy)) return "annotations do not match";
    if (!identityMatches(parsed.dockerReference, policy)) {
        return "identity " + parsed.dockerReference + " does not match " + policy.expectedIdentity;
    }
    return witnessesProblem(candidate, signature, *key, policy);
}

}  // namespace

VerificationOutcome verifySignatures(const std::string& imageDigest,
                                     const std::vector<SignatureCandidate>& candidates,
                                     const VerificationPolicy& policy) {
    VerificationOutcome outcome;
    for (const auto& candidate : candidates) {
        SimpleSigningPayload parsed;
        std::string reason = check(imageDigest, candidate, policy, parsed);
        if (reason.empty()) {
            outcome.accepted.push_back(std::move(parsed));
        } else {
            outcome.rejections.push_back(std::move(reason));
        }
    }
    return outcome;
}

}  // namespace signet::cosign
