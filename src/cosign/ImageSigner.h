// ImageSigner: signs one tag@digest the way `cosign sign` does, storing it with SignatureStore.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cosign/IdentityMode.h"
#include "cosign/SignatureFormat.h"
#include "cosign/SignatureStore.h"
#include "crypto/Signer.h"
#include "error/Error.h"
#include "oci/Reference.h"
#include "oci/RegistryClient.h"
#include "sigstore/LogEntry.h"
#include "sigstore/Witnesses.h"

namespace signet::cosign {

struct SignOptions {
    IdentityMode identity = IdentityMode::Tag;
    std::map<std::string, std::string> annotations;  // -a key=value, into "optional"
    bool allowTagOnly = false;                       // sign a bare tag after resolving it
    bool verifyTags = true;  // a tag given with a digest must still point at it
    // --sign-container-identity: the docker-reference every signature claims, whatever the
    // reference signed (cosign's flag); unset: by `identity`.
    std::optional<std::string> containerIdentity;
};

struct SignedImage {
    std::string digest;    // the signed manifest digest
    std::string identity;  // the payload's docker-reference
    std::string location;  // "registry/repo:sha256-<hex>.sig", or the bundle's "repo@sha256:…"
    bool alreadySigned = false;  // an identical signature by this key was already there
    SignatureFormat format = SignatureFormat::Legacy;
    // Said once signing is done: the digest also has signatures in the other format (cosign v3
    // verify reads only bundles when there are any; cosign v2 only the .sig tag).
    std::vector<std::string> notes;
    bool resolvedFromTag = false;
    int writes = 0;
    // What was written (when writes > 0), for LostRaceCheck.
    oci::Repository target;  // the repository the .sig image (or the bundle) is in
    std::string tag;         // "sha256-<hex>.sig", or the referrers index "sha256-<hex>"
    AttachmentLayer layer;
    std::optional<oci::Descriptor> referrer;  // the bundle's, for Bundle
    AppendResult stored;
    std::optional<std::int64_t> logIndex;  // of its transparency-log entry, when it has one
    bool timestamped = false;              // it carries an RFC 3161 timestamp
};

// Legacy format: a layer of the .sig image. Bundle: cosign v3's Sigstore bundle referrer, one
// per digest (its statement names the digest only: identity and containerIdentity do not apply,
// and signing a second tag of a digest finds the first one's bundle already there). With
// witnesses, each new signature is timestamped and logged (legacy: a hashedrekord entry and
// cosign's annotations; bundle: a dsse entry in the bundle); a signature already there counts
// only when it carries what the witnesses would add, so nothing is logged twice.
class ImageSigner {
  public:
    ImageSigner(oci::RegistryClient& client, SignatureStore& store, const crypto::Signer& signer,
                SignatureFormat format = SignatureFormat::Legacy,
                sigstore::Witnesses witnesses = {});

    // Resolves and signs `ref`; `resolved` is what resolveDigest already said for it (a
    // look-ahead), not asked again.
    SignedImage sign(const oci::Reference& ref, const SignOptions& options,
                     const std::optional<std::string>& resolved = std::nullopt);

    // Signs a known digest in `repo` claiming `identity` (used for index children, SBOM images).
    SignedImage signDigest(const oci::Repository& repo, const std::string& digest,
                           const std::string& identity,
                           const std::map<std::string, std::string>& annotations);

    const sigstore::Witnesses& witnesses() const { return witnesses_; }

  private:
    SignedImage signLegacy(const oci::Repository& repo, const std::string& digest,
                           const std::string& identity,
                           const std::map<std::string, std::string>& annotations);
    SignedImage signBundle(const oci::Repository& repo, const std::string& digest,
                           const std::map<std::string, std::string>& annotations);

    oci::RegistryClient& client_;
    SignatureStore& store_;
    const crypto::Signer& signer_;
    std::unique_ptr<crypto::Verifier> verifier_;
    SignatureFormat format_;
    sigstore::Witnesses witnesses_;
};

// The digest `ref` names, applying the tag-only and verify-tags rules of `options` (a bare tag
// resolves to what it points at now; "latest" when neither tag nor digest is given).
// Throws Error: Usage (bare tag without allowTagOnly), TagMoved, NotFound.
std::string resolveDigest(oci::RegistryClient& client, const oci::Reference& ref,
                          const SignOptions& options);

// The Usage error for signing `ref`, a tag without a digest, without allowTagOnly.
Error tagOnlyRefused(const oci::Reference& ref);

// The docker-reference for `ref` under `mode` (a bare digest reference always uses the repository).
std::string identityFor(const oci::Reference& ref, IdentityMode mode);
// The same under `options`: its containerIdentity when set.
std::string identityFor(const oci::Reference& ref, const SignOptions& options);

}  // namespace signet::cosign
