// SpdxTagValueWriter: serialises an SBOM as SPDX 2.3 tag-value text (tools-golang's layout).
#pragma once

#include <string>

#include "sbom/model/Sbom.h"
#include "sbom/write/DocumentOptions.h"

namespace signet::sbom {

// The same packages, licenses and relationships as writeSpdxJson; packages sorted by SPDXID.
std::string writeSpdxTagValue(const Sbom& sbom, const DocumentOptions& options);

}  // namespace signet::sbom
