// Verifier: checks a signature over message bytes with one public key.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace signet::crypto {

class Verifier {
public:
    virtual ~Verifier() = default;
    // True when `signature` (raw bytes: DER for ECDSA, PKCS#1 v1.5 for RSA, 64 bytes for
    // Ed25519) is valid over `message`, hashed the way cosign hashes for this key type.
    virtual bool verify(std::string_view message, std::string_view signature) const = 0;
    // PKIX "PUBLIC KEY" PEM of the key, as cosign writes cosign.pub.
    virtual std::string publicKeyPem() const = 0;
};

}  // namespace signet::crypto
