#include "sbom/write/SpdxJsonWriter.h"

#include "json/DocumentText.h"
#include "json/GoJson.h"
#include "sbom/write/SpdxDocument.h"

namespace signet::sbom {
namespace {

using json::Ordered;

void putIfSet(Ordered& object, const char* key, const std::string& value) {
    if (!value.empty()) object[key] = value;
}

Ordered packageJson(const SpdxPackage& pkg) {
    Ordered out;
    out["name"] = pkg.name;
    out["SPDXID"] = pkg.id;
    putIfSet(out, "versionInfo", pkg.version);
    out["supplier"] = pkg.supplier;
    putIfSet(out, "originator", pkg.originator);
    out["downloadLocation"] = pkg.downloadLocation;
    out["filesAnalyzed"] = false;
    if (!pkg.checksums.empty()) {
        Ordered checksums = Ordered::array();
        for (const auto& c : pkg.checksums) {
            checksums.push_back({{"algorithm", c.algorithm}, {"checksumValue", c.hex}});
        }
        out["checksums"] = std::move(checksums);
    }
    putIfSet(out, "homepage", pkg.homepage);
    putIfSet(out, "sourceInfo", pkg.sourceInfo);
    out["licenseConcluded"] = pkg.licenseConcluded;
    out["licenseDeclared"] = pkg.licenseDeclared;
    out["copyrightText"] = pkg.copyrightText;
    putIfSet(out, "description", pkg.description);
    if (!pkg.externalRefs.empty()) {
        Ordered refs = Ordered::array();
        for (const auto& r : pkg.externalRefs) {
            Ordered ref;
            ref["referenceCategory"] = r.category;
            ref["referenceType"] = r.type;
            ref["referenceLocator"] = r.locator;
            refs.push_back(std::move(ref));
        }
        out["externalRefs"] = std::move(refs);
    }
    putIfSet(out, "primaryPackagePurpose", pkg.primaryPurpose);
    return out;
}

}  // namespace

std::string writeSpdxJson(const Sbom& sbom, const DocumentOptions& options) {
    SpdxDocument doc = buildSpdxDocument(sbom, options);
    Ordered out;
    out["spdxVersion"] = "SPDX-2.3";
    out["dataLicense"] = "CC0-1.0";
    out["SPDXID"] = "SPDXRef-DOCUMENT";
    out["name"] = doc.name;
    out["documentNamespace"] = doc.documentNamespace;
    Ordered creation;
    creation["creators"] = doc.creators;
    creation["created"] = doc.created;
    out["creationInfo"] = std::move(creation);
    Ordered packages = Ordered::array();
    for (const auto& pkg : doc.packages) packages.push_back(packageJson(pkg));
    out["packages"] = std::move(packages);
    if (!doc.extractedLicenses.empty()) {
        Ordered licenses = Ordered::array();
        for (const auto& l : doc.extractedLicenses) {
            Ordered entry;
            entry["licenseId"] = l.id;
            entry["extractedText"] = l.text;
            entry["name"] = l.name;
            licenses.push_back(std::move(entry));
        }
        out["hasExtractedLicensingInfos"] = std::move(licenses);
    }
    Ordered relationships = Ordered::array();
    for (const auto& r : doc.relationships) {
        Ordered entry;
        entry["spdxElementId"] = r.element;
        entry["relatedSpdxElement"] = r.related;
        entry["relationshipType"] = r.type;
        relationships.push_back(std::move(entry));
    }
    out["relationships"] = std::move(relationships);
    return json::documentText(std::move(out));
}

}  // namespace signet::sbom
