#include "sbom/layer/LayerReader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "crypto/Encoding.h"
#include "error/Error.h"
#include "sbom/layer/SquashedFilesystem.h"
#include "support/LayerBuilder.h"

namespace signet::sbom {
namespace {

using test::Compression;
using test::LayerBuilder;

std::vector<FileRule> keepEtcRules(std::size_t maxBytes = 1 << 20,
                                   OversizePolicy oversize = OversizePolicy::Skip) {
    FileRule rule;
    rule.globs = {PathGlob("etc/**"), PathGlob("**/METADATA")};
    rule.maxBytes = maxBytes;
    rule.oversize = oversize;
    return {rule};
}

struct Scan {
    std::vector<FileRule> rules = keepEtcRules();
    ScanLimits limits;
    ScanBudget budget;
    std::vector<std::string> warnings;
    SquashedFilesystem fs;

    // Reads the layer as SbomGenerator does: a second time when hard links wait for it.
    void apply(const std::string& blob, const std::string& digest = "") {
        std::istringstream in(blob);
        LayerReader reader(rules, limits, budget, warnings);
        LayerDiff diff = reader.read(in, digest, "", layers);
        secondReads += !diff.pendingHardlinks.empty();
        if (!diff.pendingHardlinks.empty()) {
            std::istringstream again(blob);
            reader.resolveHardlinks(again, digest, "", layers, LayerReader::BlobCheck::Here, diff);
        }
        fs.applyLayer(std::move(diff));
        ++layers;
    }
    int secondReads = 0;
    std::size_t layers = 0;
};

TEST(LayerReader, ReadsTarGzipAndZstdAlike) {
    LayerBuilder layer;
    layer.dir("etc").file("etc/hostname", "box\n").file("usr/bin/tool", "binary");
    for (Compression c : {Compression::None, Compression::Gzip, Compression::Zstd}) {
        Scan scan;
        std::string blob = layer.build(c);
        scan.apply(blob, crypto::sha256Digest(blob));
        ASSERT_NE(scan.fs.content("/etc/hostname"), nullptr);
        EXPECT_EQ(*scan.fs.content("/etc/hostname"), "box\n");
        EXPECT_EQ(scan.fs.node("/usr/bin/tool"), nullptr) << "only selected files are held";
        EXPECT_EQ(scan.fs.node("/etc"), nullptr) << "directories are not held";
        EXPECT_TRUE(scan.warnings.empty());
    }
}

TEST(LayerReader, WhiteoutsHideLowerFilesAndSubtrees) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .file("etc/a", "1")
                   .file("etc/b", "2")
                   .file("etc/sub/c", "3")
                   .file("etc/sub/d", "4")
                   .build());
    scan.apply(LayerBuilder().whiteout("etc/a").whiteout("etc/sub").file("etc/e", "5").build());
    EXPECT_EQ(scan.fs.node("/etc/a"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/sub"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/sub/c"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/b"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/e"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/.wh.a"), nullptr) << "whiteout markers are never added";
    EXPECT_EQ(scan.fs.keptFiles(PathGlob("**")), (std::vector<std::string>{"/etc/b", "/etc/e"}));
}

TEST(LayerReader, OpaqueDirectoryHidesLowerChildrenWhereverTheMarkerIs) {
    Scan scan;
    scan.apply(
        LayerBuilder().file("etc/old/x", "1").file("etc/old/y", "2").file("etc/keep", "k").build());
    // The marker comes after the layer's own file in the tar: it still only hides lower entries.
    scan.apply(LayerBuilder().file("etc/old/new", "n").opaque("etc/old").build());
    EXPECT_EQ(scan.fs.node("/etc/old/x"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/old/y"), nullptr);
    ASSERT_NE(scan.fs.content("/etc/old/new"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/keep"), nullptr);
}

TEST(LayerReader, WhiteoutOnlyAffectsLowerLayersNotItsOwn) {
    Scan scan;
    scan.apply(LayerBuilder().file("etc/f", "lower").build());
    scan.apply(LayerBuilder().file("etc/f", "upper").whiteout("etc/f").build());
    ASSERT_NE(scan.fs.content("/etc/f"), nullptr);
    EXPECT_EQ(*scan.fs.content("/etc/f"), "upper");
}

TEST(LayerReader, FileReplacingDirectoryRemovesLowerSubtree) {
    Scan scan;
    scan.apply(LayerBuilder().file("etc/conf/a", "1").build());
    scan.apply(LayerBuilder().file("etc/conf", "now a file").build());
    EXPECT_EQ(scan.fs.node("/etc/conf/a"), nullptr);
    EXPECT_EQ(*scan.fs.content("/etc/conf"), "now a file");
}

TEST(LayerReader, SymlinksResolveInsideTheRoot) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .file("usr/lib/os-release", "ID=x\n")
                   .symlink("etc/os-release", "../usr/lib/os-release")
                   .symlink("etc/abs", "/usr/lib/os-release")
                   .symlink("etc/escape", "../../../../usr/lib/os-release")
                   .symlink("dirlink", "usr/lib")
                   .build());
    EXPECT_EQ(scan.fs.realPath("/etc/os-release"), "/usr/lib/os-release");
    EXPECT_EQ(scan.fs.realPath("/etc/abs"), "/usr/lib/os-release");
    EXPECT_EQ(scan.fs.realPath("/etc/escape"), "/usr/lib/os-release");
    EXPECT_EQ(scan.fs.realPath("/dirlink/os-release"), "/usr/lib/os-release");
}

TEST(LayerReader, SymlinkLoopsStopAtTheHopLimit) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .symlink("etc/a", "b")
                   .symlink("etc/b", "/etc/a")
                   .symlink("etc/self", "self/x")
                   .build());
    EXPECT_EQ(scan.fs.realPath("/etc/a"), std::nullopt);
    EXPECT_EQ(scan.fs.lookup("/etc/a"), nullptr);
    EXPECT_EQ(scan.fs.realPath("/etc/self"), std::nullopt);
    EXPECT_EQ(scan.fs.content("/etc/self"), nullptr);
}

TEST(LayerReader, HardLinksShareTheEarlierEntrysContent) {
    Scan scan;
    scan.apply(
        LayerBuilder().file("etc/orig", "same bytes").hardlink("etc/link", "etc/orig").build());
    ASSERT_NE(scan.fs.content("/etc/link"), nullptr);
    EXPECT_EQ(*scan.fs.content("/etc/link"), "same bytes");
    EXPECT_EQ(scan.secondReads, 0) << "a kept target needs no second read";
}

TEST(LayerReader, HardLinkToAFileNoRuleKeptGetsItsContentFromASecondRead) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .file("store/ab/cd01", "Name: linked\n")
                   .file("store/ab/cd02", "other")
                   .hardlink("etc/linked", "store/ab/cd01")
                   .hardlink("site/x.dist-info/METADATA", "store/ab/cd01")
                   .hardlink("opt/unselected", "store/ab/cd02")
                   .build(Compression::Gzip));
    EXPECT_EQ(scan.secondReads, 1);
    ASSERT_NE(scan.fs.content("/etc/linked"), nullptr);
    EXPECT_EQ(*scan.fs.content("/etc/linked"), "Name: linked\n");
    ASSERT_NE(scan.fs.content("/site/x.dist-info/METADATA"), nullptr);
    EXPECT_EQ(scan.fs.content("/store/ab/cd01"), nullptr) << "the target itself is not kept";
    EXPECT_EQ(scan.fs.node("/opt/unselected"), nullptr);
    EXPECT_TRUE(scan.warnings.empty());
    EXPECT_EQ(scan.budget.entries, 5u) << "the second read counts no entries";
}

