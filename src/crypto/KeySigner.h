// KeySigner: a Signer over one private key, signing exactly as cosign does for the key type.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crypto/PrivateKey.h"
#include "crypto/Signer.h"

namespace signet::crypto {

class KeySigner : public Signer {
  public:
    explicit KeySigner(PrivateKey key) : key_(std::move(key)) {}

    // ECDSA: DER over SHA-256/384/512 by curve; RSA: PKCS#1 v1.5 SHA-256; Ed25519: Ed25519ph.
    std::string sign(std::string_view message) const override;
    std::unique_ptr<Verifier> verifier() const override;
    KeyAlgorithm algorithm() const { return key_.algorithm(); }

  private:
    PrivateKey key_;
};

}  // namespace signet::crypto
