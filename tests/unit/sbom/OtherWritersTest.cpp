// SPDX tag-value and CycloneDX JSON carry the same packages and relationships as SPDX JSON.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sbom/SbomGenerator.h"
#include "sbom/write/CycloneDxWriter.h"
#include "sbom/write/SpdxJsonWriter.h"
#include "sbom/write/SpdxTagValueWriter.h"
#include "sbom/write/Utf8Text.h"
#include "support/HostTools.h"
#include "support/TestImage.h"

namespace signet::sbom {
namespace {

Sbom sample() {
    test::InMemoryImage image;
    image.add(
        test::LayerBuilder()
            .file("etc/os-release", "ID=debian\nVERSION_ID=12\nPRETTY_NAME=\"Debian 12\"\n")
            .file("var/lib/dpkg/status",
                  "Package: bash\nVersion: 5.2.15-2+b2\nArchitecture: amd64\n"
                  "Description: GNU shell\nDepends: tzdata\n\nPackage: tzdata\nVersion: 2024a\n")
            .file("usr/share/doc/bash/copyright",
                  "Format: x\n\nLicense: GPL-3+\nLicense: Odd License\n")
            .file("app/node_modules/ms/package.json",
                  R"({"name":"ms","version":"2.1.3","license":"MIT"})"));
    return SbomGenerator::withDefaultCatalogers().generate(image.input("registry.test/app", "v2"));
}

DocumentOptions options() {
    DocumentOptions o;
    o.created = 1700000000;
    o.uuid = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    return o;
}

TEST(SpdxTagValueWriter, SamePackagesAndRelationshipsAsJson) {
    Sbom sbom = sample();
    auto json = nlohmann::json::parse(writeSpdxJson(sbom, options()));
    std::string text = writeSpdxTagValue(sbom, options());

    std::multiset<std::string> tvIds, tvRelationships;
    std::map<std::string, int> tags;
    bool inText = false;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (inText) {
            inText = line.find("</text>") == std::string::npos;
            continue;
        }
        if (line.empty() || line.rfind("#####", 0) == 0) continue;
        auto colon = line.find(": ");
        ASSERT_NE(colon, std::string::npos) << "not a tag-value line: " << line;
        std::string tag = line.substr(0, colon), value = line.substr(colon + 2);
        ++tags[tag];
        if (value.rfind("<text>", 0) == 0) inText = value.find("</text>") == std::string::npos;
        if (tag == "SPDXID" && value != "SPDXRef-DOCUMENT") tvIds.insert(value);
        if (tag == "Relationship") tvRelationships.insert(value);
    }
    EXPECT_EQ(tags["SPDXVersion"], 1);
    EXPECT_EQ(tags["Created"], 1);
    EXPECT_EQ(tags["DocumentNamespace"], 1);
    EXPECT_EQ(tags["PackageName"], static_cast<int>(json["packages"].size()));
    EXPECT_EQ(tags["LicenseID"], static_cast<int>(json["hasExtractedLicensingInfos"].size()));
    std::multiset<std::string> jsonIds, jsonRelationships;
    for (const auto& p : json["packages"]) jsonIds.insert(p["SPDXID"].get<std::string>());
    for (const auto& r : json["relationships"]) {
        jsonRelationships.insert(r["spdxElementId"].get<std::string>() + " " +
                                 r["relationshipType"].get<std::string>() + " " +
                                 r["relatedSpdxElement"].get<std::string>());
    }
    EXPECT_EQ(tvIds, jsonIds);
    EXPECT_EQ(tvRelationships, jsonRelationships);
    EXPECT_NE(text.find("ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/bash@5.2.15-2%2Bb2"),
              std::string::npos);
    EXPECT_NE(text.find("PackageLicenseDeclared: GPL-3.0-or-later AND LicenseRef-Odd-License"),
              std::string::npos);
}

TEST(CycloneDxWriter, ComponentsMirrorThePackages) {
    Sbom sbom = sample();
    auto bom = nlohmann::json::parse(writeCycloneDxJson(sbom, options()));
    EXPECT_EQ(bom["bomFormat"], "CycloneDX");
    EXPECT_EQ(bom["specVersion"], "1.6");
    EXPECT_EQ(bom["serialNumber"], "urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    EXPECT_EQ(bom["metadata"]["timestamp"], "2023-11-14T22:13:20Z");
    EXPECT_EQ(bom["metadata"]["component"]["type"], "container");
    std::set<std::string> refs;
    std::set<std::string> purls;
    int libraries = 0, systems = 0;
    for (const auto& c : bom["components"]) {
        EXPECT_TRUE(refs.insert(c["bom-ref"].get<std::string>()).second);
        ASSERT_TRUE(c.contains("name"));
        if (c["type"] == "library") {
            ++libraries;
            purls.insert(c["purl"].get<std::string>());
        }
        if (c["type"] == "operating-system") {
            ++systems;
            EXPECT_EQ(c["name"], "debian");
            EXPECT_EQ(c["version"], "12");
        }
    }
    EXPECT_EQ(libraries, static_cast<int>(sbom.packages.size()));
    EXPECT_EQ(systems, 1);
    for (const auto& p : sbom.packages) EXPECT_TRUE(purls.count(p.purl)) << p.purl;
    ASSERT_EQ(bom["dependencies"].size(), 1u);
    EXPECT_EQ(bom["dependencies"][0]["ref"],
              "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
    EXPECT_EQ(bom["dependencies"][0]["dependsOn"][0],
              "pkg:deb/debian/tzdata@2024a?distro=debian-12");
    for (const auto& c : bom["components"]) {
        if (c["name"] == "ms") {
            EXPECT_EQ(c["licenses"][0]["license"]["id"], "MIT");
        }
        if (c["name"] == "bash") {
            EXPECT_EQ(c["licenses"][0]["expression"],
                      "GPL-3.0-or-later AND LicenseRef-Odd-License");
        }
    }
}

}  // namespace
}  // namespace signet::sbom

namespace signet::sbom {
namespace {

TEST(Utf8Text, ReplacesIllFormedSequencesOnly) {
    EXPECT_EQ(validUtf8("plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
              "plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
    EXPECT_EQ(validUtf8("latin1 \xE9!"), "latin1 \xEF\xBF\xBD!");
    EXPECT_EQ(validUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong";
    EXPECT_EQ(validUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "surrogate";
    EXPECT_EQ(validUtf8("\xF4\x90\x80\x80").substr(0, 3), "\xEF\xBF\xBD") << "past U+10FFFF";
    EXPECT_EQ(validUtf8("cut \xE2\x82"), "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(SpdxTagValueWriter, Latin1MaintainerBecomesValidUtf8) {
    test::InMemoryImage image;
    image.add(test::LayerBuilder().file(
        "var/lib/dpkg/status", "Package: x\nVersion: 1\nMaintainer: Ren\xE9 <r@example.org>\n"));
    Sbom sbom = SbomGenerator::withDefaultCatalogers().generate(image.input());
    std::string text = writeSpdxTagValue(sbom, options());
    EXPECT_EQ(validUtf8(text), text);
    EXPECT_NE(text.find("PackageOriginator: Person: Ren\xEF\xBF\xBD (r@example.org)"),
              std::string::npos);
    auto json = nlohmann::json::parse(writeSpdxJson(sbom, options()));  // throws if not UTF-8
    EXPECT_EQ(test::spdxSchemaErrors(json.dump()), "");
}

}  // namespace
}  // namespace signet::sbom
