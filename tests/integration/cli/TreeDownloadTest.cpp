// `signet tree` and `signet download` through the real registry: what sign, attest and attach
// sbom stored, listed in cosign tree's layout and printed in cosign download's JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "crypto/Encoding.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "harness/TestSecrets.h"
#include "oci/HttpRegistryClient.h"
#include "oci/ImageManifest.h"
#include "oci/MediaTypes.h"

namespace signet::testing {
namespace {

class TreeDownload : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "tree-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", key()}, env_).exitCode, 0);
    }
    std::string key() const { return home_.path() + "/k"; }
    std::string hex(const PushedImage& image) const { return image.digest.substr(7); }
    std::string repoPath(const PushedImage& image) const {
        return image.repository.substr(registry_.host().size() + 1);
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
};

TEST_F(TreeDownload, ListsAndPrintsWhatIsStored) {
    auto image = pushSmallImage(registry_, "tree/app", "1", "tree");
    auto empty = runSignet({"tree", image.ref()}, env_);
    ASSERT_EQ(empty.exitCode, 0) << empty.err;
    EXPECT_NE(
        empty.out.find("No Supply Chain Security Related Artifacts found for image " + image.ref()),
        std::string::npos)
        << empty.out;
    EXPECT_EQ(runSignet({"download", "signature", image.ref()}, env_).exitCode, 10);

    const std::string predicate = fixture("interop/cosign-testdata/bom-go-mod.spdx.json");
    writeFile(home_.path() + "/note.txt", "a note");
    ASSERT_EQ(runSignet({"sign", "--key", key() + ".key", image.ref()}, env_).exitCode, 0);
    ASSERT_EQ(runSignet({"attest", "--key", key() + ".key", "--type", "spdxjson", "--predicate",
                         predicate, image.ref()},
                        env_)
                  .exitCode,
              0);
    ASSERT_EQ(runSignet({"attest", "--key", key() + ".key", "--predicate",
                         home_.path() + "/note.txt", image.ref()},
                        env_)
                  .exitCode,
              0);
    ASSERT_EQ(
        runSignet({"attach", "sbom", "--key", key() + ".key", "--sbom", predicate, image.ref()},
                  env_)
            .exitCode,
        0);

    const std::string base = image.repository + ":sha256-" + hex(image);
    auto sig = oci::parseManifest(
        fetchRawManifest(registry_, repoPath(image) + ":sha256-" + hex(image) + ".sig"), "sig");
    auto att = oci::parseManifest(
        fetchRawManifest(registry_, repoPath(image) + ":sha256-" + hex(image) + ".att"), "att");
    auto sbom = oci::parseManifest(
        fetchRawManifest(registry_, repoPath(image) + ":sha256-" + hex(image) + ".sbom"), "sbom");
    ASSERT_EQ(att.layers.size(), 2u);
    auto tree = runSignet({"tree", image.ref()}, env_);
    ASSERT_EQ(tree.exitCode, 0) << tree.err;
    EXPECT_EQ(tree.out, "📦 Supply Chain Security Related artifacts for an image: " + image.ref() +
                            "\n" + "└── 🔐 Signatures for an image tag: " + base + ".sig\n" +
                            "   └── 🍒 " + sig.layers[0].digest + "\n" +
                            "└── 💾 Attestations for an image tag: " + base + ".att\n" +
                            "   ├── 🍒 " + att.layers[0].digest + "\n" + "   └── 🍒 " +
                            att.layers[1].digest + "\n" + "└── 📦 SBOMs for an image tag: " + base +
                            ".sbom\n" + "   └── 🍒 " + sbom.layers[0].digest + "\n");

    // A registry without the referrers API (this one) keeps referrers in the OCI 1.1 tag schema:
    // an index tagged sha256-<hex>. Here it names the .sig manifest as a bundle referrer.
    oci::RegistryOptions options;
    options.insecureHosts.insert(registry_.host());
    oci::HttpRegistryClient client(options, nullptr, testSecrets());
    const auto repo = oci::Reference::parse(image.ref()).repository;
    const auto sigManifest = client.getManifest(repo, "sha256-" + hex(image) + ".sig");
    ASSERT_TRUE(sigManifest);
    const nlohmann::json index = {
        {"schemaVersion", 2},
        {"mediaType", oci::media_type::kOciIndex},
        {"manifests",
         {{{"mediaType", sigManifest->mediaType},
           {"digest", sigManifest->digest},
           {"size", sigManifest->body.size()},
           {"artifactType", "application/vnd.dev.sigstore.bundle.v0.3+json"}},
          {{"mediaType", sigManifest->mediaType},
           {"digest", sigManifest->digest},
           {"size", sigManifest->body.size()}}}}};
    client.putManifest(repo, "sha256-" + hex(image), oci::media_type::kOciIndex, index.dump());
    auto withReferrer = runSignet({"tree", image.ref()}, env_);
    ASSERT_EQ(withReferrer.exitCode, 0) << withReferrer.err;
    EXPECT_EQ(withReferrer.out,
              tree.out +
                  "└── 🔗 application/vnd.dev.sigstore.bundle.v0.3+json artifacts via OCI "
                  "referrer: " +
                  image.repository + "@" + sigManifest->digest + "\n" + "   └── 🍒 " +
                  sig.layers[0].digest + "\n")
        << "an entry without artifactType is skipped, as cosign does";

    auto signatures = runSignet({"download", "signature", image.ref()}, env_);
    ASSERT_EQ(signatures.exitCode, 0) << signatures.err;
    auto line = nlohmann::json::parse(signatures.out.substr(0, signatures.out.find('\n')));
    EXPECT_EQ(signatures.out.find("{\"Base64Signature\":"), 0u) << "cosign's field order";
    EXPECT_EQ(line["Base64Signature"],
              sig.layers[0].annotations.at("dev.cosignproject.cosign/signature"));
    auto payload = nlohmann::json::parse(*crypto::base64Decode(line["Payload"].get<std::string>()));
    EXPECT_EQ(payload["critical"]["image"]["docker-manifest-digest"], image.digest);
    for (const char* absent : {"Cert", "Chain", "Bundle", "RFC3161Timestamp"}) {
        EXPECT_TRUE(line[absent].is_null()) << absent;
    }

    auto attestations = runSignet({"download", "attestation", image.ref()}, env_);
    ASSERT_EQ(attestations.exitCode, 0) << attestations.err;
    EXPECT_EQ(std::count(attestations.out.begin(), attestations.out.end(), '\n'), 2);
    EXPECT_EQ(attestations.out.find("{\"payloadType\":\"application/vnd.in-toto+json\","
                                    "\"payload\":\""),
              0u)
        << attestations.out;
    auto custom =
        runSignet({"download", "attestation", "--predicate-type", "custom", image.ref()}, env_);
    ASSERT_EQ(custom.exitCode, 0) << custom.err;
    ASSERT_EQ(std::count(custom.out.begin(), custom.out.end(), '\n'), 1);
    auto envelope = nlohmann::json::parse(custom.out);
    auto statement =
        nlohmann::json::parse(*crypto::base64Decode(envelope["payload"].get<std::string>()));
    EXPECT_EQ(statement["predicate"]["Data"], "a note");
    EXPECT_EQ(runSignet({"download", "attestation", "--predicate-type", "vuln", image.ref()}, env_)
                  .exitCode,
              10);

    auto document = runSignet({"download", "sbom", image.ref()}, env_);
    ASSERT_EQ(document.exitCode, 0) << document.err;
    EXPECT_EQ(document.out, readFile(predicate));
    EXPECT_NE(document.err.find("Found SBOM of media type: text/spdx+json"), std::string::npos)
        << document.err;
}

}  // namespace
}  // namespace signet::testing
