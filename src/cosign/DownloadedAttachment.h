// DownloadedAttachment: `cosign download`'s lines for stored signature and attestation layers.
#pragma once

#include <string>

#include "cosign/SignatureStore.h"

namespace signet::cosign {

// cosign's SignedPayload as json.Marshal writes it: Base64Signature, Payload (base64), Cert,
// Chain, Bundle, RFC3161Timestamp (null when the layer has none). A certificate is written as
// {"Raw":"<base64 DER>"}: Go writes x509.Certificate's every parsed field, which signet does not.
std::string signedPayloadJson(const StoredLayer& layer);

// cosign's AttestationPayload of a DSSE layer: {"payloadType","payload","signatures":[{"keyid",
// "sig"}]}. Throws Error(Registry) when the layer is not a DSSE envelope.
std::string attestationPayloadJson(const StoredLayer& layer);

// The predicateType of the statement in a DSSE layer ("" when it has none).
std::string attestationPredicateType(const StoredLayer& layer);

}  // namespace signet::cosign
