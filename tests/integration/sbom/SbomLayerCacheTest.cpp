// The layer cache against a real registry: a second image fetches only the layers it does not
// share, the SBOM is the same as without the cache, and damaged entries cost a fetch, not a
// wrong SBOM.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"
#include "harness/Paths.h"
#include "harness/SignetProcess.h"
#include "harness/TestImage.h"

namespace signet::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> layerDigests(const TestRegistry& registry, const std::string& name,
                                      const std::string& digest) {
    auto manifest = nlohmann::json::parse(fetchRawManifest(registry, name + "@" + digest));
    std::vector<std::string> out;
    for (const auto& layer : manifest.at("layers")) out.push_back(layer.at("digest"));
    return out;
}

std::vector<SbomPackage> packagesOf(const std::string& file) {
    auto packages = spdxJsonPackages(nlohmann::json::parse(readFile(file)));
    std::sort(packages.begin(), packages.end());
    return packages;
}

class SbomLayerCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = images_.push(registry_, "base");
        python_ = images_.push(registry_, "python");
        baseLayers_ = layerDigests(registry_, "sbom/base", base_.digest);
        pythonLayers_ = layerDigests(registry_, "sbom/python", python_.digest);
        for (const auto& layer : pythonLayers_) {
            if (std::count(baseLayers_.begin(), baseLayers_.end(), layer)) shared_.push_back(layer);
        }
        ASSERT_FALSE(shared_.empty()) << "the python image is built on the base image";
        ASSERT_LT(shared_.size(), pythonLayers_.size());
    }

    CommandResult sbom(const std::string& ref, const std::string& out,
                       std::map<std::string, std::string> env = {}) {
        env["SIGNET_INSECURE_REGISTRIES"] = registry_.host();
        return runSignet({"sbom", "-o", out, ref}, env);
    }

    int blobReads(const std::string& name, const std::string& digest) const {
        return registry_.requestsLogged("/v2/" + name + "/blobs/" + digest);
    }

    const SbomFixtureImages& images_ = SbomFixtureImages::get();
    TestRegistry registry_;
    TempDir scratch_;
    PushedImage base_, python_;
    std::vector<std::string> baseLayers_, pythonLayers_, shared_;
};

TEST_F(SbomLayerCacheTest, ASecondImageFetchesOnlyTheLayersItDoesNotShare) {
    const std::string cache = scratch_.path() + "/cache";
    CommandResult first = runSbom(
        registry_, {"--cache-dir", cache, "-o", scratch_.path() + "/base.json", base_.ref()});
    ASSERT_EQ(first.exitCode, 0) << first.err;
    EXPECT_EQ(first.err.find("from the layer cache"), std::string::npos) << first.err;

    std::map<std::string, int> readsBefore;
    for (const auto& layer : pythonLayers_) readsBefore[layer] = blobReads("sbom/python", layer);
    const std::string cachedFile = scratch_.path() + "/python-cached.json";
    CommandResult second =
        runSbom(registry_, {"--cache-dir", cache, "-o", cachedFile, python_.ref()});
    ASSERT_EQ(second.exitCode, 0) << second.err;
    EXPECT_NE(second.err.find("(" + std::to_string(shared_.size()) + " from the layer cache)"),
              std::string::npos)
        << second.err;
    for (const auto& layer : pythonLayers_) {
        int reads = blobReads("sbom/python", layer) - readsBefore[layer];
        if (std::count(shared_.begin(), shared_.end(), layer)) {
            EXPECT_EQ(reads, 0) << "shared layer " << layer << " was fetched";
        } else {
            EXPECT_GE(reads, 1) << "new layer " << layer << " was not fetched";
        }
    }
    EXPECT_EQ(spdxSchemaErrors(cachedFile), "");

    const std::string plainFile = scratch_.path() + "/python-plain.json";
    CommandResult plain = runSbom(registry_, {"-o", plainFile, python_.ref()});
    ASSERT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_EQ(packagesOf(cachedFile), packagesOf(plainFile));
    EXPECT_FALSE(packagesOf(cachedFile).empty());
}

TEST_F(SbomLayerCacheTest, SignetCacheDirServesARepeatedImageWithoutFetchingALayer) {
    const std::map<std::string, std::string> env{{"SIGNET_CACHE_DIR", scratch_.path() + "/c"}};
    ASSERT_EQ(sbom(python_.ref(), scratch_.path() + "/one.json", env).exitCode, 0);
    std::map<std::string, int> readsBefore;
    for (const auto& layer : pythonLayers_) readsBefore[layer] = blobReads("sbom/python", layer);
    CommandResult again = sbom(python_.ref(), scratch_.path() + "/two.json", env);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.err.find("(" + std::to_string(pythonLayers_.size()) +
                             " from the layer cache), 0 bytes"),
              std::string::npos)
        << again.err;
    for (const auto& layer : pythonLayers_)
        EXPECT_EQ(blobReads("sbom/python", layer), readsBefore[layer]) << layer;
    EXPECT_EQ(packagesOf(scratch_.path() + "/one.json"), packagesOf(scratch_.path() + "/two.json"));
}

