// cosign's flags with cosign's meaning: a script written for cosign runs against signet, and a flag
// signet does not implement is refused by name, never ignored. Real registry, real processes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

class CosignFlags : public ::testing::Test {
  protected:
    void SetUp() override {
        // No SIGNET_INSECURE_REGISTRIES: the flags alone must reach the plain-HTTP registry.
        env_ = {{"HOME", home_.path()}, {"COSIGN_PASSWORD", "correct horse"}};
        auto keys = runSignet({"generate-key-pair", "--output-key-prefix", prefix()}, env_);
        ASSERT_EQ(keys.exitCode, 0) << keys.err;
    }
    std::string prefix() const { return home_.path() + "/cosign"; }
    CommandResult sign(std::vector<std::string> flags, const std::string& ref) {
        std::vector<std::string> args{"sign", "--key", prefix() + ".key"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }
    CommandResult verify(std::vector<std::string> flags, const std::string& ref) {
        std::vector<std::string> args{"verify", "--key", prefix() + ".pub"};
        args.insert(args.end(), flags.begin(), flags.end());
        args.push_back(ref);
        return runSignet(args, env_);
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
};

TEST_F(CosignFlags, AScriptWrittenForCosignSignsAndVerifies) {
    auto image = pushSmallImage(registry_, "app", "v1", "cosign flags");
    const std::string ref = image.repository + ":v1@" + image.digest;
    // Without a flag that allows plain HTTP the registry is not reached over it, and the error
    // says which setting would allow it (at once: no TLS retries against a plain-HTTP peer).
    auto refused = sign({"--yes"}, ref);
    EXPECT_EQ(refused.exitCode, 4) << refused.err;
    EXPECT_NE(refused.err.find("--allow-http-registry"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find("retrying"), std::string::npos) << refused.err;

    auto signed_ = sign(
        {"-y", "--tlog-upload=false", "--k8s-keychain", "--allow-insecure-registry", "--recursive"},
        ref);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    EXPECT_NE(signed_.out.find(image.digest), std::string::npos) << signed_.out;

    auto verified = verify(
        {"--insecure-ignore-tlog", "--check-claims=true", "--allow-http-registry", "-o", "json"},
        ref);
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    auto payloads = nlohmann::json::parse(verified.out);
    EXPECT_EQ(payloads[0]["critical"]["identity"]["docker-reference"], image.repository + ":v1");
}

TEST_F(CosignFlags, SignContainerIdentitySetsTheDockerReference) {
    auto image = pushSmallImage(registry_, "app", "v2", "container identity");
    const std::string ref = image.repository + ":v2@" + image.digest;
    const std::string claimed = "registry.example.com/released/app:2.0";
    auto signed_ = sign({"--allow-http-registry", "--sign-container-identity", claimed}, ref);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    auto verified = verify({"--allow-http-registry"}, ref);
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    auto payloads = nlohmann::json::parse(verified.out);
    EXPECT_EQ(payloads[0]["critical"]["identity"]["docker-reference"], claimed);

    auto bad = sign({"--allow-http-registry", "--sign-container-identity", "Not A Ref"}, ref);
    EXPECT_EQ(bad.exitCode, 1) << bad.err;
}

TEST_F(CosignFlags, RecursiveSignsEveryManifestOfAnIndex) {
    auto index = pushMultiPlatformImage(registry_, "multi", "v1", "recursive");
    const std::string ref = index.index.repository + ":v1@" + index.index.digest;
    auto signed_ = sign({"--allow-http-registry", "-r"}, ref);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    for (const auto& platform : index.platforms) {
        EXPECT_NE(signed_.out.find(index.index.repository + "@" + platform.digest),
                  std::string::npos)
            << signed_.out;
        auto verified =
            verify({"--allow-http-registry"}, index.index.repository + "@" + platform.digest);
        EXPECT_EQ(verified.exitCode, 0) << verified.err;
    }
}

TEST_F(CosignFlags, UnimplementedFlagsAreRefusedByNameWithWhatToUseInstead) {
    auto image = pushSmallImage(registry_, "app", "v3", "refused flags");
    const std::string ref = image.repository + ":v3@" + image.digest;
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    for (const Case& c :
         {Case{{"sign", "--key", prefix() + ".key", "--use-signing-config", ref},
               "--signing-config FILE"},
          Case{{"sign", "--key", prefix() + ".key", "--tlog-upload=false", "--rekor-url",
                "https://rekor.example", ref},
               "contradicts"},
          Case{{"sign", "--key", prefix() + ".key", "--attachment-tag-prefix", "x", ref},
               "COSIGN_REPOSITORY"},
          Case{{"sign", "--key", prefix() + ".key", "--signature-format", "legacy",
                "--new-bundle-format=true", ref},
               "contradicts"},
          Case{{"sign", "--key", prefix() + ".key", "--signature-format", "oci11", ref},
               "must be legacy or bundle"},
          Case{{"verify", "--key", prefix() + ".pub", "--check-claims=false", ref},
               "always checks"},
          Case{{"attest", "--key", prefix() + ".key", "--tlog-upload", "--predicate", "p", ref},
               "legacy .att attestation is not logged"},
          Case{{"sign", "--key", prefix() + ".key", "--registry-username", "u", ref},
               "--registry-password"}}) {
        auto result = runSignet(c.args, env_);
        EXPECT_EQ(result.exitCode, 1) << c.args[3] << "\n" << result.err;
        EXPECT_NE(result.err.find(c.says), std::string::npos) << result.err;
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
    }
}

TEST_F(CosignFlags, RegistryCredentialFlagsLogInAndStayOutOfMessages) {
    TestRegistry secured({RegistryAuth::Htpasswd, false});
    auto image = pushSmallImage(secured, "app", "v1", "credential flags");
    const std::string ref = image.repository + ":v1@" + image.digest;
    auto signed_ = sign({"--allow-http-registry", "--registry-username", secured.username(),
                         "--registry-password", secured.password()},
                        ref);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    const std::string wrong = "wrong-password-4f1e2d3c";
    auto refused = sign({"--allow-http-registry", "--registry-username", secured.username(),
                         "--registry-password", wrong},
                        ref);
    EXPECT_EQ(refused.exitCode, 3) << refused.err;
    EXPECT_EQ(refused.err.find(wrong), std::string::npos) << refused.err;
    EXPECT_EQ(refused.out.find(wrong), std::string::npos) << refused.out;
}

}  // namespace
}  // namespace signet::testing
