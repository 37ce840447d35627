#include "sbom/catalog/dpkg/DpkgCataloger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

#include "sbom/SbomGenerator.h"
#include "sbom/catalog/dpkg/Dep5Copyright.h"
#include "sbom/write/SpdxJsonWriter.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::Compression;
using test::InMemoryImage;
using test::LayerBuilder;

std::vector<std::unique_ptr<Cataloger>> dpkgOnly() {
    std::vector<std::unique_ptr<Cataloger>> c;
    c.push_back(std::make_unique<DpkgCataloger>());
    return c;
}

const char* kStatus =
    "Package: bash\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Source: bash (5.2.15-2)\n"
    "Version: 5.2.15-2+b2\n"
    "Maintainer: Matthias Klose <doko@debian.org>\n"
    "Description: GNU Bourne Again SHell\n"
    " Bash is an sh-compatible command language interpreter.\n"
    "\n"
    "Package: libc6\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Source: glibc\n"
    "Version: 2.36-9+deb12u14\n"
    "\n"
    "Package: removed\n"
    "Status: deinstall ok config-files\n"
    "Version: 1.0\n"
    "\n"
    "Package: zlib1g\n"
    "Status: install ok installed\n"
    "Architecture: amd64\n"
    "Source: zlib\n"
    "Version: 1:1.2.13.dfsg-1\n";

LayerBuilder debianBase() {
    LayerBuilder layer;
    layer.file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
        .symlink("etc/os-release", "../usr/lib/os-release")
        .file("etc/debian_version", "12.15\n")
        .file("var/lib/dpkg/status", kStatus)
        .file("usr/share/doc/bash/copyright",
              "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
              "Files: *\nLicense: GPL-3+\n\nFiles: doc/*\nLicense: GFDL-1.3\n")
        .file("usr/share/doc/libc6/copyright",
              "Not a DEP-5 file. See /usr/share/common-licenses/GPL\n");
    return layer;
}

TEST(DpkgCataloger, StatusParagraphsBecomeDebPackagesWithSyftPurls) {
    InMemoryImage image;
    image.add(debianBase());
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 3u) << "the deinstall paragraph is skipped";
    const Package& bash = sbom.packages[0];
    EXPECT_EQ(bash.name, "bash");
    EXPECT_EQ(bash.version, "5.2.15-2+b2");
    EXPECT_EQ(bash.purl,
              "pkg:deb/debian/"
              "bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12.15&upstream=bash%405.2.15-2");
    EXPECT_EQ(bash.licenses, (std::vector<std::string>{"GFDL-1.3", "GPL-3+"}));
    EXPECT_EQ(bash.originator, "Person: Matthias Klose (doko@debian.org)");
    EXPECT_EQ(bash.description, "GNU Bourne Again SHell");
    ASSERT_EQ(bash.locations.size(), 2u);
    EXPECT_EQ(bash.locations[0].path, "/var/lib/dpkg/status");
    EXPECT_EQ(bash.locations[0].layerDiffId, sbom.image.diffIds[0]);
    EXPECT_EQ(bash.locations[1].path, "/usr/share/doc/bash/copyright");
    EXPECT_EQ(
        sbom.packages[1].purl,
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12.15&upstream=glibc");
    EXPECT_TRUE(sbom.packages[1].licenses.empty()) << "no DEP-5 Format header";
    EXPECT_EQ(
        sbom.packages[2].purl,
        "pkg:deb/debian/zlib1g@1%3A1.2.13.dfsg-1?arch=amd64&distro=debian-12.15&upstream=zlib");
}

TEST(DpkgCataloger, NoReleaseFileMeansNoPurl) {
    InMemoryImage image;
    image.add(LayerBuilder().file("var/lib/dpkg/status", kStatus));
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 3u);
    for (const auto& p : sbom.packages) EXPECT_EQ(p.purl, "");
    EXPECT_FALSE(sbom.distro);
}

