#include "crypto/PrivateKey.h"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "crypto/Pem.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

struct Pkcs8Free {
    void operator()(PKCS8_PRIV_KEY_INFO* info) const { PKCS8_PRIV_KEY_INFO_free(info); }
};
using Pkcs8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, Pkcs8Free>;

// Parses `der` completely as PKCS#8; nullptr when it is not exactly one PKCS#8 structure.
EvpPkeyPtr parsePkcs8(const SecretBytes& der) {
    const unsigned char* cursor = der.data();
    Pkcs8Ptr info(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, static_cast<long>(der.size())));
    if (!info || cursor != der.data() + der.size()) {
        ERR_clear_error();
        return nullptr;
    }
    EvpPkeyPtr key(EVP_PKCS82PKEY(info.get()));
    ERR_clear_error();
    return key;
}

// Parses `der` completely as a type-specific private key (PKCS#1 RSA, SEC1 EC).
EvpPkeyPtr parseTraditional(int type, const SecretBytes& der) {
    const unsigned char* cursor = der.data();
    EvpPkeyPtr key(d2i_PrivateKey(type, nullptr, &cursor, static_cast<long>(der.size())));
    ERR_clear_error();
    if (key && cursor != der.data() + der.size()) return nullptr;
    return key;
}

}  // namespace

PrivateKey PrivateKey::fromPkcs8(const SecretBytes& der, const std::string& keyName) {
    EvpPkeyPtr key = parsePkcs8(der);
    if (!key) {
        if (parseTraditional(EVP_PKEY_EC, der)) {
            throw Error(ErrorKind::Key,
                        "key " + keyName +
                            " holds a SEC1 EC private key, not PKCS#8 (cosign refuses it too): "
                            "re-import it with signet import-key-pair");
        }
        throw Error(ErrorKind::Key, "key " + keyName + " does not hold a PKCS#8 private key");
    }
    KeyAlgorithm algorithm = classifyKey(key.get(), keyName);
    return PrivateKey(std::move(key), algorithm);
}

PrivateKey PrivateKey::fromUnencryptedPem(std::string_view pemText, const std::string& keyName) {
    auto block = decodeFirstPem(pemText);
    if (!block)
        throw Error(ErrorKind::Key,
                    "key " + keyName + " contains no PEM block (or its base64 is damaged)");
    EvpPkeyPtr key;
    if (block->type == "RSA PRIVATE KEY") {
        key = parseTraditional(EVP_PKEY_RSA, block->bytes);
    } else if (block->type == "EC PRIVATE KEY") {
        key = parseTraditional(EVP_PKEY_EC, block->bytes);
    } else if (block->type == "PRIVATE KEY") {
        key = parsePkcs8(block->bytes);
    } else {
        throw Error(ErrorKind::Key, "unsupported private key in " + keyName + " (PEM type \"" +
                                        block->type +
                                        "\"; expected RSA PRIVATE KEY, EC PRIVATE KEY or "
                                        "PRIVATE KEY)");
    }
    if (!key) {
        throw Error(ErrorKind::Key,
                    "key " + keyName + " holds a malformed " + block->type + " PEM block");
    }
    KeyAlgorithm algorithm = classifyKey(key.get(), keyName);
    return PrivateKey(std::move(key), algorithm);
}

PrivateKey PrivateKey::generateEcdsaP256() {
    EvpPkeyPtr key(EVP_EC_gen("P-256"));
    if (!key) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not generate an ECDSA P-256 key");
    }
    return PrivateKey(std::move(key), KeyAlgorithm::EcdsaP256);
}

SecretBytes PrivateKey::toPkcs8() const {
    Pkcs8Ptr info(EVP_PKEY2PKCS8(key_.get()));
    unsigned char* der = nullptr;
    int length = info ? i2d_PKCS8_PRIV_KEY_INFO(info.get(), &der) : -1;
    if (length <= 0) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not encode a private key as PKCS#8");
    }
    SecretBytes out(
        std::string_view(reinterpret_cast<char*>(der), static_cast<std::size_t>(length)));
    OPENSSL_clear_free(der, static_cast<std::size_t>(length));
    return out;
}

PublicKey PrivateKey::publicKey() const {
    unsigned char* der = nullptr;
    int length = i2d_PUBKEY(key_.get(), &der);
    const unsigned char* cursor = der;
    EvpPkeyPtr pub(length > 0 ? d2i_PUBKEY(nullptr, &cursor, length) : nullptr);
    OPENSSL_free(der);
    if (!pub) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not extract a public key");
    }
    return PublicKey(std::move(pub), algorithm_);
}

}  // namespace signet::crypto