// signet run (what the wrappers run) reads and fills the same cache: its second run signs and
// attests the image again without fetching a layer blob, and attests the same packages.
TEST_F(SbomLayerCacheTest, SignetRunTakesTheCacheToo) {
    std::map<std::string, std::string> env{{"HOME", scratch_.path()},
                                           {"COSIGN_PASSWORD", "cache-test-pw"},
                                           {"SIGNET_INSECURE_REGISTRIES", registry_.host()}};
    ASSERT_EQ(runSignet({"generate-key-pair", "--output-key-prefix", scratch_.path() + "/k"}, env)
                  .exitCode,
              0);
    env["SIGNET_KEY"] = scratch_.path() + "/k.key";
    env["SIGNET_REPOSITORY"] = python_.repository;
    env["SIGNET_TAGS"] = python_.tag;
    env["SIGNET_DIGEST"] = python_.digest;
    env["SIGNET_SBOM"] = "generate";
    env["SIGNET_CACHE_DIR"] = scratch_.path() + "/run-cache";
    std::vector<std::string> documents;
    std::map<std::string, int> readsAfterFirst;
    for (int round = 1; round <= 2; ++round) {
        env["SIGNET_SBOM_DIR"] = scratch_.path() + "/sboms-" + std::to_string(round);
        CommandResult run = runSignet({"run"}, env);
        ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
        documents.push_back(env["SIGNET_SBOM_DIR"] + "/" + python_.digest.substr(7) + ".spdx.json");
        if (round == 1) {
            for (const auto& layer : pythonLayers_)
                readsAfterFirst[layer] = blobReads("sbom/python", layer);
        }
    }
    for (const auto& layer : pythonLayers_)
        EXPECT_EQ(blobReads("sbom/python", layer), readsAfterFirst[layer]) << layer;
    EXPECT_FALSE(packagesOf(documents[0]).empty());
    EXPECT_EQ(packagesOf(documents[0]), packagesOf(documents[1]));
}

TEST_F(SbomLayerCacheTest, DamagedEntriesAreWarnedAboutAndTheLayersFetchedAgain) {
    const std::string cache = scratch_.path() + "/cache";
    const std::map<std::string, std::string> env{{"SIGNET_CACHE_DIR", cache}};
    ASSERT_EQ(sbom(base_.ref(), scratch_.path() + "/good.json", env).exitCode, 0);
    int damaged = 0;
    for (const auto& entry : fs::directory_iterator(cache)) {
        fs::resize_file(entry.path(), fs::file_size(entry.path()) / 2);
        ++damaged;
    }
    ASSERT_EQ(damaged, static_cast<int>(baseLayers_.size()));
    CommandResult again = sbom(base_.ref(), scratch_.path() + "/again.json", env);
    ASSERT_EQ(again.exitCode, 0) << again.err;
    EXPECT_NE(again.err.find("is not usable"), std::string::npos) << again.err;
    EXPECT_EQ(again.err.find("from the layer cache"), std::string::npos) << again.err;
    EXPECT_EQ(packagesOf(scratch_.path() + "/good.json"),
              packagesOf(scratch_.path() + "/again.json"));
    CommandResult third = sbom(base_.ref(), scratch_.path() + "/third.json", env);
    EXPECT_NE(third.err.find("from the layer cache"), std::string::npos) << "entries made again";
}

TEST_F(SbomLayerCacheTest, ACacheDirectoryThatCannotBeMadeIsOneWarning) {
    std::ofstream(scratch_.path() + "/file") << "not a directory";
    CommandResult result = sbom(base_.ref(), scratch_.path() + "/out.json",
                                {{"SIGNET_CACHE_DIR", scratch_.path() + "/file"}});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.err.find("warning: cannot use " + scratch_.path() + "/file"),
              std::string::npos)
        << result.err;
    CommandResult badSize =
        sbom(base_.ref(), scratch_.path() + "/out.json",
             {{"SIGNET_CACHE_DIR", scratch_.path() + "/c"}, {"SIGNET_CACHE_MAX_BYTES", "lots"}});
    EXPECT_EQ(badSize.exitCode, 1);
    EXPECT_NE(badSize.err.find("SIGNET_CACHE_MAX_BYTES"), std::string::npos) << badSize.err;
}

}  // namespace
}  // namespace signet::testing
