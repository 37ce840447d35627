// PublicKey: an owned public key read from PEM (`PUBLIC KEY` PKIX or `RSA PUBLIC KEY` PKCS#1).
#pragma once

#include <string>
#include <string_view>

#include "crypto/KeyAlgorithm.h"

namespace signet::crypto {

class PublicKey {
  public:
    // Reads the first PEM block; other PEM types (private keys, certificates) are refused with
    // Error(Key) naming `keyName`, as sigstore's UnmarshalPEMToPublicKey refuses them.
    static PublicKey fromPem(std::string_view pemText, const std::string& keyName);
    // Takes ownership of `key` (already checked by the caller's classifyKey).
    PublicKey(EvpPkeyPtr key, KeyAlgorithm algorithm)
        : key_(std::move(key)), algorithm_(algorithm) {}

    KeyAlgorithm algorithm() const { return algorithm_; }
    EVP_PKEY* get() const { return key_.get(); }
    // DER SubjectPublicKeyInfo.
    std::string pkixDer() const;
    // `PUBLIC KEY` PEM exactly as Go's cryptoutils.MarshalPublicKeyToPEM writes it.
    std::string pkixPem() const;

  private:
    EvpPkeyPtr key_;
    KeyAlgorithm algorithm_;
};

}  // namespace signet::crypto
