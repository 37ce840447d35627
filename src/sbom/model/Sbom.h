// Sbom: the catalogue of one image (its identity, distribution and packages) that writers
// serialise.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbom/model/LinuxRelease.h"
#include "sbom/model/Package.h"

namespace signet::sbom {

// The image the SBOM describes.
struct ImageIdentity {
    std::string name;            // repository without tag or digest, e.g. "registry.io/team/app"
    std::string tag;             // may be empty
    std::string manifestDigest;  // "sha256:<hex>"
    std::string architecture;    // from the image config, e.g. "amd64"
    std::string os;              // from the image config, e.g. "linux"
    std::vector<std::string> diffIds;  // rootfs.diff_ids, one per layer in order
};

// `dependency` DEPENDENCY_OF `dependant`, as indices into Sbom::packages.
struct DependencyEdge {
    std::size_t dependency;
    std::size_t dependant;
    bool operator==(const DependencyEdge&) const = default;
};

struct Sbom {
    ImageIdentity image;
    std::optional<LinuxRelease> distro;
    std::vector<Package> packages;             // sorted with packageLess
    std::vector<DependencyEdge> dependencies;  // sorted, no duplicates or self-edges
    std::vector<std::string> warnings;         // skipped files, unreadable metadata: never secrets
    std::size_t layersFromCache = 0;           // layers taken from the layer cache, not fetched
};

}  // namespace signet::sbom
