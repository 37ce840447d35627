// AttachmentTag: where cosign stores a digest's signatures, attestations and SBOMs
// (sha256-<hex>.sig).
#pragma once

#include <string>

#include "oci/Reference.h"

namespace signet::cosign {

enum class AttachmentKind { Signature, Attestation, Sbom };

// "sha256-<hex>" for "sha256:<hex>": the OCI 1.1 referrers tag schema's tag, and the tag
// cosign copy gives each manifest it copies.
std::string digestTag(const std::string& digest);

// "sha256-<hex>.sig" / ".att" / ".sbom" for a "sha256:<hex>" digest.
std::string attachmentTag(const std::string& digest, AttachmentKind kind);

// "registry/repo:sha256-<hex>.sig": what `cosign triangulate` prints.
std::string attachmentLocation(const oci::Repository& repository, const std::string& tag);

}  // namespace signet::cosign
