// KeyPairFiles: `generate-key-pair` and `import-key-pair`: write PREFIX.key (0600) + PREFIX.pub.
#pragma once

#include <string>

#include "crypto/KeySource.h"
#include "net/Deadline.h"
#include "secret/SecretSink.h"

namespace signet::crypto {

inline constexpr const char* kGeneratedKeyPrefix = "cosign";
inline constexpr const char* kImportedKeyPrefix = "import-cosign";

struct KeyPairOptions {
    std::string prefix;      // output path prefix; the two files are PREFIX.key and PREFIX.pub
    bool overwrite = false;  // replace existing files instead of refusing
};

struct KeyPairPaths {
    std::string privateKey;  // PREFIX.key: ENCRYPTED SIGSTORE PRIVATE KEY, mode 0600
    std::string publicKey;   // PREFIX.pub: PKIX PUBLIC KEY PEM, mode 0644
};

// A new ECDSA P-256 key pair, encrypted with the password from resolvePassword (Password.h;
// COSIGN_PASSWORD="" means an empty password). Error(Usage) when a file exists and !overwrite.
KeyPairPaths generateKeyPair(const KeyPairOptions& options, const PasswordSource& password,
                             secret::SecretSink& secrets);

// The unencrypted PEM private key in `pemPath` (RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY;
// RSA 2048/3072/4096, ECDSA P-256/384/521 or Ed25519), re-encrypted like generateKeyPair.
KeyPairPaths importKeyPair(const std::string& pemPath, const KeyPairOptions& options,
                           const PasswordSource& password, secret::SecretSink& secrets);

// cosign generate-key-pair k8s://ns/name: a new ECDSA P-256 key pair, encrypted as
// generateKeyPair, stored in the Secret ns/name (cosign.key, cosign.pub, cosign.password) through
// the Kubernetes API `access` reaches, and the public key written to PREFIX.pub. An existing
// Secret is refused unless options.overwrite (writeKubernetesSecret).
struct KubernetesKeyPair {
    std::string ns, name;
    bool replaced = false;  // an existing Secret's keys were replaced
    std::string publicKey;  // PREFIX.pub
};
KubernetesKeyPair generateKubernetesKeyPair(const std::string& ref, const KubernetesAccess& access,
                                            const KeyPairOptions& options,
                                            const PasswordSource& password,
                                            secret::SecretSink& secrets,
                                            const net::Deadline& deadline);

}  // namespace signet::crypto
