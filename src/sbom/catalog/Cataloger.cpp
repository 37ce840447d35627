#include "sbom/catalog/Cataloger.h"

namespace signet::sbom {

FileLocation CatalogContext::locate(const std::string& path) const {
    FileLocation location;
    auto real = fs.realPath(path);
    location.path = real ? *real : path;
    if (const FileNode* node = fs.node(location.path)) {
        if (node->layerIndex < diffIds.size()) location.layerDiffId = diffIds[node->layerIndex];
    }
    return location;
}

}  // namespace signet::sbom
