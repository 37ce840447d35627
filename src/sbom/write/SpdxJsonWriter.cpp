#include "sbom/write/SpdxJsonWriter.h"

#include "json/DocumentWriter.h"
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

// Written member by member; each package and relationship is dropped once it is text.
std::string writeSpdxJson(const Sbom& sbom, const DocumentOptions& options) {
    SpdxDocument doc = buildSpdxDocument(sbom, options);
    json::DocumentWriter out;
    out.member("spdxVersion", Ordered("SPDX-2.3"));
    out.member("dataLicense", Ordered("CC0-1.0"));
    out.member("SPDXID", Ordered("SPDXRef-DOCUMENT"));
    out.member("name", Ordered(doc.name));
    out.member("documentNamespace", Ordered(doc.documentNamespace));
    Ordered creation;
    creation["creators"] = doc.creators;
    creation["created"] = doc.created;
    out.member("creationInfo", creation);
    out.beginArray("packages");
    for (auto& pkg : doc.packages) {
        out.element(packageJson(pkg));
        pkg = {};
    }
    out.endArray();
    if (!doc.extractedLicenses.empty()) {
        out.beginArray("hasExtractedLicensingInfos");
        for (auto& l : doc.extractedLicenses) {
            Ordered entry;
            entry["licenseId"] = l.id;
            entry["extractedText"] = l.text;
            entry["name"] = l.name;
            out.element(entry);
            l = {};
        }
        out.endArray();
    }
    out.beginArray("relationships");
    for (const auto& r : doc.relationships) {
        Ordered entry;
        entry["spdxElementId"] = r.element;
        entry["relatedSpdxElement"] = r.related;
        entry["relationshipType"] = r.type;
        out.element(entry);
    }
    out.endArray();
    return std::move(out).finish();
}

}  // namespace signet::sbom
