#include "sbom/cache/LayerCache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "harness/TempDir.h"
#include "sbom/SbomGenerator.h"
#include "sbom/layer/LayerReader.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

namespace fs = std::filesystem;
using test::InMemoryImage;
using test::LayerBuilder;

LayerDiff sampleDiff() {
    LayerDiff diff;
    FileNode kept;
    kept.content = std::make_shared<const std::string>(std::string("Package: a\0b\n", 13));
    kept.ruleIndex = 1;
    kept.tag = "dpkg";
    kept.truncated = true;
    kept.size = 99;
    diff.entries.push_back({"/var/lib/dpkg/status", kept});
    FileNode link;
    link.kind = NodeKind::Symlink;
    link.linkTarget = "../usr/lib";
    diff.entries.push_back({"/lib", link});
    FileNode dir;
    dir.kind = NodeKind::Directory;
    diff.entries.push_back({"/opt", dir});
    diff.replacedPaths = {1, 5, 1ULL << 63};
    diff.hidingPaths = {5};
    diff.whiteouts = {"/etc/gone"};
    diff.opaqueDirs = {"/srv"};
    diff.tarEntries = 7;
    return diff;
}

const std::vector<std::string> kTags = {"os-release", "dpkg"};

TEST(CachedLayer, RoundTripsEveryFieldAndTakesTheLayerNumberAndTagsOfThisRun) {
    std::string bytes = encodeCachedLayer(sampleDiff(), {"layer x: a warning"}, "key");
    CachedLayer back = decodeCachedLayer(bytes, "key", 3, kTags, 4096);
    ASSERT_EQ(back.diff.entries.size(), 3u);
    const FileNode& kept = back.diff.entries[0].node;
    EXPECT_EQ(back.diff.entries[0].path, "/var/lib/dpkg/status");
    ASSERT_TRUE(kept.content);
    EXPECT_EQ(*kept.content, std::string("Package: a\0b\n", 13));
    EXPECT_EQ(kept.ruleIndex, 1);
    EXPECT_EQ(kept.tag, "dpkg");
    EXPECT_TRUE(kept.truncated);
    EXPECT_EQ(kept.size, 99u);
    EXPECT_EQ(kept.layerIndex, 3u);
    EXPECT_EQ(back.diff.entries[1].node.kind, NodeKind::Symlink);
    EXPECT_EQ(back.diff.entries[1].node.linkTarget, "../usr/lib");
    EXPECT_FALSE(back.diff.entries[1].node.content);
    EXPECT_EQ(back.diff.entries[2].node.kind, NodeKind::Directory);
    EXPECT_EQ(back.diff.replacedPaths, (std::vector<std::uint64_t>{1, 5, 1ULL << 63}));
    EXPECT_EQ(back.diff.hidingPaths, std::vector<std::uint64_t>{5});
    EXPECT_EQ(back.diff.whiteouts, std::set<std::string>{"/etc/gone"});
    EXPECT_EQ(back.diff.opaqueDirs, std::set<std::string>{"/srv"});
    EXPECT_EQ(back.diff.tarEntries, 7u);
    EXPECT_EQ(back.warnings, std::vector<std::string>{"layer x: a warning"});
}

TEST(CachedLayer, EveryTruncationAndEveryFlippedByteIsRefused) {
    std::string bytes = encodeCachedLayer(sampleDiff(), {"w"}, "key");
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        EXPECT_THROW(decodeCachedLayer(bytes.substr(0, n), "key", 0, kTags, 4096), Error) << n;
        std::string flipped = bytes;
        flipped[n] = static_cast<char>(flipped[n] ^ 0x20);
        EXPECT_THROW(decodeCachedLayer(flipped, "key", 0, kTags, 4096), Error) << n;
    }
    EXPECT_THROW(decodeCachedLayer(bytes + "x", "key", 0, kTags, 4096), Error);
    EXPECT_THROW(decodeCachedLayer(bytes, "another key", 0, kTags, 4096), Error);
}