TEST(LayerReader, HardLinkToALaterOrMissingFileIsNamedAndNotCatalogued) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .hardlink("etc/early", "store/late")
                   .file("store/late", "content")
                   .hardlink("etc/dangling", "store/none")
                   .build());
    EXPECT_EQ(scan.fs.node("/etc/early"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/dangling"), nullptr);
    ASSERT_EQ(scan.warnings.size(), 2u) << ::testing::PrintToString(scan.warnings);
    EXPECT_NE(scan.warnings[0].find("hard link /etc/early points at /store/late"),
              std::string::npos);
    EXPECT_NE(scan.warnings[1].find("hard link /etc/dangling"), std::string::npos)
        << scan.warnings[1];
}

TEST(LayerReader, AnUnkeptUpperEntryStillReplacesTheLowerKeptFile) {
    Scan scan;
    scan.rules = keepEtcRules(1024);
    scan.apply(LayerBuilder()
                   .file("etc/too-big-later", "small")
                   .file("etc/dir-later", "file")
                   .symlink("etc/link-later", "/etc/x")
                   .file("etc/under/file", "x")
                   .file("etc/kept", "k")
                   .build());
    scan.apply(LayerBuilder()
                   .zeroFile("etc/too-big-later", 4096)
                   .dir("etc/dir-later")
                   .zeroFile("etc/link-later", 4096)  // no longer a symlink, and not kept
                   .symlink("etc/under", "/elsewhere")
                   .build());
    EXPECT_EQ(scan.fs.node("/etc/too-big-later"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/dir-later"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/link-later"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/under/file"), nullptr);
    ASSERT_NE(scan.fs.node("/etc/under"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/under")->kind, NodeKind::Symlink);
    EXPECT_NE(scan.fs.content("/etc/kept"), nullptr);
}

TEST(LayerReader, WithinOneLayerTheLastEntryAtAPathWins) {
    Scan scan;
    scan.rules = keepEtcRules(1024);
    scan.apply(LayerBuilder()
                   .file("etc/twice", "first")
                   .zeroFile("etc/twice", 4096)  // the later one is too big to keep
                   .file("etc/sub/f", "kept, then hidden")
                   .file("etc/sub", "now a file")
                   .file("etc/again", "old")
                   .file("etc/again", "new")
                   .build());
    EXPECT_EQ(scan.fs.node("/etc/twice"), nullptr);
    EXPECT_EQ(scan.fs.node("/etc/sub/f"), nullptr);
    ASSERT_NE(scan.fs.content("/etc/sub"), nullptr);
    EXPECT_EQ(*scan.fs.content("/etc/again"), "new");
}

TEST(LayerReader, HostilePathsStayInsideTheRootWithAWarning) {
    Scan scan;
    scan.apply(LayerBuilder()
                   .file("../../etc/evil", "x")
                   .file("/etc/absolute", "y")
                   .file("./etc/dot", "z")
                   .build());
    EXPECT_NE(scan.fs.content("/etc/evil"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/absolute"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/dot"), nullptr);
    ASSERT_EQ(scan.warnings.size(), 1u);
    EXPECT_NE(scan.warnings[0].find("climbs out of the root"), std::string::npos);
}

TEST(LayerReader, GzipBombIsRefusedPastTheLayerLimit) {
    Scan scan;
    scan.limits.maxLayerBytes = 4 << 20;
    std::string bomb = LayerBuilder().zeroFile("data/zeros", 64ULL << 20).build(Compression::Gzip);
    ASSERT_LT(bomb.size(), 1u << 20) << "the test bomb should compress well";
    try {
        scan.apply(bomb);
        FAIL() << "expected TooLarge";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::TooLarge);
        EXPECT_NE(std::string(e.what()).find("decompresses to more than"), std::string::npos);
    }
}

TEST(LayerReader, WarningsAreCappedPerImage) {
    Scan scan;
    LayerBuilder layer;
    for (int i = 0; i < 1000; ++i) layer.file("../x" + std::to_string(i), "");
    scan.apply(layer.build(Compression::Gzip));
    EXPECT_EQ(scan.warnings.size(), kMaxWarnings);
    EXPECT_EQ(scan.budget.warnings, 1000u);
    EXPECT_NE(scan.warnings.back().find("not recorded"), std::string::npos);
}

TEST(LayerReader, OversizedKeptFileIsSkippedWithAWarning) {
    Scan scan;
    scan.rules = keepEtcRules(1024);
    scan.apply(LayerBuilder().zeroFile("etc/huge", 10 << 20).file("etc/small", "ok").build());
    EXPECT_EQ(scan.fs.content("/etc/huge"), nullptr);
    EXPECT_NE(scan.fs.content("/etc/small"), nullptr);
    ASSERT_EQ(scan.warnings.size(), 1u);
    EXPECT_NE(scan.warnings[0].find("skipped /etc/huge"), std::string::npos);
}

TEST(LayerReader, HugeMetadataIsTruncatedWhenTheRuleSaysSo) {
    Scan scan;
    scan.rules = keepEtcRules(4096, OversizePolicy::Truncate);
    std::string metadata = "Name: big\nVersion: 1\n\n" + std::string(8 << 20, 'x');
    scan.apply(
        LayerBuilder().file("site/big.dist-info/METADATA", metadata).build(Compression::Gzip));
    const std::string* kept = scan.fs.content("/site/big.dist-info/METADATA");
    ASSERT_NE(kept, nullptr);
    EXPECT_EQ(kept->size(), 4096u);
    EXPECT_EQ(kept->substr(0, 10), "Name: big\n");
    EXPECT_TRUE(scan.fs.node("/site/big.dist-info/METADATA")->truncated);
}

TEST(LayerReader, KeptBytesBudgetIsEnforcedAcrossLayers) {
    Scan scan;
    scan.limits.maxKeptBytes = 1000;
    scan.apply(LayerBuilder().file("etc/a", std::string(600, 'a')).build());
    EXPECT_THROW(scan.apply(LayerBuilder().file("etc/b", std::string(600, 'b')).build()), Error);
}

TEST(LayerReader, DigestMismatchIsAnError) {
    Scan scan;
    std::string blob = LayerBuilder().file("etc/a", "1").build(Compression::Gzip);
    try {
        scan.apply(blob, crypto::sha256Digest("something else"));
        FAIL() << "expected a digest error";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Registry);
        EXPECT_NE(std::string(e.what()).find("has digest " + crypto::sha256Digest(blob)),
                  std::string::npos);
    }
}

TEST(LayerReader, DiffIdOfTheUncompressedTarIsVerified) {
    LayerBuilder layer;
    layer.file("etc/a", "1");
    std::string diffId = crypto::sha256Digest(layer.build(Compression::None));
    for (Compression c : {Compression::None, Compression::Gzip, Compression::Zstd}) {
        Scan scan;
        std::string blob = layer.build(c);
        std::istringstream good(blob);
        LayerReader reader(scan.rules, scan.limits, scan.budget, scan.warnings);
        EXPECT_NO_THROW(reader.read(good, crypto::sha256Digest(blob), diffId, 0));
        std::istringstream bad(blob);
        try {
            reader.read(bad, crypto::sha256Digest(blob), crypto::sha256Digest("other"), 0);
            FAIL() << "expected a diff_id mismatch";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::Registry);
            EXPECT_NE(std::string(e.what()).find("uncompresses to " + diffId), std::string::npos)
                << e.what();
        }
    }
}

TEST(LayerReader, GarbageAndTruncatedStreamsAreRegistryErrors) {
    Scan scan;
    EXPECT_THROW(scan.apply(std::string(5000, '\x42')), Error);
    std::string blob =
        LayerBuilder().file("etc/a", std::string(100000, 'q')).build(Compression::Gzip);
    try {
        scan.apply(blob.substr(0, blob.size() / 2));
        FAIL() << "expected an error for a truncated gzip layer";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::Registry);
    }
}

TEST(LayerReader, EmptyLayerIsEmpty) {
    Scan scan;
    scan.apply("");
    scan.apply(LayerBuilder().build(Compression::Gzip));
    EXPECT_EQ(scan.fs.size(), 0u);
}

TEST(LayerReader, EntryLimitIsEnforced) {
    Scan scan;
    scan.limits.maxEntries = 3;
    EXPECT_THROW(scan.apply(LayerBuilder().dir("a").dir("b").dir("c").dir("d").build()), Error);
}

}  // namespace
}  // namespace signet::sbom
