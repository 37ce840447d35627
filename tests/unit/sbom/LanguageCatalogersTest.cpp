// apk, python and npm catalogers on realistic metadata written the way the package managers do.
#include <gtest/gtest.h>

#include <set>

#include "sbom/SbomGenerator.h"
#include "sbom/catalog/apk/ApkCataloger.h"
#include "sbom/catalog/npm/NpmCataloger.h"
#include "sbom/catalog/npm/NpmLockfile.h"
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

// "name@version" of each edge's ends, dependant first.
std::set<std::string> edgesOf(const Sbom& sbom) {
    std::set<std::string> out;
    for (const auto& e : sbom.dependencies) {
        const Package& from = sbom.packages[e.dependant];
        const Package& to = sbom.packages[e.dependency];
        out.insert(from.name + "@" + from.version + " -> " + to.name + "@" + to.version);
    }
    return out;
}

// A lockfileVersion 3 tree as npm 10 writes it: two versions of ms, an alias, a workspace
// linked into node_modules, a dev-only package the lock names but `npm ci --omit=dev` did not
// install, and a dependency missing from the tree.
const char* kLockV3 = R"({
  "name": "shop", "version": "2.0.0", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": {"name": "shop", "version": "2.0.0", "workspaces": ["packages/util"],
         "dependencies": {"debug": "^4.3.0", "ms": "^2.1.3", "lodash-old": "npm:lodash@4.17.20",
                          "util": "*"},
         "devDependencies": {"jest": "^29.0.0"}},
    "node_modules/debug": {"version": "4.3.7",
         "resolved": "https://registry.npmjs.org/debug/-/debug-4.3.7.tgz",
         "integrity": "sha512-Er2nc/H7RrMXZBFCEim6TCmMk02Z8vLC2Rbi1KEBggpo0fS6l0S1nnapwmIi3yW/+GOJap1Krg4w0Hg80oCqgQ==",
         "license": "MIT", "dependencies": {"ms": "^2.1.3"}},
    "node_modules/ms": {"version": "2.1.3",
         "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz", "license": "MIT"},
    "node_modules/send": {"version": "0.19.0", "license": "MIT",
         "dependencies": {"ms": "2.0.0", "left-pad": "^1.0.0"}},
    "node_modules/send/node_modules/ms": {"version": "2.0.0", "license": "MIT"},
    "node_modules/lodash-old": {"name": "lodash", "version": "4.17.20", "license": "MIT"},
    "node_modules/util": {"resolved": "packages/util", "link": true},
    "packages/util": {"name": "@shop/util", "version": "0.1.0", "dependencies": {"debug": "^4"}},
    "node_modules/jest": {"version": "29.7.0", "dev": true, "license": "MIT"}
  }
})";

TEST(NpmCataloger, APackageLockGivesTheTreeItsVersionsAndWhatWasNotInstalled) {
    InMemoryImage image;
    image.add(LayerBuilder()
                  .file("srv/shop/package.json",
                        R"({"name":"shop","version":"2.0.0","dependencies":{"debug":"^4.3.0"}})")
                  .file("srv/shop/package-lock.json", kLockV3)
                  .file("srv/shop/node_modules/debug/package.json",
                        R"({"name":"debug","version":"4.3.7","license":"MIT",
                            "author":"Josh Junon <josh.junon@protonmail.com>"})")
                  .file("srv/shop/node_modules/send/node_modules/ms/package.json",
                        R"({"name":"ms","version":"2.0.0","license":"MIT"})"));
    Sbom sbom = catalogWith<NpmCataloger>(image);
    std::set<std::string> listed;
    for (const auto& p : sbom.packages) listed.insert(p.name + "@" + p.version);
    EXPECT_EQ(listed, (std::set<std::string>{"shop@2.0.0", "debug@4.3.7", "ms@2.1.3", "ms@2.0.0",
                                             "send@0.19.0", "lodash@4.17.20", "@shop/util@0.1.0"}))
        << "jest is dev-only and not installed";
    const Package* debug = find(sbom, "debug");
    ASSERT_NE(debug, nullptr);
    ASSERT_EQ(debug->locations.size(), 2u);
    EXPECT_EQ(debug->locations[0].path, "/srv/shop/node_modules/debug/package.json");
    EXPECT_EQ(debug->locations[1].path, "/srv/shop/package-lock.json");
    EXPECT_EQ(debug->originator, "Person: Josh Junon (josh.junon@protonmail.com)")
        << "an installed package is described by its own package.json";
    ASSERT_EQ(debug->checksums.size(), 1u);
    EXPECT_EQ(debug->checksums[0].algorithm, "SHA512");
    EXPECT_EQ(debug->checksums[0].hex.substr(0, 16), "12bda773f1fb46b3");
    const Package* lodash = find(sbom, "lodash");
    ASSERT_NE(lodash, nullptr);
    EXPECT_EQ(lodash->purl, "pkg:npm/lodash@4.17.20") << "an alias is its real package";
    EXPECT_EQ(lodash->locations.at(0).path, "/srv/shop/package-lock.json");
    EXPECT_EQ(lodash->licenses, std::vector<std::string>{"MIT"});
    EXPECT_EQ(edgesOf(sbom),
              (std::set<std::string>{"shop@2.0.0 -> debug@4.3.7", "shop@2.0.0 -> ms@2.1.3",
                                     "shop@2.0.0 -> lodash@4.17.20",
                                     "shop@2.0.0 -> @shop/util@0.1.0", "debug@4.3.7 -> ms@2.1.3",
                                     "send@0.19.0 -> ms@2.0.0", "@shop/util@0.1.0 -> debug@4.3.7"}))
        << "each require() resolves as node does: the nearest node_modules first";
}

