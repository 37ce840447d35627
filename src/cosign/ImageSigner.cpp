#include "cosign/ImageSigner.h"

#include "cosign/AttachmentTag.h"
#include "cosign/SimpleSigningPayload.h"
#include "crypto/Encoding.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "oci/MediaTypes.h"

namespace signet::cosign {

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
                         const crypto::Signer& signer)
    : client_(client), store_(store), signer_(signer), verifier_(signer.verifier()) {}

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
    result.digest = digest;
    result.identity = identity;
    result.location = result.stored.location;
    result.alreadySigned = result.stored.alreadyPresent;
    result.writes = result.stored.writes;
    return result;
}

}  // namespace signet::cosign
