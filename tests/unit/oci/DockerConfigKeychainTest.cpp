#include "oci/DockerConfigKeychain.h"

#include <gtest/gtest.h>

#include "config/RegistryFromEnvironment.h"

#include <sys/stat.h>
#include "harness/TestSecrets.h"

#include <filesystem>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/Paths.h"
#include "harness/TempDir.h"

namespace signet::oci {
namespace {

using testing::TempDir;
using testing::writeFile;

Repository repo(const std::string& text) {
    return Reference::parse(text).repository;
}

std::string authOf(const std::string& user, const std::string& pass) {
    return crypto::base64Encode(user + ":" + pass);
}

class DockerConfigKeychainTest : public ::testing::Test {
  protected:
    void SetUp() override {
        env.set("HOME", home.path());
        env.set("PATH", bin.path() + ":/usr/bin:/bin");
    }
    std::string dockerConfig(const std::string& json) {
        std::filesystem::create_directories(home.path() + "/.docker");
        std::string path = home.path() + "/.docker/config.json";
        writeFile(path, json);
        return path;
    }
    // A real executable credential helper: records its stdin and prints `output`.
    void helper(const std::string& name, const std::string& output, int exitCode = 0) {
        std::string path = bin.path() + "/docker-credential-" + name;
        writeFile(path, "#!/bin/sh\n[ \"$1\" = get ] || exit 3\ncat > \"" + bin.path() + "/" +
                            name + ".stdin\"\nprintf '%s' '" + output + "'\nexit " +
                            std::to_string(exitCode) + "\n");
        chmod(path.c_str(), 0755);
    }
    std::string helperInput(const std::string& name) {
        return testing::readFile(bin.path() + "/" + name + ".stdin");
    }

    TempDir home, bin, other;
    Environment env;
};

TEST_F(DockerConfigKeychainTest, AnonymousWithoutAnyFile) {
    DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                  signet::testing::testSecrets());
    EXPECT_EQ(keychain.configPath(), "");
    EXPECT_TRUE(keychain.resolve(repo("quay.io/a/b")).anonymous());
}

TEST_F(DockerConfigKeychainTest, AuthFieldAndDockerHubKey) {
    dockerConfig(R"({"auths":{"https://index.docker.io/v1/":{"auth":")" + authOf("hub", "p:w") +
                 R"("},"quay.io":{"username":"qu","password":"qp"}}})");
    DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                  signet::testing::testSecrets());
    Credentials hub = keychain.resolve(repo("busybox"));
    EXPECT_EQ(hub.username, "hub");
    EXPECT_EQ(hub.password, "p:w");  // only the first ':' separates
    Credentials quay = keychain.resolve(repo("quay.io/org/app"));
    EXPECT_EQ(quay.username, "qu");
    EXPECT_EQ(quay.password, "qp");
    EXPECT_TRUE(keychain.resolve(repo("ghcr.io/x/y")).anonymous());
}

TEST_F(DockerConfigKeychainTest, MostSpecificEntryWins) {
    dockerConfig(R"({"auths":{
        "registry.example.com":{"auth":")" +
                 authOf("host", "h") + R"("},
        "registry.example.com/team":{"auth":")" +
                 authOf("team", "t") + R"("},
        "https://registry.example.com/team/app":{"auth":")" +
                 authOf("app", "a") + R"("}}})");
    DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                  signet::testing::testSecrets());
    EXPECT_EQ(keychain.resolve(repo("registry.example.com/team/app")).username, "app");
    EXPECT_EQ(keychain.resolve(repo("registry.example.com/team/other")).username, "team");
    EXPECT_EQ(keychain.resolve(repo("registry.example.com/solo")).username, "host");
    EXPECT_EQ(keychain.resolve(repo("registry.example.com/teamx/y")).username, "host");
}

TEST_F(DockerConfigKeychainTest, TokensAreRead) {
    dockerConfig(R"({"auths":{"a.io":{"identitytoken":"idt"},"b.io":{"registrytoken":"rt"}}})");
    DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                  signet::testing::testSecrets());
    EXPECT_EQ(keychain.resolve(repo("a.io/x")).identityToken, "idt");
    EXPECT_EQ(keychain.resolve(repo("b.io/x")).registryToken, "rt");
}

