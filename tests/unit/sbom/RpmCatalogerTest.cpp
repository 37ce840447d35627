#include "sbom/catalog/rpm/RpmCataloger.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "error/Error.h"
#include "harness/Paths.h"
#include "sbom/SbomGenerator.h"
#include "sbom/catalog/rpm/RpmHeader.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::InMemoryImage;
using test::LayerBuilder;

const char* kSpec =
    "Name: hello-sbom\nVersion: 1.0\nRelease: 1\nEpoch: 2\nSummary: signet test package\n"
    "License: MIT\nVendor: Signet Tests\nBuildArch: noarch\n%description\ntest\n"
    "%install\nmkdir -p %{buildroot}/usr/share/hello-sbom\n"
    "echo hi > %{buildroot}/usr/share/hello-sbom/hi\n%files\n/usr/share/hello-sbom/hi\n";

// rpmbuild + `rpm --root -i` write a real rpmdb.sqlite; `rpm -qa` is the ground truth.
TEST(RpmCataloger, RealRpmdbSqliteMatchesRpmQuery) {
    if (!test::haveProgram("rpmbuild") || !test::haveProgram("rpm")) {
        FAIL() << "Debian's rpm package is not installed (.ci/install-deps installs it)";
    }
    test::ScratchDir dir;
    signet::testing::writeFile(dir.path() + "/hello.spec", kSpec);
    auto built =
        test::runProgram({"rpmbuild", "--quiet", "--define", "_topdir " + dir.path() + "/top",
                          "-bb", dir.path() + "/hello.spec"});
    ASSERT_EQ(built.exitCode, 0) << built.output;
    std::string rpmFile = dir.path() + "/top/RPMS/noarch/hello-sbom-1.0-1.noarch.rpm";
    std::string root = dir.path() + "/root";
    auto installed = test::runProgram({"rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-i",
                                       "--nodeps", "--noscripts", rpmFile});
    ASSERT_EQ(installed.exitCode, 0) << installed.output;
    auto query = test::runProgram(
        {"rpm", "--root", root, "--dbpath", "/var/lib/rpm", "-qa", "--qf",
         "%{NAME}|%{EPOCH}:%{VERSION}-%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{LICENSE}\n"});
    ASSERT_EQ(query.exitCode, 0) << query.output;
    std::string truth = query.output.substr(0, query.output.find('\n'));

    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile(root + "/var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/rpmdb.sqlite"));
    layer.file("etc/os-release", "ID=fedora\nVERSION_ID=40\n");
    InMemoryImage image;
    image.add(layer);
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<RpmCataloger>());
    Sbom sbom = SbomGenerator(std::move(catalogers)).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 1u) << (sbom.warnings.empty() ? "" : sbom.warnings[0]);
    const Package& p = sbom.packages[0];
    EXPECT_EQ(p.name + "|" + p.version, truth.substr(0, truth.find("|noarch")));
    EXPECT_EQ(p.licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(p.originator, "Organization: Signet Tests");
    EXPECT_EQ(p.purl,
              "pkg:rpm/fedora/hello-sbom@1.0-1?arch=noarch&distro=fedora-40&epoch=2&"
              "upstream=hello-sbom-1.0-1.src.rpm");
}

TEST(RpmCataloger, NotADatabaseIsAWarningNotACrash) {
    InMemoryImage image;
    image.add(LayerBuilder().file("var/lib/rpm/rpmdb.sqlite", "SQLite format 3\0 but not really"));
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<RpmCataloger>());
    Sbom sbom = SbomGenerator(std::move(catalogers)).generate(image.input());
    EXPECT_TRUE(sbom.packages.empty());
    ASSERT_FALSE(sbom.warnings.empty());
    EXPECT_NE(sbom.warnings[0].find("rpmdb.sqlite"), std::string::npos);
}

std::string headerBlob() {
    // Two index entries (NAME, VERSION) and their strings, per the rpm header layout.
    std::string store = std::string("pkg\0", 4) + std::string("1.2\0", 4);
    auto be = [](std::uint32_t v) {
        std::string s(4, '\0');
        for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
        return s;
    };
    return be(2) + be(static_cast<std::uint32_t>(store.size())) + be(1000) + be(6) + be(0) + be(1) +
           be(1001) + be(6) + be(4) + be(1) + store;
}

TEST(RpmHeader, ParsesAndBoundsChecksEveryOffset) {
    RpmHeader h = parseRpmHeader(headerBlob());
    EXPECT_EQ(h.name, "pkg");
    EXPECT_EQ(h.version, "1.2");
    EXPECT_FALSE(h.epoch);
    std::string blob = headerBlob();
    for (std::size_t cut = 0; cut < blob.size(); ++cut) {
        EXPECT_THROW(parseRpmHeader(blob.substr(0, cut)), Error) << cut;
    }
    std::string badOffset = blob;
    badOffset[8 + 16 + 11] = 100;  // VERSION's offset past the store
    EXPECT_THROW(parseRpmHeader(badOffset), Error);
}

}  // namespace
}  // namespace signet::sbom
