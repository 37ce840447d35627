// AttachmentTag: where cosign stores a digest's signatures, attestations and SBOMs
// (sha256-<hex>.sig).
#pragma once

#include <optional>
#include <string>

#include "config/Environment.h"
#include "oci/Reference.h"

namespace signet::cosign {

enum class AttachmentKind { Signature, Attestation, Sbom };

// "sha256-<hex>.sig" / ".att" / ".sbom" for a "sha256:<hex>" digest.
std::string attachmentTag(const std::string& digest, AttachmentKind kind);

// $COSIGN_REPOSITORY as a repository, nullopt when unset or empty. Throws Error(Config) for a
// value that is not a valid repository name (commands check it before their first request).
std::optional<oci::Repository> attachmentRepositoryOverride(const Environment& env);

// The repository attachments go to: the image's own, or all of $COSIGN_REPOSITORY when set
// (cosign replaces the whole repository). Throws Error(Config) for an invalid value.
oci::Repository attachmentRepository(const oci::Repository& image, const Environment& env);

// "registry/repo:sha256-<hex>.sig": what `cosign triangulate` prints.
std::string attachmentLocation(const oci::Repository& repository, const std::string& tag);

}  // namespace signet::cosign