// The checksum holds no secret: whoever can write the directory can make it match. What such an
// entry says is then read with every bound still checked.
std::string withValidChecksum(const std::string& key, const std::string& body) {
    return sealCachedLayerBody(body, key);
}

TEST(CachedLayer, ForgedEntriesWithAValidChecksumAreStillBounded) {
    auto number = [](std::uint64_t v) {
        std::string out;
        for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
        return out;
    };
    const std::string none = number(0);
    // A count of 2^60 warnings in a few bytes must not reserve or loop.
    EXPECT_THROW(decodeCachedLayer(withValidChecksum("k", number(1ULL << 60)), "k", 0, kTags, 4096),
                 Error);
    // A string longer than the entry.
    EXPECT_THROW(decodeCachedLayer(withValidChecksum("k", number(1) + number(1ULL << 40)), "k", 0,
                                   kTags, 4096),
                 Error);
    auto entry = [&](const std::string& path, std::uint64_t kind, std::uint64_t flags,
                     std::uint64_t rule) {
        std::string e = number(path.size()) + path + number(kind) + none + number(flags);
        if (flags & 1) e += number(rule) + number(1) + "x";
        return none + number(1) + e + number(5) + none + none + none + none + number(1);
    };
    EXPECT_NO_THROW(
        decodeCachedLayer(withValidChecksum("k", entry("/a", 0, 1, 1)), "k", 0, kTags, 4096));
    // A rule this run does not have, content on a symlink, an unknown kind, a relative or
    // over-long path.
    for (const auto& body :
         {entry("/a", 0, 1, 2), entry("/a", 2, 1, 0), entry("/a", 9, 0, 0), entry("a", 0, 0, 0),
          entry("/" + std::string(5000, 'a'), 0, 0, 0), entry("/a", 0, 4, 0)}) {
        EXPECT_THROW(decodeCachedLayer(withValidChecksum("k", body), "k", 0, kTags, 4096), Error);
    }
    // Path hashes out of order (the squash looks them up by binary search).
    std::string unsorted =
        none + none + number(2) + number(9) + number(3) + none + none + none + none;
    EXPECT_THROW(decodeCachedLayer(withValidChecksum("k", unsorted), "k", 0, kTags, 4096), Error);
    std::string sorted =
        none + none + number(2) + number(3) + number(9) + none + none + none + none;
    EXPECT_NO_THROW(decodeCachedLayer(withValidChecksum("k", sorted), "k", 0, kTags, 4096));
}

// An image whose readLayer calls are counted per layer digest.
struct CountingImage {
    ImageInput input;
    std::shared_ptr<std::atomic<int>> reads = std::make_shared<std::atomic<int>>(0);

    explicit CountingImage(const InMemoryImage& image) : input(image.input()) {
        auto inner = input.readLayer;
        auto counter = reads;
        input.readLayer = [inner, counter](const LayerDescriptor& layer,
                                           const std::function<void(std::istream&)>& consume) {
            ++*counter;
            inner(layer, consume);
        };
    }
};

LayerBuilder baseLayer() {
    return std::move(
        LayerBuilder()
            .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
            .file("var/lib/dpkg/status",
                  "Package: bash\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n\n"
                  "Package: zlib1g\nVersion: 1:1.2.13\nArchitecture: amd64\n")
            .symlink("lib", "usr/lib")
            .file("app/node_modules/gone/package.json", R"({"name":"gone","version":"1.0.0"})"));
}

LayerBuilder appLayer() {
    return std::move(
        LayerBuilder()
            .file("app/node_modules/ms/package.json", R"({"name":"ms","version":"2.1.3"})")
            .whiteout("app/node_modules/gone")
            .file("usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
                  "Name: six\nVersion: 1.16.0\n"));
}

