// `signet clean` through the real registry (distribution, which refuses deleting a tag and is
// answered by digest): what it removes, what it keeps, --force, token auth's delete scope,
// a registry with deletes disabled, and a tag-schema referrers index.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "harness/TestSecrets.h"
#include "oci/HttpRegistryClient.h"
#include "oci/MediaTypes.h"

namespace signet::testing {
namespace {

class Clean : public ::testing::Test {
  protected:
    void start(TestRegistryOptions options = {}) {
        registry_ = std::make_unique<TestRegistry>(options);
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_->insecureHosts()},
                {"SIGNET_REGISTRY_USERNAME", registry_->username()},
                {"SIGNET_REGISTRY_PASSWORD", registry_->password()},
                {"COSIGN_PASSWORD", "clean-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", key()}, env_).exitCode, 0);
        oci::RegistryOptions clientOptions;
        for (const auto& host : {registry_->host(), registry_->tokenHost()}) {
            if (!host.empty()) clientOptions.insecureHosts.insert(host);
        }
        if (options.auth != RegistryAuth::None) {
            oci::Credentials credentials;
            credentials.username = registry_->username();
            credentials.password = registry_->password();
            clientOptions.credentials = oci::ExplicitCredentials{credentials, ""};
        }
        client_ = std::make_unique<oci::HttpRegistryClient>(clientOptions, nullptr, testSecrets());
    }
    std::string key() const { return home_.path() + "/k"; }
    std::string tagOf(const PushedImage& image, const std::string& suffix) const {
        return "sha256-" + image.digest.substr(7) + suffix;
    }
    oci::Repository repo(const PushedImage& image) const {
        return oci::Reference::parse(image.ref()).repository;
    }
    bool exists(const PushedImage& image, const std::string& reference) {
        return client_->headManifest(repo(image), reference).has_value();
    }
    // Signs, attests and attaches an SBOM: the three tags clean removes.
    void attachEverything(const PushedImage& image) {
        ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", image.ref()}, env_).exitCode, 0);
        writeFile(home_.path() + "/note.txt", "a note");
        ASSERT_EQ(runSignet({"attest", "--key", key() + ".key", "--predicate",
                             home_.path() + "/note.txt", image.ref()},
                            env_)
                      .exitCode,
                  0);
        writeFile(home_.path() + "/sbom.json", R"({"spdxVersion":"SPDX-2.3"})");
        ASSERT_EQ(runSignet({"attach", "sbom", "--key", key() + ".key", "--sbom",
                             home_.path() + "/sbom.json", image.ref()},
                            env_)
                      .exitCode,
                  0);
        for (const char* suffix : {".sig", ".att", ".sbom"}) {
            ASSERT_TRUE(exists(image, tagOf(image, suffix))) << suffix;
        }
    }

    TempDir home_;
    std::unique_ptr<TestRegistry> registry_;
    std::unique_ptr<oci::HttpRegistryClient> client_;
    std::map<std::string, std::string> env_;
};

TEST_F(Clean, RemovesWhatTheTypeNamesAndOnlyWithForce) {
    start();
    auto image = pushSmallImage(*registry_, "clean/app", "1", "clean");
    auto other = pushSmallImage(*registry_, "clean/app", "2", "other");
    attachEverything(image);
    ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", other.ref()}, env_).exitCode, 0);

    auto unconfirmed = runSignet({"clean", image.ref()}, env_);
    EXPECT_EQ(unconfirmed.exitCode, 1);
    EXPECT_NE(unconfirmed.err.find("pass --force to confirm"), std::string::npos)
        << unconfirmed.err;
    EXPECT_TRUE(exists(image, tagOf(image, ".sig"))) << "nothing is touched without --force";
    EXPECT_EQ(runSignet({"clean", "--type", "everything", "--force", image.ref()}, env_).exitCode,
              1);

    auto signatures = runSignet({"clean", "--type", "signature", "-f", image.ref()}, env_);
    ASSERT_EQ(signatures.exitCode, 0) << signatures.err;
    EXPECT_EQ(signatures.err, "Removed " + image.repository + ":" + tagOf(image, ".sig") +
                                  " from " + image.ref() + "\n");
    EXPECT_FALSE(exists(image, tagOf(image, ".sig")));
    EXPECT_TRUE(exists(image, tagOf(image, ".att")));
    EXPECT_TRUE(exists(image, tagOf(image, ".sbom")));
    EXPECT_EQ(runSignet({"verify", "--key", key() + ".pub", image.ref()}, env_).exitCode, 10);
    EXPECT_EQ(runSignet({"verify", "--key", key() + ".pub", other.ref()}, env_).exitCode, 0)
        << "another image's signatures stay";
    EXPECT_TRUE(exists(image, image.tag)) << "the image itself stays";

    auto rest = runSignet({"clean", "--force", image.ref()}, env_);
    ASSERT_EQ(rest.exitCode, 0) << rest.err;
    EXPECT_EQ(rest.err, "Removed " + image.repository + ":" + tagOf(image, ".att") + " from " +
                            image.ref() + "\nRemoved " + image.repository + ":" +
                            tagOf(image, ".sbom") + " from " + image.ref() + "\n");
    EXPECT_FALSE(exists(image, tagOf(image, ".att")));
    EXPECT_FALSE(exists(image, tagOf(image, ".sbom")));
    auto again = runSignet({"clean", "--force", image.ref()}, env_);
    EXPECT_EQ(again.exitCode, 0) << again.err;
    EXPECT_EQ(again.err, "Nothing to remove from " + image.ref() + "\n");
}

