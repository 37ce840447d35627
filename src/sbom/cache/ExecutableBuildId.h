// ExecutableBuildId: the GNU build-id the linker stamped on the running signet binary, so that
// what one build cached is never read by another.
#pragma once

#include <string>

namespace signet::sbom {

// The build-id note of the main program in hex, or "" when it has none.
std::string executableBuildId();

}  // namespace signet::sbom
