// SBOM attestations and attachments end to end through the real registry, in cosign's layout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cosign/Dsse.h"
#include "crypto/Encoding.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TempDir.h"
#include "harness/TestImage.h"
#include "harness/TestRegistry.h"
#include "oci/ImageManifest.h"

namespace signet::testing {
namespace {

class Attest : public ::testing::Test {
  protected:
    void SetUp() override {
        env_ = {{"HOME", home_.path()},
                {"SIGNET_INSECURE_REGISTRIES", registry_.host()},
                {"COSIGN_PASSWORD", "attest-pw"}};
        ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", home_.path() + "/k"}, env_)
                      .exitCode,
                  0);
    }
    std::string key() const { return home_.path() + "/k.key"; }
    std::string pub() const { return home_.path() + "/k.pub"; }
    std::string repoPath(const PushedImage& image) const {
        return image.repository.substr(registry_.host().size() + 1);
    }
    std::string hex(const std::string& digest) const { return digest.substr(7); }
    // The image at the image's cosign attachment tag ("sha256-<hex>" + suffix).
    oci::ImageManifest attachment(const PushedImage& image, const std::string& suffix) const {
        return oci::parseManifest(
            fetchRawManifest(registry_, repoPath(image) + ":sha256-" + hex(image.digest) + suffix),
            suffix);
    }

    TestRegistry registry_;
    TempDir home_;
    std::map<std::string, std::string> env_;
};

TEST_F(Attest, SpdxPredicateIsAttestedInCosignsLayoutAndVerifies) {
    auto image = pushSmallImage(registry_, "att/app", "1", "attest");
    std::string predicate = fixture("interop/cosign-testdata/bom-go-mod.spdx.json");
    auto attested = runSignet(
        {"attest", "--key", key(), "--type", "spdxjson", "--predicate", predicate, image.ref()},
        env_);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;
    auto manifest = attachment(image, ".att");
    ASSERT_EQ(manifest.layers.size(), 1u);
    const auto& layer = manifest.layers[0];
    EXPECT_EQ(layer.mediaType, "application/vnd.dsse.envelope.v1+json");
    EXPECT_EQ(layer.annotations.at("dev.cosignproject.cosign/signature"), "");  // I6
    EXPECT_EQ(layer.annotations.at("predicateType"), "https://spdx.dev/Document");

    auto verified =
        runSignet({"verify-attestation", "--key", pub(), "--type", "spdxjson", image.ref()}, env_);
    ASSERT_EQ(verified.exitCode, 0) << verified.err;
    auto envelope = cosign::parseEnvelope(verified.out.substr(0, verified.out.find('\n')));
    EXPECT_EQ(envelope.payloadType, "application/vnd.in-toto+json");
    auto statement = nlohmann::json::parse(envelope.payload);  // I7
    EXPECT_EQ(statement["_type"], "https://in-toto.io/Statement/v0.1");
    EXPECT_EQ(statement["subject"][0]["name"], image.repository);
    EXPECT_EQ(statement["subject"][0]["digest"]["sha256"], hex(image.digest));
    EXPECT_EQ(statement["predicate"], nlohmann::json::parse(readFile(predicate)));
    EXPECT_EQ(envelope.payload.find("\"_type\""), 1u) << "statement keys in in-toto order";

    EXPECT_EQ(
        runSignet({"verify-attestation", "--key", pub(), "--type", "cyclonedx", image.ref()}, env_)
            .exitCode,
        12);
    auto other = pushSmallImage(registry_, "att/other", "1", "other");
    EXPECT_EQ(
        runSignet({"verify-attestation", "--key", pub(), "--type", "spdxjson", other.ref()}, env_)
            .exitCode,
        10);
}

// cosign's default --type custom wraps the file, whatever it holds, as {"Data","Timestamp"}; a
// typed predicate goes through in-toto-golang's struct (see tests/unit/cosign/PredicateTest).
// The whole statement is compared byte for byte; SOURCE_DATE_EPOCH fixes the Timestamp.
TEST_F(Attest, CustomAndProvenancePredicatesAreWrittenAsCosignWritesThem) {
    auto image = pushSmallImage(registry_, "att/custom", "1", "custom");
    const std::string text = home_.path() + "/notes.txt";
    writeFile(text, "built by <ci> & tested\n");
    auto env = env_;
    env["SOURCE_DATE_EPOCH"] = "1700000000";
    auto attested = runSignet({"attest", "--key", key(), "--predicate", text, image.ref()}, env);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;

    const std::string provenance = home_.path() + "/provenance.json";
    writeFile(provenance, R"({"materials":[],"buildType":"https://example.com/t",
                              "builder":{"id":"https://example.com/b"},"metadata":null})");
    attested = runSignet({"attest", "--key", key(), "--type", "slsaprovenance", "--predicate",
                          provenance, image.ref()},
                         env);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;