std::vector<std::string> purls(const Sbom& sbom) {
    std::vector<std::string> out;
    for (const auto& p : sbom.packages)
        out.push_back(p.purl + " @" + p.locations.front().layerDiffId);
    return out;
}

std::vector<fs::path> entries(const std::string& dir) {
    std::vector<fs::path> out;
    for (const auto& item : fs::directory_iterator(dir)) out.push_back(item.path());
    std::sort(out.begin(), out.end());
    return out;
}

class LayerCacheTest : public ::testing::Test {
  protected:
    SbomGenerator cached(LayerCacheOptions options = {}) {
        if (options.dir.empty()) options.dir = dir_.path() + "/cache";
        return SbomGenerator::withDefaultCatalogers({},
                                                    std::make_shared<const LayerCache>(options));
    }

    testing::TempDir dir_;
    InMemoryImage base_, app_;

    void SetUp() override {
        base_.add(baseLayer());
        app_.add(baseLayer()).add(appLayer());
    }
};

TEST_F(LayerCacheTest, ASecondImageSharingTheBaseLayerFetchesOnlyItsNewLayer) {
    const Sbom plain = SbomGenerator::withDefaultCatalogers().generate(app_.input());
    auto generator = cached();
    CountingImage first(base_), second(app_), third(app_);
    EXPECT_EQ(generator.generate(first.input).layersFromCache, 0u);
    EXPECT_EQ(*first.reads, 1);
    Sbom two = generator.generate(second.input);
    EXPECT_EQ(*second.reads, 1) << "only the new layer is fetched";
    EXPECT_EQ(two.layersFromCache, 1u);
    Sbom three = generator.generate(third.input);
    EXPECT_EQ(*third.reads, 0);
    EXPECT_EQ(three.layersFromCache, 2u);
    // Whiteouts, symlinks, layer attribution and warnings come back as they were read.
    EXPECT_EQ(purls(two), purls(plain));
    EXPECT_EQ(purls(three), purls(plain));
    EXPECT_EQ(three.warnings, plain.warnings);
    EXPECT_EQ(three.dependencies.size(), plain.dependencies.size());
    EXPECT_EQ(entries(dir_.path() + "/cache").size(), 2u);
}

TEST_F(LayerCacheTest, AHardLinkResolvedByASecondReadIsCachedResolved) {
    InMemoryImage linked;
    linked.add(LayerBuilder()
                   .file("store/5e/9c0d", R"({"name":"linked","version":"3.1.4"})")
                   .hardlink("app/node_modules/linked/package.json", "store/5e/9c0d"));
    auto generator = cached();
    CountingImage first(linked), second(linked);
    Sbom one = generator.generate(first.input);
    EXPECT_EQ(*first.reads, 2) << "the layer is read again for the link's target";
    Sbom two = generator.generate(second.input);
    EXPECT_EQ(*second.reads, 0);
    ASSERT_EQ(purls(one).size(), 1u);
    EXPECT_EQ(purls(two), purls(one));
    EXPECT_EQ(one.packages[0].purl, "pkg:npm/linked@3.1.4");
}

TEST_F(LayerCacheTest, ALayersWarningsAreReplayedFromTheCache) {
    InMemoryImage image;
    image.add(LayerBuilder().file("../../etc/os-release", "ID=alpine\n"));
    auto generator = cached();
    Sbom read = generator.generate(image.input());
    ASSERT_EQ(read.warnings.size(), 1u);
    CountingImage again(image);
    Sbom hit = generator.generate(again.input);
    EXPECT_EQ(*again.reads, 0);
    EXPECT_EQ(hit.warnings, read.warnings);
}

