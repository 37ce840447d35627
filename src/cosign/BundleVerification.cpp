#include "cosign/BundleVerification.h"

#include <nlohmann/json.hpp>

#include "cosign/Dsse.h"
#include "cosign/InTotoStatement.h"
#include "cosign/SigningCertificate.h"
#include "cosign/SigstoreBundle.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "json/GoJson.h"

namespace signet::cosign {
namespace {

bool annotationsMatch(const nlohmann::json& subject, const VerificationPolicy& policy) {
    if (policy.annotations.empty()) return true;
    auto annotations = subject.find("annotations");
    if (annotations == subject.end() || !annotations->is_object()) return false;
    for (const auto& [key, value] : policy.annotations) {
        auto it = annotations->find(key);
        if (it == annotations->end() || !it->is_string() || *it != value) return false;
    }
    return true;
}

// The bundle's log entry and timestamp against policy.witnesses, for the envelope's signature
// that `key` verified (a dsse entry: payload hash, signature, verifier).
// `signer`: what the entry records (the key's PEM, or the keyless certificate's); with
// `certificate`, the witnesses must prove a signing time within its validity.
std::string witnessesProblem(const std::string& bundle, const DsseEnvelope& envelope,
                             const std::string& signature, const std::string& signer,
                             const WitnessPolicy& policy,
                             const crypto::Certificate* certificate = nullptr) {
    try {
        const sigstore::SignedMaterial material{sigstore::EntryKind::Dsse, signature, signer,
                                                crypto::sha256(envelope.payload), ""};
        std::vector<std::time_t> proven;
        std::string problem = witnessProblem(bundleWitnesses(nlohmann::json::parse(bundle)),
                                             material, policy, &proven);
        if (problem.empty() && certificate) problem = signingTimeProblem(proven, *certificate);
        return problem;
    } catch (const Error& e) {
        return e.what();
    }
}

// The keyless path: the bundle's certificate passes policy.keyless and its key verifies the
// envelope; else the reason.
std::string keylessProblem(const FoundBundle& found, const DsseEnvelope& envelope,
                           const VerificationPolicy& policy, CertifiedKey& certified,
                           std::optional<crypto::Certificate>& leaf,
                           const std::string*& signature) {
    try {
        const auto chain = bundleCertificateChain(nlohmann::json::parse(found.bundle));
        certified = certifiedKey(chain, *policy.keyless);
        if (!certified.key) return certified.problem;
        signature = verifyingSignature(envelope, *certified.key);
        if (!signature) return "the envelope's signature does not verify with its certificate";
        leaf = chain.front();
        return "";
    } catch (const Error& e) {
        return e.what();
    }
}

// Empty when accepted, else the reason; `statement` gets the decoded payload.
std::string check(const std::string& imageDigest, const FoundBundle& found,
                  const VerificationPolicy& policy, std::string& statement) {
    DsseEnvelope envelope;
    try {
        envelope = parseEnvelope(bundleEnvelope(found.bundle, "bundle"));
    } catch (const Error& e) {
        return e.what();
    }
    if (envelope.payloadType != kInTotoPayloadType)
        return "the envelope's payload type is " + envelope.payloadType + ", not in-toto";
    const crypto::Verifier* signedBy = nullptr;
    const std::string* signature = nullptr;
    for (const crypto::Verifier* key : policy.keys) {
        if (!signature && (signature = verifyingSignature(envelope, *key))) signedBy = key;
    }
    CertifiedKey certified;
    std::optional<crypto::Certificate> leaf;
    if (!signedBy && policy.keyless) {
        const std::string problem =
            keylessProblem(found, envelope, policy, certified, leaf, signature);
        if (!problem.empty()) return problem;
        signedBy = certified.key.get();
    }
    if (!signedBy) return "the envelope's signature does not verify with the key";
    auto parsed = nlohmann::json::parse(envelope.payload, nullptr, false);
    if (!parsed.is_object()) return "the statement is not a JSON object";
    const nlohmann::json* subject = subjectNaming(parsed, imageDigest);
    if (!subject) return "no statement subject names " + imageDigest;
    if (!annotationsMatch(*subject, policy)) return "annotations do not match";
    std::string problem =
        witnessesProblem(found.bundle, envelope, *signature,
                         leaf ? certified.certificatePem : signedBy->publicKeyPem(),
                         policy.witnesses, leaf ? &*leaf : nullptr);
    if (!problem.empty()) return problem;
    statement = std::move(envelope.payload);
    return "";
}

}  // namespace

BundleOutcome verifyBundles(const std::string& imageDigest, const std::vector<FoundBundle>& bundles,
                            const VerificationPolicy& policy) {
    BundleOutcome outcome;
    for (const auto& found : bundles) {
        std::string statement;
        std::string reason = check(imageDigest, found, policy, statement);
        if (reason.empty())
            outcome.statements.push_back(std::move(statement));
        else
            outcome.rejections.push_back(found.location + ": " + reason);
    }
    return outcome;
}

std::string bundleWitnessProblem(const std::string& bundle, const crypto::Verifier& key,
                                 const WitnessPolicy& policy) {
    try {
        const DsseEnvelope envelope = parseEnvelope(bundleEnvelope(bundle, "bundle"));
        const std::string* signature = verifyingSignature(envelope, key);
        if (!signature) return "the envelope's signature does not verify with the key";
        return witnessesProblem(bundle, envelope, *signature, key.publicKeyPem(), policy);
    } catch (const Error& e) {
        return e.what();
    }
}

std::string verificationOutput(const std::string& statement, const std::string& dockerReference,
                               const std::string& imageDigest) {
    const auto parsed = json::parseOrdered(statement, "statement");
    json::Ordered critical;
    critical["identity"] = json::Ordered{{"docker-reference", dockerReference}};
    critical["image"] = json::Ordered{{"docker-manifest-digest", imageDigest}};
    critical["type"] = parsed.value("predicateType", "");
    json::Ordered optional = json::Ordered::object();
    const auto& subjects = parsed["subject"];
    if (subjects.is_array() && !subjects.empty() && subjects[0].contains("annotations") &&
        subjects[0]["annotations"].is_object())
        optional = subjects[0]["annotations"];
    json::Ordered out;
    out["critical"] = critical;
    out["optional"] = optional;
    return json::goMarshal(out);
}

}  // namespace signet::cosign
