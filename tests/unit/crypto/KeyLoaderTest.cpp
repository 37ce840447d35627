// Tests for key references and loading signers/verifiers from files, env://, key directories.
#include "crypto/KeyLoader.h"

#include <gtest/gtest.h>

#include "harness/KeysFromEnvironment.h"
#include "harness/TestSecrets.h"

#include <filesystem>

#include "crypto/KeyReference.h"
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

// The public key of pemsigstorekey.pem, from cosign-formats.md §10 V3.
const std::string kSigstoreKeyPub =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7z9gA/tqa9iHt/f9F3ulyVi4lwqU\n"
    "LfHWfhG2mK4eyJ8LDcLstb+VVhxj3pkMjc3fNo+sSfiIY2NLR7c+DG1V4w==\n"
    "-----END PUBLIC KEY-----\n";

std::string sigstoreKey() {
    return readFile(fixture("interop/cosign-keys/pemsigstorekey.pem"));
}

template <typename F>
Error errorOf(F&& call) {
    try {
        call();
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
        return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::Internal, "");
}

bool contains(const Error& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

// Builds the layout kubelet gives a Secret volume: NAME -> ..data/NAME, ..data -> ..TIMESTAMP.
void writeSecretVolume(const TempDir& dir, const std::map<std::string, std::string>& files) {
    std::filesystem::create_directory(dir.file("..2026_11_22_00_00_00.1"));
    for (const auto& [name, content] : files) {
        writeFile(dir.file("..2026_11_22_00_00_00.1/" + name), content);
        std::filesystem::create_symlink("..data/" + name, dir.file(name));
    }
    std::filesystem::create_directory_symlink("..2026_11_22_00_00_00.1", dir.file("..data"));
}

TEST(KeyReference, ParsesEachKind) {
    Environment env;
    EXPECT_EQ(parseKeyReference("env://MY_KEY", env.getOr("SIGNET_KEY_DIR", "")).kind,
              KeyReference::Kind::EnvVar);
    EXPECT_EQ(parseKeyReference("env://MY_KEY", env.getOr("SIGNET_KEY_DIR", "")).location,
              "MY_KEY");
    auto k8s = parseKeyReference("k8s://ns/name", env.getOr("SIGNET_KEY_DIR", ""));
    EXPECT_EQ(k8s.kind, KeyReference::Kind::Kubernetes);
    EXPECT_EQ(k8s.ns, "ns");
    EXPECT_EQ(k8s.secret, "name");
    EXPECT_EQ(parseKeyReference("cosign.key", env.getOr("SIGNET_KEY_DIR", "")).kind,
              KeyReference::Kind::File);
    TempDir dir;
    EXPECT_EQ(parseKeyReference(dir.path(), env.getOr("SIGNET_KEY_DIR", "")).kind,
              KeyReference::Kind::Directory);
    env.set("SIGNET_KEY_DIR", dir.path());
    auto fromEnv = parseKeyReference("", env.getOr("SIGNET_KEY_DIR", ""));
    EXPECT_EQ(fromEnv.kind, KeyReference::Kind::Directory);
    EXPECT_EQ(fromEnv.location, dir.path());
}

TEST(KeyReference, RejectsMalformedReferences) {
    Environment env;
    auto scheme =
        errorOf([&] { parseKeyReference("awskms:///alias/x", env.getOr("SIGNET_KEY_DIR", "")); });
    EXPECT_EQ(scheme.kind(), ErrorKind::Usage);
    EXPECT_TRUE(contains(scheme, "unrecognized scheme: awskms://")) << scheme.what();
    for (std::string bad : {"k8s://ns", "k8s://ns/", "k8s:///name", "k8s://a/b/c", "k8s://",
                            "k8s://ns/name?watch=1", "k8s://../name", "k8s://ns/Name%2F"}) {
        auto e = errorOf([&] { parseKeyReference(bad, env.getOr("SIGNET_KEY_DIR", "")); });
        EXPECT_TRUE(contains(e, "k8s://<namespace>/<secret>")) << bad << ": " << e.what();
    }
    EXPECT_TRUE(
        contains(errorOf([&] { parseKeyReference("env://", env.getOr("SIGNET_KEY_DIR", "")); }),
                 "env://VARIABLE"));
    EXPECT_TRUE(contains(errorOf([&] { parseKeyReference("pkcs11:token=t;object=k", ""); }),
                         "pkcs11: keys are not supported"));
    EXPECT_TRUE(contains(errorOf([&] { parseKeyReference("", env.getOr("SIGNET_KEY_DIR", "")); }),
                         spellSetting("key_dir")));
}

TEST(KeyLoader, SignsWithAFileAndVerifiesWithItsPublicKey) {
    TempDir dir;
    writeFile(dir.file("cosign.key"), sigstoreKey());
    writeFile(dir.file("cosign.pub"), kSigstoreKeyPub);
    Environment env(Vars{{"COSIGN_PASSWORD", "hello"}});
    auto signer = signet::testing::signerFromEnvironment(dir.file("cosign.key"), env,
                                                         signet::testing::testSecrets());
    EXPECT_EQ(signer->verifier()->publicKeyPem(), kSigstoreKeyPub);
    auto verifier = signet::testing::verifierFromEnvironment(dir.file("cosign.pub"), env,
                                                             signet::testing::testSecrets());
    std::string signature = signer->sign("payload");
    EXPECT_TRUE(verifier->verify("payload", signature));
    EXPECT_FALSE(verifier->verify("payload2", signature));
}

TEST(KeyLoader, LegacyCosignKeySigns) {
    auto signer = signet::testing::signerFromEnvironment(
        fixture("interop/cosign-keys/pemcosignkey.pem"),
        Environment(Vars{{"COSIGN_PASSWORD", "hello"}}), signet::testing::testSecrets());
    EXPECT_TRUE(signer->verifier()->verify("m", signer->sign("m")));
}

TEST(KeyLoader, ErrorsNameTheKeyAndNeverThePassword) {
    std::string path = fixture("interop/cosign-keys/pemsigstorekey.pem");
    auto wrong = errorOf([&] {
        signet::testing::signerFromEnvironment(
            path, Environment(Vars{{"COSIGN_PASSWORD", "s3cr3t"}}), signet::testing::testSecrets());
    });
    EXPECT_EQ(wrong.kind(), ErrorKind::Key);
    EXPECT_EQ(std::string(wrong.what()), "wrong password for key " + path);
    auto none = errorOf([&] {
        signet::testing::signerFromEnvironment(path, Environment(), signet::testing::testSecrets());
    });
    EXPECT_TRUE(
        contains(none, spellSetting("key_password") + " or " + spellSetting("password_file")))
        << none.what();
    auto sec1 = errorOf([&] {
        signet::testing::signerFromEnvironment(fixture("interop/cosign-keys/pemcosigneckey.pem"),
                                               Environment(Vars{{"COSIGN_PASSWORD", "hello"}}),
                                               signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(sec1, "SEC1")) << sec1.what();
    auto plain = errorOf([&] {
        signet::testing::signerFromEnvironment(fixture("interop/cosign-keys/validecp256.pem"),
                                               Environment(Vars{{"COSIGN_PASSWORD", "hello"}}),
                                               signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(plain, "unsupported pem type: EC PRIVATE KEY")) << plain.what();
    auto missing = errorOf([&] {
        signet::testing::signerFromEnvironment("/nonexistent/cosign.key", Environment(),
                                               signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(missing, "/nonexistent/cosign.key")) << missing.what();
    auto notPublic = errorOf([&] {
        signet::testing::verifierFromEnvironment(path, Environment(),
                                                 signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(notPublic, "is not a public key")) << notPublic.what();
}

TEST(KeyLoader, EnvReferenceHoldsThePem) {
    Environment env(Vars{
        {"COSIGN_PASSWORD", "hello"}, {"KEY_PEM", sigstoreKey()}, {"PUB_PEM", kSigstoreKeyPub}});
    auto signer = signet::testing::signerFromEnvironment("env://KEY_PEM", env,
                                                         signet::testing::testSecrets());
    EXPECT_TRUE(signet::testing::verifierFromEnvironment("env://PUB_PEM", env,
                                                         signet::testing::testSecrets())
                    ->verify("x", signer->sign("x")));
    auto unset = errorOf([&] {
        signet::testing::signerFromEnvironment("env://NOT_SET", env,
                                               signet::testing::testSecrets());
    });
    EXPECT_EQ(unset.kind(), ErrorKind::Key);
    EXPECT_TRUE(contains(unset, "NOT_SET")) << unset.what();
    auto wrong = errorOf([&] {
        signet::testing::signerFromEnvironment(
            "env://KEY_PEM",
            Environment(Vars{{"KEY_PEM", sigstoreKey()}, {"COSIGN_PASSWORD", "nope"}}),
            signet::testing::testSecrets());
    });
    EXPECT_EQ(std::string(wrong.what()), "wrong password for key env://KEY_PEM");
}

// CI secret stores often turn line endings into CRLF or drop the final newline.
TEST(KeyLoader, EnvPemWithCrlfOrWithoutFinalNewline) {
    std::string crlf;
    for (char c : sigstoreKey()) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    std::string trimmed = kSigstoreKeyPub.substr(0, kSigstoreKeyPub.size() - 1);
    Environment env(Vars{{"COSIGN_PASSWORD", "hello"}, {"KEY", crlf}, {"PUB", trimmed}});
    EXPECT_TRUE(
        signet::testing::verifierFromEnvironment("env://PUB", env, signet::testing::testSecrets())
            ->verify("x", signet::testing::signerFromEnvironment("env://KEY", env,
                                                                 signet::testing::testSecrets())
                              ->sign("x")));
}

TEST(KeyLoader, KeyDirectoryWithSecretVolumeLinks) {
    TempDir dir;
    writeSecretVolume(dir, {{"cosign.key", sigstoreKey()},
                            {"cosign.password", "hello"},
                            {"cosign.pub", kSigstoreKeyPub}});
    ASSERT_TRUE(std::filesystem::is_symlink(dir.file("cosign.key")));
    auto signer = signet::testing::signerFromEnvironment(dir.path(), Environment(),
                                                         signet::testing::testSecrets());
    auto verifier = signet::testing::verifierFromEnvironment(dir.path(), Environment(),
                                                             signet::testing::testSecrets());
    EXPECT_TRUE(verifier->verify("p", signer->sign("p")));
    // SIGNET_KEY_DIR when no reference is given.
    Environment env(Vars{{"SIGNET_KEY_DIR", dir.path()}});
    EXPECT_TRUE(signet::testing::verifierFromEnvironment("", env, signet::testing::testSecrets())
                    ->verify("q", signet::testing::signerFromEnvironment(
                                      "", env, signet::testing::testSecrets())
                                      ->sign("q")));
    // COSIGN_PASSWORD beats the directory's cosign.password.
    env.set("COSIGN_PASSWORD", "wrong");
    auto wrong = errorOf(
        [&] { signet::testing::signerFromEnvironment("", env, signet::testing::testSecrets()); });
    EXPECT_EQ(std::string(wrong.what()), "wrong password for key " + dir.file("cosign.key"));
}

TEST(KeyLoader, KeyDirectoryWithoutPasswordOrPublicKey) {
    TempDir dir;
    writeFile(dir.file("cosign.key"), sigstoreKey());
    auto noPassword = errorOf([&] {
        signet::testing::signerFromEnvironment(dir.path(), Environment(),
                                               signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(noPassword, "is encrypted and no password was given"));
    auto noPub = errorOf([&] {
        signet::testing::verifierFromEnvironment(dir.path(), Environment(),
                                                 signet::testing::testSecrets());
    });
    EXPECT_TRUE(contains(noPub, "has no cosign.pub")) << noPub.what();
    EXPECT_TRUE(signet::testing::signerFromEnvironment(
                    dir.path(), Environment(Vars{{"COSIGN_PASSWORD", "hello"}}),
                    signet::testing::testSecrets()) != nullptr);
}

}  // namespace
}  // namespace signet::crypto
