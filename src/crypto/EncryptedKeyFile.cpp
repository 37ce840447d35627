#include "crypto/EncryptedKeyFile.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <sodium.h>

#include <array>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "crypto/RandomBytes.h"
#include "error/Error.h"
#include "json/GoJson.h"

namespace signet::crypto {
namespace {

constexpr std::size_t kDerivedKeySize = crypto_secretbox_KEYBYTES;  // 32
constexpr std::size_t kSaltSize = 32;
constexpr std::size_t kNonceSize = crypto_secretbox_NONCEBYTES;  // 24
constexpr std::uint64_t kWriteN = 65536;

struct ScryptParams {
    std::uint64_t n;
    std::uint64_t r;
    std::uint64_t p;
};

struct EncryptedKey {
    ScryptParams params;
    std::string salt;
    std::string nonce;
    std::string ciphertext;
};

[[noreturn]] void fail(const std::string& keyName, const std::string& reason) {
    throw Error(ErrorKind::Key, "cannot read encrypted key " + keyName + ": " + reason);
}

struct KdfFree {
    void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxFree {
    void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

SecretBytes scrypt(const SecretBytes& password, const std::string& salt, ScryptParams params) {
    std::unique_ptr<EVP_KDF, KdfFree> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr));
    if (!kdf) throw Error(ErrorKind::Internal, "OpenSSL has no SCRYPT key derivation");
    std::unique_ptr<EVP_KDF_CTX, KdfCtxFree> ctx(EVP_KDF_CTX_new(kdf.get()));
    std::string passwordCopy(password.view());  // OSSL_PARAM wants a mutable pointer
    std::string saltCopy(salt);
    std::array<OSSL_PARAM, 6> ossl = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, passwordCopy.data(),
                                          passwordCopy.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltCopy.data(), saltCopy.size()),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &params.n),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_R, &params.r),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_P, &params.p),
        OSSL_PARAM_construct_end()};
    std::array<unsigned char, kDerivedKeySize> key{};
    int ok = EVP_KDF_derive(ctx.get(), key.data(), key.size(), ossl.data());
    OPENSSL_cleanse(passwordCopy.data(), passwordCopy.size());
    SecretBytes derived(std::string_view(reinterpret_cast<char*>(key.data()), key.size()));
    OPENSSL_cleanse(key.data(), key.size());
    if (ok != 1) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "scrypt key derivation failed in OpenSSL");
    }
    return derived;
}

const nlohmann::json& member(const nlohmann::json& object, const char* name,
                             const std::string& keyName) {
    if (!object.is_object() || !object.contains(name)) {
        fail(keyName, std::string("missing \"") + name + "\" in the key JSON");
    }
    return object.at(name);
}

std::string bytesField(const nlohmann::json& object, const char* name, const std::string& keyName) {
    const auto& value = member(object, name, keyName);
    if (!value.is_string()) fail(keyName, std::string("\"") + name + "\" is not a string");
    auto decoded = base64Decode(value.get<std::string>());
    if (!decoded) fail(keyName, std::string("\"") + name + "\" is not valid base64");
    return *decoded;
}

std::uint64_t integerField(const nlohmann::json& object, const char* name,
                           const std::string& keyName) {
    const auto& value = member(object, name, keyName);
    if (!value.is_number_unsigned()) {
        fail(keyName, std::string("scrypt parameter ") + name + " is not a positive integer");
    }
    return value.get<std::uint64_t>();
}

ScryptParams parseKdf(const nlohmann::json& kdf, const std::string& keyName) {
    const auto& name = member(kdf, "name", keyName);
    if (name != "scrypt") fail(keyName, "unknown kdf name " + name.dump() + " (expected scrypt)");
    const auto& params = member(kdf, "params", keyName);
    ScryptParams result{integerField(params, "N", keyName), integerField(params, "r", keyName),
                        integerField(params, "p", keyName)};
    bool knownN = result.n == 32768 || result.n == 65536 || result.n == 131072;
    if (!knownN || result.r != 8 || result.p != 1) {
        fail(keyName, "unsupported scrypt parameters N=" + std::to_string(result.n) +
                          " r=" + std::to_string(result.r) + " p=" + std::to_string(result.p) +
                          " (cosign accepts N 32768, 65536 or 131072 with r=8, p=1)");
    }
    return result;
}

