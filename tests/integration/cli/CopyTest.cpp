// `signet copy` through real registries: within one (blobs mounted across repositories) and
// between two with different auth (htpasswd to token), an index with every platform or one,
// --only, --force. At the destination the manifests are the source's bytes, and each signature
// verifies with `openssl dgst` over the payload stored there as well as with `signet verify`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Command.h"
#include "harness/DockerConfigFile.h"
#include "harness/Paths.h"
#include "harness/RequiredProgram.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "harness/TestSecrets.h"
#include "oci/DockerConfigKeychain.h"
#include "oci/HttpRegistryClient.h"
#include "oci/ImageManifest.h"

namespace signet::testing {
namespace {

class Copy : public ::testing::Test {
  protected:
    void SetUp() override {
        requireProgram("openssl");
        env_ = {{"HOME", home_.path()}, {"COSIGN_PASSWORD", "copy-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", key()}, env_).exitCode, 0);
    }
    // Docker config and insecure hosts for these registries; a client that reads them all.
    void use(const std::vector<const TestRegistry*>& registries) {
        std::string insecure;
        oci::RegistryOptions options;
        for (const TestRegistry* registry : registries) {
            for (const auto& host : {registry->host(), registry->tokenHost()}) {
                if (host.empty()) continue;
                insecure += (insecure.empty() ? "" : ",") + host;
                options.insecureHosts.insert(host);
            }
        }
        env_["SIGNET_INSECURE_REGISTRIES"] = insecure;
        env_["DOCKER_CONFIG"] = home_.path() + "/docker";
        writeDockerConfig(registries, home_.path() + "/docker");
        oci::KeychainSettings keychain;
        keychain.configFile = home_.path() + "/docker/config.json";
        client_ = std::make_unique<oci::HttpRegistryClient>(
            options, std::make_shared<oci::DockerConfigKeychain>(keychain, testSecrets()),
            testSecrets());
    }
    std::string key() const { return home_.path() + "/k"; }
    CommandResult signet(const std::vector<std::string>& args) { return runSignet(args, env_); }
    oci::Repository repo(const std::string& reference) const {
        return oci::Reference::parse(reference).repository;
    }
    std::string raw(const std::string& repository, const std::string& reference) {
        auto manifest = client_->getManifest(repo(repository + ":x"), reference);
        return manifest ? manifest->body : "";
    }
    // The signature stored for `digest` in `repository` checked by openssl, not by signet.
    void expectOpensslVerifies(const std::string& repository, const std::string& digest) {
        const std::string tag = "sha256-" + digest.substr(7) + ".sig";
        auto manifest = oci::parseManifest(raw(repository, tag), repository + ":" + tag);
        ASSERT_FALSE(manifest.layers.empty()) << repository << ":" << tag;
        for (const auto& layer : manifest.layers) {
            writeFile(home_.path() + "/payload",
                      client_->getBlob(repo(repository + ":x"), layer.digest, 1 << 20));
            auto payload = nlohmann::json::parse(readFile(home_.path() + "/payload"));
            EXPECT_EQ(payload["critical"]["image"]["docker-manifest-digest"], digest);
            writeFile(
                home_.path() + "/sig.der",
                *crypto::base64Decode(layer.annotations.at("dev.cosignproject.cosign/signature")));
            EXPECT_EQ(runCommandForResult({"openssl", "dgst", "-sha256", "-verify", key() + ".pub",
                                           "-signature", home_.path() + "/sig.der",
                                           home_.path() + "/payload"})
                          .exitCode,
                      0)
                << repository << ":" << tag;
        }
    }

