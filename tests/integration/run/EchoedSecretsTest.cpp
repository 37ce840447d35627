// `signet run` against a registry that quotes the request's Authorization header in its error
// bodies (harness/EchoingProxy in front of the real docker-registry), with credentials from every
// source signet reads: no byte signet writes shows a password, base64(user:password) or a token
// (except the ::add-mask:: lines that hand them to the runner), and each of them is masked.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <random>

#include "crypto/Encoding.h"
#include "harness/EchoingProxy.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

namespace fs = std::filesystem;
using Env = std::map<std::string, std::string>;

std::string randomSecret(const std::string& prefix) {
    static std::mt19937_64 rng(std::random_device{}());
    const std::string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out = prefix;
    for (int i = 0; i < 20; ++i) out += alphabet[rng() % alphabet.size()];
    return out;
}

std::string basic(const std::string& user, const std::string& password) {
    return crypto::base64Encode(user + ":" + password);
}

struct Outputs {
    CommandResult run;
    std::vector<std::pair<std::string, std::string>> written;  // (where, bytes)
};

class EchoedSecrets : public ::testing::Test {
  protected:
    void SetUp() override {
        keyPassword_ = randomSecret("kp-");
        Env keyEnv{{"HOME", home_.path()}, {"COSIGN_PASSWORD", keyPassword_}};
        auto keys =
            runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/k"}, keyEnv);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
    }

    // Runs `signet run` under GitHub Actions for a small image pushed to `registry`, reached
    // through `proxy`.
    Outputs runThrough(const TestRegistry& registry, const EchoingProxy& proxy, Env extra) {
        const PushedImage image = pushSmallImage(registry, "team/app", "v1", "echo");
        Env env{{"HOME", home_.path()},
                {"GITHUB_ACTIONS", "true"},
                {"GITHUB_OUTPUT", work_.path() + "/github-output"},
                {"GITHUB_STEP_SUMMARY", work_.path() + "/step-summary"},
                {"SIGNET_RESULTS_DIR", results_.path()},
                {"SIGNET_REPORT", work_.path() + "/report.json"},
                // The proxy, and the token server when it speaks plain HTTP.
                {"SIGNET_INSECURE_REGISTRIES", proxy.host() +
                                                   (registry.insecureHosts().empty() ? "" : ",") +
                                                   registry.insecureHosts()},
                {"SIGNET_RETRIES", "0"},
                {"SIGNET_KEY", home_.path() + "/k.key"},
                {"COSIGN_PASSWORD", keyPassword_},
                {"SIGNET_IMAGES", proxy.host() + "/team/app:v1@" + image.digest}};
        for (auto& [name, value] : extra) env[name] = value;
        Outputs outputs;
        outputs.run = runSignet({"run"}, env);
        outputs.written = {{"stderr", outputs.run.err},
                           {"GITHUB_OUTPUT", readFile(env["GITHUB_OUTPUT"])},
                           {"step summary", readFile(env["GITHUB_STEP_SUMMARY"])},
                           {"report", readFile(env["SIGNET_REPORT"])}};
        for (const auto& entry : fs::directory_iterator(results_.path())) {
            outputs.written.emplace_back("result " + entry.path().filename().string(),
                                         readFile(entry.path()));
        }
        std::string stdoutWithoutMasks;
        std::istringstream lines(outputs.run.out);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("::add-mask::", 0) != 0) stdoutWithoutMasks += line + "\n";
        }
        outputs.written.emplace_back("stdout", stdoutWithoutMasks);
        return outputs;
    }

    void expectHiddenAndMasked(const Outputs& outputs, std::vector<std::string> secrets) {
        secrets.push_back(keyPassword_);
        EXPECT_NE(outputs.run.exitCode, 0) << outputs.run.err;
        for (const auto& secret : secrets) {
            ASSERT_FALSE(secret.empty());
            for (const auto& [where, bytes] : outputs.written) {
                EXPECT_EQ(bytes.find(secret), std::string::npos)
                    << "secret " << secret << " in " << where << ":\n"
                    << bytes;
            }
            EXPECT_NE(outputs.run.out.find("::add-mask::" + secret + "\n"), std::string::npos)
                << "no mask for " << secret << " in\n"
                << outputs.run.out;
        }
    }

    // The registry's (scrubbed) words reached the error: the echo was quoted, not dropped.
    static void expectEchoQuoted(const Outputs& outputs, const std::string& words) {
        EXPECT_NE(outputs.run.err.find(words), std::string::npos) << outputs.run.err;
    }

    void writeDockerConfig(const std::string& json) {
        fs::create_directories(home_.path() + "/.docker");
        writeFile(home_.path() + "/.docker/config.json", json);
    }

    TempDir home_, work_, results_;
    std::string keyPassword_;
};

TEST_F(EchoedSecrets, ExplicitUsernameAndPassword) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    EchoingProxy proxy({registry.host()});
    auto outputs = runThrough(registry, proxy,
                              {{"SIGNET_REGISTRY_USERNAME", registry.username()},
                               {"SIGNET_REGISTRY_PASSWORD", registry.password()}});
    ASSERT_FALSE(proxy.echoedAuthorizations().empty()) << outputs.run.err;
    expectEchoQuoted(outputs, "refusing request with Authorization: ***");
    expectHiddenAndMasked(outputs,
                          {registry.password(), basic(registry.username(), registry.password())});
}

