// Tests for cosign's encrypted key files against the cosign test keys (V3) and invariant I4.
#include "crypto/EncryptedKeyFile.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "crypto/Pem.h"
#include "crypto/PrivateKey.h"
#include "error/Error.h"
#include "harness/Paths.h"

namespace signet::crypto {
namespace {

using signet::testing::fixture;
using signet::testing::readFile;

const SecretBytes kHello("hello");

std::string keyFixture(const std::string& name) {
    return readFile(fixture("interop/cosign-keys/" + name));
}

// The JSON body of a PEM key file, as text.
std::string bodyOf(const std::string& pem) {
    auto block = decodeFirstPem(pem);
    EXPECT_TRUE(block.has_value());
    return std::string(block->bytes.view());
}

// `pem` with its JSON body replaced by `mutate(body)`, re-wrapped with the same PEM type.
template <typename Mutate>
std::string withBody(const std::string& pem, Mutate mutate) {
    auto block = decodeFirstPem(pem);
    auto json = nlohmann::ordered_json::parse(block->bytes.view());
    mutate(json);
    return encodePem(block->type, json.dump());
}

std::string errorOf(const std::string& pem, const SecretBytes& password) {
    try {
        decryptKeyFile(pem, password, "test.key");
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Key) << e.what();
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "decryption succeeded";
    return "";
}

TEST(EncryptedKeyFile, SigstoreKeyDecryptsToTheV3Key) {
    SecretBytes plain = decryptKeyFile(keyFixture("pemsigstorekey.pem"), kHello, "k");
    EXPECT_EQ(plain.size(), 138u);
    EXPECT_EQ(hexEncode(sha256(plain.view())),
              "783bed8a6094a497ebcad1da69901bb07686c6ffd0bb04f86947f41029b57818");
    PrivateKey key = PrivateKey::fromPkcs8(plain, "k");
    EXPECT_EQ(key.algorithm(), KeyAlgorithm::EcdsaP256);
    EXPECT_EQ(base64Encode(key.publicKey().pkixDer()),
              "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7z9gA/tqa9iHt/f9F3ulyVi4lwqULfHWfhG2mK4eyJ8LDcLs"
              "tb+VVhxj3pkMjc3fNo+sSfiIY2NLR7c+DG1V4w==");
}

TEST(EncryptedKeyFile, LegacyCosignTypeDecrypts) {
    SecretBytes plain = decryptKeyFile(keyFixture("pemcosignkey.pem"), kHello, "k");
    EXPECT_EQ(PrivateKey::fromPkcs8(plain, "k").algorithm(), KeyAlgorithm::EcdsaP256);
}

TEST(EncryptedKeyFile, Sec1PlaintextIsRefusedLikeCosign) {
    SecretBytes plain = decryptKeyFile(keyFixture("pemcosigneckey.pem"), kHello, "k");
    EXPECT_EQ(plain.size(), 121u);
    try {
        PrivateKey::fromPkcs8(plain, "ec.key");
        FAIL() << "SEC1 accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Key);
        EXPECT_NE(std::string(e.what()).find("SEC1"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ec.key"), std::string::npos) << e.what();
    }
}

TEST(EncryptedKeyFile, WrongPasswordIsNamed) {
    EXPECT_EQ(errorOf(keyFixture("pemsigstorekey.pem"), SecretBytes("wrong")),
              "wrong password for key test.key");
    EXPECT_EQ(errorOf(keyFixture("pemsigstorekey.pem"), SecretBytes("")),
              "wrong password for key test.key");
}

TEST(EncryptedKeyFile, CorruptFilesGiveOneLineErrors) {
    std::string pem = keyFixture("pemsigstorekey.pem");
    EXPECT_NE(errorOf("not a pem", kHello).find("no PEM block"), std::string::npos);
    std::string badBase64 = pem;
    badBase64[60] = '!';
    EXPECT_NE(errorOf(badBase64, kHello).find("test.key"), std::string::npos);
    EXPECT_NE(errorOf(encodePem("ENCRYPTED SIGSTORE PRIVATE KEY", "{not json"), kHello)
                  .find("not key JSON"),
              std::string::npos);
    EXPECT_NE(errorOf(encodePem("EC PRIVATE KEY", "x"), kHello).find("unsupported PEM type"),
              std::string::npos);
    auto truncated = withBody(pem, [](auto& j) {
        auto c = *base64Decode(j["ciphertext"].template get<std::string>());
        j["ciphertext"] = base64Encode(c.substr(0, 10));
    });
    EXPECT_NE(errorOf(truncated, kHello).find("shorter than"), std::string::npos);
    auto shortened = withBody(pem, [](auto& j) {
        auto c = *base64Decode(j["ciphertext"].template get<std::string>());
        j["ciphertext"] = base64Encode(c.substr(0, c.size() - 1));
    });
    EXPECT_EQ(errorOf(shortened, kHello), "wrong password for key test.key");
    auto kdf = withBody(pem, [](auto& j) { j["kdf"]["name"] = "pbkdf2"; });
    EXPECT_NE(errorOf(kdf, kHello).find("unknown kdf name \"pbkdf2\""), std::string::npos);
    auto cipher = withBody(pem, [](auto& j) { j["cipher"]["name"] = "aes-gcm"; });
    EXPECT_NE(errorOf(cipher, kHello).find("unknown cipher name \"aes-gcm\""), std::string::npos);
    auto nonce = withBody(pem, [](auto& j) { j["cipher"]["nonce"] = base64Encode("short"); });
    EXPECT_NE(errorOf(nonce, kHello).find("nonce"), std::string::npos);
    auto missing = withBody(pem, [](auto& j) { j.erase("ciphertext"); });
    EXPECT_NE(errorOf(missing, kHello).find("missing \"ciphertext\""), std::string::npos);
}

TEST(EncryptedKeyFile, OnlyCosignsScryptParametersAreAccepted) {
    std::string pem = keyFixture("pemsigstorekey.pem");
    for (auto [n, r, p] : {std::tuple{16384, 8, 1},
                           {1048576, 8, 1},
                           {32768, 16, 1},
                           {32768, 8, 2},
                           {0, 8, 1},
                           {32767, 8, 1}}) {
        auto changed = withBody(pem, [&](auto& j) {
            j["kdf"]["params"]["N"] = n;
            j["kdf"]["params"]["r"] = r;
            j["kdf"]["params"]["p"] = p;
        });
        EXPECT_NE(errorOf(changed, kHello).find("unsupported scrypt parameters"), std::string::npos)
            << n << " " << r << " " << p;
    }
    auto negative = withBody(pem, [](auto& j) { j["kdf"]["params"]["N"] = -32768; });
    EXPECT_NE(errorOf(negative, kHello).find("not a positive integer"), std::string::npos);
    auto text = withBody(pem, [](auto& j) { j["kdf"]["params"]["N"] = "32768"; });
    EXPECT_NE(errorOf(text, kHello).find("not a positive integer"), std::string::npos);
}

TEST(EncryptedKeyFile, WritesTheI4Layout) {
    PrivateKey key = PrivateKey::generateEcdsaP256();
    SecretBytes pkcs8 = key.toPkcs8();
    std::string pem = encryptKeyFile(pkcs8, SecretBytes("pw"));
    EXPECT_EQ(pem.rfind("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n", 0), 0u);
    EXPECT_TRUE(pem.ends_with("-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n"));
    // Go's pem: every body line but the last is exactly 64 characters.
    std::vector<std::string> lines;
    for (std::size_t start = 0, end; (end = pem.find('\n', start)) != std::string::npos;
         start = end + 1) {
        lines.push_back(pem.substr(start, end - start));
    }
    ASSERT_GE(lines.size(), 4u);
    for (std::size_t i = 1; i + 2 < lines.size(); ++i) EXPECT_EQ(lines[i].size(), 64u) << i;
    EXPECT_LE(lines[lines.size() - 2].size(), 64u);

    std::string body = bodyOf(pem);
    auto json = nlohmann::ordered_json::parse(body);
    std::vector<std::string> order;
    for (auto& [k, v] : json.items()) order.push_back(k);
    EXPECT_EQ(order, (std::vector<std::string>{"kdf", "cipher", "ciphertext"}));
    std::string salt = json["kdf"]["salt"];
    std::string nonce = json["cipher"]["nonce"];
    std::string ciphertext = json["ciphertext"];
    std::string expectedPrefix =
        R"({"kdf":{"name":"scrypt","params":{"N":65536,"r":8,"p":1},"salt":")";
    EXPECT_EQ(body, expectedPrefix + salt + R"("},"cipher":{"name":"nacl/secretbox","nonce":")" +
                        nonce + R"("},"ciphertext":")" + ciphertext + "\"}");
    EXPECT_EQ(base64Decode(salt)->size(), 32u);
    EXPECT_EQ(base64Decode(nonce)->size(), 24u);
    EXPECT_EQ(base64Decode(ciphertext)->size(), pkcs8.size() + 16);
    EXPECT_EQ(pkcs8.size(), 138u);
    EXPECT_EQ(hexEncode(pkcs8.view().substr(0, 36)),
              "308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420");

    SecretBytes back = decryptKeyFile(pem, SecretBytes("pw"), "new.key");
    EXPECT_TRUE(back == pkcs8);
    EXPECT_EQ(errorOf(pem, SecretBytes("pw\n")), "wrong password for key test.key");
}

// go-securesystemslib also reads N=131072 ("Sensitive"); no fixture has it, so this test seals a
// key with OpenSSL's scrypt and libsodium's secretbox directly and checks the reader opens it.
TEST(EncryptedKeyFile, ReadsTheSensitiveScryptCost) {
    SecretBytes pkcs8 = PrivateKey::generateEcdsaP256().toPkcs8();
    std::string salt(32, 's'), nonce(24, 'n'), derived(32, '\0');
    ASSERT_EQ(EVP_PBE_scrypt("pw", 2, reinterpret_cast<const unsigned char*>(salt.data()),
                             salt.size(), 131072, 8, 1, 256ull << 20,
                             reinterpret_cast<unsigned char*>(derived.data()), derived.size()),
              1);
    std::string sealed(pkcs8.size() + crypto_secretbox_MACBYTES, '\0');
    ASSERT_EQ(sodium_init() >= 0, true);
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.data()), pkcs8.data(),
                          pkcs8.size(), reinterpret_cast<const unsigned char*>(nonce.data()),
                          reinterpret_cast<const unsigned char*>(derived.data()));
    nlohmann::ordered_json body = {
        {"kdf",
         {{"name", "scrypt"},
          {"params", {{"N", 131072}, {"r", 8}, {"p", 1}}},
          {"salt", base64Encode(salt)}}},
        {"cipher", {{"name", "nacl/secretbox"}, {"nonce", base64Encode(nonce)}}},
        {"ciphertext", base64Encode(sealed)}};
    std::string pem = encodePem("ENCRYPTED COSIGN PRIVATE KEY", body.dump());
    EXPECT_TRUE(decryptKeyFile(pem, SecretBytes("pw"), "k") == pkcs8);
    EXPECT_EQ(errorOf(pem, SecretBytes("pW")), "wrong password for key test.key");
}

TEST(EncryptedKeyFile, EmptyPasswordIsAPassword) {
    PrivateKey key = PrivateKey::generateEcdsaP256();
    std::string pem = encryptKeyFile(key.toPkcs8(), SecretBytes(""));
    EXPECT_TRUE(decryptKeyFile(pem, SecretBytes(""), "k") == key.toPkcs8());
    EXPECT_EQ(errorOf(pem, SecretBytes(" ")), "wrong password for key test.key");
}

}  // namespace
}  // namespace signet::crypto
