// Attestor: `cosign attest` — an in-toto statement in a DSSE envelope appended to the .att tag,
// and `cosign verify-attestation`'s checks over what is stored there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cosign/Predicate.h"
#include "cosign/SignatureStore.h"
#include "crypto/Signer.h"
#include "sigstore/Witnesses.h"

namespace signet::cosign {

struct Attestation {
    std::string location;  // "registry/repo:sha256-<hex>.att"
    std::string predicateType;
    std::string manifestDigest;  // of the .att manifest after the write
    // What was written, for LostRaceCheck.
    oci::Repository target;  // the repository the .att image is in
    std::string tag;         // "sha256-<hex>.att"
    AttachmentLayer layer;
    std::optional<oci::Descriptor> referrer;  // a bundle's (then `tag` is the referrers index)
    AppendResult stored;
    std::optional<std::int64_t> logIndex;  // of the bundle's transparency-log entry
};

// Signs a statement about repo@digest with the predicate and appends it to the image's
// .att tag like cosign (attestations are never de-duplicated).
Attestation attest(SignatureStore& store, const crypto::Signer& signer, const oci::Repository& repo,
                   const std::string& digest, const Predicate& predicate);
// The same statement as a Sigstore bundle referrer of repo@digest (cosign v3's attest), with
// the predicate type as its manifest's dev.sigstore.bundle.predicateType, timestamped and
// logged by `witnesses`.
Attestation attestBundle(oci::RegistryClient& client, SignatureStore& store,
                         const crypto::Signer& signer, const oci::Repository& repo,
                         const std::string& digest, const Predicate& predicate,
                         const sigstore::Witnesses& witnesses = {});

struct VerifiedAttestation {
    std::string envelope;   // the DSSE envelope JSON as stored
    std::string statement;  // its decoded payload
};

struct AttestationCheck {
    std::vector<VerifiedAttestation> accepted;
    std::vector<std::string> rejections;  // why each other layer was not accepted
    std::vector<std::string> foundTypes;  // predicate types of signature-valid statements
};

// cosign verify-attestation: each DSSE layer must verify with the key, name the image digest in
// a subject, and have the predicate type `type` maps to.
AttestationCheck verifyAttestations(const std::vector<StoredLayer>& layers,
                                    const crypto::Verifier& key, const std::string& imageDigest,
                                    const std::string& type);

}  // namespace signet::cosign
