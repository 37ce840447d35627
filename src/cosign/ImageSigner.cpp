#include "cosign/ImageSigner.h"

#include "cosign/AttachmentTag.h"
#include "cosign/BundleReferrers.h"
#include "cosign/Dsse.h"
#include "cosign/SigningCertificate.h"
#include "cosign/SigstoreBundle.h"
#include "cosign/SimpleSigningPayload.h"
#include "cosign/WitnessedSignature.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {
namespace {

constexpr const char* kBundlesAlsoThere =
    "this digest also has Sigstore bundle signatures: cosign v3 verify reads only those";
constexpr const char* kSigAlsoThere =
    "this digest also has signatures in its .sig tag: cosign v3 verify reads only the bundles, "
    "cosign v2 only the .sig tag";

// True when `witnessed` has what `witnesses` would add to a new signature.
bool hasWhatIsAsked(const WitnessedSignature& witnessed, const sigstore::Witnesses& witnesses) {
    return (!witnesses.log || witnessed.entry) &&
           (!witnesses.timestamps || !witnessed.timestamp.empty());
}

// Notes the log index and timestamp of what `result` stands for.
void describe(SignedImage& result, const WitnessedSignature& witnessed) {
    if (witnessed.entry) result.logIndex = witnessed.entry->logIndex;
    result.timestamped = !witnessed.timestamp.empty();
}

// What `bundle` says when its envelope carries exactly `statement` and verifies with `key`.
std::optional<WitnessedSignature> signedBy(const std::string& bundle, const std::string& statement,
                                           const crypto::Verifier& key) {
    try {
        DsseEnvelope envelope = parseEnvelope(bundleEnvelope(bundle, "bundle"));
        if (envelope.payloadType != kInTotoPayloadType || envelope.payload != statement ||
            !verifyEnvelope(envelope, key))
            return std::nullopt;
        return bundleWitnesses(nlohmann::json::parse(bundle));
    } catch (const Error&) {
        return std::nullopt;
    }
}

// What the layer among `layers` with `payload`, signed by `key`, says — the first one with
// what `witnesses` would add — or nullopt.
std::optional<WitnessedSignature> witnessedLayer(const std::vector<StoredLayer>& layers,
                                                 const std::string& payload,
                                                 const crypto::Verifier& key,
                                                 const sigstore::Witnesses& witnesses) {
    for (const auto& layer : layers) {
        const auto& annotations = layer.descriptor.annotations;
        const auto signature = annotations.find("dev.cosignproject.cosign/signature");
        if (layer.descriptor.mediaType != oci::media_type::kCosignSimpleSigning ||
            layer.payload != payload || signature == annotations.end())
            continue;
        const auto raw = crypto::base64Decode(signature->second);
        if (!raw || !key.verify(payload, *raw)) continue;
        try {
            WitnessedSignature witnessed = legacyWitnesses(annotations);
            if (hasWhatIsAsked(witnessed, witnesses)) return witnessed;
        } catch (const Error&) {
            // Unreadable annotations: not a signature that has what is asked.
        }
    }
    return std::nullopt;
}

}  // namespace

Error tagOnlyRefused(const oci::Reference& ref) {
    return Error(ErrorKind::Usage,
                 "refusing to sign a tag without a digest (tags can move): give " + ref.str() +
                     "@sha256:<digest>, or allow it with " +
                     spellSetting("allow_tag_only", "true"));
}

std::string identityFor(const oci::Reference& ref, IdentityMode mode) {
    if (mode == IdentityMode::Tag && ref.hasTag()) return ref.tagName();
    return ref.repository.name();
}

std::string identityFor(const oci::Reference& ref, const SignOptions& options) {
    return options.containerIdentity.value_or(identityFor(ref, options.identity));
}

ImageSigner::ImageSigner(oci::RegistryClient& client, SignatureStore& store,
                         const crypto::Signer& signer, SignatureFormat format,
                         sigstore::Witnesses witnesses)
    : client_(client),
      store_(store),
      signer_(signer),
      verifier_(signer.verifier()),
      format_(format),
      witnesses_(witnesses) {}

std::string resolveDigest(oci::RegistryClient& client, const oci::Reference& ref,
                          const SignOptions& options) {
    if (!ref.hasDigest()) {
        if (!options.allowTagOnly) throw tagOnlyRefused(ref);
        auto head = client.headManifest(ref.repository, ref.hasTag() ? ref.tag : "latest");
        if (!head) throw Error(ErrorKind::NotFound, "image " + ref.name() + " not found");
        return head->digest;
    }
    if (ref.hasTag() && options.verifyTags) {
        auto head = client.headManifest(ref.repository, ref.tag);
        if (!head) {
            throw Error(ErrorKind::TagMoved, "tag " + ref.tagName() +
                                                 " does not exist (expected it at " + ref.digest +
                                                 "); push it, or skip the check with " +
                                                 spellSetting("verify_tags", "false"));
        }
        if (head->digest != ref.digest) {
            throw Error(ErrorKind::TagMoved, "tag " + ref.tagName() + " now points at " +
                                                 head->digest + ", not " + ref.digest +
                                                 "; to sign anyway, skip the check with " +
                                                 spellSetting("verify_tags", "false"));
        }
        return ref.digest;
    }
    if (!client.headManifest(ref.repository, ref.digest)) {
        throw Error(ErrorKind::NotFound, "image " + ref.digestName() + " not found");
    }
    return ref.digest;
}

