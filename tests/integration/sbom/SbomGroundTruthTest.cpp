// `signet sbom` against images built in the test: every package set must equal what the fixture
// itself reports (dpkg-query, rpm -qa, go version -m, the files the builder wrote), and every
// SPDX document must validate against the SPDX 2.3 schema.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "GroundTruth.h"
#include "SbomCommand.h"
#include "SbomFixtureImages.h"
#include "SbomPackages.h"

namespace signet::testing {
namespace {

class SbomGroundTruthTest : public ::testing::Test {
  protected:
    // The SPDX packages of image `tag` pushed to the registry, after the schema check.
    std::vector<SbomPackage> packagesOf(const std::string& tag) {
        image_ = images_.push(registry_, tag);
        document_ = generateValidSpdx(registry_, image_.ref(), scratch_);
        return spdxJsonPackages(document_);
    }

    const SbomFixtureImages& images_ = SbomFixtureImages::get();
    TestRegistry registry_;
    TempDir scratch_;
    PushedImage image_;
    nlohmann::json document_;
};

TEST_F(SbomGroundTruthTest, DebianBaseListsExactlyTheInstalledDpkgPackages) {
    auto packages = packagesOf("base");
    auto truth = images_.truth("base");
    ASSERT_FALSE(debKeys(truth).empty());
    EXPECT_EQ(keysOf(packages), debKeys(truth));
    std::string distro = "debian-" + std::string(truth.at("debian_version"));
    for (const auto& package : packages) {
        EXPECT_EQ(purlQualifier(package.purl, "distro"), distro) << package.purl;
        EXPECT_EQ(package.purl.rfind("pkg:deb/debian/", 0), 0u) << package.purl;
    }
}

TEST_F(SbomGroundTruthTest, RootPackageIsTheImageAndContainsEveryPackageOnce) {
    auto packages = packagesOf("base");
    auto root = describedPackage(document_);
    EXPECT_EQ(root.value("primaryPackagePurpose", ""), "CONTAINER");
    bool digestFound = false;
    for (const auto& checksum : root.value("checksums", nlohmann::json::array())) {
        digestFound |= checksum.at("algorithm") == "SHA256" &&
                       "sha256:" + std::string(checksum.at("checksumValue")) == image_.digest;
    }
    EXPECT_TRUE(digestFound) << root.dump() << " lacks " << image_.digest;
    std::map<std::string, int> contained;
    for (const auto& relationship : document_.at("relationships")) {
        if (relationship.at("relationshipType") == "CONTAINS" &&
            relationship.at("spdxElementId") == root.at("SPDXID")) {
            ++contained[relationship.at("relatedSpdxElement")];
        }
    }
    std::regex idSyntax("^SPDXRef-[A-Za-z0-9.-]+$");
    for (const auto& package : document_.at("packages")) {
        std::string id = package.at("SPDXID");
        EXPECT_TRUE(std::regex_match(id, idSyntax)) << id;
        if (id != root.at("SPDXID")) {
            EXPECT_EQ(contained[id], 1) << id;
        }
    }
    EXPECT_EQ(document_.at("packages").size(), packages.size() + 1);
}

TEST_F(SbomGroundTruthTest, PythonImageAddsTheDebsAndTheHandWrittenDistributions) {
    auto packages = packagesOf("python");
    auto truth = images_.truth("python");
    ASSERT_GE(truth.at("python").size(), 2u);
    EXPECT_GT(debKeys(truth).size(), debKeys(images_.truth("base")).size());
    EXPECT_EQ(keysOfType(packages, "deb"), debKeys(truth));
    EXPECT_EQ(keysOfType(packages, "pypi"), pythonKeys(truth));
    EXPECT_EQ(packages.size(), debKeys(truth).size() + pythonKeys(truth).size());
}

TEST_F(SbomGroundTruthTest, NodeImageListsEveryNamedAndVersionedPackageJson) {
    auto packages = packagesOf("node");
    auto truth = images_.truth("node");
    EXPECT_EQ(keysOfType(packages, "npm"), npmKeys(truth));
    EXPECT_EQ(keysOfType(packages, "deb"), debKeys(images_.truth("base")));
    EXPECT_EQ(packages.size(), npmKeys(truth).size() + debKeys(images_.truth("base")).size());
}

using Edges = std::set<std::pair<std::string, std::string>>;  // dependant, dependency

// The SPDX document's DEPENDENCY_OF relationships among packages whose purl starts with `prefix`,
// each package named `name` or, withVersion, `name@version`.
Edges dependencyEdges(const nlohmann::json& document, const std::string& prefix, bool withVersion) {
    std::map<std::string, std::string> packages;  // SPDXID → label
    for (const auto& package : document.at("packages")) {
        if (package.value("name", "").empty() || !package.contains("externalRefs")) continue;
        std::string purl = package["externalRefs"][0].value("referenceLocator", "");
        if (purl.rfind(prefix, 0) != 0) continue;
        packages[package.at("SPDXID")] =
            package.at("name").get<std::string>() +
            (withVersion ? "@" + package.value("versionInfo", "") : "");
    }
    Edges edges;
    for (const auto& r : document.at("relationships")) {
        if (r.at("relationshipType") != "DEPENDENCY_OF") continue;
        auto dependency = packages.find(r.at("spdxElementId"));
        auto dependant = packages.find(r.at("relatedSpdxElement"));
        if (dependency != packages.end() && dependant != packages.end())
            edges.insert({dependant->second, dependency->second});
    }
    return edges;
}

TEST_F(SbomGroundTruthTest, NodeImageDependencyGraphIsWhatNpmLsResolves) {
    packagesOf("node");
    Edges edges = dependencyEdges(document_, "pkg:npm/", true);
    Edges truth;
    const nlohmann::json node = images_.truth("node");
    for (const auto& edge : node.at("npm_edges")) {
        auto pair = edge.get<std::vector<std::string>>();
        truth.insert({pair.at(0), pair.at(1)});
    }
    ASSERT_FALSE(truth.empty());
    EXPECT_EQ(edges, truth) << "the lock files npm wrote, resolved as node resolves require()";
}

TEST_F(SbomGroundTruthTest, GoBinaryModulesMatchGoVersionM) {
    auto packages = packagesOf("go");
    auto truth = images_.truth("go");
    EXPECT_EQ(keysOfType(packages, "golang"), goKeys(truth));
    for (const auto& package : packages) {
        if (package.type == "golang" && package.name == "stdlib") {
            // purl drops the "go" prefix of the toolchain version (sbom.md §2.8).
            EXPECT_EQ(package.purl, "pkg:golang/stdlib@" + package.version.substr(2));
        }
    }
}

// The rpm packages of `tag` against rpm's own query of its database; purls in `distro`'s namespace.
void expectRpmPackagesMatch(const std::vector<SbomPackage>& packages, const nlohmann::json& truth,
                            const std::string& distro, const std::string& distroQualifier) {
    ASSERT_EQ(truth.at("rpm").size(), 2u);
    EXPECT_EQ(keysOf(packages), rpmKeys(truth));
    for (const auto& row : truth.at("rpm")) {
        auto it = std::find_if(packages.begin(), packages.end(),
                               [&](const SbomPackage& p) { return p.name == row.at("name"); });
        ASSERT_NE(it, packages.end());
        EXPECT_EQ(purlQualifier(it->purl, "distro"), distroQualifier) << it->purl;
        EXPECT_EQ(purlQualifier(it->purl, "arch"), row.at("arch")) << it->purl;
        EXPECT_EQ(purlQualifier(it->purl, "epoch"), row.at("epoch")) << it->purl;
        EXPECT_EQ(it->purl.rfind("pkg:rpm/" + distro + "/" + std::string(row.at("name")) + "@", 0),
                  0u);
    }
}

TEST_F(SbomGroundTruthTest, RpmSqliteDatabaseMatchesRpmQa) {
    auto packages = packagesOf("rpm");
    expectRpmPackagesMatch(packages, images_.truth("rpm"), "fedora", "fedora-40");
}

TEST_F(SbomGroundTruthTest, RpmBerkeleyDbMatchesRpmsOwnBdbReader) {
    auto packages = packagesOf("rpm-bdb");
    expectRpmPackagesMatch(packages, images_.truth("rpm-bdb"), "centos", "centos-7");
}

TEST_F(SbomGroundTruthTest, RpmNdbDatabaseListsThePackagesRpmInstalled) {
    auto packages = packagesOf("rpm-ndb");
    expectRpmPackagesMatch(packages, images_.truth("rpm-ndb"), "sles", "sles-15.5");
}

// DEPENDS_ON among rpm packages: each requirement rpm lists that another installed package
// provides (its name or a Provides:), rpmlib() features and file paths aside.
TEST_F(SbomGroundTruthTest, RpmDependencyGraphIsWhatRequiresAndProvidesResolve) {
    for (const std::string tag : {"rpm", "rpm-bdb", "rpm-ndb"}) {
        packagesOf(tag);
        Edges edges = dependencyEdges(document_, "pkg:rpm/", false);
        Edges truth;
        const nlohmann::json rows = images_.truth(tag).at("rpm");
        for (const auto& dependant : rows) {
            for (const auto& required : dependant.at("requires")) {
                for (const auto& provider : rows) {
                    auto provides = provider.at("provides");
                    bool resolves =
                        std::find(provides.begin(), provides.end(), required) != provides.end();
                    std::string from = dependant.at("name"), to = provider.at("name");
                    if (resolves && from != to) truth.insert({from, to});
                }
            }
        }
        EXPECT_EQ(truth, (Edges{{"hello-sbom", "tiny-tools"}})) << tag;
        EXPECT_EQ(edges, truth) << tag;
    }
}

TEST_F(SbomGroundTruthTest, ApkDatabaseMatchesTheEntriesWritten) {
    auto packages = packagesOf("apk");
    auto truth = images_.truth("apk");
    EXPECT_EQ(keysOf(packages), apkKeys(truth));
    for (const auto& row : truth.at("apk")) {
        auto it = std::find_if(packages.begin(), packages.end(),
                               [&](const SbomPackage& p) { return p.name == row.at("name"); });
        ASSERT_NE(it, packages.end());
        EXPECT_EQ(purlQualifier(it->purl, "distro"), "alpine-3.20.3") << it->purl;
        EXPECT_EQ(purlQualifier(it->purl, "arch"), row.at("arch")) << it->purl;
        std::string origin = row.at("origin");
        EXPECT_EQ(purlQualifier(it->purl, "upstream"), origin == row.at("name") ? "" : origin)
            << it->purl;
    }
}

}  // namespace
}  // namespace signet::testing
