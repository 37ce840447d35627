// Tests for generate-key-pair / import-key-pair output files.
#include "crypto/KeyPairFiles.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include <nlohmann/json.hpp>

#include "crypto/KeyLoader.h"
#include "crypto/Pem.h"
#include "crypto/PrivateKey.h"
#include "error/Error.h"
#include "error/SettingSpelling.h"
#include "harness/Paths.h"
#include "unit/crypto/TempDir.h"

namespace signet::crypto {
namespace {

using Vars = std::map<std::string, std::string>;

using signet::testing::fixture;
using signet::testing::readFile;
using signet::testing::TempDir;
using signet::testing::writeFile;

mode_t modeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 07777;
}

TEST(KeyPairFiles, GenerateThenLoadSignAndVerify) {
    TempDir dir;
    mode_t old = ::umask(0);  // the modes must not depend on the umask
    Environment env(Vars{{"COSIGN_PASSWORD", "pw"}});
    auto paths =
        generateKeyPair({dir.file("cosign"), false}, config::passwordSourceFromEnvironment(env),
                        signet::testing::testSecrets());
    ::umask(old);
    EXPECT_EQ(paths.privateKey, dir.file("cosign.key"));
    EXPECT_EQ(paths.publicKey, dir.file("cosign.pub"));
    EXPECT_EQ(modeOf(paths.privateKey), 0600u);
    EXPECT_EQ(modeOf(paths.publicKey), 0644u);
    std::string keyPem = readFile(paths.privateKey);
    EXPECT_EQ(keyPem.rfind("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n", 0), 0u);
    auto body = nlohmann::ordered_json::parse(decodeFirstPem(keyPem)->bytes.view());
    EXPECT_EQ(body["kdf"]["params"]["N"], 65536);
    std::string pub = readFile(paths.publicKey);
    EXPECT_EQ(pub.rfind("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE", 0), 0u);

    auto signer = signet::testing::signerFromEnvironment(paths.privateKey, env,
                                                         signet::testing::testSecrets());
    auto verifier = signet::testing::verifierFromEnvironment(paths.publicKey, env,
                                                             signet::testing::testSecrets());
    EXPECT_EQ(signer->verifier()->publicKeyPem(), pub);
    EXPECT_TRUE(verifier->verify("payload", signer->sign("payload")));
    EXPECT_THROW(signet::testing::signerFromEnvironment(
                     paths.privateKey, Environment(Vars{{"COSIGN_PASSWORD", "other"}}),
                     signet::testing::testSecrets()),
                 Error);
}

TEST(KeyPairFiles, EmptyPasswordFromSetButEmptyCosignPassword) {
    TempDir dir;
    Environment env(Vars{{"COSIGN_PASSWORD", ""}});
    auto paths = generateKeyPair({dir.file("k"), false}, config::passwordSourceFromEnvironment(env),
                                 signet::testing::testSecrets());
    EXPECT_TRUE(signet::testing::signerFromEnvironment(paths.privateKey, env,
                                                       signet::testing::testSecrets()) != nullptr);
    try {
        generateKeyPair({dir.file("other"), false},
                        config::passwordSourceFromEnvironment(Environment()),
                        signet::testing::testSecrets());
        FAIL() << "generated without a password source";
    } catch (const Error& e) {
        // The password setting, as the wrapper in use spells it (COSIGN_PASSWORD for the CLI).
        EXPECT_NE(std::string(e.what()).find(spellSetting("key_password")), std::string::npos);
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("other.key")));
}

TEST(KeyPairFiles, RefusesToOverwriteUnlessTold) {
    TempDir dir;
    Environment env(Vars{{"COSIGN_PASSWORD", "pw"}});
    writeFile(dir.file("cosign.pub"), "keep me");
    try {
        generateKeyPair({dir.file("cosign"), false}, config::passwordSourceFromEnvironment(env),
                        signet::testing::testSecrets());
        FAIL() << "overwrote";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Usage);
        EXPECT_NE(std::string(e.what()).find("refusing to overwrite " + dir.file("cosign.pub")),
                  std::string::npos);
    }
    EXPECT_EQ(readFile(dir.file("cosign.pub")), "keep me");
    EXPECT_FALSE(std::filesystem::exists(dir.file("cosign.key")));
    auto paths =
        generateKeyPair({dir.file("cosign"), true}, config::passwordSourceFromEnvironment(env),
                        signet::testing::testSecrets());
    EXPECT_NE(readFile(paths.publicKey), "keep me");
    EXPECT_EQ(modeOf(paths.privateKey), 0600u);
}

TEST(KeyPairFiles, ImportReencryptsEveryValidCosignKey) {
    TempDir dir;
    Environment env(Vars{{"COSIGN_PASSWORD", "import-pw"}});
    for (std::string name :
         {"validecp256.pem", "validecp384.pem", "validecp521.pem", "validecpkcs8.pem",
          "validrsa.pem", "validrsapkcs1.pem", "validrsapkcs8.pem", "ed25519key.pem"}) {
        std::string source = fixture("interop/cosign-keys/" + name);
        auto paths = importKeyPair(source, {dir.file(name), false},
                                   config::passwordSourceFromEnvironment(env),
                                   signet::testing::testSecrets());
        EXPECT_EQ(modeOf(paths.privateKey), 0600u);
        auto signer = signet::testing::signerFromEnvironment(paths.privateKey, env,
                                                             signet::testing::testSecrets());
        auto verifier = signet::testing::verifierFromEnvironment(paths.publicKey, env,
                                                                 signet::testing::testSecrets());
        EXPECT_TRUE(verifier->verify("m", signer->sign("m"))) << name;
        PrivateKey original = PrivateKey::fromUnencryptedPem(readFile(source), name);
        EXPECT_EQ(readFile(paths.publicKey), original.publicKey().pkixPem()) << name;
    }
}

TEST(KeyPairFiles, ImportRejectsInvalidKeysWithoutWritingFiles) {
    TempDir dir;
    Environment env(Vars{{"COSIGN_PASSWORD", "pw"}});
    for (std::string name : {"invalidecp224.pem", "invalidecunsupported.pem", "invalidkey.pem",
                             "invalidrsalargekey.pem", "invalidrsasmallkey.pem",
                             "invalidrsawithpubkey.pem", "pemsigstorekey.pem"}) {
        EXPECT_THROW(importKeyPair(fixture("interop/cosign-keys/" + name), {dir.file("out"), false},
                                   config::passwordSourceFromEnvironment(env),
                                   signet::testing::testSecrets()),
                     Error)
            << name;
        EXPECT_FALSE(std::filesystem::exists(dir.file("out.key"))) << name;
    }
}

TEST(KeyPairFiles, DefaultPrefixes) {
    EXPECT_STREQ(kGeneratedKeyPrefix, "cosign");
    EXPECT_STREQ(kImportedKeyPrefix, "import-cosign");
}

}  // namespace
}  // namespace signet::crypto
