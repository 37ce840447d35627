#include "crypto/PublicKey.h"

#include <openssl/err.h>
#include <openssl/x509.h>

#include "crypto/Pem.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

EvpPkeyPtr parseDer(const PemBlock& block, const std::string& keyName) {
    const unsigned char* cursor = block.bytes.data();
    const unsigned char* end = cursor + block.bytes.size();
    long length = static_cast<long>(block.bytes.size());
    EVP_PKEY* key = nullptr;
    if (block.type == "PUBLIC KEY") {
        key = d2i_PUBKEY(nullptr, &cursor, length);
    } else if (block.type == "RSA PUBLIC KEY") {
        key = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &cursor, length);
    } else {
        throw Error(ErrorKind::Key, "key " + keyName + " is not a public key (PEM type \"" +
                                        block.type + "\"; expected PUBLIC KEY or RSA PUBLIC KEY)");
    }
    ERR_clear_error();
    EvpPkeyPtr owned(key);
    if (!owned || cursor != end) {
        throw Error(ErrorKind::Key,
                    "key " + keyName + " holds a malformed " + block.type + " PEM block");
    }
    return owned;
}

}  // namespace

PublicKey PublicKey::fromPem(std::string_view pemText, const std::string& keyName) {
    auto block = decodeFirstPem(pemText);
    if (!block)
        throw Error(ErrorKind::Key,
                    "key " + keyName + " contains no PEM block (or its base64 is damaged)");
    EvpPkeyPtr key = parseDer(*block, keyName);
    KeyAlgorithm algorithm = classifyKey(key.get(), keyName);
    return PublicKey(std::move(key), algorithm);
}

std::string PublicKey::pkixDer() const {
    unsigned char* der = nullptr;
    int length = i2d_PUBKEY(key_.get(), &der);
    if (length <= 0) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not encode a public key");
    }
    std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return out;
}

std::string PublicKey::pkixPem() const {
    return encodePem("PUBLIC KEY", pkixDer());
}

}  // namespace signet::crypto
