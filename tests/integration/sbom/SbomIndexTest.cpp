// An image index: without --platform one SBOM per platform, each naming its platform manifest
// digest; with --platform just that platform's.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"
#include "harness/Paths.h"

namespace signet::testing {
namespace {

struct PlatformExpectation {
    std::string fileStem;     // "<os>-<arch>[-<variant>]"
    std::string platformArg;  // "os/arch[/variant]"
    std::string digest;       // the platform manifest's digest in the pushed index
    std::string packageType;  // what the builder put in that platform's image
};

class SbomIndexTest : public ::testing::Test {
  protected:
    void SetUp() override {
        index_ = images_.push(registry_, "multi");
        auto raw =
            nlohmann::json::parse(fetchRawManifest(registry_, "sbom/multi@" + index_.digest));
        for (const auto& entry : raw.at("manifests")) {
            const auto& platform = entry.at("platform");
            std::string os = platform.at("os"), arch = platform.at("architecture");
            std::string variant = platform.value("variant", "");
            expected_.push_back({os + "-" + arch + (variant.empty() ? "" : "-" + variant),
                                 os + "/" + arch + (variant.empty() ? "" : "/" + variant),
                                 entry.at("digest"), arch == "amd64" ? "apk" : "rpm"});
        }
        ASSERT_EQ(expected_.size(), 2u);
    }

    void expectDocumentFor(const PlatformExpectation& platform, const std::string& file) {
        EXPECT_EQ(spdxSchemaErrors(file), "") << file;
        auto document = nlohmann::json::parse(readFile(file));
        auto root = describedPackage(document);
        EXPECT_NE(root.dump().find(platform.digest.substr(7)), std::string::npos)
            << file << " does not name " << platform.digest << ": " << root.dump();
        auto packages = spdxJsonPackages(document);
        EXPECT_FALSE(packages.empty()) << file;
        for (const auto& package : packages) EXPECT_EQ(package.type, platform.packageType) << file;
    }

    const SbomFixtureImages& images_ = SbomFixtureImages::get();
    TestRegistry registry_;
    TempDir scratch_;
    PushedImage index_;
    std::vector<PlatformExpectation> expected_;
};

TEST_F(SbomIndexTest, WithoutPlatformWritesOneDocumentPerPlatform) {
    std::string dir = scratch_.path() + "/sboms";
    CommandResult result = runSbom(registry_, {"--format", "spdx-json", "-o", dir, index_.ref()});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        files.push_back(entry.path().filename().string());
    }
    ASSERT_EQ(files.size(), expected_.size()) << ::testing::PrintToString(files);
    std::set<std::string> namespaces;  // SPDX: each document's namespace is its own
    for (const auto& file : files) {
        namespaces.insert(
            nlohmann::json::parse(readFile(dir + "/" + file)).at("documentNamespace"));
    }
    EXPECT_EQ(namespaces.size(), files.size()) << ::testing::PrintToString(namespaces);
    for (const auto& platform : expected_) {
        // One summary line per platform, naming its manifest and platform.
        EXPECT_NE(result.err.find("@" + platform.digest + " (" + platform.platformArg + "): "),
                  std::string::npos)
            << result.err;
        auto match = std::find_if(files.begin(), files.end(), [&](const std::string& name) {
            return name.rfind(platform.fileStem + ".", 0) == 0;
        });
        ASSERT_NE(match, files.end())
            << "no " << platform.fileStem << ".* in " << ::testing::PrintToString(files);
        expectDocumentFor(platform, dir + "/" + *match);
    }
}

TEST_F(SbomIndexTest, PlatformFlagSelectsOnePlatform) {
    for (const auto& platform : expected_) {
        std::string file = scratch_.path() + "/" + platform.fileStem + ".json";
        CommandResult result =
            runSbom(registry_, {"--platform", platform.platformArg, "-o", file, index_.ref()});
        ASSERT_EQ(result.exitCode, 0) << result.err;
        expectDocumentFor(platform, file);
    }
    CommandResult missing = runSbom(registry_, {"--platform", "linux/s390x", "-o",
                                                scratch_.path() + "/none.json", index_.ref()});
    EXPECT_TRUE(missing.exitCode == 1 || missing.exitCode == 2) << missing.exitCode << missing.err;
    // The one error line tells which platforms there are to pick from.
    EXPECT_NE(missing.err.find(expected_[1].platformArg), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace signet::testing
