// CycloneDxWriter: serialises an SBOM as CycloneDX 1.6 JSON.
#pragma once

#include <string>

#include "sbom/model/Sbom.h"
#include "sbom/write/DocumentOptions.h"

namespace signet::sbom {

// metadata.component = the image (type container); one library component per package with
// purl, licenses, hashes and syft-style location properties; an operating-system component
// when the distribution is known. serialNumber = urn:uuid:<options.uuid>.
std::string writeCycloneDxJson(const Sbom& sbom, const DocumentOptions& options);

}  // namespace signet::sbom
