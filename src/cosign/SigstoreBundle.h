// SigstoreBundle: the Sigstore bundle v0.3 cosign v3 writes for a key-signed image signature or
// attestation — a DSSE envelope over an in-toto Statement v1, with the key's hint — and the OCI
// 1.1 referrer manifest that stores it (cosign pkg/oci/remote/write.go).
#pragma once

#include <map>
#include <string>

#include "crypto/Signer.h"
#include "oci/Descriptor.h"
#include "sigstore/Witnesses.h"

namespace signet::cosign {

inline constexpr const char* kBundleMediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";
inline constexpr const char* kInTotoStatementV1 = "https://in-toto.io/Statement/v1";
inline constexpr const char* kCosignSignPredicateType = "https://sigstore.dev/cosign/sign/v1";

// base64(sha256(DER SubjectPublicKeyInfo)): verificationMaterial.publicKey.hint (cosign
// internal/key/svkeypair.go). Throws Error(Key) when the verifier's PEM cannot be read.
std::string publicKeyHint(const crypto::Verifier& verifier);

// The image signature statement: in-toto Statement v1, predicateType sign/v1, predicate {},
// one subject {digest:{sha256:<hex>}, annotations (the -a pairs, omitted when none)}.
std::string imageSignatureStatement(const std::string& digest,
                                    const std::map<std::string, std::string>& annotations);

// The bundle JSON (protobuf JSON field order, empty lists omitted): mediaType,
// verificationMaterial{publicKey{hint}, tlogEntries, timestampVerificationData},
// dsseEnvelope{payload, payloadType, signatures[{sig}]}, the envelope's signature made by
// `signer` over DSSE's PAE of `statement`, stamped and logged (a dsse entry) by `witnesses`.
std::string signBundle(const crypto::Signer& signer, const std::string& statement,
                       const sigstore::Witnesses& witnesses = {});

// The referrer manifest of a bundle blob for `subject` (the signed image's descriptor):
// artifactType bundle v0.3, the empty config, one layer, the subject, and the annotations
// dev.sigstore.bundle.content=dsse-envelope, dev.sigstore.bundle.predicateType, and
// org.opencontainers.image.created (RFC 3339 UTC, whole seconds).
std::string bundleReferrerManifest(const std::string& bundle, const oci::Descriptor& subject,
                                   const std::string& predicateType, const std::string& created);

// The DSSE envelope of a bundle (v0.3 or later), as JSON parseEnvelope reads. Throws
// Error(Verify, "<what>: …") for JSON that is not such a bundle, and "bundle does not contain a
// DSSE envelope" (cosign's words) for a message-signature bundle.
std::string bundleEnvelope(const std::string& bundle, const std::string& what);

}  // namespace signet::cosign
