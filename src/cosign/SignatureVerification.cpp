#include "cosign/SignatureVerification.h"

#include "cosign/SigningCertificate.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "oci/MediaTypes.h"
#include "oci/Reference.h"

namespace signet::cosign {
namespace {

const char* kSignatureAnnotation = "dev.cosignproject.cosign/signature";

// Who a candidate's signature verified with: one of policy.keys, or (keyless) its
// certificate's key; `signer` is what a log entry records for it (key or certificate PEM).
struct SigningKey {
    const crypto::Verifier* key = nullptr;
    std::string signer;
    std::optional<crypto::Certificate> certificate;  // keyless
    CertifiedKey certified;                          // keyless: owns the key
    std::string problem;
};

SigningKey signingKey(const SignatureCandidate& candidate, const VerificationPolicy& policy,
                      std::string& signature) {
    SigningKey found;
    found.problem = "signature does not verify with the key";
    auto annotation = candidate.annotations.find(kSignatureAnnotation);
    if (annotation == candidate.annotations.end()) return found;
    auto decoded = crypto::base64Decode(annotation->second);
    if (!decoded || decoded->empty()) return found;
    signature = *decoded;
    for (const crypto::Verifier* key : policy.keys) {
        if (key->verify(candidate.payload, signature)) {
            found.key = key;
            found.signer = key->publicKeyPem();
            return found;
        }
    }
    if (!policy.keyless) return found;
    try {
        const auto chain = legacyCertificateChain(candidate.annotations);
        found.certified = certifiedKey(chain, *policy.keyless);
        if (!found.certified.key) {
            found.problem = found.certified.problem;
            return found;
        }
        if (!found.certified.key->verify(candidate.payload, signature)) {
            found.problem = "signature does not verify with its certificate's key";
            return found;
        }
        found.certificate = chain.front();
    } catch (const Error& e) {
        found.problem = e.what();
        return found;
    }
    found.key = found.certified.key.get();
    found.signer = found.certified.certificatePem;
    return found;
}

std::string witnessesProblem(const SignatureCandidate& candidate, const std::string& signature,
                             const SigningKey& key, const VerificationPolicy& policy) {
    try {
        const sigstore::SignedMaterial material{sigstore::EntryKind::HashedRekord, signature,
                                                key.signer, crypto::sha256(candidate.payload), ""};
        std::vector<std::time_t> proven;
        std::string problem = witnessProblem(legacyWitnesses(candidate.annotations), material,
                                             policy.witnesses, &proven);
        if (problem.empty() && key.certificate)
            problem = signingTimeProblem(proven, *key.certificate);
        return problem;
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
    const SigningKey key = signingKey(candidate, policy, signature);
    if (!key.key) return key.problem;
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
    return witnessesProblem(candidate, signature, key, policy);
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
