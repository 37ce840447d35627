#include "sbom/os/OsRelease.h"

#include <gtest/gtest.h>

#include <sstream>

#include "harness/Paths.h"
#include "sbom/layer/LayerReader.h"
#include "support/LayerBuilder.h"

namespace signet::sbom {
namespace {

SquashedFilesystem squash(const test::LayerBuilder& layer) {
    static const std::vector<FileRule> rules = osReleaseFileRules();
    ScanLimits limits;
    ScanBudget budget;
    std::vector<std::string> warnings;
    SquashedFilesystem fs;
    std::istringstream in(layer.build());
    fs.applyLayer(LayerReader(rules, limits, budget, warnings).read(in, "", 0));
    return fs;
}

TEST(OsRelease, ParsesQuotedAndUnquotedValues) {
    auto release = parseOsRelease(
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME='Debian "
        "GNU/Linux'\nVERSION_ID=\"12\"\n"
        "# comment\nID=debian\nID_LIKE=\"rhel fedora\"\nBROKEN LINE\n");
    ASSERT_TRUE(release);
    EXPECT_EQ(release->id, "debian");
    EXPECT_EQ(release->versionId, "12");
    EXPECT_EQ(release->name, "Debian GNU/Linux");
    EXPECT_EQ(release->prettyName, "Debian GNU/Linux 12 (bookworm)");
    EXPECT_EQ(release->idLike, (std::vector<std::string>{"rhel", "fedora"}));
    EXPECT_EQ(release->distroQualifier(), "debian-12");
    EXPECT_FALSE(parseOsRelease("garbage\n\n"));
}

TEST(OsRelease, DebianPointReleaseReplacesVersionIdThroughTheSymlink) {
    auto release =
        identifyRelease(squash(test::LayerBuilder()
                                   .file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                                   .symlink("etc/os-release", "../usr/lib/os-release")
                                   .file("etc/debian_version", "12.15\n")));
    ASSERT_TRUE(release);
    EXPECT_EQ(release->distroQualifier(), "debian-12.15");
}

TEST(OsRelease, TestingCodenameDoesNotReplaceVersion) {
    auto release = identifyRelease(squash(test::LayerBuilder()
                                              .file("etc/os-release", "ID=debian\nVERSION_ID=13\n")
                                              .file("etc/debian_version", "trixie/sid\n")));
    ASSERT_TRUE(release);
    EXPECT_EQ(release->versionId, "13");
}

TEST(OsRelease, NoReleaseFileMeansNoDistro) {
    EXPECT_FALSE(identifyRelease(squash(test::LayerBuilder().file("etc/hostname", "x"))));
}

TEST(OsRelease, ThisMachinesRealReleaseFiles) {
    test::LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile("/usr/lib/os-release", "usr/lib/os-release"));
    layer.symlink("etc/os-release", "../usr/lib/os-release");
    bool haveDebianVersion = layer.hostFile("/etc/debian_version", "etc/debian_version");
    auto release = identifyRelease(squash(layer));
    ASSERT_TRUE(release);
    auto expected = parseOsRelease(signet::testing::readFile("/usr/lib/os-release"));
    EXPECT_EQ(release->id, expected->id);
    if (haveDebianVersion && expected->id == "debian") {
        std::string v = signet::testing::readFile("/etc/debian_version");
        v.erase(v.find_last_not_of("\n ") + 1);
        if (v.find_first_not_of("0123456789.") == std::string::npos) {
            EXPECT_EQ(release->versionId, v);
        }
    }
}

}  // namespace
}  // namespace signet::sbom
