// Whiteouts and opaque directories through the registry: the squashed view must lose what upper
// layers delete (reference/sbom.md §1.2, §6.3 G).
#include <gtest/gtest.h>

#include "GroundTruth.h"
#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"

namespace signet::testing {
namespace {

std::map<std::string, std::string> debLicenses(const nlohmann::json& document) {
    std::map<std::string, std::string> licenses;
    for (const auto& package : document.at("packages")) {
        for (const auto& ref : package.value("externalRefs", nlohmann::json::array())) {
            if (purlType(ref.value("referenceLocator", "")) == "deb") {
                licenses[package.at("name")] = package.value("licenseDeclared", "");
            }
        }
    }
    return licenses;
}

TEST(SbomLayerSemanticsTest, WhiteoutsAndOpaqueDirectoriesRemoveWhatTheyHide) {
    const auto& images = SbomFixtureImages::get();
    TestRegistry registry;
    TempDir scratch;
    auto baseDocument = generateValidSpdx(registry, images.push(registry, "base").ref(), scratch);
    auto whiteoutDocument =
        generateValidSpdx(registry, images.push(registry, "whiteouts").ref(), scratch);
    auto truth = images.truth("whiteouts");
    std::string removed = truth.at("removed");

    // The purged package is in the lower layer's status file but gone from the squashed view.
    auto basePackages = keysOf(spdxJsonPackages(baseDocument));
    auto whiteoutPackages = keysOf(spdxJsonPackages(whiteoutDocument));
    EXPECT_EQ(whiteoutPackages, debKeys(truth));
    EXPECT_EQ(basePackages.size(), whiteoutPackages.size() + 1);
    auto named = [&](const std::multiset<PackageKey>& keys) {
        return std::count_if(keys.begin(), keys.end(),
                             [&](const PackageKey& k) { return std::get<1>(k) == removed; });
    };
    EXPECT_EQ(named(basePackages), 1) << removed;
    EXPECT_EQ(named(whiteoutPackages), 0) << removed;

    // The opaque usr/share/doc/ hides every lower copyright file: no deb license survives, while
    // the same packages in the base image do have licenses from those files.
    auto baseLicenses = debLicenses(baseDocument);
    auto hiddenLicenses = debLicenses(whiteoutDocument);
    int baseWithLicense = 0;
    for (const auto& [name, license] : baseLicenses) baseWithLicense += license != "NOASSERTION";
    EXPECT_GT(baseWithLicense, 0);
    for (const auto& [name, license] : hiddenLicenses) {
        EXPECT_EQ(license, "NOASSERTION") << name << " kept a license from a hidden copyright file";
    }
    EXPECT_EQ(whiteoutDocument.dump().find("/usr/share/doc/adduser/copyright"), std::string::npos);
}

// pnpm and uv trees: a package's metadata file is a hard link to a file no rule keeps (the store
// or cache entry comes first in the tar). The layer is read a second time for those targets.
TEST(SbomLayerSemanticsTest, HardLinkedMetadataIsCataloguedThroughItsTarget) {
    const auto& images = SbomFixtureImages::get();
    TestRegistry registry;
    TempDir scratch;
    std::string ref = images.push(registry, "hardlinks").ref();
    auto truth = images.truth("hardlinks");
    auto purls = purlsOf(spdxJsonPackages(generateValidSpdx(registry, ref, scratch)));
    for (const std::string purl : truth.at("purls")) EXPECT_EQ(purls.count(purl), 1u) << purl;
    EXPECT_EQ(purls.size(), truth.at("purls").size()) << "the dangling link is no package";

    CommandResult result = runSbom(registry, {"-o", scratch.path() + "/again.spdx.json", ref});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    std::string dangling = truth.at("dangling");
    EXPECT_NE(result.err.find("hard link " + dangling), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find("linked-dep"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace signet::testing