TEST_F(EchoedSecrets, DockerConfigAuthInAPlainTextBody) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    EchoingProxy proxy({registry.host(), false, /*jsonErrors=*/false});
    const std::string auth = basic(registry.username(), registry.password());
    writeDockerConfig(R"({"auths":{")" + proxy.host() + R"(":{"auth":")" + auth + R"("}}})");
    auto outputs = runThrough(registry, proxy, {});
    ASSERT_FALSE(proxy.echoedAuthorizations().empty()) << outputs.run.err;
    expectEchoQuoted(outputs, "the registry answered \"refusing request with Authorization: ***");
    expectHiddenAndMasked(outputs, {registry.password(), auth});
}

// An open registry ignores the bearer token, so the HEAD passes and the next request is echoed.
TEST_F(EchoedSecrets, DockerConfigRegistryToken) {
    TestRegistry registry;
    EchoingProxy proxy({registry.host()});
    const std::string token = randomSecret("rt-");
    writeDockerConfig(R"({"auths":{")" + proxy.host() + R"(":{"registrytoken":")" + token +
                      R"("}}})");
    auto outputs = runThrough(registry, proxy, {});
    ASSERT_EQ(proxy.echoedAuthorizations().front(), "Bearer " + token);
    expectEchoQuoted(outputs, "refusing request with Authorization: ***");
    expectHiddenAndMasked(outputs, {token});
}

TEST_F(EchoedSecrets, DockerConfigIdentityTokenEchoedByTheTokenEndpoint) {
    TestRegistry registry({RegistryAuth::Token, false});
    EchoingProxy proxy({registry.host(), /*echoTokenRequests=*/true});
    const std::string identityToken = randomSecret("it-");
    writeDockerConfig(R"({"auths":{")" + proxy.host() + R"(":{"identitytoken":")" + identityToken +
                      R"("}}})");
    auto outputs = runThrough(registry, proxy, {});
    ASSERT_EQ(proxy.echoedTokenBodies().size(), 1u) << outputs.run.err;
    ASSERT_NE(proxy.echoedTokenBodies()[0].find(identityToken), std::string::npos);
    expectEchoQuoted(outputs, "refresh_token=***");
    expectHiddenAndMasked(outputs, {identityToken});
}

TEST_F(EchoedSecrets, ContainersAuthJson) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    EchoingProxy proxy({registry.host()});
    const std::string auth = basic(registry.username(), registry.password());
    writeFile(work_.path() + "/auth.json",
              R"({"auths":{")" + proxy.host() + R"(":{"auth":")" + auth + R"("}}})");
    auto outputs =
        runThrough(registry, proxy, {{"REGISTRY_AUTH_FILE", work_.path() + "/auth.json"}});
    ASSERT_FALSE(proxy.echoedAuthorizations().empty()) << outputs.run.err;
    expectHiddenAndMasked(outputs, {registry.password(), auth});
}

TEST_F(EchoedSecrets, CredentialHelper) {
    TestRegistry registry({RegistryAuth::Htpasswd, false});
    EchoingProxy proxy({registry.host()});
    TempDir bin;
    const std::string helper = bin.path() + "/docker-credential-signettest";
    writeFile(helper, "#!/bin/sh\ncat >/dev/null\nprintf '{\"Username\":\"" + registry.username() +
                          "\",\"Secret\":\"" + registry.password() + "\"}'\n");
    ::chmod(helper.c_str(), 0755);
    writeDockerConfig(R"({"credHelpers":{")" + proxy.host() + R"(":"signettest"}})");
    auto outputs = runThrough(registry, proxy, {{"PATH", bin.path() + ":/usr/bin:/bin"}});
    ASSERT_FALSE(proxy.echoedAuthorizations().empty()) << outputs.run.err;
    expectHiddenAndMasked(outputs,
                          {registry.password(), basic(registry.username(), registry.password())});
}

TEST_F(EchoedSecrets, TokenFromTheTokenServer) {
    TestRegistry registry({RegistryAuth::Token, false});
    EchoingProxy proxy({registry.host()});
    auto outputs = runThrough(registry, proxy,
                              {{"SIGNET_REGISTRY_USERNAME", registry.username()},
                               {"SIGNET_REGISTRY_PASSWORD", registry.password()}});
    ASSERT_FALSE(proxy.echoedAuthorizations().empty()) << outputs.run.err;
    const std::string bearer = proxy.echoedAuthorizations().front();
    ASSERT_EQ(bearer.rfind("Bearer ", 0), 0u) << bearer;
    const std::string token = bearer.substr(7);
    expectEchoQuoted(outputs, "refusing request with Authorization: ***");
    expectHiddenAndMasked(
        outputs, {token, registry.password(), basic(registry.username(), registry.password())});
}

}  // namespace
}  // namespace signet::testing
