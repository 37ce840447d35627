// Bundles on a registry with the OCI 1.1 referrers API. No such registry can be installed here
// (Debian's docker-registry 2.8 stores referrer manifests but answers the API with 404), so a
// test shim (ReferrersApiShim.h) serves the API in front of the real registry from the referrer
// manifests it stored. With the API, signet writes no sha256-<hex> tag index and finds bundles —
// its own and sigstore-js's — through the API; concurrent signers lose nothing by construction.
#include <gtest/gtest.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>

#include "harness/Command.h"
#include "harness/DirectClient.h"
#include "harness/OpenSslKeyPair.h"
#include "harness/Paths.h"
#include "harness/ReferrersApiShim.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestRegistry.h"

namespace signet::testing {
namespace {

using Json = nlohmann::json;

class ReferrersApi : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", shim_.host() + "," + registry_.host()},
                {"SIGNET_REGISTRY_USERNAME", registry_.username()},
                {"SIGNET_REGISTRY_PASSWORD", registry_.password()},
                {"COSIGN_PASSWORD", "api"}};
        client_ = directClient(registry_);
        digest_ = pushTinyImage(*client_, direct_, "1.0", "referrers api");
    }
    std::string key(int i) {
        const std::string prefix = home_.path() + "/k" + std::to_string(i);
        if (!std::filesystem::exists(prefix + ".key"))
            runSignet({"generate-key-pair", "--output-key-prefix", prefix}, env_);
        return prefix;
    }
    std::string ref(const oci::Repository& repo) const { return repo.name() + ":1.0@" + digest_; }
    CommandResult sign(int i) {
        return runSignet(
            {"sign", "--signature-format", "bundle", "--key", key(i) + ".key", ref(viaShim_)},
            env_);
    }
    CommandResult verify(int i, const oci::Repository& repo) {
        return runSignet({"verify", "--key", key(i) + ".pub", ref(repo)}, env_);
    }
    bool tagIndexExists() {
        return client_->headManifest(direct_, "sha256-" + digest_.substr(7)).has_value();
    }

    TestRegistry registry_{{RegistryAuth::Htpasswd, false}};  // @sigstore/oci signs in
    ReferrersApiShim shim_{registry_.host()};
    TempDir home_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    oci::Repository direct_{registry_.host(), "api/app"};
    oci::Repository viaShim_{shim_.host(), "api/app"};
    std::string digest_;
};

TEST_F(ReferrersApi, BundlesAreFoundThroughTheApiAndNoTagIndexIsWritten) {
    auto signed_ = sign(1);
    ASSERT_EQ(signed_.exitCode, 0) << signed_.err;
    EXPECT_GT(shim_.referrersQueries(), 0);
    EXPECT_FALSE(tagIndexExists()) << "with the API, the referrer manifest is all";
    auto verified = verify(1, viaShim_);
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    EXPECT_EQ(verify(2, viaShim_).exitCode, 12) << "another key";
    EXPECT_EQ(verify(1, direct_).exitCode, 10)
        << "without the API and without a tag index, the bundle cannot be found";

    auto again = sign(1);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.out.find("(already signed)"), std::string::npos) << again.out;
}

TEST_F(ReferrersApi, ConcurrentSignersAllStayListed) {
    constexpr int kSigners = 6;
    for (int i = 0; i < kSigners; ++i) key(i);
    std::vector<std::future<CommandResult>> running;
    for (int i = 0; i < kSigners; ++i)
        running.push_back(std::async(std::launch::async, [this, i] { return sign(i); }));
    for (auto& done : running) {
        auto result = done.get();
        EXPECT_EQ(result.exitCode, 0) << result.err;
    }
    EXPECT_FALSE(tagIndexExists());
    for (int i = 0; i < kSigners; ++i) EXPECT_EQ(verify(i, viaShim_).exitCode, 0) << "signer " << i;
}

TEST_F(ReferrersApi, SignetFindsWhatSigstoreJsAttachedThroughTheApi) {
    writeOpenSslKeyPair(home_.path() + "/js");
    CommandOptions options;
    options.extraEnv = {{"REGISTRY_USERNAME", registry_.username()},
                        {"REGISTRY_PASSWORD", registry_.password()}};
    auto js = runCommandForResult({"node", sourceDir() + "/tests/harness/sigstore-js-sign.mjs",
                                   viaShim_.name(), digest_, home_.path() + "/js.key"},
                                  options);
    ASSERT_EQ(js.exitCode, 0) << js.err;
    EXPECT_FALSE(tagIndexExists()) << "@sigstore/oci probed the API too";
    ASSERT_EQ(sign(1).exitCode, 0);
    auto theirs = runSignet({"verify", "--key", home_.path() + "/js.pub", ref(viaShim_)}, env_);
    EXPECT_EQ(theirs.exitCode, 0) << theirs.err;
    EXPECT_EQ(verify(1, viaShim_).exitCode, 0);
}

}  // namespace
}  // namespace signet::testing
