#include "sbom/write/SpdxDocument.h"

#include <cctype>
#include <map>
#include <set>

#include "crypto/Encoding.h"
#include "json/GoTime.h"
#include "sbom/license/SpdxLicenseExpression.h"
#include "sbom/purl/PackageUrl.h"

namespace signet::sbom {
namespace {

std::string sourceInfoPhrase(const std::string& type) {
    static const std::map<std::string, std::string> phrases = {
        {package_type::kDeb, "acquired package info from DPKG DB"},
        {package_type::kApk, "acquired package info from APK DB"},
        {package_type::kRpm, "acquired package info from RPM DB"},
        {package_type::kPython,
         "acquired package info from installed python package manifest file"},
        {package_type::kNpm, "acquired package info from installed node module manifest file"},
        {package_type::kGoModule, "acquired package info from go module information"},
        {package_type::kJavaArchive, "acquired package info from installed java archive"},
    };
    auto it = phrases.find(type);
    return it == phrases.end() ? "acquired package info from the image" : it->second;
}

std::string sourceInfo(const Package& pkg) {
    std::string out = sourceInfoPhrase(pkg.type) + ": ";
    for (std::size_t i = 0; i < pkg.locations.size(); ++i) {
        if (i) out += ", ";
        out += pkg.locations[i].path;
    }
    return out;
}

// A URI the schema and SPDX accept as a download location, else NOASSERTION.
std::string downloadLocation(const std::string& candidate) {
    if (candidate == "none") return "NONE";
    auto colon = candidate.find("://");
    bool plausible = colon != std::string::npos && colon > 0 &&
                     candidate.find_first_of(" \t\r\n\"<>\\^`{|}") == std::string::npos;
    return plausible ? candidate : "NOASSERTION";
}

// A stable 16-hex-digit identity for a package: type, name, version, purl and locations.
std::string packageHash(const Package& pkg) {
    std::string key = pkg.type + '\n' + pkg.name + '\n' + pkg.version + '\n' + pkg.purl;
    for (const auto& loc : pkg.locations) key += '\n' + loc.path + '\t' + loc.layerDiffId;
    return crypto::hexEncode(crypto::sha256(key)).substr(0, 16);
}

std::string uniqueId(const std::string& candidate, std::set<std::string>& used) {
    std::string id = candidate;
    for (int n = 2; !used.insert(id).second; ++n) id = candidate + "-" + std::to_string(n);
    return id;
}

std::string namespaceName(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        bool safe = std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '/' || c == '~';
        out += safe ? static_cast<char>(c) : '-';
    }
    return out.empty() ? "image" : out;
}

SpdxPackage toSpdxPackage(const Package& pkg, std::set<std::string>& used,
                          std::map<std::string, std::string>& extracted) {
    SpdxPackage out;
    out.id =
        uniqueId(spdxId("Package-" + pkg.type + "-" + pkg.name + "-" + packageHash(pkg)), used);
    out.name = pkg.name;
    out.version = pkg.version;
    if (!pkg.originator.empty()) {
        out.originator = pkg.originator;
        out.supplier = pkg.originator;
    }
    out.downloadLocation = downloadLocation(pkg.downloadLocation);
    out.homepage = downloadLocation(pkg.homepage) == "NOASSERTION" ? "" : pkg.homepage;
    out.description = pkg.description;
    out.sourceInfo = sourceInfo(pkg);
    out.licenseDeclared = spdxLicenseExpression(pkg.licenses, extracted);
    out.checksums = pkg.checksums;
    if (!pkg.purl.empty()) out.externalRefs.push_back({"PACKAGE-MANAGER", "purl", pkg.purl});
    return out;
}

SpdxPackage rootPackage(const ImageIdentity& image) {
    SpdxPackage root;
    root.id = spdxId("DocumentRoot-Image-" + image.name);
    root.name = image.name.empty() ? "image" : image.name;
    root.version = image.tag.empty() ? image.manifestDigest : image.tag;
    root.primaryPurpose = "CONTAINER";
    std::string hex =
        image.manifestDigest.rfind("sha256:", 0) == 0 ? image.manifestDigest.substr(7) : "";
    if (!hex.empty()) root.checksums.push_back({"SHA256", hex});
    if (!image.manifestDigest.empty()) {
        root.externalRefs.push_back({"PACKAGE-MANAGER", "purl", imagePurl(image)});
    }
    return root;
}

}  // namespace

std::string spdxId(const std::string& suffix) {
    std::string out = "SPDXRef-";
    for (unsigned char c : suffix) {
        out += (std::isalnum(c) || c == '.' || c == '-') ? static_cast<char>(c) : '-';
    }
    return out;
}

std::string imagePurl(const ImageIdentity& image) {
    PackageUrl purl{"oci",
                    "",
                    image.name.empty() ? "image" : image.name,
                    image.manifestDigest,
                    {{"arch", image.architecture}, {"tag", image.tag}}};
    return purl.toString();
}

SpdxDocument buildSpdxDocument(const Sbom& sbom, const DocumentOptions& options) {
    SpdxDocument doc;
    doc.name = sbom.image.name.empty() ? "image" : sbom.image.name;
    doc.documentNamespace = "https://spdx.org/spdxdocs/" + options.toolName + "/image/" +
                            namespaceName(sbom.image.name) + "-" + options.uuid;
    doc.created = json::rfc3339Utc(options.created);
    doc.creators = {"Tool: " + options.toolName + "-" + options.toolVersion};

    std::set<std::string> used = {"SPDXRef-DOCUMENT"};
    std::map<std::string, std::string> extracted;
    SpdxPackage root = rootPackage(sbom.image);
    used.insert(root.id);
    doc.rootId = root.id;
    for (const auto& pkg : sbom.packages) {
        doc.packages.push_back(toSpdxPackage(pkg, used, extracted));
    }
    for (const auto& pkg : doc.packages) doc.relationships.push_back({root.id, "CONTAINS", pkg.id});
    for (const auto& edge : sbom.dependencies) {
        if (edge.dependency < doc.packages.size() && edge.dependant < doc.packages.size()) {
            doc.relationships.push_back({doc.packages[edge.dependency].id, "DEPENDENCY_OF",
                                         doc.packages[edge.dependant].id});
        }
    }
    doc.relationships.push_back({"SPDXRef-DOCUMENT", "DESCRIBES", root.id});
    doc.packages.push_back(std::move(root));
    for (const auto& [id, name] : extracted)
        doc.extractedLicenses.push_back({id, name, "NOASSERTION"});
    return doc;
}

}  // namespace signet::sbom
