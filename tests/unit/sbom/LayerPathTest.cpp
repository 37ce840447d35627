#include "sbom/layer/LayerPath.h"

#include <gtest/gtest.h>

#include "sbom/layer/PathGlob.h"

namespace signet::sbom {
namespace {

TEST(LayerPath, CleansPrefixesAndDotSegments) {
    EXPECT_EQ(cleanLayerPath("./usr//lib/../bin/"), "/usr/bin");
    EXPECT_EQ(cleanLayerPath("/etc/os-release"), "/etc/os-release");
    EXPECT_EQ(cleanLayerPath("./"), "/");
    EXPECT_EQ(cleanLayerPath(""), "/");
}

TEST(LayerPath, DotDotNeverClimbsAboveTheRoot) {
    bool escaped = false;
    EXPECT_EQ(cleanLayerPath("../../etc/passwd", &escaped), "/etc/passwd");
    EXPECT_TRUE(escaped);
    EXPECT_EQ(cleanLayerPath("a/../../b", &escaped), "/b");
    EXPECT_TRUE(escaped);
    EXPECT_EQ(cleanLayerPath("a/../b", &escaped), "/b");
    EXPECT_FALSE(escaped);
}

TEST(LayerPath, ParentAndBase) {
    EXPECT_EQ(parentPath("/a/b"), "/a");
    EXPECT_EQ(parentPath("/a"), "/");
    EXPECT_EQ(baseName("/a/b"), "b");
}

TEST(PathGlob, DoubleStarMatchesAnyDirectoriesIncludingNone) {
    PathGlob status("**/lib/dpkg/status");
    EXPECT_TRUE(status.matches("/var/lib/dpkg/status"));
    EXPECT_TRUE(status.matches("/lib/dpkg/status"));
    EXPECT_FALSE(status.matches("/var/lib/dpkg/status-old"));
    EXPECT_FALSE(status.matches("/var/lib/dpkg/status/x"));
}

TEST(PathGlob, StarStaysInsideOneSegment) {
    PathGlob copyright("usr/share/doc/*/copyright");
    EXPECT_TRUE(copyright.matches("/usr/share/doc/bash/copyright"));
    EXPECT_FALSE(copyright.matches("/usr/share/doc/a/b/copyright"));
    PathGlob meta("**/*.dist-info/METADATA");
    EXPECT_TRUE(meta.matches("/usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA"));
    EXPECT_FALSE(meta.matches("/usr/lib/x.dist-info/sub/METADATA"));
    EXPECT_TRUE(PathGlob("a?c").matches("abc"));
    EXPECT_FALSE(PathGlob("a?c").matches("a/c"));
}

}  // namespace
}  // namespace signet::sbom
