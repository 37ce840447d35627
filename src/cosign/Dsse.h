// Dsse: DSSE envelopes over in-toto statements, as cosign attest writes them.
#pragma once

#include <string>
#include <vector>

#include "crypto/Signer.h"
#include "crypto/Verifier.h"

namespace signet::cosign {

inline constexpr const char* kInTotoPayloadType = "application/vnd.in-toto+json";

// "DSSEv1 <len(type)> <type> <len(payload)> <payload>", the bytes DSSE signs.
std::string preAuthEncoding(const std::string& payloadType, const std::string& payload);

struct DsseEnvelope {
    std::string payloadType;
    std::string payload;                  // decoded bytes
    std::vector<std::string> signatures;  // decoded signature bytes
};

// Signs PAE(type, payload) and returns the envelope JSON:
// {"payloadType":…,"payload":"<b64>","signatures":[{"keyid":"","sig":"<b64>"}]}
std::string signEnvelope(const crypto::Signer& signer, const std::string& payloadType,
                         const std::string& payload);

// Throws Error(Verify) when the text is not a DSSE envelope.
DsseEnvelope parseEnvelope(const std::string& text);

// The first signature of the envelope that verifies over its PAE, or null.
const std::string* verifyingSignature(const DsseEnvelope& envelope,
                                      const crypto::Verifier& verifier);
// True when any signature of the envelope verifies over its PAE.
bool verifyEnvelope(const DsseEnvelope& envelope, const crypto::Verifier& verifier);

}  // namespace signet::cosign