TEST_F(Clean, AsksTheTokenServerForTheDeleteScope) {
    start({RegistryAuth::Token, false});
    auto image = pushSmallImage(*registry_, "clean/token", "1", "token");
    attachEverything(image);
    auto cleaned = runSignet({"clean", "--force", image.ref()}, env_);
    ASSERT_EQ(cleaned.exitCode, 0) << cleaned.err;
    for (const char* suffix : {".sig", ".att", ".sbom"}) {
        EXPECT_FALSE(exists(image, tagOf(image, suffix))) << suffix;
    }
}

TEST_F(Clean, SaysWhatCouldNotBeDeletedAndExitsNonZero) {
    TestRegistryOptions options;
    options.deleteEnabled = false;
    start(options);
    auto image = pushSmallImage(*registry_, "clean/nodelete", "1", "nodelete");
    ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", image.ref()}, env_).exitCode, 0);
    auto refused = runSignet({"clean", "--type", "signature", "--force", image.ref()}, env_);
    EXPECT_EQ(refused.exitCode, 2) << refused.err;
    EXPECT_NE(refused.err.find("could not delete " + image.repository + ":" + tagOf(image, ".sig") +
                               " from " + image.ref()),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("does not allow deleting"), std::string::npos) << refused.err;
    EXPECT_TRUE(exists(image, tagOf(image, ".sig")));
}

TEST_F(Clean, HonoursCosignRepository) {
    start();
    auto image = pushSmallImage(*registry_, "clean/app", "1", "elsewhere");
    env_["COSIGN_REPOSITORY"] = registry_->host() + "/clean/signatures";
    ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", image.ref()}, env_).exitCode, 0);
    oci::Repository store =
        oci::Reference::parse(registry_->host() + "/clean/signatures:x").repository;
    ASSERT_TRUE(client_->headManifest(store, tagOf(image, ".sig")));
    auto cleaned = runSignet({"clean", "--type", "signature", "--force", image.ref()}, env_);
    ASSERT_EQ(cleaned.exitCode, 0) << cleaned.err;
    EXPECT_NE(cleaned.err.find("Removed " + store.name() + ":" + tagOf(image, ".sig")),
              std::string::npos)
        << cleaned.err;
    EXPECT_FALSE(client_->headManifest(store, tagOf(image, ".sig")));
}

TEST_F(Clean, TakesBundleReferrersOutOfTheTagSchemaIndex) {
    start();
    auto image = pushSmallImage(*registry_, "clean/ref", "1", "referred");
    auto unrelated = pushSmallImage(*registry_, "clean/ref", "other", "unrelated");
    ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", image.ref()}, env_).exitCode, 0);
    // Two referrer manifests: one image stands in for a Sigstore bundle, `unrelated` for a
    // referrer of another kind, which clean must keep.
    auto standIn = pushSmallImage(*registry_, "clean/ref", "bundle", "bundle stand-in");
    auto bundle = client_->getManifest(repo(image), standIn.digest);
    auto kept = client_->getManifest(repo(image), unrelated.digest);
    ASSERT_TRUE(bundle && kept);
    auto entry = [](const oci::ManifestResponse& m, const std::string& type) {
        return nlohmann::json{{"mediaType", m.mediaType},
                              {"digest", m.digest},
                              {"size", m.body.size()},
                              {"artifactType", type}};
    };
    nlohmann::json index = {{"schemaVersion", 2},
                            {"mediaType", oci::media_type::kOciIndex},
                            {"manifests",
                             {entry(*bundle, "application/vnd.dev.sigstore.bundle.v0.3+json"),
                              entry(*kept, "application/vnd.example.report")}}};
    client_->putManifest(repo(image), tagOf(image, ""), oci::media_type::kOciIndex, index.dump());

    auto signatureOnly = runSignet({"clean", "--type", "signature", "--force", image.ref()}, env_);
    ASSERT_EQ(signatureOnly.exitCode, 0) << signatureOnly.err;
    EXPECT_NE(signatureOnly.err.find("image has referrers, consider using --type referrer"),
              std::string::npos)
        << signatureOnly.err;

    auto referrers = runSignet({"clean", "--type", "referrer", "--force", image.ref()}, env_);
    ASSERT_EQ(referrers.exitCode, 0) << referrers.err;
    auto rewritten = client_->getManifest(repo(image), tagOf(image, ""));
    ASSERT_TRUE(rewritten) << "the index keeps what clean does not remove";
    auto manifests = nlohmann::json::parse(rewritten->body)["manifests"];
    ASSERT_EQ(manifests.size(), 1u) << rewritten->body;
    EXPECT_EQ(manifests[0]["digest"], unrelated.digest);
    EXPECT_NE(referrers.err.find("Removed " + image.repository + "@" + standIn.digest),
              std::string::npos)
        << referrers.err;
    EXPECT_FALSE(exists(image, standIn.digest));
    EXPECT_TRUE(exists(image, unrelated.digest));
    auto tree = runSignet({"tree", image.ref()}, env_);
    EXPECT_EQ(tree.out.find("🔗 application/vnd.dev.sigstore.bundle"), std::string::npos)
        << tree.out;
    EXPECT_NE(tree.out.find("🔗 application/vnd.example.report"), std::string::npos) << tree.out;
}

}  // namespace
}  // namespace signet::testing
