#include "crypto/KeySigner.h"

#include <openssl/err.h>

#include "crypto/Ed25519ph.h"
#include "crypto/KeyVerifier.h"
#include "error/Error.h"

namespace signet::crypto {
namespace {

struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string KeySigner::sign(std::string_view message) const {
    if (key_.algorithm() == KeyAlgorithm::Ed25519) return ed25519phSign(key_.get(), message);
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    std::size_t length = 0;
    bool ok = ctx &&
              EVP_DigestSignInit(ctx.get(), nullptr, digestFor(key_.algorithm()), nullptr,
                                 key_.get()) == 1 &&
              EVP_DigestSign(ctx.get(), nullptr, &length, data, message.size()) == 1;
    std::string signature(length, '\0');
    ok = ok && EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()),
                              &length, data, message.size()) == 1;
    if (!ok) {
        ERR_clear_error();
        throw Error(ErrorKind::Internal, std::string("OpenSSL could not sign with an ") +
                                             std::string(algorithmName(key_.algorithm())) + " key");
    }
    signature.resize(length);
    return signature;
}

std::unique_ptr<Verifier> KeySigner::verifier() const {
    return std::make_unique<KeyVerifier>(key_.publicKey());
}

}  // namespace signet::crypto
