// SbomAttachment: `cosign attach sbom` (the .sbom tag, overwritten) followed by `cosign sign` of
// the SBOM manifest, whose signature lands in that manifest's own .sig tag.
#pragma once

#include <string>

#include "cosign/ImageSigner.h"

namespace signet::cosign {

// The layer media type cosign uses: text/spdx+json, text/spdx, application/vnd.cyclonedx+json,
// application/vnd.cyclonedx+xml, application/vnd.syft+json. `type` is spdx|cyclonedx|syft and
// `json` whether the document is JSON (cosign decides by --input-format or a .json file name).
std::string sbomMediaType(const std::string& type, bool json);

struct AttachedSbom {
    std::string location;        // "registry/repo:sha256-<image hex>.sbom"
    std::string manifestDigest;  // digest of the SBOM manifest now at that tag
    SignedImage signature;       // the signature of that manifest
};

// Replaces repo:sha256-<digest>.sbom with a one-layer image holding `document`, then signs the
// new manifest's digest with `identity` (the repository, as cosign sign --attachment sbom does).
AttachedSbom attachSbom(SignatureStore& store, ImageSigner& signer, const oci::Repository& repo,
                        const std::string& digest, const std::string& document,
                        const std::string& mediaType, const std::string& identity);

}  // namespace signet::cosign
