// SpdxJsonWriter: serialises an SBOM as SPDX 2.3 JSON (valid against the SPDX 2.3 JSON schema).
#pragma once

#include <string>

#include "sbom/model/Sbom.h"
#include "sbom/write/DocumentOptions.h"

namespace signet::sbom {

// Compact JSON in syft's key order, ending in a newline.
std::string writeSpdxJson(const Sbom& sbom, const DocumentOptions& options);

}  // namespace signet::sbom