    const std::string subject = R"("subject":[{"name":")" + image.repository +
                                R"(","digest":{"sha256":")" + hex(image.digest) + R"("}}],)";
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"custom", R"({"_type":"https://in-toto.io/Statement/v0.1",)"
                   R"("predicateType":"https://cosign.sigstore.dev/attestation/v1",)" +
                       subject +
                       R"("predicate":{"Data":"built by \u003cci\u003e \u0026 tested\n",)"
                       R"("Timestamp":"2023-11-14T22:13:20Z"}})"},
        {"slsaprovenance",
         R"({"_type":"https://in-toto.io/Statement/v0.1",)"
         R"("predicateType":"https://slsa.dev/provenance/v0.2",)" +
             subject +
             R"("predicate":{"builder":{"id":"https://example.com/b"},)"
             R"("buildType":"https://example.com/t","invocation":{"configSource":{}}}})"}};
    for (const auto& [type, statement] : expected) {
        auto verified =
            runSignet({"verify-attestation", "--key", pub(), "--type", type, image.ref()}, env_);
        ASSERT_EQ(verified.exitCode, 0) << type << ": " << verified.err;
        auto envelope = cosign::parseEnvelope(verified.out.substr(0, verified.out.find('\n')));
        EXPECT_EQ(envelope.payload, statement) << type;
    }

    writeFile(provenance, R"({"buildType":"https://example.com/t"})");
    auto refused = runSignet({"attest", "--key", key(), "--type", "slsaprovenance", "--predicate",
                              provenance, image.ref()},
                             env);
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("provenance predicate: required field builder missing"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(attachment(image, ".att").layers.size(), 2u) << "a refused predicate writes nothing";
}

// One set of SBOM format words: `signet sbom --format`'s words name the same predicate types on
// attest and verify-attestation and the same media types on attach sbom as cosign's words do.
TEST_F(Attest, SbomFormatWordsWorkOnEveryTypeFlag) {
    auto image = pushSmallImage(registry_, "att/words", "1", "words");
    std::string predicate = fixture("interop/cosign-testdata/bom-go-mod.spdx.json");
    auto attested = runSignet(
        {"attest", "--key", key(), "--type", "spdx-json", "--predicate", predicate, image.ref()},
        env_);
    ASSERT_EQ(attested.exitCode, 0) << attested.err;
    auto manifest = attachment(image, ".att");
    ASSERT_EQ(manifest.layers.size(), 1u);
    EXPECT_EQ(manifest.layers[0].annotations.at("predicateType"), "https://spdx.dev/Document");
    for (const char* word : {"spdx-json", "spdxjson"}) {
        EXPECT_EQ(
            runSignet({"verify-attestation", "--key", pub(), "--type", word, image.ref()}, env_)
                .exitCode,
            0)
            << word;
    }
    EXPECT_EQ(
        runSignet({"verify-attestation", "--key", pub(), "--type", "cyclonedx-json", image.ref()},
                  env_)
            .exitCode,
        12);

    // A JSON file attached as spdx-tag is what the word says: text, whatever the file name.
    const std::vector<std::pair<std::string, std::string>> attachments = {
        {"spdx-tag", "text/spdx"},
        {"spdx-json", "text/spdx+json"},
        {"cyclonedx-json", "application/vnd.cyclonedx+json"}};
    for (const auto& [word, mediaType] : attachments) {
        auto attached = runSignet(
            {"attach", "sbom", "--key", key(), "--type", word, "--sbom", predicate, image.ref()},
            env_);
        ASSERT_EQ(attached.exitCode, 0) << word << ": " << attached.err;
        auto sbom = attachment(image, ".sbom");
        ASSERT_EQ(sbom.layers.size(), 1u);
        EXPECT_EQ(sbom.layers[0].mediaType, mediaType) << word;
    }
    auto contradicted = runSignet({"attach", "sbom", "--key", key(), "--type", "spdx-tag",
                                   "--input-format", "json", "--sbom", predicate, image.ref()},
                                  env_);
    EXPECT_EQ(contradicted.exitCode, 1);
    EXPECT_NE(contradicted.err.find("--type spdx-tag is not JSON"), std::string::npos)
        << contradicted.err;
    // `signet sbom --format` says which document; cosign's "spdx" does not, so it is refused.
    auto ambiguous = runSignet({"sbom", "--format", "spdx", image.ref()}, env_);
    EXPECT_EQ(ambiguous.exitCode, 1);
    EXPECT_NE(ambiguous.err.find("use spdx-json, spdx-tag or cyclonedx-json"), std::string::npos)
        << ambiguous.err;
}

// attest and attach sbom treat tags as sign does: a tag alone is refused unless
// --allow-tag-only, and a tag@digest whose tag moved is refused unless --no-verify-tags.
TEST_F(Attest, AttestAndAttachTreatTagsAsSignDoes) {
    auto image = pushSmallImage(registry_, "tags/app", "1", "tags");
    auto moved = pushSmallImage(registry_, "tags/app", "2", "moved");
    const std::string predicate = fixture("interop/cosign-testdata/bom-go-mod.spdx.json");
    const std::string bareTag = image.repository + ":1";
    const std::string stale = image.repository + ":2@" + image.digest;  // tag 2 is elsewhere
    using Args = std::vector<std::string>;
    const std::vector<Args> writers = {
        {"attest", "--key", key(), "--type", "spdxjson", "--predicate", predicate},
        {"attach", "sbom", "--key", key(), "--sbom", predicate},
    };
    for (const auto& writer : writers) {
        SCOPED_TRACE(writer[0]);
        auto with = [&](Args extra, const std::string& ref) {
            Args args = writer;
            args.insert(args.end(), extra.begin(), extra.end());
            args.push_back(ref);
            return runSignet(args, env_);
        };
        auto refused = with({}, bareTag);
        EXPECT_EQ(refused.exitCode, 1) << refused.err;
        EXPECT_NE(refused.err.find("--allow-tag-only"), std::string::npos) << refused.err;
        auto allowed = with({"--allow-tag-only"}, bareTag);
        EXPECT_EQ(allowed.exitCode, 0) << allowed.err;
        EXPECT_NE(allowed.out.find(image.digest), std::string::npos) << allowed.out;
        auto stopped = with({}, stale);
        EXPECT_NE(stopped.exitCode, 0);
        EXPECT_NE(stopped.err.find("now points at " + moved.digest), std::string::npos)
            << stopped.err;
        EXPECT_NE(stopped.err.find("--no-verify-tags"), std::string::npos) << stopped.err;
        EXPECT_EQ(with({"--no-verify-tags"}, stale).exitCode, 0);
    }
}

TEST_F(Attest, AttachSbomOverwritesTheSbomTagAndSignsIt) {
    auto image = pushSmallImage(registry_, "attach/app", "1", "attach");
    std::string sbom = fixture("interop/cosign-testdata/bom-go-mod.spdx");
    auto attached =
        runSignet({"attach", "sbom", "--key", key(), "--sbom", sbom, image.ref()}, env_);
    ASSERT_EQ(attached.exitCode, 0) << attached.err;
    std::string tag = repoPath(image) + ":sha256-" + hex(image.digest) + ".sbom";
    std::string raw = fetchRawManifest(registry_, tag);
    auto manifest = oci::parseManifest(raw, "sbom");
    ASSERT_EQ(manifest.layers.size(), 1u);  // I8
    EXPECT_EQ(manifest.layers[0].mediaType, "text/spdx");
    EXPECT_TRUE(manifest.layers[0].annotations.empty());
    EXPECT_EQ(manifest.layers[0].digest, crypto::sha256Digest(readFile(sbom)));
    // The SBOM manifest is signed like `cosign sign --attachment sbom`.
    std::string sbomRef = image.repository + "@" + crypto::sha256Digest(raw);
    EXPECT_EQ(runSignet({"verify", "--key", pub(), sbomRef}, env_).exitCode, 0);

    auto json = runSignet({"attach", "sbom", "--key", key(), "--sbom",
                           fixture("interop/cosign-testdata/bom-go-mod.spdx.json"), image.ref()},
                          env_);
    ASSERT_EQ(json.exitCode, 0) << json.err;
    auto replaced = oci::parseManifest(fetchRawManifest(registry_, tag), "sbom");
    ASSERT_EQ(replaced.layers.size(), 1u) << "attach overwrites, as cosign does";
    EXPECT_EQ(replaced.layers[0].mediaType, "text/spdx+json");
}

TEST_F(Attest, RunGeneratesOneSbomPerDigestAndPlatform) {
    auto index = pushMultiPlatformImage(registry_, "run/multi", "1", "multi");
    runCommand({"skopeo", "copy", "--all", "--insecure-policy", "--src-tls-verify=false",
                "--dest-tls-verify=false", "docker://" + index.index.repository + ":1",
                "docker://" + index.index.repository + ":2"});
    TempDir out;
    auto env = env_;
    env["SIGNET_KEY"] = key();
    env["SIGNET_TAGS"] = "1,2";
    env["SIGNET_REPOSITORY"] = index.index.repository;
    env["SIGNET_DIGEST"] = index.index.digest;
    env["SIGNET_SBOM"] = "generate";
    env["SIGNET_SBOM_DIR"] = out.path() + "/sboms";
    env["SIGNET_REPORT"] = out.path() + "/report.json";
    env["SIGNET_RESULTS_DIR"] = out.path();
    auto run = runSignet({"run"}, env);
    ASSERT_EQ(run.exitCode, 0) << run.out;
    auto report = nlohmann::json::parse(readFile(out.path() + "/report.json"));
    ASSERT_EQ(report["sboms"].size(), index.platforms.size()) << "two tags, one SBOM per platform";
    for (const auto& platform : index.platforms) {
        std::string copy = out.path() + "/sboms/" + hex(platform.digest) + ".spdx.json";
        auto document = nlohmann::json::parse(readFile(copy));
        EXPECT_EQ(document["spdxVersion"], "SPDX-2.3");
        EXPECT_EQ(runSignet({"verify-attestation", "--key", pub(), "--type", "spdxjson",
                             index.index.repository + "@" + platform.digest},
                            env_)
                      .exitCode,
                  0);
    }
    auto refs = nlohmann::json::parse(readFile(out.path() + "/SBOM_REFS"));
    EXPECT_EQ(refs.size(), index.platforms.size());

    env["SIGNET_SBOM_MAX_BYTES"] = "100";
    auto tooLarge = runSignet({"run"}, env);
    EXPECT_EQ(tooLarge.exitCode, 2) << tooLarge.out << tooLarge.err;
    EXPECT_NE(tooLarge.err.find("SIGNET_SBOM_MAX_BYTES"), std::string::npos) << tooLarge.err;
}

}  // namespace
}  // namespace signet::testing
