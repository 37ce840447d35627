#include "sbom/write/SpdxJsonWriter.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "error/Error.h"
#include "sbom/SbomGenerator.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

Sbom sampleSbom() {
    test::InMemoryImage image;
    image.add(test::LayerBuilder()
                  .file("etc/os-release", "ID=debian\nVERSION_ID=12\n")
                  .file("var/lib/dpkg/status",
                        "Package: a\nVersion: 1:2.0-1\nArchitecture: amd64\n"
                        "Maintainer: Some One <one@example.org>\n\n"
                        "Package: b@weird name\nVersion: 3\n\n"
                        // An identical duplicate paragraph: its SPDXID must still be unique.
                        "Package: a\nVersion: 1:2.0-1\nArchitecture: amd64\n"
                        "Maintainer: Some One <one@example.org>\n")
                  .file("usr/share/doc/a/copyright",
                        "Format: x\n\nFiles: *\nLicense: GPL-2+ or Artistic\n\nFiles: y\nLicense: "
                        "BSD-3-clause\n"));
    return SbomGenerator::withDefaultCatalogers().generate(
        image.input("registry.test:5000/team/app", "v1"));
}

DocumentOptions fixedOptions() {
    DocumentOptions options;
    options.created = 1700000000;
    options.uuid = "11111111-2222-4333-8444-555555555555";
    return options;
}

TEST(SpdxJsonWriter, OutputValidatesAgainstTheSpdx23Schema) {
    std::string doc = writeSpdxJson(sampleSbom(), fixedOptions());
    EXPECT_EQ(test::spdxSchemaErrors(doc), "");
    // The schema must be able to fail: a document without packages' names is rejected.
    auto broken = nlohmann::json::parse(doc);
    broken["packages"][0].erase("name");
    EXPECT_NE(test::spdxSchemaErrors(broken.dump()), "");
}

TEST(SpdxJsonWriter, HeaderRootAndRelationshipInvariants) {
    Sbom sbom = sampleSbom();
    auto doc = nlohmann::json::parse(writeSpdxJson(sbom, fixedOptions()));
    EXPECT_EQ(doc["spdxVersion"], "SPDX-2.3");
    EXPECT_EQ(doc["dataLicense"], "CC0-1.0");
    EXPECT_EQ(doc["SPDXID"], "SPDXRef-DOCUMENT");
    EXPECT_EQ(doc["creationInfo"]["created"], "2023-11-14T22:13:20Z");
    std::string ns = doc["documentNamespace"];
    EXPECT_EQ(ns.rfind("https://", 0), 0u);
    EXPECT_EQ(ns.find('#'), std::string::npos);
    EXPECT_NE(ns.find("11111111-2222-4333-8444-555555555555"), std::string::npos);

    std::set<std::string> ids;
    static const std::regex kId("^SPDXRef-[A-Za-z0-9.-]+$");
    for (const auto& p : doc["packages"]) {
        std::string id = p["SPDXID"];
        EXPECT_TRUE(std::regex_match(id, kId)) << id;
        EXPECT_TRUE(ids.insert(id).second) << "duplicate " << id;
    }
    ASSERT_EQ(doc["packages"].size(), sbom.packages.size() + 1);
    const auto& root = doc["packages"].back();
    EXPECT_EQ(root["primaryPackagePurpose"], "CONTAINER");
    EXPECT_EQ(root["checksums"][0]["algorithm"], "SHA256");
    EXPECT_EQ("sha256:" + root["checksums"][0]["checksumValue"].get<std::string>(),
              sbom.image.manifestDigest);
    EXPECT_EQ(root["versionInfo"], "v1");

    int describes = 0;
    std::multiset<std::string> contained;
    for (const auto& r : doc["relationships"]) {
        std::string from = r["spdxElementId"], to = r["relatedSpdxElement"];
        EXPECT_TRUE(from == "SPDXRef-DOCUMENT" || ids.count(from)) << from;
        EXPECT_TRUE(ids.count(to)) << to;
        if (r["relationshipType"] == "DESCRIBES") {
            ++describes;
            EXPECT_EQ(to, root["SPDXID"]);
        }
        if (r["relationshipType"] == "CONTAINS") {
            EXPECT_EQ(from, root["SPDXID"]);
            contained.insert(to);
        }
    }
    EXPECT_EQ(describes, 1);
    EXPECT_EQ(contained.size(), sbom.packages.size());
    for (const auto& id : ids) {
        if (id != root["SPDXID"]) {
            EXPECT_EQ(contained.count(id), 1u) << id;
        }
    }
}

TEST(SpdxJsonWriter, LicensesAndLicenseRefsAreDefined) {
    auto doc = nlohmann::json::parse(writeSpdxJson(sampleSbom(), fixedOptions()));
    std::set<std::string> defined;
    for (const auto& l : doc["hasExtractedLicensingInfos"]) defined.insert(l["licenseId"]);
    bool sawA = false;
    for (const auto& p : doc["packages"]) {
        std::string declared = p["licenseDeclared"];
        static const std::regex kRef("LicenseRef-[A-Za-z0-9.-]+");
        for (std::sregex_iterator it(declared.begin(), declared.end(), kRef), end; it != end;
             ++it) {
            EXPECT_TRUE(defined.count(it->str())) << it->str();
        }
        if (p["name"] == "a") {
            sawA = true;
            EXPECT_EQ(declared, "BSD-3-Clause AND (GPL-2.0-or-later OR LicenseRef-Artistic)");
            EXPECT_EQ(p["supplier"], "Person: Some One (one@example.org)");
            EXPECT_EQ(p["externalRefs"][0]["referenceLocator"],
                      "pkg:deb/debian/a@1%3A2.0-1?arch=amd64&distro=debian-12");
        }
    }
    EXPECT_TRUE(sawA);
}

TEST(SpdxJsonWriter, DeterministicExceptNamespaceAndCreated) {
    Sbom sbom = sampleSbom();
    DocumentOptions first = DocumentOptions::fresh(1700000000);
    DocumentOptions second = DocumentOptions::fresh(1700000000);
    EXPECT_NE(first.uuid, second.uuid);
    EXPECT_EQ(first.created, 1700000000);
    auto a = nlohmann::json::parse(writeSpdxJson(sbom, first));
    auto b = nlohmann::json::parse(writeSpdxJson(sampleSbom(), second));
    EXPECT_NE(a["documentNamespace"], b["documentNamespace"]);
    a.erase("documentNamespace");
    b.erase("documentNamespace");
    EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace signet::sbom