TEST_F(DockerConfigKeychainTest, DockerConfigDirectoryOrFileComesFirst) {
    dockerConfig(R"({"auths":{"a.io":{"username":"home","password":"x"}}})");
    writeFile(other.path() + "/config.json",
              R"({"auths":{"a.io":{"username":"dir","password":"x"}}})");
    writeFile(other.path() + "/custom.json",
              R"({"auths":{"a.io":{"username":"file","password":"x"}}})");
    env.set("DOCKER_CONFIG", other.path());
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "dir");
    env.set("DOCKER_CONFIG", other.path() + "/custom.json");
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "file");
    env.set("DOCKER_CONFIG", other.path() + "/missing");
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "home");
}

TEST_F(DockerConfigKeychainTest, PodmanFilesInGgcrOrder) {
    std::string authFile = other.path() + "/registry-auth.json";
    std::string runtime = other.path() + "/run";
    std::string xdg = other.path() + "/xdg";
    std::filesystem::create_directories(runtime + "/containers");
    std::filesystem::create_directories(xdg + "/containers");
    writeFile(authFile, R"({"auths":{"a.io":{"username":"authfile","password":"x"}}})");
    writeFile(runtime + "/containers/auth.json",
              R"({"auths":{"a.io":{"username":"runtime","password":"x"}}})");
    writeFile(xdg + "/containers/auth.json",
              R"({"auths":{"a.io":{"username":"xdg","password":"x"}}})");
    env.set("REGISTRY_AUTH_FILE", authFile);
    env.set("XDG_RUNTIME_DIR", runtime);
    env.set("XDG_CONFIG_HOME", xdg);
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "authfile");
    env.unset("REGISTRY_AUTH_FILE");
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "runtime");
    env.unset("XDG_RUNTIME_DIR");
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "xdg");
    env.unset("XDG_CONFIG_HOME");
    std::filesystem::create_directories(home.path() + "/.config/containers");
    writeFile(home.path() + "/.config/containers/auth.json",
              R"({"auths":{"a.io":{"username":"dotconfig","password":"x"}}})");
    EXPECT_EQ(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                   signet::testing::testSecrets())
                  .resolve(repo("a.io/x"))
                  .username,
              "dotconfig");
}

TEST_F(DockerConfigKeychainTest, CredentialHelperPerHost) {
    dockerConfig(R"({"auths":{"a.io":{}},"credHelpers":{"a.io":"fake"}})");
    helper("fake", R"({"ServerURL":"a.io","Username":"helper-user","Secret":"helper-secret"})");
    Credentials c = DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                         signet::testing::testSecrets())
                        .resolve(repo("a.io/x/y"));
    EXPECT_EQ(c.username, "helper-user");
    EXPECT_EQ(c.password, "helper-secret");
    EXPECT_EQ(helperInput("fake"), "a.io");
}

TEST_F(DockerConfigKeychainTest, CredsStoreWithDockerHubAndIdentityToken) {
    dockerConfig(R"({"auths":{"https://index.docker.io/v1/":{}},"credsStore":"store"})");
    helper("store", R"({"ServerURL":"x","Username":"<token>","Secret":"refresh-me"})");
    Credentials c = DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                         signet::testing::testSecrets())
                        .resolve(repo("library/busybox"));
    EXPECT_EQ(c.identityToken, "refresh-me");
    EXPECT_TRUE(c.username.empty());
    EXPECT_EQ(helperInput("store"), "https://index.docker.io/v1/");
}

TEST_F(DockerConfigKeychainTest, HelperReportingNotFoundIsAnonymous) {
    dockerConfig(R"({"credsStore":"empty"})");
    helper("empty", "credentials not found in native keychain", 1);
    EXPECT_TRUE(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                     signet::testing::testSecrets())
                    .resolve(repo("a.io/x"))
                    .anonymous());
}

TEST_F(DockerConfigKeychainTest, MissingHelperIsAnAuthErrorNamingIt) {
    dockerConfig(R"({"credHelpers":{"gcr.io":"gcloud-nothere"}})");
    try {
        DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                             signet::testing::testSecrets())
            .resolve(repo("gcr.io/p/x"));
        FAIL() << "resolved";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Auth);
        EXPECT_STREQ(
            e.what(),
            "credential helper docker-credential-gcloud-nothere for gcr.io not found in PATH");
    }
}

