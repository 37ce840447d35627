// Starts each docker-registry variant for real and talks to it with skopeo, a peer we did not
// write.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/DockerConfigFile.h"
#include "harness/Paths.h"
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
    // An OCI manifest may omit mediaType (umoci 0.4 does); it must not name another type.
    std::string oci = "application/vnd.oci.image.manifest.v1+json";
    EXPECT_EQ(manifest.value("mediaType", oci), oci);
    EXPECT_EQ(manifest.at("layers").size(), 1u);
}

TEST(TestRegistryTest, PlainRegistryServesAPushedImage) {
    TestRegistry registry;
    EXPECT_EQ(probeRegistry(portOf(registry), false), 200);
    PushedImage image = pushSmallImage(registry, "team/app", "v1", "hello");
    EXPECT_EQ(image.repository, registry.host() + "/team/app");
    EXPECT_EQ(image.ref(), registry.host() + "/team/app:v1@" + image.digest);
    expectServes(registry, image);
    // Storage lives in the registry's own temporary directory.
    EXPECT_TRUE(std::filesystem::is_directory(registry.workDir() +
                                              "/storage/docker/registry/v2/repositories/team/app"));
}

TEST(TestRegistryTest, DeleteIsEnabled) {
    TestRegistry registry;
    PushedImage image = pushSmallImage(registry, "deletable", "v1", "gone soon");
    std::vector<std::string> argv = {"skopeo", "delete"};
    for (const auto& arg : registry.skopeoArgs()) argv.push_back(arg);
    argv.push_back("docker://" + image.repository + "@" + image.digest);
    CommandResult deleted = runCommandForResult(argv);
    EXPECT_EQ(deleted.exitCode, 0) << deleted.err;
    EXPECT_NE(inspectWith(registry, "deletable:v1", {"--tls-verify=false"}).exitCode, 0);
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

void expectIndexOfTwoPlatforms(const TestRegistry& registry, const PushedIndex& pushed,
                               const std::string& indexType, const std::string& childType) {
    std::string name = pushed.index.repository.substr(registry.host().size() + 1);
    std::string raw = fetchRawManifest(registry, name + ":" + pushed.index.tag);
    EXPECT_EQ(crypto::sha256Digest(raw), pushed.index.digest);
    auto index = nlohmann::json::parse(raw);
    EXPECT_EQ(index.at("mediaType"), indexType);
    ASSERT_EQ(index.at("manifests").size(), 2u);
    ASSERT_EQ(pushed.platforms.size(), 2u);
    EXPECT_EQ(pushed.platforms[0].platform.architecture, "amd64");
    EXPECT_EQ(pushed.platforms[1].platform.architecture, "arm64");
    EXPECT_EQ(pushed.platforms[1].platform.variant, "v8");
    EXPECT_NE(pushed.platforms[0].digest, pushed.platforms[1].digest);
    for (const auto& platform : pushed.platforms) {
        std::string child = fetchRawManifest(registry, name + "@" + platform.digest);
        EXPECT_EQ(crypto::sha256Digest(child), platform.digest);
        EXPECT_EQ(nlohmann::json::parse(child).at("mediaType"), childType);
    }
}

TEST(TestRegistryTest, MultiPlatformIndexIsPushedWhole) {
    TestRegistry registry;
    PushedIndex pushed = pushMultiPlatformImage(registry, "multi", "v1", "same app");
    expectIndexOfTwoPlatforms(registry, pushed, "application/vnd.oci.image.index.v1+json",
                              "application/vnd.oci.image.manifest.v1+json");
}

TEST(TestRegistryTest, DockerFormatGivesDockerMediaTypesAndOtherDigests) {
    TestRegistry registry;
    PushedImage oci = pushSmallImage(registry, "fmt", "oci", "same");
    PushedImage docker =
        pushSmallImage(registry, "fmt", "docker", "same", ManifestFormat::DockerV2S2);
    EXPECT_NE(oci.digest, docker.digest);
    std::string raw = fetchRawManifest(registry, "fmt:docker");
    EXPECT_EQ(crypto::sha256Digest(raw), docker.digest);
    EXPECT_EQ(nlohmann::json::parse(raw).at("mediaType"),
              "application/vnd.docker.distribution.manifest.v2+json");

    PushedIndex list =
        pushMultiPlatformImage(registry, "fmt-multi", "v1", "same", ManifestFormat::DockerV2S2);
    expectIndexOfTwoPlatforms(registry, list,
                              "application/vnd.docker.distribution.manifest.list.v2+json",
                              "application/vnd.docker.distribution.manifest.v2+json");
}

TEST(TestRegistryTest, PushesALayoutBuiltByUmoci) {
    TestRegistry registry;
    TempDir dir;
    std::string layout = dir.path() + "/oci";
    std::filesystem::create_directories(dir.path() + "/src");
    writeFile(dir.path() + "/src/hello.txt", "built by umoci\n");
    runCommand({"umoci", "init", "--layout", layout});
    runCommand({"umoci", "new", "--image", layout + ":base"});
    runCommand({"umoci", "insert", "--rootless", "--image", layout + ":base", dir.path() + "/src",
                "/opt/app"});
    PushedImage image = pushOciLayout(registry, layout, "base", "umoci/app", "v1");
    expectServes(registry, image);
    // --preserve-digests: the registry holds exactly the manifest umoci wrote.
    std::string local = runCommand({"skopeo", "inspect", "--raw", "oci:" + layout + ":base"});
    EXPECT_EQ(crypto::sha256Digest(local), image.digest);
}

TEST(TestRegistryTest, DockerConfigFileCarriesTheCredentials) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    pushSmallImage(registry, "cfg", "v1", "x");
    TempDir dir;
    std::string config = writeDockerConfig(registry, dir.path() + "/docker");
    CommandResult withFile =
        inspectWith(registry, "cfg:v1", {"--tls-verify=false", "--authfile", config});
    EXPECT_EQ(withFile.exitCode, 0) << withFile.err;
    TestRegistry plain;
    EXPECT_EQ(nlohmann::json::parse(dockerConfigJson(plain)),
              nlohmann::json::parse(R"({"auths":{}})"));
}

}  // namespace
}  // namespace signet::testing