TEST_F(LayerCacheTest, ADamagedEntryIsAWarningThenTheLayerIsFetchedAndTheEntryMadeAgain) {
    auto generator = cached();
    generator.generate(base_.input());
    auto files = entries(dir_.path() + "/cache");
    ASSERT_EQ(files.size(), 1u);
    const Sbom good = SbomGenerator::withDefaultCatalogers().generate(base_.input());
    for (const std::string damage : {"truncate", "garbage", "empty"}) {
        std::string bytes;
        {
            std::ifstream in(files[0], std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        if (damage == "truncate") bytes.resize(bytes.size() / 2);
        if (damage == "garbage") bytes[bytes.size() / 2] ^= 1;
        if (damage == "empty") bytes.clear();
        std::ofstream(files[0], std::ios::binary | std::ios::trunc) << bytes;
        CountingImage image(base_);
        Sbom sbom = generator.generate(image.input);
        EXPECT_EQ(*image.reads, 1) << damage;
        EXPECT_EQ(purls(sbom), purls(good)) << damage;
        ASSERT_EQ(sbom.warnings.size(), 1u) << damage;
        EXPECT_NE(sbom.warnings[0].find("is not usable"), std::string::npos) << sbom.warnings[0];
        CountingImage after(base_);
        EXPECT_EQ(generator.generate(after.input).layersFromCache, 1u) << "rewritten: " << damage;
        EXPECT_EQ(*after.reads, 0);
    }
}

TEST_F(LayerCacheTest, AFifoOrDirectoryInAnEntrysPlaceDoesNotBlockOrFail) {
    auto generator = cached();
    generator.generate(base_.input());
    auto files = entries(dir_.path() + "/cache");
    ASSERT_EQ(files.size(), 1u);
    fs::remove(files[0]);
    ASSERT_EQ(mkfifo(files[0].c_str(), 0600), 0);
    CountingImage image(base_);
    Sbom sbom = generator.generate(image.input);
    EXPECT_EQ(*image.reads, 1);
    ASSERT_EQ(sbom.warnings.size(), 1u);
    EXPECT_NE(sbom.warnings[0].find("FIFO"), std::string::npos) << sbom.warnings[0];
}

TEST_F(LayerCacheTest, CachedLayersCountAgainstTheImagesLimits) {
    // Each layer alone is within the entry limit; both together (from the cache) are not.
    InMemoryImage top;
    top.add(appLayer());
    ScanLimits limits;
    limits.maxEntries = 6;
    auto cache = std::make_shared<const LayerCache>(LayerCacheOptions{dir_.path() + "/cache"});
    auto generator = SbomGenerator::withDefaultCatalogers(limits, cache);
    generator.generate(base_.input());
    generator.generate(top.input());
    CountingImage both(app_);
    try {
        generator.generate(both.input);
        FAIL() << "the cached layers passed the entry limit";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TooLarge) << e.what();
    }
    EXPECT_EQ(*both.reads, 0) << "both layers came from the cache";
}

TEST_F(LayerCacheTest, ALayerWhoseDiffIdDoesNotMatchIsNeverCached) {
    InMemoryImage lying;
    std::string layer = baseLayer().build();
    lying.addRaw(layer, "application/vnd.oci.image.layer.v1.tar", "sha256:" + std::string(64, '0'));
    EXPECT_THROW(cached().generate(lying.input()), Error);
    EXPECT_TRUE(entries(dir_.path() + "/cache").empty());
}

TEST_F(LayerCacheTest, TheLeastRecentlyUsedEntriesGoPastTheSizeBound) {
    std::vector<InMemoryImage> images(6);
    std::uintmax_t one = 0;
    for (std::size_t i = 0; i < images.size(); ++i) {
        images[i].add(LayerBuilder().file("var/lib/dpkg/status",
                                          "Package: p" + std::to_string(i) + "\nVersion: 1\n"));
    }
    {
        testing::TempDir probe;
        auto generator = cached({.dir = probe.path()});
        generator.generate(images[0].input());
        one = fs::file_size(entries(probe.path()).at(0));
    }
    auto generator = cached({.dir = dir_.path() + "/cache", .maxBytes = 3 * one + one / 2});
    for (auto& image : images) generator.generate(image.input());
    auto left = entries(dir_.path() + "/cache");
    EXPECT_EQ(left.size(), 3u);
    CountingImage newest(images.back()), oldest(images.front());
    EXPECT_EQ(generator.generate(newest.input).layersFromCache, 1u);
    EXPECT_EQ(generator.generate(oldest.input).layersFromCache, 0u);
}

TEST_F(LayerCacheTest, ConcurrentWritersAndReadersNeverSeeAHalfWrittenEntry) {
    const std::string dir = dir_.path() + "/cache";
    std::atomic<bool> stop = false;
    std::atomic<int> unusable = 0, hits = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto generator = cached({.dir = dir});
            for (int i = 0; i < 15 || (t == 0 && !stop); ++i) {
                Sbom sbom = generator.generate(app_.input());
                hits += static_cast<int>(sbom.layersFromCache);
                for (const auto& w : sbom.warnings)
                    unusable += w.find("not usable") != std::string::npos;
                if (t == 0 && i >= 15) break;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    stop = true;
    EXPECT_EQ(unusable, 0);
    EXPECT_GT(hits, 0);
    auto left = entries(dir);
    EXPECT_EQ(left.size(), 2u) << "no temporary file is left behind";
}

TEST_F(LayerCacheTest, ADirectoryThatCannotBeMadeIsAConfigError) {
    std::ofstream(dir_.path() + "/file") << "x";
    try {
        LayerCache cache(LayerCacheOptions{dir_.path() + "/file"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Config);
        EXPECT_NE(std::string(e.what()).find("SIGNET_CACHE_DIR"), std::string::npos) << e.what();
    }
    LayerCache made(LayerCacheOptions{dir_.path() + "/a/b"});
    EXPECT_EQ(fs::status(dir_.path() + "/a/b").permissions() & fs::perms::all,
              fs::perms::owner_all);
}

TEST_F(LayerCacheTest, AnEntryThatCannotBeWrittenIsAWarningAndTheSbomIsStillMade) {
    auto generator = cached();
    generator.generate(base_.input());
    auto files = entries(dir_.path() + "/cache");
    ASSERT_EQ(files.size(), 1u);
    // A non-empty directory in the entry's place: neither removed nor renamed over, even by root.
    fs::remove(files[0]);
    fs::create_directory(files[0]);
    std::ofstream(files[0] / "x") << "x";
    Sbom sbom = generator.generate(base_.input());
    EXPECT_FALSE(sbom.packages.empty());
    bool notWritten = false;
    for (const auto& w : sbom.warnings)
        notWritten |= w.find("could not write layer cache entry") != std::string::npos;
    EXPECT_TRUE(notWritten) << ::testing::PrintToString(sbom.warnings);
    EXPECT_EQ(entries(dir_.path() + "/cache").size(), 1u) << "no temporary file is left behind";
}

TEST(LayerScanKey, DependsOnTheRulesTheLimitsAndThisBinary) {
    std::vector<FileRule> rules(1);
    rules[0].globs.emplace_back("**/status");
    rules[0].tag = "dpkg";
    LayerScanKey a = layerScanKey(rules, {});
    EXPECT_NE(a.text.find("signet "), std::string::npos);
    EXPECT_EQ(a.ruleTags, std::vector<std::string>{"dpkg"});
    rules[0].maxBytes += 1;
    EXPECT_NE(layerScanKey(rules, {}).text, a.text);
    ScanLimits limits;
    limits.maxPathLength = 10;
    rules[0].maxBytes -= 1;
    EXPECT_NE(layerScanKey(rules, limits).text, a.text);
    limits = {};
    limits.layerConcurrency = 1;  // how many at once changes nothing read
    EXPECT_EQ(layerScanKey(rules, limits).text, a.text);
}

}  // namespace
}  // namespace signet::sbom
