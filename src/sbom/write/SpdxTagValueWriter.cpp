#include "sbom/write/SpdxTagValueWriter.h"

#include <algorithm>
#include <sstream>

#include "sbom/write/SpdxDocument.h"
#include "sbom/write/Utf8Text.h"

namespace signet::sbom {
namespace {

// Single-line values as they are; anything with a line break (or markup) inside <text>.
std::string value(const std::string& raw) {
    std::string text = validUtf8(raw);
    if (text.find_first_of("\r\n") == std::string::npos &&
        text.find("<text>") == std::string::npos) {
        return text;
    }
    std::string body = text;
    for (std::size_t at = 0; (at = body.find("</text>", at)) != std::string::npos;) {
        body.replace(at, 7, "</ text>");
    }
    return "<text>" + body + "</text>";
}

void line(std::ostringstream& out, const char* tag, const std::string& text) {
    if (!text.empty()) out << tag << ": " << value(text) << "\n";
}

void writePackage(std::ostringstream& out, const SpdxPackage& p) {
    out << "##### Package: " << value(p.name) << "\n\n";
    line(out, "PackageName", p.name);
    line(out, "SPDXID", p.id);
    line(out, "PackageVersion", p.version);
    line(out, "PackageSupplier", p.supplier);
    line(out, "PackageOriginator", p.originator);
    line(out, "PackageDownloadLocation", p.downloadLocation);
    line(out, "PrimaryPackagePurpose", p.primaryPurpose);
    out << "FilesAnalyzed: false\n";
    for (const auto& c : p.checksums)
        out << "PackageChecksum: " << c.algorithm << ": " << c.hex << "\n";
    line(out, "PackageHomePage", p.homepage);
    line(out, "PackageSourceInfo", p.sourceInfo);
    line(out, "PackageLicenseConcluded", p.licenseConcluded);
    line(out, "PackageLicenseDeclared", p.licenseDeclared);
    line(out, "PackageCopyrightText", p.copyrightText);
    line(out, "PackageDescription", p.description);
    for (const auto& r : p.externalRefs) {
        out << "ExternalRef: " << r.category << " " << r.type << " " << r.locator << "\n";
    }
    out << "\n";
}

}  // namespace

std::string writeSpdxTagValue(const Sbom& sbom, const DocumentOptions& options) {
    SpdxDocument doc = buildSpdxDocument(sbom, options);
    std::ostringstream out;
    out << "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n";
    line(out, "DocumentName", doc.name);
    line(out, "DocumentNamespace", doc.documentNamespace);
    for (const auto& creator : doc.creators) line(out, "Creator", creator);
    line(out, "Created", doc.created);
    out << "\n";
    std::vector<const SpdxPackage*> packages;
    for (const auto& p : doc.packages) packages.push_back(&p);
    std::sort(packages.begin(), packages.end(),
              [](const SpdxPackage* a, const SpdxPackage* b) { return a->id < b->id; });
    for (const auto* p : packages) writePackage(out, *p);
    if (!doc.extractedLicenses.empty()) {
        out << "##### Other Licenses\n\n";
        for (const auto& l : doc.extractedLicenses) {
            line(out, "LicenseID", l.id);
            out << "ExtractedText: <text>" << l.text << "</text>\n";
            line(out, "LicenseName", l.name);
            out << "\n";
        }
    }
    out << "##### Relationships\n\n";
    for (const auto& r : doc.relationships) {
        out << "Relationship: " << r.element << " " << r.type << " " << r.related << "\n";
    }
    return out.str();
}

}  // namespace signet::sbom