TEST(DpkgCataloger, DistrolessStatusDirectory) {
    InMemoryImage image;
    image.add(
        LayerBuilder()
            .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
            .file("var/lib/dpkg/status.d/base",
                  "Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n")
            .file("var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/x\n")
            .file("var/lib/dpkg/status.d/tzdata",
                  "Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n"));
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 2u);
    EXPECT_EQ(sbom.packages[0].name, "base-files");
    EXPECT_EQ(sbom.packages[1].purl,
              "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
}

TEST(DpkgCataloger, WhiteoutsAndOpaqueDirsAcrossLayers) {
    InMemoryImage image;
    image.add(debianBase(), Compression::Gzip);
    // Layer 2 deletes bash's copyright; layer 3 rewrites the status without zlib1g.
    image.add(LayerBuilder().whiteout("usr/share/doc/bash"), Compression::Zstd);
    std::string status = kStatus;
    status = status.substr(0, status.find("Package: zlib1g"));
    image.add(LayerBuilder().file("var/lib/dpkg/status", status), Compression::None);
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 2u);
    EXPECT_EQ(sbom.packages[0].name, "bash");
    EXPECT_TRUE(sbom.packages[0].licenses.empty()) << "its copyright file was whited out";
    EXPECT_EQ(sbom.packages[0].locations.size(), 1u);
    EXPECT_EQ(sbom.packages[0].locations[0].layerDiffId, sbom.image.diffIds[2])
        << "the location names the layer holding the visible status file";
    EXPECT_EQ(sbom.packages[1].name, "libc6");

    InMemoryImage opaque;
    opaque.add(debianBase());
    opaque.add(LayerBuilder().dir("usr/share/doc").opaque("usr/share/doc"));
    Sbom hidden = SbomGenerator(dpkgOnly()).generate(opaque.input());
    ASSERT_EQ(hidden.packages.size(), 3u);
    for (const auto& p : hidden.packages) EXPECT_TRUE(p.licenses.empty()) << p.name;
}

TEST(Dep5Copyright, CollectsLicenseFieldsAndCommonLicenseReferences) {
    EXPECT_EQ(
        dep5Licenses("Format: x\n\nFiles: *\nLicense: MIT\n on /usr/share/common-licenses/GPL-2.\n"
                     "License: MIT\n"),
        (std::vector<std::string>{"GPL-2", "MIT"}));
    EXPECT_TRUE(dep5Licenses("Files: *\nLicense: MIT\n").empty());
}

