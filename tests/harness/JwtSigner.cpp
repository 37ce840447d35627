#include "harness/JwtSigner.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <stdexcept>

#include "crypto/Encoding.h"

namespace signet::testing {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct EcdsaSigFree {
    void operator()(ECDSA_SIG* signature) const { ECDSA_SIG_free(signature); }
};

EVP_PKEY* readPrivateKey(const std::string& pem) {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (bio == nullptr) throw std::runtime_error("JwtSigner: BIO_new_mem_buf failed");
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (key == nullptr || EVP_PKEY_get_bits(key) != 256 ||
        EVP_PKEY_get_base_id(key) != EVP_PKEY_EC) {
        EVP_PKEY_free(key);
        throw std::runtime_error("JwtSigner: the signing key is not a P-256 private key");
    }
    return key;
}

// DER ECDSA-Sig-Value → 32-byte r || 32-byte s.
std::string rawSignature(const std::string& der) {
    const auto* in = reinterpret_cast<const unsigned char*>(der.data());
    std::unique_ptr<ECDSA_SIG, EcdsaSigFree> signature(
        d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
    if (!signature) throw std::runtime_error("JwtSigner: cannot parse the DER signature");
    const BIGNUM* r = nullptr;
    const BIGNUM* s = nullptr;
    ECDSA_SIG_get0(signature.get(), &r, &s);
    std::string raw(64, '\0');
    auto* out = reinterpret_cast<unsigned char*>(raw.data());
    if (BN_bn2binpad(r, out, 32) != 32 || BN_bn2binpad(s, out + 32, 32) != 32) {
        throw std::runtime_error("JwtSigner: signature value does not fit 32 bytes");
    }
    return raw;
}

}  // namespace

std::string base64UrlEncode(const std::string& bytes) {
    std::string text = crypto::base64Encode(bytes);
    while (!text.empty() && text.back() == '=') text.pop_back();
    for (char& c : text) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return text;
}

struct JwtSigner::State {
    std::unique_ptr<EVP_PKEY, PkeyFree> key;
    std::vector<std::string> chain;
};

JwtSigner::JwtSigner(const std::string& privateKeyPem, std::vector<std::string> certificateChainDer)
    : state_(std::make_unique<State>()) {
    state_->key.reset(readPrivateKey(privateKeyPem));
    state_->chain = std::move(certificateChainDer);
}

JwtSigner::~JwtSigner() = default;

std::string JwtSigner::sign(const nlohmann::json& claims) const {
    nlohmann::json x5c = nlohmann::json::array();
    for (const auto& der : state_->chain) x5c.push_back(crypto::base64Encode(der));
    nlohmann::json header = {{"typ", "JWT"}, {"alg", "ES256"}, {"x5c", x5c}};
    std::string signingInput =
        base64UrlEncode(header.dump()) + "." + base64UrlEncode(claims.dump());
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
    size_t size = 0;
    bool ok =
        context &&
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, state_->key.get()) == 1 &&
        EVP_DigestSign(context.get(), nullptr, &size,
                       reinterpret_cast<const unsigned char*>(signingInput.data()),
                       signingInput.size()) == 1;
    std::string der(size, '\0');
    ok = ok && EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(der.data()), &size,
                              reinterpret_cast<const unsigned char*>(signingInput.data()),
                              signingInput.size()) == 1;
    if (!ok) throw std::runtime_error("JwtSigner: EVP_DigestSign failed");
    der.resize(size);
    return signingInput + "." + base64UrlEncode(rawSignature(der));
}

}  // namespace signet::testing