TEST_F(DockerConfigKeychainTest, FailingOrGarbledHelperIsAnAuthError) {
    dockerConfig(R"({"credHelpers":{"a.io":"broken","b.io":"garbled"}})");
    helper("broken", "backend exploded", 2);
    helper("garbled", "{not json");
    DockerConfigKeychain keychain(config::keychainSettingsFromEnvironment(env),
                                  signet::testing::testSecrets());
    try {
        keychain.resolve(repo("a.io/x"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Auth);
        EXPECT_NE(std::string(e.what()).find("exit 2): backend exploded"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(keychain.resolve(repo("b.io/x")), Error);
}

TEST_F(DockerConfigKeychainTest, MalformedFilesNeverLeakContent) {
    std::string path = dockerConfig(R"({"auths":{"a.io":{"auth":"c2VjcmV0LXBhc3M="}}, oops)");
    try {
        DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                             signet::testing::testSecrets())
            .resolve(repo("a.io/x"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        std::string msg = e.what();
        EXPECT_NE(msg.find(path), std::string::npos);
        EXPECT_EQ(msg.find("c2VjcmV0"), std::string::npos) << msg;
    }
    dockerConfig(R"({"auths":{"a.io":{"auth":"bm9jb2xvbg=="}}})");  // "nocolon"
    EXPECT_THROW(DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                                      signet::testing::testSecrets())
                     .resolve(repo("a.io/x")),
                 Error);
}

// The same lookup from the file's text, without reading a file or running a helper.
TEST(ConfiguredCredentials, ReadsTextInTheKeychainsOrder) {
    const std::string text = R"({"auths":{"https://a.io/v1/":{"auth":")" + authOf("u", "p") +
                             R"("},"a.io/team":{"identitytoken":"tok"}},
        "credHelpers":{"b.io":"helper-b"},"credsStore":"store"})";
    ConfiguredCredentials a =
        configuredCredentials(text, "auth.json", repo("a.io/x"), signet::testing::testSecrets());
    EXPECT_EQ(a.credentials.username, "u");
    EXPECT_EQ(a.credentials.password, "p");
    EXPECT_FALSE(a.helper);
    EXPECT_EQ(configuredCredentials(text, "auth.json", repo("a.io/team/app"),
                                    signet::testing::testSecrets())
                  .credentials.identityToken,
              "tok");
    EXPECT_EQ(
        configuredCredentials(text, "auth.json", repo("b.io/x"), signet::testing::testSecrets())
            .helper,
        "helper-b");
    EXPECT_EQ(
        configuredCredentials(text, "auth.json", repo("c.io/x"), signet::testing::testSecrets())
            .helper,
        "store");
    EXPECT_TRUE(
        configuredCredentials("{}", "auth.json", repo("c.io/x"), signet::testing::testSecrets())
            .credentials.anonymous());
    EXPECT_FALSE(
        configuredCredentials("{}", "auth.json", repo("c.io/x"), signet::testing::testSecrets())
            .helper);
    EXPECT_THROW(
        configuredCredentials("[1]", "auth.json", repo("c.io/x"), signet::testing::testSecrets()),
        Error);
    EXPECT_THROW(
        configuredCredentials("{", "auth.json", repo("c.io/x"), signet::testing::testSecrets()),
        Error);
}

// Found by tests/fuzz DockerConfigFuzzer: nlohmann throws out_of_range, not parse_error, for a
// number no double holds, and it escaped as an unexpected exception.
TEST_F(DockerConfigKeychainTest, NumberOutOfRangeIsAConfigError) {
    const std::string text = R"({"auths":{"a.io":{"auth":"c2VjcmV0OnBhc3M="}},"x":1e999})";
    std::string path = dockerConfig(text);
    try {
        DockerConfigKeychain(config::keychainSettingsFromEnvironment(env),
                             signet::testing::testSecrets())
            .resolve(repo("a.io/x"));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    EXPECT_THROW(configuredCredentials("1e999[#", "auth.json", repo("a.io/x"),
                                       signet::testing::testSecrets()),
                 Error);
}

}  // namespace
}  // namespace signet::oci
