#include "cosign/ImageSigner.h"

#include "cosign/AttachmentTag.h"
#include "cosign/BundleReferrers.h"
#include "cosign/Dsse.h"
#include "cosign/SigstoreBundle.h"
#include "cosign/SimpleSigningPayload.h"
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

// True when `bundle`'s envelope carries exactly `statement` and verifies with `key`.
bool signedBy(const std::string& bundle, const std::string& statement,
              const crypto::Verifier& key) {
    try {
        DsseEnvelope envelope = parseEnvelope(bundleEnvelope(bundle, "bundle"));
        return envelope.payloadType == kInTotoPayloadType && envelope.payload == statement &&
               verifyEnvelope(envelope, key);
    } catch (const Error&) {
        return false;
    }
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
                         const crypto::Signer& signer, SignatureFormat format)
    : client_(client),
      store_(store),
      signer_(signer),
      verifier_(signer.verifier()),
      format_(format) {}

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
    std::string signature = crypto::base64Encode(signer_.sign(payload));
    AttachmentLayer layer{oci::media_type::kCosignSimpleSigning,
                          payload,
                          {{"dev.cosignproject.cosign/signature", signature}}};
    SignedImage result;
    result.target = store_.settings().attachmentsFor(repo);
    result.tag = attachmentTag(digest, AttachmentKind::Signature);
    result.stored = store_.append(result.target, result.tag, layer, verifier_.get());
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
        if (signedBy(found.bundle, statement, *verifier_)) {
            result.stored.location = found.location;
            result.stored.alreadyPresent = true;
            return result;
        }
    }
    StoredBundle stored =
        storeBundle(client_, store_, repo, digest, cosign::signBundle(signer_, statement),
                    kCosignSignPredicateType, existing.api);
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
