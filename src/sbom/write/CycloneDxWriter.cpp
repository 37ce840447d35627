#include "sbom/write/CycloneDxWriter.h"

#include <map>
#include <set>

#include "json/DocumentWriter.h"
#include "json/GoJson.h"
#include "json/GoTime.h"
#include "sbom/license/SpdxLicenseExpression.h"
#include "sbom/write/SpdxDocument.h"

namespace signet::sbom {
namespace {

using json::Ordered;

std::string hashAlgorithm(const std::string& spdxAlgorithm) {
    if (spdxAlgorithm == "SHA1") return "SHA-1";
    if (spdxAlgorithm == "SHA256") return "SHA-256";
    if (spdxAlgorithm == "SHA512") return "SHA-512";
    return "";
}

Ordered property(const std::string& name, const std::string& value) {
    Ordered p;
    p["name"] = name;
    p["value"] = value;
    return p;
}

// A single known id as {"license":{"id"}}, anything else as one SPDX expression.
Ordered licensesOf(const Package& pkg) {
    Ordered out = Ordered::array();
    std::map<std::string, std::string> extracted;
    std::string expression = spdxLicenseExpression(pkg.licenses, extracted);
    if (expression == "NOASSERTION") return out;
    bool single = expression.find(' ') == std::string::npos;
    Ordered entry;
    if (single && extracted.empty()) {
        entry["license"]["id"] = expression;
    } else if (single) {
        entry["license"]["name"] = extracted.begin()->second;
    } else {
        entry["expression"] = expression;
    }
    out.push_back(std::move(entry));
    return out;
}

Ordered component(const Package& pkg, const std::string& ref) {
    Ordered c;
    c["bom-ref"] = ref;
    c["type"] = "library";
    if (pkg.originator.rfind("Person: ", 0) == 0) c["author"] = pkg.originator.substr(8);
    if (pkg.originator.rfind("Organization: ", 0) == 0) c["publisher"] = pkg.originator.substr(14);
    c["name"] = pkg.name;
    c["version"] = pkg.version;
    if (!pkg.description.empty()) c["description"] = pkg.description;
    Ordered hashes = Ordered::array();
    for (const auto& sum : pkg.checksums) {
        std::string alg = hashAlgorithm(sum.algorithm);
        if (!alg.empty()) hashes.push_back({{"alg", alg}, {"content", sum.hex}});
    }
    if (!hashes.empty()) c["hashes"] = std::move(hashes);
    Ordered licenses = licensesOf(pkg);
    if (!licenses.empty()) c["licenses"] = std::move(licenses);
    if (!pkg.purl.empty()) c["purl"] = pkg.purl;
    Ordered props = Ordered::array();
    props.push_back(property("syft:package:foundBy", pkg.foundBy));
    props.push_back(property("syft:package:type", pkg.type));
    for (std::size_t i = 0; i < pkg.locations.size(); ++i) {
        std::string prefix = "syft:location:" + std::to_string(i) + ":";
        if (!pkg.locations[i].layerDiffId.empty()) {
            props.push_back(property(prefix + "layerID", pkg.locations[i].layerDiffId));
        }
        props.push_back(property(prefix + "path", pkg.locations[i].path));
    }
    c["properties"] = std::move(props);
    return c;
}

std::string uniqueRef(const std::string& candidate, std::set<std::string>& used) {
    std::string ref = candidate;
    for (int n = 2; !used.insert(ref).second; ++n) ref = candidate + "#" + std::to_string(n);
    return ref;
}

}  // namespace

// Written member by member: components and dependencies one element at a time.
std::string writeCycloneDxJson(const Sbom& sbom, const DocumentOptions& options) {
    json::DocumentWriter bom;
    bom.member("$schema", Ordered("http://cyclonedx.org/schema/bom-1.6.schema.json"));
    bom.member("bomFormat", Ordered("CycloneDX"));
    bom.member("specVersion", Ordered("1.6"));
    bom.member("serialNumber", Ordered("urn:uuid:" + options.uuid));
    bom.member("version", Ordered(1));
    Ordered metadata;
    metadata["timestamp"] = json::rfc3339Utc(options.created);
    Ordered tool;
    tool["type"] = "application";
    tool["author"] = options.toolName;
    tool["name"] = options.toolName;
    tool["version"] = options.toolVersion;
    metadata["tools"]["components"] = Ordered::array({tool});
    std::set<std::string> used;
    Ordered image;
    image["bom-ref"] = uniqueRef(spdxId("DocumentRoot-Image-" + sbom.image.name), used);
    image["type"] = "container";
    image["name"] = sbom.image.name.empty() ? "image" : sbom.image.name;
    image["version"] = sbom.image.tag.empty() ? sbom.image.manifestDigest : sbom.image.tag;
    if (!sbom.image.manifestDigest.empty()) image["purl"] = imagePurl(sbom.image);
    metadata["component"] = std::move(image);
    bom.member("metadata", metadata);

    bom.beginArray("components");
    std::vector<std::string> refs;
    for (const auto& pkg : sbom.packages) {
        std::string base =
            pkg.purl.empty() ? pkg.type + ":" + pkg.name + "@" + pkg.version : pkg.purl;
        refs.push_back(uniqueRef(base, used));
        bom.element(component(pkg, refs.back()));
    }
    if (sbom.distro) {
        Ordered os;
        os["bom-ref"] = uniqueRef("os:" + sbom.distro->id + "@" + sbom.distro->versionId, used);
        os["type"] = "operating-system";
        os["name"] = sbom.distro->id;
        if (!sbom.distro->versionId.empty()) os["version"] = sbom.distro->versionId;
        if (!sbom.distro->prettyName.empty()) os["description"] = sbom.distro->prettyName;
        bom.element(os);
    }
    bom.endArray();
    std::map<std::size_t, std::vector<std::string>> dependsOn;
    for (const auto& edge : sbom.dependencies) {
        if (edge.dependency < refs.size() && edge.dependant < refs.size()) {
            dependsOn[edge.dependant].push_back(refs[edge.dependency]);
        }
    }
    if (!dependsOn.empty()) {
        bom.beginArray("dependencies");
        for (const auto& [dependant, deps] : dependsOn) {
            Ordered entry;
            entry["ref"] = refs[dependant];
            entry["dependsOn"] = deps;
            bom.element(entry);
        }
        bom.endArray();
    }
    return std::move(bom).finish();
}

}  // namespace signet::sbom
