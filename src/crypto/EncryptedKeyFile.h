// EncryptedKeyFile: cosign's encrypted private key PEM (scrypt + NaCl secretbox around PKCS#8).
#pragma once

#include <string>
#include <string_view>

#include "crypto/SecretBytes.h"

namespace signet::crypto {

inline constexpr std::string_view kSigstoreKeyPemType = "ENCRYPTED SIGSTORE PRIVATE KEY";
inline constexpr std::string_view kCosignKeyPemType = "ENCRYPTED COSIGN PRIVATE KEY";

// True when `pemType` is one of the two encrypted key types cosign reads.
bool isEncryptedKeyPemType(std::string_view pemType);

// The plaintext (the PKCS#8 DER cosign stores) of an encrypted key PEM. `keyName` names the
// key in errors. Throws Error(Key) for a malformed file, unsupported parameters or a wrong
// password ("wrong password for key NAME").
SecretBytes decryptKeyFile(std::string_view pemText, const SecretBytes& password,
                           const std::string& keyName);

// An `ENCRYPTED SIGSTORE PRIVATE KEY` PEM of `plaintext` as cosign writes it: scrypt N=65536,
// r=8, p=1 with a random 32-byte salt, secretbox with a random 24-byte nonce.
std::string encryptKeyFile(const SecretBytes& plaintext, const SecretBytes& password);

}  // namespace signet::crypto
