#include "crypto/KeyVerifier.h"

#include <openssl/err.h>

#include <memory>

#include "crypto/Ed25519ph.h"

namespace signet::crypto {
namespace {

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

bool digestVerify(EVP_PKEY* key, const EVP_MD* digest, std::string_view message,
                  std::string_view signature) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    bool ok =
        ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, digest, nullptr, key) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                         signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                         message.size()) == 1;
    ERR_clear_error();
    return ok;
}

}  // namespace

bool KeyVerifier::verify(std::string_view message, std::string_view signature) const {
    if (key_.algorithm() == KeyAlgorithm::Ed25519) {
        return ed25519phVerify(key_.get(), message, signature) ||
               digestVerify(key_.get(), nullptr, message, signature);
    }
    return digestVerify(key_.get(), digestFor(key_.algorithm()), message, signature);
}

}  // namespace signet::crypto