TEST(NpmCataloger, TheHiddenLockfileWinsAndAVersionOneTreeIsRead) {
    InMemoryImage image;
    image.add(
        LayerBuilder()
            .file("app/package.json",
                  R"({"name":"app","version":"1.0.0","dependencies":{"a":"1"}})")
            .file("app/package-lock.json",
                  R"({"lockfileVersion":3,"packages":{"node_modules/a":{"version":"9.9.9"}}})")
            .file("app/node_modules/.package-lock.json",
                  R"({"name":"app","lockfileVersion":3,"packages":{
                      "node_modules/a":{"version":"1.0.0","dependencies":{"b":"1"}},
                      "node_modules/b":{"version":"1.0.0","dev":true}}})")
            // A lock inside an installed package is that package's business, not the image's.
            .file("app/node_modules/a/package-lock.json",
                  R"({"lockfileVersion":3,"packages":{"node_modules/zzz":{"version":"1.0.0"}}})")
            .file("legacy/package.json", R"({"name":"legacy","version":"0.0.1"})")
            .file("legacy/package-lock.json", R"({"name":"legacy","lockfileVersion":1,
                  "dependencies":{
                    "x":{"version":"1.0.0","requires":{"y":"^2.0.0"},
                         "dependencies":{"y":{"version":"2.0.0"}}},
                    "y":{"version":"3.0.0","integrity":"sha1-IoRO1xDU5gmy9EvY0xnWn2YJhSs="},
                    "devtool":{"version":"5.0.0","dev":true}}})")
            .file("broken/package-lock.json", "{\"lockfileVersion\": 3, "));
    Sbom sbom = catalogWith<NpmCataloger>(image);
    std::set<std::string> listed;
    for (const auto& p : sbom.packages) listed.insert(p.name + "@" + p.version);
    EXPECT_EQ(listed, (std::set<std::string>{"app@1.0.0", "a@1.0.0", "b@1.0.0", "legacy@0.0.1",
                                             "x@1.0.0", "y@2.0.0", "y@3.0.0"}))
        << "the hidden lockfile lists what node_modules holds, dev packages included";
    EXPECT_EQ(edgesOf(sbom), (std::set<std::string>{"app@1.0.0 -> a@1.0.0", "a@1.0.0 -> b@1.0.0",
                                                    "x@1.0.0 -> y@2.0.0"}));
    const Package* y3 = nullptr;
    for (const auto& p : sbom.packages)
        if (p.name == "y" && p.version == "3.0.0") y3 = &p;
    ASSERT_NE(y3, nullptr);
    ASSERT_EQ(y3->checksums.size(), 1u);
    EXPECT_EQ(y3->checksums[0].algorithm, "SHA1");
    bool warned = false;
    for (const auto& w : sbom.warnings)
        warned |= w.find("/broken/package-lock.json") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST(NpmLockfile, HostileLocksAreRefusedOrBounded) {
    std::string error;
    EXPECT_FALSE(parseNpmLockfile("[]", error));
    EXPECT_FALSE(parseNpmLockfile(R"({"packages":{}})", error));
    EXPECT_NE(error.find("lockfileVersion"), std::string::npos);
    std::string deep = "{}";
    for (int i = 0; i < 100; ++i) deep = R"({"a":{"version":"1.0.0","dependencies":)" + deep + "}}";
    deep = R"({"lockfileVersion":1,"dependencies":)" + deep + "}";
    EXPECT_FALSE(parseNpmLockfile(deep, error));
    EXPECT_NE(error.find("deeper"), std::string::npos);
    // Links that point at each other end.
    auto loop = parseNpmLockfile(R"({"lockfileVersion":3,"packages":{
        "node_modules/a":{"link":true,"resolved":"node_modules/b"},
        "node_modules/b":{"link":true,"resolved":"node_modules/a"}}})",
                                 error);
    ASSERT_TRUE(loop);
    EXPECT_FALSE(loop->resolve("", "a"));
    EXPECT_EQ(npmFolderName("node_modules/a/node_modules/@s/b"), "@s/b");
}

}  // namespace
}  // namespace signet::sbom