    TempDir home_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    std::map<std::string, std::string> env_;
};

TEST_F(Copy, WithinARegistryMountsBlobsAndKeepsEverythingVerifiable) {
    TestRegistry registry;
    use({&registry});
    auto image = pushSmallImage(registry, "copy/src", "1", "copy me");
    ASSERT_EQ(signet({"sign", "--key", key() + ".key", image.ref()}).exitCode, 0);
    writeFile(home_.path() + "/note.txt", "provenance note");
    ASSERT_EQ(signet({"attest", "--key", key() + ".key", "--predicate", home_.path() + "/note.txt",
                      image.ref()})
                  .exitCode,
              0);
    writeFile(home_.path() + "/sbom.json", R"({"spdxVersion":"SPDX-2.3"})");
    ASSERT_EQ(signet({"attach", "sbom", "--key", key() + ".key", "--sbom",
                      home_.path() + "/sbom.json", image.ref()})
                  .exitCode,
              0);

    const std::string dst = registry.host() + "/copy/dst";
    auto copied = signet({"copy", image.ref(), dst + ":1"});
    ASSERT_EQ(copied.exitCode, 0) << copied.err;
    EXPECT_NE(copied.err.find("Copying " + image.repository + ":sha256-" + image.digest.substr(7) +
                              ".sig to " + dst + ":sha256-" + image.digest.substr(7) + ".sig..."),
              std::string::npos)
        << copied.err;
    EXPECT_NE(copied.err.find(" 0 copied"), std::string::npos)
        << "same registry: every blob mounted, none sent through signet\n"
        << copied.err;
    EXPECT_EQ(copied.err.find("Blobs: 0 mounted"), std::string::npos) << copied.err;

    EXPECT_EQ(raw(dst, "1"), raw(image.repository, image.digest)) << "the same bytes";
    const std::string hex = image.digest.substr(7);
    for (const std::string suffix : {".sig", ".att", ".sbom"}) {
        EXPECT_EQ(raw(dst, "sha256-" + hex + suffix),
                  raw(image.repository, "sha256-" + hex + suffix))
            << suffix;
    }
    EXPECT_EQ(raw(dst, "sha256-" + hex), raw(dst, "1")) << "cosign tags each copied manifest";
    expectOpensslVerifies(dst, image.digest);
    auto verified = signet({"verify", "--key", key() + ".pub", dst + ":1@" + image.digest});
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    auto attested = signet({"verify-attestation", "--key", key() + ".pub", "--type", "custom",
                            dst + "@" + image.digest});
    EXPECT_EQ(attested.exitCode, 0) << attested.err;

    auto again = signet({"copy", image.ref(), dst + ":1"});
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(again.err.find("Copying"), std::string::npos) << "nothing left to copy\n"
                                                            << again.err;
}

TEST_F(Copy, MountsUnderTokenAuthWithPullOnTheSource) {
    TestRegistry registry({RegistryAuth::Token, false});
    use({&registry});
    auto image = pushSmallImage(registry, "team-a/app", "1", "token mount");
    ASSERT_EQ(signet({"sign", "--key", key() + ".key", image.ref()}).exitCode, 0);
    const std::string dst = registry.host() + "/team-b/app";
    auto copied = signet({"copy", image.ref(), dst + ":1"});
    ASSERT_EQ(copied.exitCode, 0) << copied.err;
    EXPECT_NE(copied.err.find(" 0 copied"), std::string::npos)
        << "the token asked for also grants pull on the mount's source\n"
        << copied.err;
    expectOpensslVerifies(dst, image.digest);
}

TEST_F(Copy, BetweenRegistriesWithTheirOwnCredentials) {
    TestRegistry source({RegistryAuth::Htpasswd, false});
    TestRegistry destination({RegistryAuth::Token, false});
    use({&source, &destination});
    auto index = pushMultiPlatformImage(source, "copy/multi", "v1", "platforms");
    const std::string ref = index.index.repository + ":v1@" + index.index.digest;
    ASSERT_EQ(signet({"sign", "--key", key() + ".key", "--recursive", ref}).exitCode, 0);

    const std::string dst = destination.host() + "/mirror/multi";
    auto copied = signet({"copy", ref, dst + ":v1"});
    ASSERT_EQ(copied.exitCode, 0) << copied.err;
    EXPECT_NE(copied.err.find(" 0 mounted"), std::string::npos) << copied.err;
    EXPECT_EQ(raw(dst, "v1"), raw(index.index.repository, index.index.digest));
    expectOpensslVerifies(dst, index.index.digest);
    for (const auto& platform : index.platforms) {
        EXPECT_EQ(raw(dst, platform.digest), raw(index.index.repository, platform.digest));
        expectOpensslVerifies(dst, platform.digest);
        auto verified = signet({"verify", "--key", key() + ".pub", dst + "@" + platform.digest});
        EXPECT_EQ(verified.exitCode, 0) << verified.err;
    }
    auto verified = signet({"verify", "--key", key() + ".pub", dst + ":v1@" + index.index.digest});
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
}

TEST_F(Copy, OnePlatformOnlyAttachmentsAndForce) {
    TestRegistry registry;
    use({&registry});
    auto index = pushMultiPlatformImage(registry, "copy/pick", "v1", "pick");
    const std::string ref = index.index.repository + ":v1@" + index.index.digest;
    ASSERT_EQ(signet({"sign", "--key", key() + ".key", "--recursive", ref}).exitCode, 0);
    const auto& arm = index.platforms.at(1);
    ASSERT_EQ(arm.platform.architecture, "arm64");

    const std::string dst = registry.host() + "/copy/arm";
    auto picked = signet({"copy", "--platform", "linux/arm64", ref, dst + ":v1"});
    ASSERT_EQ(picked.exitCode, 0) << picked.err;
    auto tagged = client_->headManifest(repo(dst + ":v1"), "v1");
    ASSERT_TRUE(tagged);
    EXPECT_EQ(tagged->digest, arm.digest) << "DST names the platform's image";
    EXPECT_FALSE(client_->headManifest(repo(dst + ":v1"), index.index.digest));
    expectOpensslVerifies(dst, arm.digest);

    const std::string sigsOnly = registry.host() + "/copy/sigs";
    auto only = signet({"copy", "--only=sig", ref, sigsOnly + ":v1"});
    ASSERT_EQ(only.exitCode, 0) << only.err;
    EXPECT_FALSE(client_->headManifest(repo(sigsOnly + ":v1"), "v1")) << "--only leaves DST's tag";
    expectOpensslVerifies(sigsOnly, index.index.digest);
    EXPECT_TRUE(client_->headManifest(repo(sigsOnly + ":v1"), index.index.digest));
    EXPECT_EQ(signet({"copy", "--only=sig,signatures", ref, sigsOnly}).exitCode, 1);

    auto other = pushSmallImage(registry, "copy/arm", "v1", "already here");  // moves DST's tag
    auto refused = signet({"copy", "--platform", "linux/arm64", ref, dst + ":v1"});
    EXPECT_EQ(refused.exitCode, 2) << refused.err;
    EXPECT_NE(refused.err.find("already exists. Use `-f` to overwrite"), std::string::npos)
        << refused.err;
    EXPECT_EQ(client_->headManifest(repo(dst + ":v1"), "v1")->digest, other.digest);
    auto forced = signet({"copy", "-f", "--platform", "linux/arm64", ref, dst + ":v1"});
    ASSERT_EQ(forced.exitCode, 0) << forced.err;
    EXPECT_EQ(client_->headManifest(repo(dst + ":v1"), "v1")->digest, arm.digest);

    EXPECT_EQ(signet({"copy", "--platform", "plan9/mips", ref, dst + ":v2"}).exitCode, 2);
    EXPECT_EQ(signet({"copy", ref}).exitCode, 1);
}

}  // namespace
}  // namespace signet::testing
