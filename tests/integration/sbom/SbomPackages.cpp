#include "SbomPackages.h"

#include <sstream>

namespace signet::testing {
namespace {

std::string purlOfSpdxPackage(const nlohmann::json& package) {
    for (const auto& ref : package.value("externalRefs", nlohmann::json::array())) {
        if (ref.value("referenceType", "") == "purl") return ref.value("referenceLocator", "");
    }
    return "";
}

SbomPackage makePackage(std::string name, std::string version, std::string purl) {
    return {purlType(purl), std::move(name), std::move(version), std::move(purl)};
}

// The image itself carries a pkg:oci purl; it is the subject, not a catalogued package.
bool isImagePurl(const std::string& purl) {
    return purlType(purl) == "oci";
}

void collectComponents(const nlohmann::json& components, std::vector<SbomPackage>& packages) {
    for (const auto& component : components) {
        std::string purl = component.value("purl", "");
        if (!purl.empty() && !isImagePurl(purl)) {
            std::string group = component.value("group", "");
            std::string name = component.value("name", "");
            packages.push_back(makePackage(group.empty() ? name : group + "/" + name,
                                           component.value("version", ""), purl));
        }
        if (component.contains("components")) collectComponents(component["components"], packages);
    }
}

}  // namespace

std::vector<SbomPackage> spdxJsonPackages(const nlohmann::json& document) {
    std::vector<SbomPackage> packages;
    for (const auto& package : document.value("packages", nlohmann::json::array())) {
        std::string purl = purlOfSpdxPackage(package);
        if (purl.empty() || isImagePurl(purl)) continue;
        packages.push_back(
            makePackage(package.value("name", ""), package.value("versionInfo", ""), purl));
    }
    return packages;
}

std::vector<SbomPackage> spdxTagValuePackages(const std::string& text) {
    std::vector<SbomPackage> packages;
    std::istringstream lines(text);
    std::string line, name, version, purl;
    bool inPackage = false;
    auto flush = [&] {
        if (inPackage && !purl.empty() && !isImagePurl(purl))
            packages.push_back(makePackage(name, version, purl));
        name.clear(), version.clear(), purl.clear();
    };
    const std::string purlPrefix = "ExternalRef: PACKAGE-MANAGER purl ";
    while (std::getline(lines, line)) {
        if (line.rfind("PackageName: ", 0) == 0) {
            flush();
            inPackage = true;
            name = line.substr(13);
        } else if (line.rfind("FileName: ", 0) == 0 || line.rfind("Relationship: ", 0) == 0) {
            flush();
            inPackage = false;
        } else if (inPackage && line.rfind("PackageVersion: ", 0) == 0) {
            version = line.substr(16);
        } else if (inPackage && line.rfind(purlPrefix, 0) == 0) {
            purl = line.substr(purlPrefix.size());
        }
    }
    flush();
    return packages;
}

std::vector<SbomPackage> cycloneDxPackages(const nlohmann::json& bom) {
    std::vector<SbomPackage> packages;
    collectComponents(bom.value("components", nlohmann::json::array()), packages);
    return packages;
}

std::multiset<PackageKey> keysOf(const std::vector<SbomPackage>& packages) {
    std::multiset<PackageKey> keys;
    for (const auto& p : packages) keys.insert({p.type, p.name, p.version});
    return keys;
}

std::multiset<PackageKey> keysOfType(const std::vector<SbomPackage>& packages,
                                     const std::string& type) {
    std::multiset<PackageKey> keys;
    for (const auto& p : packages) {
        if (p.type == type) keys.insert({p.type, p.name, p.version});
    }
    return keys;
}

std::multiset<std::string> purlsOf(const std::vector<SbomPackage>& packages) {
    std::multiset<std::string> purls;
    for (const auto& p : packages) purls.insert(p.purl);
    return purls;
}

std::string purlType(const std::string& purl) {
    if (purl.rfind("pkg:", 0) != 0) return "";
    auto slash = purl.find('/', 4);
    return slash == std::string::npos ? "" : purl.substr(4, slash - 4);
}

std::string purlQualifier(const std::string& purl, const std::string& key) {
    auto question = purl.find('?');
    if (question == std::string::npos) return "";
    std::string qualifiers = purl.substr(question + 1, purl.find('#') - question - 1);
    std::istringstream pairs(qualifiers);
    std::string pair;
    while (std::getline(pairs, pair, '&')) {
        if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
    }
    return "";
}

}  // namespace signet::testing
