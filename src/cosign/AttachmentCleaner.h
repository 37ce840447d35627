// AttachmentCleaner: what `cosign clean` removes from an image — its .sig, .att and .sbom tags
// and its Sigstore bundle referrers — and the removing.
#pragma once

#include <string>
#include <vector>

#include "cosign/StoreSettings.h"
#include "error/Error.h"
#include "oci/RegistryClient.h"

namespace signet::cosign {

enum class CleanType { Signature, Attestation, Sbom, Referrer, All };

struct CleanFailure {
    std::string location;
    Error error;
};

struct CleanReport {
    std::vector<std::string> removed;  // "registry/repo:sha256-<hex>.sig", "registry/repo@sha256:…"
    std::vector<CleanFailure> failed;
    // Bundle referrers a signature or attestation clean left in place.
    bool referrersLeft = false;
};

// Deletes what `type` names for repo@digest: the attachment tags where `settings` keeps them
// (by digest where the registry refuses deleting a tag), then for Referrer/All each referrer
// whose artifact type is a Sigstore bundle, taking it out of the tag-schema index too (the index
// goes when nothing else is left in it). Nothing there is not a failure; a failure does not stop
// the rest.
CleanReport cleanAttachments(oci::RegistryClient& client, const StoreSettings& settings,
                             const oci::Repository& repo, const std::string& digest,
                             CleanType type);

}  // namespace signet::cosign
