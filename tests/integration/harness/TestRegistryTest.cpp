// Starts each docker-registry variant for real and talks to it with skopeo, a peer we did not
// write.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/RegistryProbe.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

int portOf(const TestRegistry& registry) {
    return std::stoi(registry.host().substr(registry.host().rfind(':') + 1));
}

// skopeo inspect --raw with explicit flags instead of the registry's own, to try wrong ones.
CommandResult inspectWith(const TestRegistry& registry, const std::string& nameAndTag,
                          const std::vector<std::string>& flags) {
    std::vector<std::string> argv = {"skopeo", "inspect", "--raw"};
    argv.insert(argv.end(), flags.begin(), flags.end());
    argv.push_back("docker://" + registry.host() + "/" + nameAndTag);
    return runCommandForResult(argv);
}

std::vector<std::string> tlsFlags(const TestRegistry& registry) {
    return registry.tls() ? std::vector<std::string>{"--cert-dir", registry.certDir()}
                          : std::vector<std::string>{"--tls-verify=false"};
}

void expectServes(const TestRegistry& registry, const PushedImage& image) {
    std::string name = image.repository.substr(registry.host().size() + 1);
    std::string byTag = fetchRawManifest(registry, name + ":" + image.tag);
    EXPECT_EQ(crypto::sha256Digest(byTag), image.digest);
    EXPECT_EQ(fetchRawManifest(registry, name + "@" + image.digest), byTag);
    auto manifest = nlohmann::json::parse(byTag);
    EXPECT_EQ(manifest.at("mediaType"), "application/vnd.oci.image.manifest.v1+json");
    EXPECT_EQ(manifest.at("layers").size(), 1u);
}

TEST(TestRegistryTest, PlainRegistryServesAPushedImage) {
    TestRegistry registry;
    EXPECT_EQ(probeRegistry(portOf(registry), false), 200);
    PushedImage image = pushSmallImage(registry, "team/app", "v1", "hello");
    EXPECT_EQ(image.repository, registry.host() + "/team/app");
    EXPECT_EQ(image.ref(), registry.host() + "/team/app:v1@" + image.digest);
    expectServes(registry, image);
}

TEST(TestRegistryTest, ContentDecidesTheDigest) {
    TestRegistry registry;
    PushedImage a = pushSmallImage(registry, "app", "a", "one");
    PushedImage b = pushSmallImage(registry, "app", "b", "two");
    PushedImage again = pushSmallImage(registry, "app", "again", "one");
    EXPECT_NE(a.digest, b.digest);
    EXPECT_EQ(a.digest, again.digest);
}

TEST(TestRegistryTest, TwoRegistriesRunAtOnceAndStopCleanly) {
    std::string firstDir;
    int firstPort = 0;
    {
        TestRegistry first;
        TestRegistry second;
        EXPECT_NE(first.host(), second.host());
        PushedImage image = pushSmallImage(first, "only-here", "v1", "x");
        EXPECT_EQ(inspectWith(second, "only-here:v1", {"--tls-verify=false"}).exitCode == 0, false);
        expectServes(first, image);
        firstDir = first.workDir();
        firstPort = portOf(first);
        EXPECT_TRUE(std::filesystem::exists(firstDir + "/config.yml"));
    }
    EXPECT_FALSE(std::filesystem::exists(firstDir));
    EXPECT_EQ(probeRegistry(firstPort, false), -1);
}

TEST(TestRegistryTest, HtpasswdAcceptsOnlyTheRightCredentials) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    EXPECT_EQ(probeRegistry(portOf(registry), false), 401);
    EXPECT_NE(registry.username(), "");
    PushedImage image = pushSmallImage(registry, "secured", "v1", "guarded");
    expectServes(registry, image);

    auto flags = tlsFlags(registry);
    auto anonymous = flags;
    anonymous.push_back("--no-creds");
    EXPECT_NE(inspectWith(registry, "secured:v1", anonymous).exitCode, 0);
    auto wrong = flags;
    wrong.insert(wrong.end(), {"--creds", registry.username() + ":not-" + registry.password()});
    CommandResult refused = inspectWith(registry, "secured:v1", wrong);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_NE(refused.err.find("unauthorized"), std::string::npos) << refused.err;
    auto right = flags;
    right.insert(right.end(), {"--creds", registry.username() + ":" + registry.password()});
    EXPECT_EQ(inspectWith(registry, "secured:v1", right).exitCode, 0);
}

