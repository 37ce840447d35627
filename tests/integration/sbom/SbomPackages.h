// SbomPackages: the package set an emitted SBOM (SPDX JSON, SPDX tag-value, CycloneDX) declares.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace signet::testing {

// One catalogued package as the test compares it: purl type ("deb", "npm", …), the name and
// version the document states, and the purl itself.
struct SbomPackage {
    std::string type;
    std::string name;
    std::string version;
    std::string purl;
    auto operator<=>(const SbomPackage&) const = default;
};

// (type, name, version) — the identity the ground truth is compared on.
using PackageKey = std::tuple<std::string, std::string, std::string>;

// Every package with a purl of an SPDX 2.3 JSON document, except the image itself (pkg:oci).
std::vector<SbomPackage> spdxJsonPackages(const nlohmann::json& document);
// The same from SPDX tag-value text (PackageName / PackageVersion / ExternalRef purl lines).
std::vector<SbomPackage> spdxTagValuePackages(const std::string& text);
// The same from a CycloneDX JSON BOM (components, recursively; name includes the group; the
// image is metadata.component, not a component).
std::vector<SbomPackage> cycloneDxPackages(const nlohmann::json& bom);

std::multiset<PackageKey> keysOf(const std::vector<SbomPackage>& packages);
std::multiset<PackageKey> keysOfType(const std::vector<SbomPackage>& packages,
                                     const std::string& type);
std::multiset<std::string> purlsOf(const std::vector<SbomPackage>& packages);

// The purl type: "pkg:deb/debian/bash@5.2" → "deb"; "" when `purl` is not a purl.
std::string purlType(const std::string& purl);
// A purl's qualifier value, e.g. purlQualifier(p, "distro") → "debian-12.15"; "" when absent.
std::string purlQualifier(const std::string& purl, const std::string& key);

}  // namespace signet::testing
