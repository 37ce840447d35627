// EntryBody: the Rekor v1 entry signet proposes for a signature (hashedrekord 0.0.1 for a
// legacy .sig layer, dsse 0.0.1 for a bundle's envelope), and the check that a log entry's
// body is about this signature, key and payload (GHSA-ccxc-vr6p-4858: a valid entry for
// something else must not pass).
#pragma once

#include <string>

namespace signet::sigstore {

enum class EntryKind { HashedRekord, Dsse };

struct SignedMaterial {
    EntryKind kind = EntryKind::HashedRekord;
    std::string signature;      // raw bytes
    std::string publicKeyPem;   // the key that made it, or (keyless) its leaf certificate
    std::string payloadSha256;  // raw: of the signed payload (dsse: of the envelope's payload)
    std::string envelope;       // dsse: the envelope JSON
};

// The JSON POSTed to /api/v1/log/entries.
std::string proposedEntry(const SignedMaterial& material);

// Empty when `body` (an entry's canonicalized body) records `material`'s signature, key and
// payload hash, else the reason it does not.
std::string bodyMismatch(const std::string& body, const SignedMaterial& material);

}  // namespace signet::sigstore
