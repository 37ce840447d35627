// LinuxRelease: the distribution identified from the image's os-release (plus Debian's point
// release).
#pragma once

#include <string>
#include <vector>

namespace signet::sbom {

struct LinuxRelease {
    std::string id;                   // ID, e.g. "debian", "alpine"
    std::vector<std::string> idLike;  // ID_LIKE, space separated in the file
    std::string versionId;  // VERSION_ID (Debian: replaced by /etc/debian_version's "12.15")
    std::string version;
    std::string versionCodename;
    std::string buildId;
    std::string prettyName;
    std::string name;

    // The purl `distro` qualifier: "<id>-<versionId>" (or "<id>-<buildId>"), empty if neither.
    std::string distroQualifier() const;
    // True when this release is `family` or lists it in ID_LIKE.
    bool isLike(const std::string& family) const;
};

}  // namespace signet::sbom
