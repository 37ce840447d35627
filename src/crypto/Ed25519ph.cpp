#include "crypto/Ed25519ph.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <sodium.h>

#include <array>

#include "error/Error.h"

namespace signet::crypto {
namespace {

void initSodium() {
    static const int status = sodium_init();
    if (status < 0) throw Error(ErrorKind::Internal, "libsodium failed to initialise");
}

std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> rawPublicKey(EVP_PKEY* key) {
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pub{};
    std::size_t length = pub.size();
    if (EVP_PKEY_get_raw_public_key(key, pub.data(), &length) != 1 || length != pub.size()) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not export an Ed25519 public key");
    }
    return pub;
}

}  // namespace

std::string ed25519phSign(EVP_PKEY* key, std::string_view message) {
    initSodium();
    std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
    std::size_t seedLength = seed.size();
    if (EVP_PKEY_get_raw_private_key(key, seed.data(), &seedLength) != 1 ||
        seedLength != seed.size()) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, "OpenSSL could not export an Ed25519 private key");
    }
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pub{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
    crypto_sign_seed_keypair(pub.data(), secret.data(), seed.data());
    sodium_memzero(seed.data(), seed.size());
    crypto_sign_ed25519ph_state state;
    crypto_sign_ed25519ph_init(&state);
    crypto_sign_ed25519ph_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                 message.size());
    std::string signature(crypto_sign_BYTES, '\0');
    crypto_sign_ed25519ph_final_create(&state, reinterpret_cast<unsigned char*>(signature.data()),
                                       nullptr, secret.data());
    sodium_memzero(secret.data(), secret.size());
    sodium_memzero(&state, sizeof state);
    return signature;
}

bool ed25519phVerify(EVP_PKEY* key, std::string_view message, std::string_view signature) {
    if (signature.size() != crypto_sign_BYTES) return false;
    initSodium();
    auto pub = rawPublicKey(key);
    crypto_sign_ed25519ph_state state;
    crypto_sign_ed25519ph_init(&state);
    crypto_sign_ed25519ph_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                 message.size());
    // libsodium's API takes a non-const signature pointer but does not modify it.
    std::string copy(signature);
    return crypto_sign_ed25519ph_final_verify(&state, reinterpret_cast<unsigned char*>(copy.data()),
                                              pub.data()) == 0;
}

}  // namespace signet::crypto
