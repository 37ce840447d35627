#include "cosign/Attestor.h"

#include <nlohmann/json.hpp>

#include "cosign/AttachmentTag.h"
#include "cosign/BundleReferrers.h"
#include "cosign/Dsse.h"
#include "cosign/InTotoStatement.h"
#include "cosign/SigstoreBundle.h"
#include "cosign/WitnessedSignature.h"
#include "error/Error.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {

Attestation attest(SignatureStore& store, const crypto::Signer& signer, const oci::Repository& repo,
                   const std::string& digest, const Predicate& predicate) {
    std::string statement = makeStatement(repo, digest, predicate);
    std::string predicateType = predicateTypeFor(predicate.type);
    AttachmentLayer layer{
        oci::media_type::kDsseEnvelope,
        signEnvelope(signer, kInTotoPayloadType, statement),
        {{"dev.cosignproject.cosign/signature", ""}, {"predicateType", predicateType}}};
    Attestation result;
    result.target = store.settings().attachmentsFor(repo);
    result.tag = attachmentTag(digest, AttachmentKind::Attestation);
    result.stored = store.append(result.target, result.tag, layer, nullptr);
    result.location = result.stored.location;
    result.predicateType = predicateType;
    result.manifestDigest = result.stored.manifestDigest;
    result.layer = std::move(layer);
    return result;
}

Attestation attestBundle(oci::RegistryClient& client, SignatureStore& store,
                         const crypto::Signer& signer, const oci::Repository& repo,
                         const std::string& digest, const Predicate& predicate,
                         const sigstore::Witnesses& witnesses) {
    const std::string predicateType = predicateTypeFor(predicate.type);
    const std::string bundle =
        signBundle(signer, makeStatement(repo, digest, predicate), witnesses);
    StoredBundle stored = storeBundle(client, store, repo, digest, bundle, predicateType);
    Attestation result;
    const WitnessedSignature witnessed = bundleWitnesses(nlohmann::json::parse(bundle));
    if (witnessed.entry) result.logIndex = witnessed.entry->logIndex;
    result.target = repo;
    result.tag = digestTag(digest);
    result.stored = stored.index;
    result.location = stored.location;
    result.predicateType = predicateType;
    result.manifestDigest = stored.index.manifestDigest;
    result.referrer = stored.referrer;
    return result;
}

AttestationCheck verifyAttestations(const std::vector<StoredLayer>& layers,
                                    const crypto::Verifier& key, const std::string& imageDigest,
                                    const std::string& type) {
    const std::string wanted = predicateTypeFor(type);
    AttestationCheck check;
    for (const auto& layer : layers) {
        if (layer.descriptor.mediaType != oci::media_type::kDsseEnvelope) {
            check.rejections.push_back("not a DSSE envelope (" + layer.descriptor.mediaType + ")");
            continue;
        }
        DsseEnvelope envelope;
        try {
            envelope = parseEnvelope(layer.payload);
        } catch (const Error& e) {
            check.rejections.push_back(e.what());
            continue;
        }
        if (!verifyEnvelope(envelope, key)) {
            check.rejections.push_back("envelope signature does not verify with the key");
            continue;
        }
        nlohmann::json statement = nlohmann::json::parse(envelope.payload, nullptr, false);
        if (statement.is_discarded() || !statement.is_object()) {
            check.rejections.push_back("statement is not a JSON object");
            continue;
        }
        if (!subjectNaming(statement, imageDigest)) {
            check.rejections.push_back("no subject names " + imageDigest);
            continue;
        }
        std::string found = statement.value("predicateType", "");
        check.foundTypes.push_back(found);
        if (found != wanted) {
            check.rejections.push_back("predicate type " + found + " is not " + wanted);
            continue;
        }
        check.accepted.push_back({layer.payload, envelope.payload});
    }
    return check;
}

}  // namespace signet::cosign