EncryptedKey parseBody(std::string_view body, const std::string& keyName) {
    auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) fail(keyName, "the PEM body is not key JSON");
    EncryptedKey key;
    const auto& kdf = member(json, "kdf", keyName);
    key.params = parseKdf(kdf, keyName);
    key.salt = bytesField(kdf, "salt", keyName);
    const auto& cipher = member(json, "cipher", keyName);
    const auto& cipherName = member(cipher, "name", keyName);
    if (cipherName != "nacl/secretbox") {
        fail(keyName, "unknown cipher name " + cipherName.dump() + " (expected nacl/secretbox)");
    }
    key.nonce = bytesField(cipher, "nonce", keyName);
    if (key.nonce.size() != kNonceSize) fail(keyName, "the secretbox nonce is not 24 bytes");
    key.ciphertext = bytesField(json, "ciphertext", keyName);
    if (key.ciphertext.size() < crypto_secretbox_MACBYTES) {
        fail(keyName, "the ciphertext is shorter than its authentication tag");
    }
    return key;
}

void initSodium() {
    static const int status = sodium_init();
    if (status < 0) throw Error(ErrorKind::Internal, "libsodium failed to initialise");
}

}  // namespace

bool isEncryptedKeyPemType(std::string_view pemType) {
    return pemType == kSigstoreKeyPemType || pemType == kCosignKeyPemType;
}

SecretBytes decryptKeyFile(std::string_view pemText, const SecretBytes& password,
                           const std::string& keyName) {
    auto block = decodeFirstPem(pemText);
    if (!block) fail(keyName, "no PEM block found");
    if (!isEncryptedKeyPemType(block->type)) {
        fail(keyName, "unsupported PEM type \"" + block->type +
                          "\" (expected ENCRYPTED SIGSTORE PRIVATE KEY; import plain keys with "
                          "signet import-key-pair)");
    }
    EncryptedKey key = parseBody(block->bytes.view(), keyName);
    initSodium();
    SecretBytes derived = scrypt(password, key.salt, key.params);
    std::string plain(key.ciphertext.size() - crypto_secretbox_MACBYTES, '\0');
    int opened = crypto_secretbox_open_easy(
        reinterpret_cast<unsigned char*>(plain.data()),
        reinterpret_cast<const unsigned char*>(key.ciphertext.data()), key.ciphertext.size(),
        reinterpret_cast<const unsigned char*>(key.nonce.data()), derived.data());
    if (opened != 0) {
        throw Error(ErrorKind::Key, "wrong password for key " + keyName);
    }
    SecretBytes result(plain);
    sodium_memzero(plain.data(), plain.size());
    return result;
}

std::string encryptKeyFile(const SecretBytes& plaintext, const SecretBytes& password) {
    initSodium();
    std::string salt = randomBytes(kSaltSize);
    std::string nonce = randomBytes(kNonceSize);
    SecretBytes derived = scrypt(password, salt, ScryptParams{kWriteN, 8, 1});
    std::string sealed(plaintext.size() + crypto_secretbox_MACBYTES, '\0');
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()), plaintext.data(),
                          plaintext.size(), reinterpret_cast<const unsigned char*>(nonce.data()),
                          derived.data());
    json::Ordered params;
    params["N"] = kWriteN;
    params["r"] = 8;
    params["p"] = 1;
    json::Ordered kdf;
    kdf["name"] = "scrypt";
    kdf["params"] = params;
    kdf["salt"] = base64Encode(salt);
    json::Ordered cipher;
    cipher["name"] = "nacl/secretbox";
    cipher["nonce"] = base64Encode(nonce);
    json::Ordered body;
    body["kdf"] = kdf;
    body["cipher"] = cipher;
    body["ciphertext"] = base64Encode(sealed);
    return encodePem(kSigstoreKeyPemType, json::goMarshal(body));
}

}  // namespace signet::crypto
