// Ed25519ph: pre-hashed Ed25519 (RFC 8032, SHA-512, empty context) via libsodium, as cosign ≥2.6
// signs with Ed25519 keys; OpenSSL 3.0 has no Ed25519ph.
#pragma once

#include <openssl/evp.h>

#include <string>
#include <string_view>

namespace signet::crypto {

// 64-byte Ed25519ph signature of `message` by the Ed25519 private key `key`.
std::string ed25519phSign(EVP_PKEY* key, std::string_view message);
// True when `signature` is a valid Ed25519ph signature of `message` by `key`'s public key.
bool ed25519phVerify(EVP_PKEY* key, std::string_view message, std::string_view signature);

}  // namespace signet::crypto
