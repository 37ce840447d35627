// Package: one catalogued software package with its identity, evidence and license facts.
#pragma once

#include <string>
#include <vector>

namespace signet::sbom {

// Where a package's evidence lives: an absolute path in the squashed image and the layer
// (its diffID, "sha256:…") that holds the visible copy.
struct FileLocation {
    std::string path;
    std::string layerDiffId;
};

// A digest the package metadata declares, e.g. {"SHA1", "<hex>"} or {"SHA256", "<hex>"}.
struct Checksum {
    std::string algorithm;
    std::string hex;
};

// The package types signet catalogues; the strings are syft's package type names.
namespace package_type {
inline constexpr const char* kDeb = "deb";
inline constexpr const char* kApk = "apk";
inline constexpr const char* kRpm = "rpm";
inline constexpr const char* kPython = "python";
inline constexpr const char* kNpm = "npm";
inline constexpr const char* kGoModule = "go-module";
inline constexpr const char* kJavaArchive = "java-archive";
}  // namespace package_type

struct Package {
    std::string name;
    std::string version;  // "UNKNOWN" when the metadata has none (syft's compliance stub)
    std::string type;     // one of package_type
    std::string purl;     // empty when none can be formed (e.g. an OS package without a release)
    std::vector<std::string> licenses;  // declared license names/expressions, as found
    std::string originator;             // "Person: …" / "Organization: …" or empty
    std::string downloadLocation;       // a URI or empty
    std::string homepage;
    std::string description;
    std::vector<FileLocation> locations;  // primary evidence first
    std::vector<Checksum> checksums;
    std::string foundBy;  // the cataloger's name
    // Names this package answers to for dependency resolution (its own name is implied), and
    // the names it depends on (alternatives and version constraints already stripped). Edges
    // are resolved among packages of the same type found in the same evidence file.
    std::vector<std::string> provides;
    std::vector<std::string> dependsOn;
    // The file whose packages those names resolve among when it is not the primary evidence
    // (npm: a lock file's tree, though each package is found by its own package.json).
    std::string dependencyScope;
};

// True when a sorts before b in syft's catalog order: name, version, type, then paths.
bool packageLess(const Package& a, const Package& b);

}  // namespace signet::sbom