TEST(TestRegistryTest, HtpasswdCredentialsDifferPerRegistry) {
    TestRegistry a({RegistryAuth::Htpasswd, false});
    TestRegistry b({RegistryAuth::Htpasswd, false});
    EXPECT_NE(a.username(), b.username());
    EXPECT_NE(a.password(), b.password());
}

TEST(TestRegistryTest, TlsVerifiesWithTheCaAndFailsWithoutIt) {
    TestRegistry registry({RegistryAuth::None, true});
    EXPECT_EQ(registry.url(), "https://" + registry.host());
    EXPECT_TRUE(std::filesystem::exists(registry.caFile()));
    PushedImage image = pushSmallImage(registry, "tls/app", "v1", "encrypted");
    expectServes(registry, image);

    TempDir emptyCertDir;
    CommandResult untrusted =
        inspectWith(registry, "tls/app:v1", {"--cert-dir", emptyCertDir.path(), "--no-creds"});
    EXPECT_NE(untrusted.exitCode, 0);
    EXPECT_NE(untrusted.err.find("certificate"), std::string::npos) << untrusted.err;
    CommandResult trusted =
        inspectWith(registry, "tls/app:v1", {"--cert-dir", registry.certDir(), "--no-creds"});
    EXPECT_EQ(trusted.exitCode, 0) << trusted.err;
}

TEST(TestRegistryTest, TokenAuthWorksThroughTheTokenServer) {
    TestRegistry registry({RegistryAuth::Token, false});
    EXPECT_EQ(probeRegistry(portOf(registry), false), 401);
    EXPECT_EQ(registry.tokenRequests(), 0);
    PushedImage image = pushSmallImage(registry, "tokened/app", "v1", "bearer");
    EXPECT_GT(registry.tokenRequests(), 0);
    expectServes(registry, image);

    int before = registry.tokenRequests();
    auto anonymous = tlsFlags(registry);
    anonymous.push_back("--no-creds");
    CommandResult refused = inspectWith(registry, "tokened/app:v1", anonymous);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_GT(registry.tokenRequests(), before) << "anonymous pull must ask the token server";
    EXPECT_NE(refused.err.find("denied"), std::string::npos) << refused.err;

    auto wrong = tlsFlags(registry);
    wrong.insert(wrong.end(), {"--creds", registry.username() + ":wrong"});
    EXPECT_NE(inspectWith(registry, "tokened/app:v1", wrong).exitCode, 0);
}

TEST(TestRegistryTest, TokenAuthOverTls) {
    TestRegistry registry({RegistryAuth::Token, true});
    PushedImage image = pushSmallImage(registry, "both", "v1", "tls and token");
    EXPECT_GT(registry.tokenRequests(), 0);
    expectServes(registry, image);
}

TEST(TestRegistryTest, MultiPlatformIndexIsPushedWhole) {
    TestRegistry registry;
    PushedIndex pushed = pushMultiPlatformImage(registry, "multi", "v1", "same app");
    std::string raw = fetchRawManifest(registry, "multi:v1");
    EXPECT_EQ(crypto::sha256Digest(raw), pushed.index.digest);
    auto index = nlohmann::json::parse(raw);
    EXPECT_EQ(index.at("mediaType"), "application/vnd.oci.image.index.v1+json");
    ASSERT_EQ(index.at("manifests").size(), 2u);
    ASSERT_EQ(pushed.platforms.size(), 2u);
    std::vector<std::string> architectures;
    for (size_t i = 0; i < 2; ++i) {
        const auto& entry = index.at("manifests")[i];
        EXPECT_EQ(entry.at("digest"), pushed.platforms[i].digest);
        architectures.push_back(entry.at("platform").at("architecture"));
        std::string child = fetchRawManifest(registry, "multi@" + pushed.platforms[i].digest);
        EXPECT_EQ(crypto::sha256Digest(child), pushed.platforms[i].digest);
    }
    EXPECT_EQ(architectures, (std::vector<std::string>{"amd64", "arm64"}));
    EXPECT_NE(pushed.platforms[0].digest, pushed.platforms[1].digest);
}

}  // namespace
}  // namespace signet::testing
