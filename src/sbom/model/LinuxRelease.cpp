#include "sbom/model/LinuxRelease.h"

#include <algorithm>

namespace signet::sbom {

std::string LinuxRelease::distroQualifier() const {
    if (id.empty()) return "";
    if (!versionId.empty()) return id + "-" + versionId;
    if (!buildId.empty()) return id + "-" + buildId;
    return "";
}

bool LinuxRelease::isLike(const std::string& family) const {
    return id == family || std::find(idLike.begin(), idLike.end(), family) != idLike.end();
}

}  // namespace signet::sbom
