// PrivateKey: an owned private key of a type cosign signs with, read from DER/PEM or generated.
#pragma once

#include <string>
#include <string_view>

#include "crypto/KeyAlgorithm.h"
#include "crypto/PublicKey.h"
#include "crypto/SecretBytes.h"

namespace signet::crypto {

class PrivateKey {
  public:
    // PKCS#8 DER, as cosign stores inside its encrypted key files. SEC1 and anything else is
    // refused with Error(Key) naming `keyName`, as cosign refuses it.
    static PrivateKey fromPkcs8(const SecretBytes& der, const std::string& keyName);
    // An unencrypted PEM private key as `cosign import-key-pair` reads it: the first block must
    // be `RSA PRIVATE KEY` (PKCS#1), `EC PRIVATE KEY` (SEC1) or `PRIVATE KEY` (PKCS#8).
    static PrivateKey fromUnencryptedPem(std::string_view pemText, const std::string& keyName);
    // A fresh ECDSA P-256 key, what `cosign generate-key-pair` makes.
    static PrivateKey generateEcdsaP256();

    KeyAlgorithm algorithm() const { return algorithm_; }
    EVP_PKEY* get() const { return key_.get(); }
    // PKCS#8 DER (for EC: curve parameters omitted, public key included, like Go).
    SecretBytes toPkcs8() const;
    PublicKey publicKey() const;

  private:
    PrivateKey(EvpPkeyPtr key, KeyAlgorithm algorithm)
        : key_(std::move(key)), algorithm_(algorithm) {}
    EvpPkeyPtr key_;
    KeyAlgorithm algorithm_;
};

}  // namespace signet::crypto
