// Tests for KeySigner/KeyVerifier against cosign and containers/image fixtures and RFC 8032.
#include "crypto/KeySigner.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "crypto/KeyVerifier.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"
#include "error/Error.h"
#include "harness/Paths.h"

namespace signet::crypto {
namespace {

using signet::testing::fixture;
using signet::testing::readFile;

struct CosignSignature {
    std::string payload;
    std::string signature;
};

// A containers/image `dir:` signature: 0x00, "sigstore-json\n", then
// {mimeType,payload,annotations}.
CosignSignature readDirSignature(const std::string& path) {
    std::string bytes = readFile(path);
    const std::string prefix = std::string(1, '\0') + "sigstore-json\n";
    EXPECT_EQ(bytes.rfind(prefix, 0), 0u);
    auto json = nlohmann::json::parse(bytes.substr(prefix.size()));
    auto payload = base64Decode(json["payload"].get<std::string>());
    auto signature =
        base64Decode(json["annotations"]["dev.cosignproject.cosign/signature"].get<std::string>());
    return CosignSignature{*payload, *signature};
}

KeyVerifier verifierFromFixture(const std::string& relative) {
    return KeyVerifier(PublicKey::fromPem(readFile(fixture(relative)), relative));
}

TEST(KeyVerifier, V2CosignSignatureVerifiesWithCosignPub) {
    auto sig =
        readDirSignature(fixture("interop/containers-image/dir-img-cosign-valid/signature-1"));
    EXPECT_EQ(sig.payload.size(), 261u);
    EXPECT_EQ(hexEncode(sha256(sig.payload)),
              "cf482371b51a7633b3f02e29b87fc3f4a18b3f127af61cb114af5f2c04fcdd75");
    KeyVerifier right = verifierFromFixture("interop/containers-image/cosign.pub");
    KeyVerifier wrong = verifierFromFixture("interop/containers-image/cosign2.pub");
    EXPECT_TRUE(right.verify(sig.payload, sig.signature));
    EXPECT_FALSE(wrong.verify(sig.payload, sig.signature));
    std::string tampered = sig.payload;
    tampered.back() = ' ';
    EXPECT_FALSE(right.verify(tampered, sig.signature));
    EXPECT_FALSE(right.verify(sig.payload, ""));
    EXPECT_FALSE(right.verify(sig.payload, "garbage"));
}

TEST(KeyVerifier, KeyRekorFixtureVerifiesWithCosign2Pub) {
    auto sig = readDirSignature(
        fixture("interop/containers-image/dir-img-cosign-key-rekor-valid/signature-1"));
    EXPECT_TRUE(verifierFromFixture("interop/containers-image/cosign2.pub")
                    .verify(sig.payload, sig.signature));
    EXPECT_FALSE(verifierFromFixture("interop/containers-image/cosign.pub")
                     .verify(sig.payload, sig.signature));
}

TEST(KeyVerifier, PublicKeyPemIsWrittenExactlyAsGoWritesIt) {
    for (std::string name : {"cosign.pub", "cosign2.pub", "rekor.pub"}) {
        std::string text = readFile(fixture("interop/containers-image/" + name));
        EXPECT_EQ(PublicKey::fromPem(text, name).pkixPem(), text) << name;
    }
    std::string rsa = readFile(fixture("interop/cosign-keys/invalidrsawithpubkey.pem"));
    EXPECT_EQ(PublicKey::fromPem(rsa, "rsa").pkixPem(), rsa);
}

TEST(KeyVerifier, ReadsPkcs1RsaPublicKeys) {
    PrivateKey key = PrivateKey::fromUnencryptedPem(
        readFile(fixture("interop/cosign-keys/validrsapkcs1.pem")), "rsa");
    // PKCS#1 RSAPublicKey is the tail of the PKIX BIT STRING; OpenSSL writes it independently.
    unsigned char* der = nullptr;
    int length = i2d_PublicKey(key.get(), &der);
    ASSERT_GT(length, 0);
    std::string pkcs1(reinterpret_cast<char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    PublicKey fromPkcs1 =
        PublicKey::fromPem("-----BEGIN RSA PUBLIC KEY-----\n" + base64Encode(pkcs1) +
                               "\n-----END RSA PUBLIC KEY-----\n",
                           "rsa.pub");
    EXPECT_EQ(fromPkcs1.pkixDer(), key.publicKey().pkixDer());
    KeySigner signer(std::move(key));
    EXPECT_TRUE(KeyVerifier(std::move(fromPkcs1)).verify("msg", signer.sign("msg")));
}

TEST(KeyVerifier, RefusesNonPublicKeyPem) {
    for (std::string name : {"validecp256.pem", "validrsapkcs8.pem", "pemsigstorekey.pem"}) {
        try {
            PublicKey::fromPem(readFile(fixture("interop/cosign-keys/" + name)), name);
            ADD_FAILURE() << name << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Key);
            EXPECT_NE(std::string(e.what()).find("is not a public key"), std::string::npos)
                << e.what();
        }
    }
    EXPECT_THROW(PublicKey::fromPem(readFile(fixture("interop/cosign-keys/invalidkey.pem")), "pgp"),
                 Error);
    EXPECT_THROW(PublicKey::fromPem("", "empty"), Error);
    EXPECT_THROW(
        PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "junk"),
        Error);
}

struct ValidKey {
    const char* file;
    KeyAlgorithm algorithm;
    std::size_t digestSize;  // bytes of the hash cosign uses; 0 for Ed25519
};

class ValidCosignKey : public ::testing::TestWithParam<ValidKey> {};

// Signs with our signer and checks the signature with plain OpenSSL and the expected digest,
// so the hash choice is checked independently of KeyVerifier.
TEST_P(ValidCosignKey, ImportsSignsAndVerifiesWithTheCosignHash) {
    ValidKey param = GetParam();
    PrivateKey key = PrivateKey::fromUnencryptedPem(
        readFile(fixture(std::string("interop/cosign-keys/") + param.file)), param.file);
    EXPECT_EQ(key.algorithm(), param.algorithm);
    PrivateKey reloaded = PrivateKey::fromPkcs8(key.toPkcs8(), param.file);
    KeySigner signer(std::move(reloaded));
    std::string message = "{\"critical\":{}}";
    std::string signature = signer.sign(message);
    auto verifier = signer.verifier();
    EXPECT_TRUE(verifier->verify(message, signature));
    EXPECT_FALSE(verifier->verify(message + " ", signature));
    if (param.digestSize == 0) return;
    const EVP_MD* md = param.digestSize == 32   ? EVP_sha256()
                       : param.digestSize == 48 ? EVP_sha384()
                                                : EVP_sha512();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key.get()), 1);
    EXPECT_EQ(EVP_DigestVerify(
                  ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                  reinterpret_cast<const unsigned char*>(message.data()), message.size()),
              1);
    EVP_MD_CTX_free(ctx);
}

