// OsRelease: identifies the image's Linux distribution from /etc/os-release and Debian's point
// release.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sbom/layer/FileRule.h"
#include "sbom/layer/SquashedFilesystem.h"
#include "sbom/model/LinuxRelease.h"

namespace signet::sbom {

// The files identification reads (os-release in both places, /etc/debian_version).
std::vector<FileRule> osReleaseFileRules();

// Parses os-release text (KEY=value lines, quotes removed); nullopt when it has no ID/NAME.
std::optional<LinuxRelease> parseOsRelease(const std::string& text);

// /etc/os-release, else /usr/lib/os-release; for Debian a numeric /etc/debian_version
// ("12.15") replaces VERSION_ID. nullopt when the image has no release file.
std::optional<LinuxRelease> identifyRelease(const SquashedFilesystem& fs);

}  // namespace signet::sbom
