#include "crypto/KeyAlgorithm.h"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>

#include "error/Error.h"

namespace signet::crypto {
namespace {

KeyAlgorithm classifyEc(EVP_PKEY* key, const std::string& keyName) {
    std::array<char, 80> curve{};
    std::size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve.data(), curve.size(),
                                       &length) != 1) {
        ERR_clear_error();
        throw Error(ErrorKind::Key, "key " + keyName + " uses an unnamed elliptic curve");
    }
    std::string name(curve.data(), length);
    if (name == "prime256v1" || name == "P-256") return KeyAlgorithm::EcdsaP256;
    if (name == "secp384r1" || name == "P-384") return KeyAlgorithm::EcdsaP384;
    if (name == "secp521r1" || name == "P-521") return KeyAlgorithm::EcdsaP521;
    throw Error(ErrorKind::Key, "key " + keyName + " uses the unsupported elliptic curve " + name +
                                    " (use P-256, P-384 or P-521)");
}

KeyAlgorithm classifyRsa(EVP_PKEY* key, const std::string& keyName) {
    int bits = EVP_PKEY_get_bits(key);
    int bytes = (bits + 7) / 8;
    if (bytes == 256 || bytes == 384 || bytes == 512) return KeyAlgorithm::Rsa;
    throw Error(ErrorKind::Key, "key " + keyName + " is an RSA key of unsupported size " +
                                    std::to_string(bits) + " bits (use 2048, 3072 or 4096)");
}

}  // namespace

KeyAlgorithm classifyKey(EVP_PKEY* key, const std::string& keyName) {
    switch (EVP_PKEY_get_base_id(key)) {
        case EVP_PKEY_EC:
            return classifyEc(key, keyName);
        case EVP_PKEY_RSA:
            return classifyRsa(key, keyName);
        case EVP_PKEY_ED25519:
            return KeyAlgorithm::Ed25519;
        default:
            throw Error(ErrorKind::Key,
                        "key " + keyName + " has an unsupported type (use ECDSA, RSA or Ed25519)");
    }
}

const EVP_MD* digestFor(KeyAlgorithm algorithm) {
    switch (algorithm) {
        case KeyAlgorithm::EcdsaP256:
        case KeyAlgorithm::Rsa:
            return EVP_sha256();
        case KeyAlgorithm::EcdsaP384:
            return EVP_sha384();
        case KeyAlgorithm::EcdsaP521:
            return EVP_sha512();
        case KeyAlgorithm::Ed25519:
            return nullptr;
    }
    return nullptr;
}

std::string_view algorithmName(KeyAlgorithm algorithm) {
    switch (algorithm) {
        case KeyAlgorithm::EcdsaP256:
            return "ECDSA P-256";
        case KeyAlgorithm::EcdsaP384:
            return "ECDSA P-384";
        case KeyAlgorithm::EcdsaP521:
            return "ECDSA P-521";
        case KeyAlgorithm::Rsa:
            return "RSA";
        case KeyAlgorithm::Ed25519:
            return "Ed25519";
    }
    return "unknown";
}

}  // namespace signet::crypto
