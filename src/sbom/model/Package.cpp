#include "sbom/model/Package.h"

#include <tuple>

namespace signet::sbom {

bool packageLess(const Package& a, const Package& b) {
    if (std::tie(a.name, a.version, a.type) != std::tie(b.name, b.version, b.type)) {
        return std::tie(a.name, a.version, a.type) < std::tie(b.name, b.version, b.type);
    }
    auto paths = [](const Package& p) {
        std::vector<std::string> out;
        for (const auto& loc : p.locations) out.push_back(loc.path + "\n" + loc.layerDiffId);
        return out;
    };
    return paths(a) < paths(b);
}

}  // namespace signet::sbom
