// apk, python and npm catalogers on realistic metadata written the way the package managers do.
#include <gtest/gtest.h>

#include "sbom/SbomGenerator.h"
#include "sbom/catalog/apk/ApkCataloger.h"
#include "sbom/catalog/npm/NpmCataloger.h"
#include "sbom/catalog/python/PythonCataloger.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

using test::InMemoryImage;
using test::LayerBuilder;

template <typename C>
Sbom catalogWith(const InMemoryImage& image) {
    std::vector<std::unique_ptr<Cataloger>> catalogers;
    catalogers.push_back(std::make_unique<C>());
    return SbomGenerator(std::move(catalogers)).generate(image.input());
}

const Package* find(const Sbom& sbom, const std::string& name) {
    for (const auto& p : sbom.packages) {
        if (p.name == name) return &p;
    }
    return nullptr;
}

// The apk database as apk-tools writes it; the last entry has no trailing blank line.
const char* kApkInstalled =
    "C:Q1SJ3b7vEx4bn7BnM4+q2Ppa2PsZ4=\nP:musl\nV:1.2.5-r0\nA:x86_64\nS:411323\nI:662528\n"
    "T:the musl c library (libc) implementation\nU:https://musl.libc.org/\nL:MIT\no:musl\n"
    "m:Natanael Copa "
    "<ncopa@alpinelinux.org>\nt:1711463219\nc:4fe5ee1e\np:so:libc.musl-x86_64.so.1=1\n"
    "F:lib\nR:ld-musl-x86_64.so.1\na:0:0:755\nZ:Q1aqy7JRhRfZG2+5ZjXlT5o4OzdSc=\nR:libc.musl-x86_64."
    "so.1\n\n"
    "P:busybox-binsh\nV:1.36.1-r29\nA:x86_64\nL:GPL-2.0-only AND BSD-2-Clause\no:busybox\n"
    "m:Sören Tempel "
    "<soeren+alpine@soeren-tempel.net>\nU:https://busybox.net/\nD:busybox=1.36.1-r29\n\n"
    "P:ca-certificates-bundle\nV:20240705-r0\nA:x86_64\nL:MPL-2.0 MIT\no:ca-certificates";

