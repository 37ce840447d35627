// The three output formats, and the same image in OCI gzip / Docker v2s2 / zstd form, must give
// the same package set (reference/sbom.md §7.9).
#include <gtest/gtest.h>

#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"
#include "harness/Paths.h"

namespace signet::testing {
namespace {

TEST(SbomFormatsTest, SpdxJsonTagValueAndCycloneDxListTheSamePackages) {
    const auto& images = SbomFixtureImages::get();
    TestRegistry registry;
    TempDir scratch;
    std::string ref = images.push(registry, "node").ref();
    auto json =
        spdxJsonPackages(nlohmann::json::parse(generateSbom(registry, ref, "spdx-json", scratch)));
    auto tagValue = spdxTagValuePackages(generateSbom(registry, ref, "spdx-tag", scratch));
    auto cycloneDx = cycloneDxPackages(
        nlohmann::json::parse(generateSbom(registry, ref, "cyclonedx-json", scratch)));
    ASSERT_FALSE(keysOfType(json, "npm").empty());
    ASSERT_FALSE(keysOfType(json, "deb").empty());
    EXPECT_EQ(purlsOf(tagValue), purlsOf(json));
    EXPECT_EQ(purlsOf(cycloneDx), purlsOf(json));
    EXPECT_EQ(keysOf(tagValue), keysOf(json));
    EXPECT_EQ(keysOf(cycloneDx), keysOf(json));
}

// The CycloneDX check generateSbom applies can fail: signet's own document, spoiled three ways.
TEST(SbomFormatsTest, TheCycloneDxSchemaCheckRejectsWhatTheSchemaForbids) {
    const auto& images = SbomFixtureImages::get();
    TestRegistry registry;
    TempDir scratch;
    const auto document = nlohmann::json::parse(
        generateSbom(registry, images.push(registry, "base").ref(), "cyclonedx-json", scratch));
    ASSERT_FALSE(document.at("components").empty());
    auto spoiled = [&](const std::string& name, nlohmann::json changed) {
        const std::string file = scratch.path() + "/" + name + ".json";
        writeFile(file, changed.dump());
        return cycloneDxSchemaErrors(file);
    };
    auto unknownField = document;
    unknownField["signedBy"] = "nobody";
    EXPECT_NE(spoiled("unknown-field", unknownField), "");
    auto badLicense = document;
    badLicense["components"][0]["licenses"] = {{{"license", {{"id", "Not-An-SPDX-Id"}}}}};
    EXPECT_NE(spoiled("bad-license", badLicense), "");
    auto olderSpec = document;
    olderSpec["specVersion"] = "1.5";
    EXPECT_NE(spoiled("older-spec", olderSpec), "");
    EXPECT_EQ(spoiled("unchanged", document), "");
}

struct EncodedImage {
    PushedImage image;
    std::string layerMediaTypeFragment;  // what the pushed manifest's layers must say
};

TEST(SbomFormatsTest, GzipDockerV2S2AndZstdEncodingsGiveTheSamePackages) {
    const auto& images = SbomFixtureImages::get();
    TestRegistry registry;
    std::vector<EncodedImage> encodings = {
        {images.push(registry, "base"), "application/vnd.oci.image.layer.v1.tar+gzip"},
        {pushOciLayout(registry, images.layout(), "base", "sbom/base-v2s2", "base",
                       ManifestFormat::DockerV2S2),
         "application/vnd.docker.image.rootfs.diff.tar.gzip"},
        {pushOciLayout(registry, images.zstdLayout(), "base", "sbom/base-zstd", "base"),
         "application/vnd.oci.image.layer.v1.tar+zstd"},
    };
    std::optional<std::multiset<PackageKey>> expected;
    std::set<std::string> digests;
    for (const auto& encoding : encodings) {
        std::string repository = encoding.image.repository.substr(registry.host().size() + 1);
        EXPECT_NE(fetchRawManifest(registry, repository + "@" + encoding.image.digest)
                      .find(encoding.layerMediaTypeFragment),
                  std::string::npos)
            << encoding.image.ref();
        digests.insert(encoding.image.digest);
        TempDir scratch;
        auto document = generateValidSpdx(registry, encoding.image.ref(), scratch);
        auto root = describedPackage(document);
        EXPECT_NE(root.dump().find(encoding.image.digest.substr(7)), std::string::npos)
            << "the root package does not name " << encoding.image.digest;
        auto keys = keysOf(spdxJsonPackages(document));
        if (!expected) expected = keys;
        EXPECT_EQ(keys, *expected) << encoding.image.ref();
    }
    EXPECT_EQ(digests.size(), encodings.size());
    EXPECT_FALSE(expected->empty());
}

}  // namespace
}  // namespace signet::testing
