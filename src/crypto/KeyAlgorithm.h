// KeyAlgorithm: the key types cosign signs with, and how each one hashes and signs.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace signet::crypto {

enum class KeyAlgorithm { EcdsaP256, EcdsaP384, EcdsaP521, Rsa, Ed25519 };

struct EvpPkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;

// The algorithm of `key`, checked as sigstore's ValidatePubKey does: RSA 2048/3072/4096 bits,
// ECDSA P-256/P-384/P-521, Ed25519. Throws Error(Key) naming `keyName` for anything else.
KeyAlgorithm classifyKey(EVP_PKEY* key, const std::string& keyName);

// The digest cosign uses for this key type: SHA-256, SHA-384, SHA-512; nullptr for Ed25519.
const EVP_MD* digestFor(KeyAlgorithm algorithm);

std::string_view algorithmName(KeyAlgorithm algorithm);

}  // namespace signet::crypto
