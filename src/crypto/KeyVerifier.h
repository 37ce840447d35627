// KeyVerifier: a Verifier over one public key, hashing as cosign does for the key type.
#pragma once

#include <string>
#include <string_view>

#include "crypto/PublicKey.h"
#include "crypto/Verifier.h"

namespace signet::crypto {

class KeyVerifier : public Verifier {
  public:
    explicit KeyVerifier(PublicKey key) : key_(std::move(key)) {}

    // ECDSA: DER signature with SHA-256/384/512 by curve; RSA: PKCS#1 v1.5 SHA-256;
    // Ed25519: Ed25519ph (cosign ≥2.6) or pure Ed25519 (containers/image, older cosign).
    bool verify(std::string_view message, std::string_view signature) const override;
    std::string publicKeyPem() const override { return key_.pkixPem(); }
    const PublicKey& publicKey() const { return key_; }

  private:
    PublicKey key_;
};

}  // namespace signet::crypto
