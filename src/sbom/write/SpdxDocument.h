// SpdxDocument: an SBOM laid out as SPDX 2.3 elements (IDs, licenses, relationships) for the
// writers.
#pragma once

#include <string>
#include <vector>

#include "sbom/model/Sbom.h"
#include "sbom/write/DocumentOptions.h"

namespace signet::sbom {

struct SpdxExternalRef {
    std::string category;  // "PACKAGE-MANAGER", "SECURITY"
    std::string type;      // "purl", "cpe23Type"
    std::string locator;
};

struct SpdxPackage {
    std::string id;
    std::string name;
    std::string version;  // omitted when empty
    std::string supplier = "NOASSERTION";
    std::string originator;  // omitted when empty
    std::string downloadLocation = "NOASSERTION";
    std::string homepage;
    std::string description;
    std::string sourceInfo;
    std::string licenseConcluded = "NOASSERTION";
    std::string licenseDeclared = "NOASSERTION";
    std::string copyrightText = "NOASSERTION";
    std::string primaryPurpose;  // "CONTAINER" for the root, else omitted
    std::vector<Checksum> checksums;
    std::vector<SpdxExternalRef> externalRefs;
};

struct SpdxRelationship {
    std::string element;
    std::string type;
    std::string related;
};

struct SpdxExtractedLicense {
    std::string id;
    std::string name;
    std::string text = "NOASSERTION";
};

struct SpdxDocument {
    std::string name;
    std::string documentNamespace;
    std::string created;
    std::vector<std::string> creators;
    std::vector<SpdxPackage> packages;  // catalog order, root last (as syft writes it)
    std::vector<SpdxExtractedLicense> extractedLicenses;
    std::vector<SpdxRelationship> relationships;
    std::string rootId;
};

// Lays `sbom` out as SPDX: one package per catalogued package plus the image root
// (CONTAINER, checksum = manifest digest), `root CONTAINS pkg` for each, then
// `SPDXRef-DOCUMENT DESCRIBES root`.
SpdxDocument buildSpdxDocument(const Sbom& sbom, const DocumentOptions& options);

// "SPDXRef-" + `suffix` with every character outside [A-Za-z0-9.-] replaced by '-'.
std::string spdxId(const std::string& suffix);

// The image's purl: pkg:oci/<escaped name>@sha256%3A<hex>?arch=…&tag=….
std::string imagePurl(const ImageIdentity& image);

}  // namespace signet::sbom
