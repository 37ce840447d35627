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

}  // namespace
}  // namespace signet::testing