INSTANTIATE_TEST_SUITE_P(CosignKeys, ValidCosignKey,
                         ::testing::Values(ValidKey{"validecp256.pem", KeyAlgorithm::EcdsaP256, 32},
                                           ValidKey{"validecp384.pem", KeyAlgorithm::EcdsaP384, 48},
                                           ValidKey{"validecp521.pem", KeyAlgorithm::EcdsaP521, 64},
                                           ValidKey{"validecpkcs8.pem", KeyAlgorithm::EcdsaP256,
                                                    32},
                                           ValidKey{"validrsa.pem", KeyAlgorithm::Rsa, 32},
                                           ValidKey{"validrsapkcs1.pem", KeyAlgorithm::Rsa, 32},
                                           ValidKey{"validrsapkcs8.pem", KeyAlgorithm::Rsa, 32},
                                           ValidKey{"ed25519key.pem", KeyAlgorithm::Ed25519, 0}));

struct InvalidKey {
    const char* file;
    const char* reason;
};

class InvalidCosignKey : public ::testing::TestWithParam<InvalidKey> {};

TEST_P(InvalidCosignKey, IsRejectedWithTheReason) {
    InvalidKey param = GetParam();
    try {
        PrivateKey::fromUnencryptedPem(
            readFile(fixture(std::string("interop/cosign-keys/") + param.file)), param.file);
        FAIL() << param.file << " accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Key);
        EXPECT_NE(std::string(e.what()).find(param.reason), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(param.file), std::string::npos) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(
    CosignKeys, InvalidCosignKey,
    ::testing::Values(InvalidKey{"invalidecp224.pem", "unsupported elliptic curve secp224r1"},
                      InvalidKey{"invalidecunsupported.pem", "unsupported elliptic curve"},
                      InvalidKey{"invalidkey.pem", "no PEM block"},
                      InvalidKey{"invalidrsalargekey.pem", "unsupported size"},
                      InvalidKey{"invalidrsasmallkey.pem", "unsupported size 1024 bits"},
                      InvalidKey{"invalidrsawithpubkey.pem", "unsupported private key"},
                      InvalidKey{"pemsigstorekey.pem", "unsupported private key"}));

// RFC 8032 §7.3 "TEST abc" (Ed25519ph), the same vector Go's crypto/ed25519 tests.
TEST(KeySigner, Ed25519phMatchesRfc8032Vector) {
    std::string seed =
        "\x83\x3f\xe6\x24\x09\x23\x7b\x9d\x62\xec\x77\x58\x75\x20\x91\x1e"
        "\x9a\x75\x9c\xec\x1d\x19\x75\x5b\x7d\xa9\x01\xb9\x6d\xca\x3d\x42";
    EVP_PKEY* raw = EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(seed.data()), 32);
    ASSERT_NE(raw, nullptr);
    KeySigner signer(PrivateKey::fromPkcs8(
        [&] {
            EvpPkeyPtr owned(raw);
            unsigned char* der = nullptr;
            PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(owned.get());
            int length = i2d_PKCS8_PRIV_KEY_INFO(info, &der);
            PKCS8_PRIV_KEY_INFO_free(info);
            SecretBytes bytes(std::string_view(reinterpret_cast<char*>(der), length));
            OPENSSL_free(der);
            return bytes;
        }(),
        "rfc8032"));
    std::string signature = signer.sign("abc");
    EXPECT_EQ(hexEncode(signature),
              "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41"
              "31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406");
    auto verifier = signer.verifier();
    EXPECT_TRUE(verifier->verify("abc", signature));
    EXPECT_FALSE(verifier->verify("abd", signature));
}

// containers/image and older cosign sign Ed25519 without pre-hashing; both must verify.
TEST(KeyVerifier, Ed25519AcceptsPureSignaturesToo) {
    PrivateKey key = PrivateKey::fromUnencryptedPem(
        readFile(fixture("interop/cosign-keys/ed25519key.pem")), "ed");
    std::string message = "payload";
    std::string pure(64, '\0');
    std::size_t length = pure.size();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ASSERT_EQ(EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, key.get()), 1);
    ASSERT_EQ(
        EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(pure.data()), &length,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()),
        1);
    EVP_MD_CTX_free(ctx);
    KeySigner signer(std::move(key));
    std::string prehashed = signer.sign(message);
    EXPECT_NE(pure, prehashed);
    auto verifier = signer.verifier();
    EXPECT_TRUE(verifier->verify(message, pure));
    EXPECT_TRUE(verifier->verify(message, prehashed));
    EXPECT_FALSE(verifier->verify("other", pure));
    EXPECT_FALSE(verifier->verify("other", prehashed));
}

}  // namespace
}  // namespace signet::crypto
