// Cataloger: the seam every package cataloger implements — which files it needs, and what it finds.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbom/layer/FileRule.h"
#include "sbom/layer/SquashedFilesystem.h"
#include "sbom/model/LinuxRelease.h"
#include "sbom/model/Package.h"

namespace signet::sbom {

// What a cataloger sees once every layer is squashed.
struct CatalogContext {
    const SquashedFilesystem& fs;
    const std::optional<LinuxRelease>& distro;
    const std::vector<std::string>& diffIds;  // per layer index
    std::vector<std::string>& warnings;

    // The location of `path` (after symlinks) with the diffID of the layer holding it.
    FileLocation locate(const std::string& path) const;
};

class Cataloger {
  public:
    virtual ~Cataloger() = default;
    // syft's cataloger name, e.g. "dpkg-db-cataloger".
    virtual std::string name() const = 0;
    // The files it needs kept while the layers stream by.
    virtual std::vector<FileRule> fileRules() const = 0;
    // The packages found in the squashed image; bad metadata is a warning, not an error.
    virtual std::vector<Package> catalog(const CatalogContext& context) const = 0;
};

}  // namespace signet::sbom
