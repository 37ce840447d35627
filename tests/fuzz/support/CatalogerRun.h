// CatalogerRun: one cataloger over a single-layer image holding the given files, read through
// the real LayerReader (file rules, reducers, limits) and SquashedFilesystem.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sbom/catalog/Cataloger.h"

namespace signet::fuzz {

struct ImageFile {
    std::string path;  // as written into the tar ("var/lib/dpkg/status")
    std::string content;
};

// Builds an uncompressed tar of `files`, reads it with `cataloger`'s file rules plus the
// os-release rules, and catalogs. Throws what the reader or cataloger throws.
std::vector<sbom::Package> catalogFiles(const sbom::Cataloger& cataloger,
                                        const std::vector<ImageFile>& files);

}  // namespace signet::fuzz
