// GroundTruth: the package keys a fixture's recorded facts (truth/<tag>.json) call for.
#pragma once

#include <nlohmann/json.hpp>
#include <set>

#include "SbomPackages.h"

namespace signet::testing {

// PEP 503 normalisation: lower case, each run of '-', '_', '.' becomes one '-' (what syft
// reports as the package name, reference/sbom.md §2.6).
std::string normalizedPythonName(const std::string& name);

// deb packages dpkg-query reports as installed ("deb", Package, Version incl. epoch).
std::multiset<PackageKey> debKeys(const nlohmann::json& truth);
// dist-info/egg-info metadata the builder wrote or found ("pypi", Name normalised as PEP 503
// and syft do — reference/sbom.md §2.6 —, Version).
std::multiset<PackageKey> pythonKeys(const nlohmann::json& truth);
// package.json files with a name and a version ("npm", name, version).
std::multiset<PackageKey> npmKeys(const nlohmann::json& truth);
// `go version -m`: stdlib (go version), the main module and every dep ("golang", path, version);
// a "(devel)" main module takes the version from `-ldflags -X main.version=V` as "vV", the rule
// syft documents (reference/sbom.md §2.8).
std::multiset<PackageKey> goKeys(const nlohmann::json& truth);
// `rpm -qa` ("rpm", NAME, [EPOCH:]VERSION-RELEASE).
std::multiset<PackageKey> rpmKeys(const nlohmann::json& truth);
// The apk database entries the builder wrote ("apk", P, V).
std::multiset<PackageKey> apkKeys(const nlohmann::json& truth);

}  // namespace signet::testing
