#include "sbom/purl/PackageUrl.h"

#include <gtest/gtest.h>

namespace signet::sbom {
namespace {

// Expected strings are the examples in shared/reference/sbom.md §2.2–§2.8 (syft v1.51 rules).
TEST(PackageUrl, DebWithPlusInVersionAndSortedQualifiers) {
    PackageUrl purl{"deb",
                    "debian",
                    "libc6",
                    "2.36-9+deb12u14",
                    {{"upstream", "glibc"}, {"distro", "debian-12.15"}, {"arch", "amd64"}}};
    EXPECT_EQ(
        purl.toString(),
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12.15&upstream=glibc");
}

TEST(PackageUrl, EpochColonAndUpstreamAtAreEscaped) {
    EXPECT_EQ(purlEscape("1:1.2.13.dfsg-1"), "1%3A1.2.13.dfsg-1");
    PackageUrl purl{"deb",
                    "debian",
                    "bash",
                    "5.2.15-2+b2",
                    {{"arch", "amd64"}, {"distro", "debian-12"}, {"upstream", "bash@5.2.15-2"}}};
    EXPECT_EQ(
        purl.toString(),
        "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2");
}

TEST(PackageUrl, EmptyQualifiersAreDropped) {
    PackageUrl purl{"apk",
                    "alpine",
                    "busybox-binsh",
                    "1.36.1-r15",
                    {{"arch", "x86_64"}, {"upstream", ""}, {"distro", "alpine-3.19.0"}}};
    EXPECT_EQ(purl.toString(),
              "pkg:apk/alpine/busybox-binsh@1.36.1-r15?arch=x86_64&distro=alpine-3.19.0");
}

TEST(PackageUrl, NpmScopeIsEscapedNamespace) {
    EXPECT_EQ((PackageUrl{"npm", "@babel", "runtime", "7.26.0", {}}).toString(),
              "pkg:npm/%40babel/runtime@7.26.0");
}

TEST(PackageUrl, GolangNamespaceKeepsSlashesBetweenSegments) {
    EXPECT_EQ((PackageUrl{"golang", "github.com/pkg", "errors", "v0.9.1", {}}).toString(),
              "pkg:golang/github.com/pkg/errors@v0.9.1");
    EXPECT_EQ((PackageUrl{"golang", "", "stdlib", "1.19.8", {}}).toString(),
              "pkg:golang/stdlib@1.19.8");
}

TEST(PackageUrl, RpmEpochQualifierAndNoVersion) {
    PackageUrl purl{"rpm",
                    "fedora",
                    "hello-sbom",
                    "1.0-1",
                    {{"upstream", "hello-sbom-1.0-1.src.rpm"},
                     {"epoch", "2"},
                     {"arch", "noarch"},
                     {"distro", "fedora-40"}}};
    EXPECT_EQ(purl.toString(),
              "pkg:rpm/fedora/hello-sbom@1.0-1?arch=noarch&distro=fedora-40&epoch=2&"
              "upstream=hello-sbom-1.0-1.src.rpm");
    EXPECT_EQ((PackageUrl{"npm", "", "x", "", {}}).toString(), "pkg:npm/x");
}

TEST(PackageUrl, EscapesEverythingOutsideUnreserved) {
    EXPECT_EQ(purlEscape("a b/c+d~e_f.g-h"), "a%20b%2Fc%2Bd~e_f.g-h");
    EXPECT_EQ(purlEscape("\xC3\xA9"), "%C3%A9");
}

}  // namespace
}  // namespace signet::sbom
