#include "cosign/SigstoreBundle.h"

#include "cosign/Dsse.h"
#include "cosign/SigningCertificate.h"
#include "cosign/WitnessedSignature.h"
#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "error/Error.h"
#include "json/GoJson.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {
namespace {

// The empty JSON object's descriptor (OCI image-spec "empty descriptor").
oci::Descriptor emptyConfig() {
    oci::Descriptor config;
    config.mediaType = oci::media_type::kOciEmpty;
    config.digest = crypto::sha256Digest("{}");
    config.size = 2;
    return config;
}

}  // namespace

std::string publicKeyHint(const crypto::Verifier& verifier) {
    auto block = crypto::decodeFirstPem(verifier.publicKeyPem());
    if (!block) throw Error(ErrorKind::Key, "the signing key's public key is not PEM");
    return crypto::base64Encode(crypto::sha256(block->bytes.view()));
}

std::string imageSignatureStatement(const std::string& digest,
                                    const std::map<std::string, std::string>& annotations) {
    const auto colon = digest.find(':');
    if (colon == std::string::npos) throw Error(ErrorKind::Internal, "not a digest: " + digest);
    json::Ordered subject;
    subject["digest"] = json::Ordered{{digest.substr(0, colon), digest.substr(colon + 1)}};
    if (!annotations.empty()) {
        json::Ordered pairs = json::Ordered::object();
        for (const auto& [key, value] : annotations) pairs[key] = value;
        subject["annotations"] = pairs;
    }
    json::Ordered statement;
    statement["_type"] = kInTotoStatementV1;
    statement["subject"] = json::Ordered::array({subject});
    statement["predicateType"] = kCosignSignPredicateType;
    statement["predicate"] = json::Ordered::object();
    return json::goMarshal(statement);
}

std::string signBundle(const crypto::Signer& signer, const std::string& statement,
                       const sigstore::Witnesses& witnesses) {
    const std::string signature = signer.sign(preAuthEncoding(kInTotoPayloadType, statement));
    json::Ordered envelope;
    envelope["payload"] = crypto::base64Encode(statement);
    envelope["payloadType"] = kInTotoPayloadType;
    envelope["signatures"] =
        json::Ordered::array({json::Ordered{{"sig", crypto::base64Encode(signature)}}});
    const auto chain = signer.certificateChain();
    json::Ordered material;
    if (chain.empty())
        material["publicKey"] = json::Ordered{{"hint", publicKeyHint(*signer.verifier())}};
    else
        addBundleCertificate(chain.front(), material);
    if (witnesses.any()) {
        const sigstore::SignedMaterial signed_{sigstore::EntryKind::Dsse, signature,
                                               signer.verificationPem(), crypto::sha256(statement),
                                               json::goMarshal(envelope)};
        addBundleMaterial(witness(witnesses, signed_), material);
    }
    json::Ordered bundle;
    bundle["mediaType"] = kBundleMediaType;
    bundle["verificationMaterial"] = material;
    bundle["dsseEnvelope"] = envelope;
    return json::goMarshal(bundle);
}

std::string bundleReferrerManifest(const std::string& bundle, const oci::Descriptor& subject,
                                   const std::string& predicateType, const std::string& created) {
    oci::ImageManifest manifest;
    manifest.mediaType = oci::media_type::kOciManifest;
    manifest.artifactType = kBundleMediaType;
    manifest.config = emptyConfig();
    manifest.config.artifactType = kBundleMediaType;  // cosign writes it there too
    oci::Descriptor layer;
    layer.mediaType = kBundleMediaType;
    layer.digest = crypto::sha256Digest(bundle);
    layer.size = static_cast<std::int64_t>(bundle.size());
    manifest.layers = {layer};
    manifest.subject = subject;
    manifest.annotations = {{"dev.sigstore.bundle.content", "dsse-envelope"},
                            {"dev.sigstore.bundle.predicateType", predicateType},
                            {"org.opencontainers.image.created", created}};
    return oci::marshalManifest(manifest);
}

std::string bundleEnvelope(const std::string& bundle, const std::string& what) {
    auto parsed = nlohmann::json::parse(bundle, nullptr, false);
    if (!parsed.is_object())
        throw Error(ErrorKind::Verify, what + ": the bundle is not a JSON object");
    const std::string mediaType = parsed.value("mediaType", "");
    // v0.1 and v0.2 name their version as a parameter; v0.3 on put it in the subtype.
    const std::string prefix = "application/vnd.dev.sigstore.bundle.v";
    if (mediaType.rfind(prefix, 0) != 0 || mediaType.compare(prefix.size(), 3, "0.1") == 0 ||
        mediaType.compare(prefix.size(), 3, "0.2") == 0) {
        throw Error(
            ErrorKind::Verify,
            what + ": not a Sigstore bundle v0.3 or later (media type \"" + mediaType + "\")");
    }
    auto envelope = parsed.find("dsseEnvelope");
    if (envelope == parsed.end() || !envelope->is_object())
        throw Error(ErrorKind::Verify, what + ": bundle does not contain a DSSE envelope");
    return json::goMarshal(*envelope);
}

}  // namespace signet::cosign