SignedImage ImageSigner::sign(const oci::Reference& ref, const SignOptions& options,
                              const std::optional<std::string>& resolved) {
    std::string digest = resolved ? *resolved : resolveDigest(client_, ref, options);
    SignedImage signed_ =
        signDigest(ref.repository, digest, identityFor(ref, options), options.annotations);
    signed_.resolvedFromTag = !ref.hasDigest();
    return signed_;
}

SignedImage ImageSigner::signDigest(const oci::Repository& repo, const std::string& digest,
                                    const std::string& identity,
                                    const std::map<std::string, std::string>& annotations) {
    SignedImage result = format_ == SignatureFormat::Legacy
                             ? signLegacy(repo, digest, identity, annotations)
                             : signBundle(repo, digest, annotations);
    result.format = format_;
    result.digest = digest;
    result.identity = format_ == SignatureFormat::Legacy ? identity : digest;
    result.location = result.stored.location;
    result.alreadySigned = result.stored.alreadyPresent;
    result.writes = result.stored.writes;
    return result;
}

SignedImage ImageSigner::signLegacy(const oci::Repository& repo, const std::string& digest,
                                    const std::string& identity,
                                    const std::map<std::string, std::string>& annotations) {
    std::string payload = marshalPayload(identity, digest, annotations);
    SignedImage result;
    result.target = store_.settings().attachmentsFor(repo);
    result.tag = attachmentTag(digest, AttachmentKind::Signature);
    if (witnesses_.any()) {
        // Looked up first: a signature that is already there and logged is not logged again.
        auto found = witnessedLayer(store_.readLayers(result.target, result.tag), payload,
                                    *verifier_, witnesses_);
        if (found) {
            result.stored.location = attachmentLocation(result.target, result.tag);
            result.stored.alreadyPresent = true;
            describe(result, *found);
            return result;
        }
    }
    const std::string signature = signer_.sign(payload);
    AttachmentLayer layer{
        oci::media_type::kCosignSimpleSigning,
        payload,
        {{"dev.cosignproject.cosign/signature", crypto::base64Encode(signature)}}};
    addCertificateAnnotations(signer_.certificateChain(), layer.annotations);
    if (witnesses_.any()) {
        const WitnessedSignature witnessed =
            witness(witnesses_, {sigstore::EntryKind::HashedRekord, signature,
                                 signer_.verificationPem(), crypto::sha256(payload), ""});
        addLegacyAnnotations(witnessed, layer.annotations);
        describe(result, witnessed);
    }
    // A witnessed layer is new by construction (its entry is): only the very same layer dedupes.
    result.stored = store_.append(result.target, result.tag, layer,
                                  witnesses_.any() ? nullptr : verifier_.get());
    result.layer = std::move(layer);
    try {
        if (listsBundles(client_, repo, digest)) result.notes.push_back(kBundlesAlsoThere);
    } catch (const Error&) {
        // Only a note: a registry that cannot list referrers has no bundles to mention.
    }
    return result;
}

SignedImage ImageSigner::signBundle(const oci::Repository& repo, const std::string& digest,
                                    const std::map<std::string, std::string>& annotations) {
    const std::string statement = imageSignatureStatement(digest, annotations);
    SignedImage result;
    result.target = repo;
    result.tag = digestTag(digest);
    const BundleLookup existing = findBundles(client_, repo, digest);
    for (const auto& found : existing.bundles) {
        if (found.predicateType != kCosignSignPredicateType) continue;
        auto witnessed = signedBy(found.bundle, statement, *verifier_);
        if (witnessed && hasWhatIsAsked(*witnessed, witnesses_)) {
            result.stored.location = found.location;
            result.stored.alreadyPresent = true;
            describe(result, *witnessed);
            return result;
        }
    }
    const std::string bundle = cosign::signBundle(signer_, statement, witnesses_);
    describe(result, bundleWitnesses(nlohmann::json::parse(bundle)));
    StoredBundle stored =
        storeBundle(client_, store_, repo, digest, bundle, kCosignSignPredicateType, existing.api);
    result.stored = stored.index;
    result.stored.location = stored.location;
    result.stored.alreadyPresent = false;
    result.referrer = stored.referrer;
    try {
        if (client_.headManifest(store_.settings().attachmentsFor(repo),
                                 attachmentTag(digest, AttachmentKind::Signature)))
            result.notes.push_back(kSigAlsoThere);
    } catch (const Error&) {
        // Only a note: the bundle is stored either way.
    }
    return result;
}

}  // namespace signet::cosign