TEST(ApkCataloger, InstalledDatabaseEntriesWithSyftPurls) {
    InMemoryImage image;
    image.add(LayerBuilder()
                  .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n")
                  .file("lib/apk/db/installed", kApkInstalled));
    Sbom sbom = catalogWith<ApkCataloger>(image);
    ASSERT_EQ(sbom.packages.size(), 3u);
    const Package* musl = find(sbom, "musl");
    ASSERT_NE(musl, nullptr);
    EXPECT_EQ(musl->purl, "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3");
    EXPECT_EQ(musl->licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(musl->downloadLocation, "https://musl.libc.org/");
    EXPECT_EQ(musl->originator, "Person: Natanael Copa (ncopa@alpinelinux.org)");
    const Package* binsh = find(sbom, "busybox-binsh");
    ASSERT_NE(binsh, nullptr);
    EXPECT_EQ(binsh->purl,
              "pkg:apk/alpine/"
              "busybox-binsh@1.36.1-r29?arch=x86_64&distro=alpine-3.20.3&upstream=busybox");
    EXPECT_EQ(binsh->licenses, std::vector<std::string>{"GPL-2.0-only AND BSD-2-Clause"});
    const Package* certs = find(sbom, "ca-certificates-bundle");
    ASSERT_NE(certs, nullptr);
    EXPECT_EQ(certs->licenses, (std::vector<std::string>{"MPL-2.0", "MIT"}));
    EXPECT_NE(certs->purl.find("upstream=ca-certificates"), std::string::npos);
    // busybox-binsh depends on "busybox", which is not installed: no edge.
    EXPECT_TRUE(sbom.dependencies.empty());
}

TEST(PythonCataloger, DistInfoAndEggInfoWithNormalisedNames) {
    InMemoryImage image;
    image.add(
        LayerBuilder()
            .file("usr/lib/python3/dist-packages/PyYAML-6.0.dist-info/METADATA",
                  "Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0\nSummary: YAML parser\n"
                  "Home-page: https://pyyaml.org/\nAuthor: Kirill Simonov\n"
                  "Author-email: xi@resolvent.net\nLicense: MIT\nClassifier: A\nClassifier: B\n\n"
                  "Long description\nName: NotThis\n")
            .file("usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO",
                  "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\nLicense: UNKNOWN\n")
            .file(
                "opt/venv/lib/python3.11/site-packages/typing_extensions-4.12.2.dist-info/METADATA",
                "Metadata-Version: 2.3\nName: typing_extensions\nVersion: 4.12.2\n"
                "License-Expression: PSF-2.0\n"
                "Author-email: \"Guido van Rossum, Jukka Lehtosalo\" <levkivskyi@gmail.com>\n")
            .file("usr/lib/python3.11/lib-dynload/Python.egg-info", "Name: Python\nVersion: 3.11\n")
            .file("usr/lib/python3/dist-packages/single.egg-info",
                  "Metadata-Version: 1.0\nName: Zope.Interface__x\nVersion: 5.0\n"));
    Sbom sbom = catalogWith<PythonCataloger>(image);
    ASSERT_EQ(sbom.packages.size(), 4u) << "the package named Python is skipped";
    const Package* yaml = find(sbom, "pyyaml");
    ASSERT_NE(yaml, nullptr);
    EXPECT_EQ(yaml->version, "6.0");
    EXPECT_EQ(yaml->purl, "pkg:pypi/pyyaml@6.0");
    EXPECT_EQ(yaml->licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(yaml->originator, "Person: Kirill Simonov (xi@resolvent.net)");
    EXPECT_EQ(yaml->description, "YAML parser");
    ASSERT_NE(find(sbom, "six"), nullptr);
    EXPECT_TRUE(find(sbom, "six")->licenses.empty());
    const Package* te = find(sbom, "typing-extensions");
    ASSERT_NE(te, nullptr);
    EXPECT_EQ(te->licenses, std::vector<std::string>{"PSF-2.0"});
    EXPECT_EQ(te->purl, "pkg:pypi/typing-extensions@4.12.2");
    const Package* zope = find(sbom, "zope-interface-x");
    ASSERT_NE(zope, nullptr);
    EXPECT_EQ(zope->purl, "pkg:pypi/zope.interface--x@5.0") << "purls keep dots (trivy, purl spec)";
    EXPECT_EQ(normalizePythonName("A__b.-C"), "a-b-c");
    EXPECT_EQ(pypiPurlName("Zope.Interface-Lite"), "zope.interface-lite");
    EXPECT_EQ(pypiPurlName("typing_extensions"), "typing-extensions");
}

TEST(NpmCataloger, EveryPackageJsonIncludingScopedNestedAndTheApp) {
    InMemoryImage image;
    image.add(LayerBuilder()
                  .file("app/package.json",
                        R"({"name":"sbom-test-app","version":"1.0.0","private":true,
                            "dependencies":{"express":"4.21.2"}})")
                  .file("app/node_modules/express/package.json",
                        R"({"name":"express","version":"4.21.2","license":"MIT",
                            "author":"TJ Holowaychuk <tj@vision-media.ca>",
                            "repository":"expressjs/express","homepage":"http://expressjs.com/"})")
                  .file("app/node_modules/@babel/runtime/package.json",
                        R"({"name":"@babel/runtime","version":"7.26.0","license":{"type":"MIT"},
                            "repository":{"type":"git","url":"https://github.com/babel/babel.git"}})")
                  .file("app/node_modules/@babel/runtime/helpers/esm/package.json",
                        R"({"type":"module"})")
                  .file("app/node_modules/send/node_modules/ms/package.json",
                        R"({"name":"ms","version":"2.1.3","licenses":[{"type":"MIT"}]})")
                  .file("app/node_modules/noversion/package.json", R"({"name":"noversion"})")
                  .file("app/node_modules/broken/package.json", "{not json"));
    Sbom sbom = catalogWith<NpmCataloger>(image);
    ASSERT_EQ(sbom.packages.size(), 4u)
        << "unnamed, unversioned and unparseable manifests are dropped";
    EXPECT_EQ(find(sbom, "@babel/runtime")->purl, "pkg:npm/%40babel/runtime@7.26.0");
    EXPECT_EQ(find(sbom, "@babel/runtime")->licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(find(sbom, "@babel/runtime")->downloadLocation, "https://github.com/babel/babel.git");
    EXPECT_EQ(find(sbom, "express")->originator, "Person: TJ Holowaychuk (tj@vision-media.ca)");
    EXPECT_EQ(find(sbom, "ms")->licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(find(sbom, "ms")->locations[0].path,
              "/app/node_modules/send/node_modules/ms/package.json");
    EXPECT_EQ(find(sbom, "noversion"), nullptr) << "left-pad/test/fixture/package.json, say";
    EXPECT_NE(find(sbom, "sbom-test-app"), nullptr);
    bool warned = false;
    for (const auto& w : sbom.warnings)
        warned |= w.find("broken/package.json") != std::string::npos;
    EXPECT_TRUE(warned);
}

}  // namespace
}  // namespace signet::sbom