// Ground truth from this machine: its real dpkg status and copyright files in one layer,
// compared with what `dpkg-query -W` reports (never a hard-coded count).
TEST(DpkgCataloger, ThisMachinesRealDpkgDatabaseMatchesDpkgQuery) {
    if (!test::haveProgram("dpkg-query") || !std::filesystem::exists("/var/lib/dpkg/status")) {
        FAIL() << "no dpkg on this machine (.ci/install-deps installs it)";
    }
    auto query =
        test::runProgram({"dpkg-query", "-W", "-f",
                          "${Package}\\t${Version}\\t${Architecture}\\t${Status}\\n", "*"});
    ASSERT_EQ(query.exitCode, 0) << query.output;
    std::multimap<std::string, std::string> expected;
    std::map<std::string, std::string> archOf;
    std::set<std::string> notInstalled;
    std::istringstream lines(query.output);
    for (std::string line; std::getline(lines, line);) {
        std::istringstream fields(line);
        std::string name, version, arch, status;
        std::getline(fields, name, '\t');
        std::getline(fields, version, '\t');
        std::getline(fields, arch, '\t');
        std::getline(fields, status);
        // syft skips only "deinstall"; dpkg-query '*' also lists never-installed names from
        // the available file, and purged ones, as "not-installed": those are compared apart.
        if (status.find("not-installed") != std::string::npos) {
            notInstalled.insert(name);
            continue;
        }
        if (status.find("deinstall") != std::string::npos) continue;
        expected.emplace(name, version);
        archOf[name] = arch;
    }
    ASSERT_FALSE(expected.empty());

    LayerBuilder layer;
    ASSERT_TRUE(layer.hostFile("/var/lib/dpkg/status", "var/lib/dpkg/status"));
    layer.hostFile("/usr/lib/os-release", "usr/lib/os-release");
    layer.symlink("etc/os-release", "../usr/lib/os-release");
    layer.hostFile("/etc/debian_version", "etc/debian_version");
    std::size_t copyrights = 0;
    for (const auto& doc : std::filesystem::directory_iterator("/usr/share/doc")) {
        auto file = doc.path() / "copyright";
        if (std::filesystem::is_regular_file(file) && !std::filesystem::is_symlink(file) &&
            layer.hostFile(file.string(),
                           "usr/share/doc/" + doc.path().filename().string() + "/copyright")) {
            ++copyrights;
        }
    }
    InMemoryImage image;
    image.add(layer, Compression::Zstd);
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());

    std::multimap<std::string, std::string> found;
    std::size_t withLicenses = 0;
    for (const auto& p : sbom.packages) {
        if (notInstalled.count(p.name)) continue;
        found.emplace(p.name, p.version);
        if (!p.licenses.empty()) ++withLicenses;
        EXPECT_EQ(p.purl.rfind("pkg:deb/" + sbom.distro->id + "/", 0), 0u) << p.purl;
        EXPECT_NE(p.purl.find("arch=" + archOf[p.name]), std::string::npos) << p.purl;
        EXPECT_NE(p.purl.find("distro=" + sbom.distro->distroQualifier()), std::string::npos)
            << p.purl;
    }
    EXPECT_EQ(found, expected);
    // Real maintainers, descriptions and copyright licenses still make a schema-valid document.
    DocumentOptions options = DocumentOptions::fresh(std::nullopt);
    EXPECT_EQ(test::spdxSchemaErrors(writeSpdxJson(sbom, options)), "");
    if (copyrights > 20) {
        EXPECT_GT(withLicenses, 0u) << "some real copyright files are DEP-5";
    }
}

}  // namespace
}  // namespace signet::sbom

namespace signet::sbom {
namespace {

TEST(DpkgCataloger, DependsPreDependsAndProvidesBecomeDependencyEdges) {
    test::InMemoryImage image;
    image.add(test::LayerBuilder().file(
        "var/lib/dpkg/status",
        "Package: app\nVersion: 1\nDepends: libc6 (>= 2.34), mail-transport-agent | sendmail,\n"
        " missing-pkg\nPre-Depends: dpkg (>= 1.15)\n\n"
        "Package: libc6\nVersion: 2.36\n\n"
        "Package: exim4\nVersion: 4.96\nProvides: mail-transport-agent, mta (= 1)\nDepends: "
        "libc6\n\n"
        "Package: dpkg\nVersion: 1.21\nDepends: dpkg\n"));
    Sbom sbom = SbomGenerator(dpkgOnly()).generate(image.input());
    ASSERT_EQ(sbom.packages.size(), 4u);  // app, dpkg, exim4, libc6
    auto index = [&](const std::string& name) {
        for (std::size_t i = 0; i < sbom.packages.size(); ++i) {
            if (sbom.packages[i].name == name) return i;
        }
        return sbom.packages.size();
    };
    std::vector<DependencyEdge> expected = {
        {index("dpkg"), index("app")},
        {index("exim4"), index("app")},
        {index("libc6"), index("app")},
        {index("libc6"), index("exim4")},
    };
    std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
        return std::tie(a.dependency, a.dependant) < std::tie(b.dependency, b.dependant);
    });
    EXPECT_EQ(sbom.dependencies, expected) << "no self edge for dpkg, nothing for missing-pkg";

    auto doc = nlohmann::json::parse(writeSpdxJson(sbom, DocumentOptions::fresh(std::nullopt)));
    int dependencyOf = 0;
    for (const auto& r : doc["relationships"])
        dependencyOf += r["relationshipType"] == "DEPENDENCY_OF";
    EXPECT_EQ(dependencyOf, 4);
    EXPECT_EQ(test::spdxSchemaErrors(doc.dump()), "");
}

}  // namespace
}  // namespace signet::sbom
