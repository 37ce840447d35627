// makeRegistryClient(Environment) end to end against the real docker-registry: credentials come
// from a docker config file or a real credential-helper script, options from SIGNET_* variables.
#include <gtest/gtest.h>

#include "config/RegistryFromEnvironment.h"

#include <sys/stat.h>
#include "harness/TestSecrets.h"

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "oci/HttpRegistryClient.h"

namespace signet::oci {
namespace {

using testing::RegistryAuth;
using testing::TempDir;
using testing::TestRegistry;

Environment baseEnvironment(const TempDir& home, const TestRegistry& registry) {
    Environment env;
    env.set("HOME", home.path());
    env.set("PATH", home.path() + ":/usr/bin:/bin");
    if (registry.tls()) env.set("SIGNET_REGISTRY_CA", registry.caFile());
    env.set("SIGNET_INSECURE_REGISTRIES", registry.insecureHosts());
    env.set("SIGNET_RETRIES", "1");
    return env;
}

TEST(RegistryClientFromEnvironment, DockerConfigFileWithHtpasswdOverTls) {
    TestRegistry registry({RegistryAuth::Htpasswd, true});
    testing::PushedImage image = testing::pushSmallImage(registry, "team/app", "v1", "env");
    TempDir home;
    Environment env = baseEnvironment(home, registry);
    std::string auth = crypto::base64Encode(registry.username() + ":" + registry.password());
    testing::writeFile(home.path() + "/config.json",
                       R"({"auths":{")" + registry.host() + R"(":{"auth":")" + auth + R"("}}})");
    env.set("DOCKER_CONFIG", home.path());
    auto client = config::makeRegistryClient(env, signet::testing::testSecrets());
    Repository repo = Reference::parse(image.repository).repository;
    EXPECT_EQ(client->headManifest(repo, "v1")->digest, image.digest);

    // The same registry with a wrong entry for this very repository: the most specific entry
    // is the one used, so access fails.
    std::string wrong = crypto::base64Encode(registry.username() + ":nope");
    testing::writeFile(home.path() + "/config.json",
                       R"({"auths":{")" + registry.host() + R"(":{"auth":")" + auth + R"("},")" +
                           registry.host() + R"(/team/app":{"auth":")" + wrong + R"("}}})");
    try {
        config::makeRegistryClient(env, signet::testing::testSecrets())->headManifest(repo, "v1");
        FAIL() << "the specific wrong entry was not used";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Auth) << e.what();
    }
}

TEST(RegistryClientFromEnvironment, CredentialHelperWithTokenAuth) {
    TestRegistry registry({RegistryAuth::Token, false});
    testing::PushedImage image = testing::pushSmallImage(registry, "app", "v1", "helper");
    TempDir home;
    Environment env = baseEnvironment(home, registry);
    std::string helper = home.path() + "/docker-credential-signettest";
    testing::writeFile(helper,
                       "#!/bin/sh\nread server\n[ \"$server\" = \"" + registry.host() +
                           "\" ] || exit 1\nprintf '{\"Username\":\"%s\",\"Secret\":\"%s\"}' '" +
                           registry.username() + "' '" + registry.password() + "'\n");
    chmod(helper.c_str(), 0755);
    testing::writeFile(home.path() + "/config.json",
                       R"({"credHelpers":{")" + registry.host() + R"(":"signettest"}})");
    env.set("DOCKER_CONFIG", home.path() + "/config.json");
    auto client = config::makeRegistryClient(env, signet::testing::testSecrets());
    Repository repo = Reference::parse(image.repository).repository;
    EXPECT_EQ(client->getManifest(repo, image.digest)->digest, image.digest);
    EXPECT_EQ(client->tokenRequests(), 1);
}

TEST(RegistryClientFromEnvironment, ExplicitCredentialsWinOverTheConfigFile) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    testing::PushedImage image = testing::pushSmallImage(registry, "app", "v1", "explicit");
    TempDir home;
    Environment env = baseEnvironment(home, registry);
    std::string wrong = crypto::base64Encode(registry.username() + ":nope");
    testing::writeFile(home.path() + "/config.json",
                       R"({"auths":{")" + registry.host() + R"(":{"auth":")" + wrong + R"("}}})");
    env.set("DOCKER_CONFIG", home.path());
    env.set("SIGNET_REGISTRY_USERNAME", registry.username());
    env.set("SIGNET_REGISTRY_PASSWORD", registry.password());
    Repository repo = Reference::parse(image.repository).repository;
    EXPECT_EQ(config::makeRegistryClient(env, signet::testing::testSecrets())
                  ->headManifest(repo, "v1")
                  ->digest,
              image.digest);
    env.set("SIGNET_REGISTRY", "other.example.com");  // explicit ones now apply elsewhere only
    EXPECT_THROW(
        config::makeRegistryClient(env, signet::testing::testSecrets())->headManifest(repo, "v1"),
        Error);
}

}  // namespace
}  // namespace signet::oci
